/**
 * What this n8n process has learned about the videos of each execution parked on Wait via webhook, so that videos
 * whose deliveries all reach it cost no status read at all, and the final reads and downloads happen once.
 *
 * It is a memory of facts, never the only source of one: a video counts as ended because a verified delivery said so
 * or a status read showed it, and when no delivery has come for a while a sweep reads every video this process does
 * not know to have ended, until it meets one that is still running. So a process that restarted, or a webhook process
 * that saw only some of the deliveries (queue mode with several webhook processes), reads what it has not seen and
 * still decides right; it only reads more. Entries are bounded in number and age.
 */
import type { IBinaryData } from 'n8n-workflow';

import type { VideoStatus } from '../core';

export interface Ledger {
  /**
   * Videos known to have ended: with the status read (`status`), or the verified delivery that said so (`delivered`,
   * its facts as a status), or both; `mp4`: its download, started when its delivery came (undefined if it failed).
   */
  ended: Map<
    number,
    { status?: VideoStatus; delivered?: VideoStatus; mp4?: Promise<IBinaryData | undefined>; atMs: number }
  >;
  /** When each video was last read as still running. */
  readRunningAt: Map<number, number>;
  /** Verified deliveries this process has had for this wait: a sweep reads nothing while the count moves. */
  heard: number;
  /** Whether a delivery's handler is sweeping (waiting for quiet, then reading): one at a time. */
  sweeping: boolean;
  /** Ends the sweep's quiet wait early (a delivery came). */
  wake?: () => void;
  /** Set once a delivery has started the final reads and downloads: the execution resumes from that one alone. */
  finishing: boolean;
  touchedMs: number;
}

const MAX_ENTRIES = 1000;
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const ledgers = new Map<string, Ledger>();

function prune(nowMs: number): void {
  for (const [key, entry] of ledgers) {
    if (ledgers.size <= MAX_ENTRIES && nowMs - entry.touchedMs <= MAX_AGE_MS) break;
    ledgers.delete(key);
  }
}

/**
 * The ledger of one wait of one node in one execution: `videoIds` (the job list) tells the node's runs apart, since
 * a later run (Loop Over Items) parks again with a list of its own and must not inherit the finished run's ledger.
 * Insertion order doubles as age order for pruning.
 */
export function ledgerFor(
  executionId: string,
  nodeId: string,
  videoIds: ReadonlyArray<number | null>,
  nowMs: number,
): Ledger {
  const key = `${executionId}\n${nodeId}\n${videoIds.join(',')}`;
  let entry = ledgers.get(key);
  if (entry) {
    ledgers.delete(key);
  } else {
    entry = {
      ended: new Map(),
      readRunningAt: new Map(),
      heard: 0,
      sweeping: false,
      finishing: false,
      touchedMs: nowMs,
    };
  }
  entry.touchedMs = nowMs;
  ledgers.set(key, entry);
  prune(nowMs);
  return entry;
}

/** The videos not known to have ended, least recently read first (never read first, then the last item first). */
export function unknownVideos(ledger: Ledger, videoIds: readonly number[]): number[] {
  const order = new Map([...videoIds].reverse().map((id, rank) => [id, rank]));
  return videoIds
    .filter((id) => !ledger.ended.has(id))
    .sort(
      (a, b) =>
        (ledger.readRunningAt.get(a) ?? -1) - (ledger.readRunningAt.get(b) ?? -1) ||
        (order.get(a) ?? 0) - (order.get(b) ?? 0),
    );
}

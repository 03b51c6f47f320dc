/**
 * "Wait via webhook": the created videos report back to this execution's resume URL, and the execution is parked
 * (no worker held) until they have all ended.
 *
 * - The per-execution signing secret is DERIVED, never stored: core's deriveWebhookSecret (HMAC-SHA256 keyed with the
 *   Trending API key) over the execution id. Trending (which holds the key anyway) receives it as
 *   webhook.secret; on resume the node recomputes it from the same credential, in whichever main, webhook or worker
 *   process of a queue-mode setup gets the call. Nobody without the API key can forge a delivery that resumes it.
 * - Which videos to wait for is execution metadata (n8n "custom data", persisted with the execution), written before
 *   parking and read back on resume. n8n 2.41 (n8n-core execution-metadata.js) allows 10 keys per execution (a new key
 *   beyond that is silently dropped) and cuts values at 512 characters, logging an error for any value over 255. So
 *   the list is split over as many keys of at most 255 characters as it needs: `trending_wait_<node>` holds
 *   `v2:<parts>:<template>:` and the start of the base36 ids (`!<code>` for an item that failed before waiting, with
 *   its error code: `[a-z0-9_]`, at most 32 characters; a bare `!` when there is none, as older versions wrote), and
 *   `trending_wait_<node>_1`... the rest. Before creating anything the node checks the list will fit, at the longest
 *   possible video ID, in the keys other nodes left free. Error codes are best effort within that promise: when the
 *   list with them does not fit in the free keys, codes are dropped (from the last item back) until it does. It is
 *   shown in the executions list, which is harmless.
 */
import type { IWorkflowExecutionCustomData } from 'n8n-workflow';

import { deriveWebhookSecret, TEMPLATE_IDS, type TemplateId } from '../core';

/**
 * The path suffix of the node's restart webhook. n8n 2.41 (waiting-webhooks.js) routes `/webhook-waiting/<execution>
 * [/<suffix>]` to whichever node the execution is waiting at, matching only method and `webhook.path === suffix`. With
 * an empty path, a late Trending retry could resume a later Wait node ("On Webhook Call", POST, no suffix) of the same
 * execution; with this suffix it only ever reaches a waiting Trending node (anything else answers 404).
 */
export const RESUME_WEBHOOK_PATH = 'trending';

/** The resume URL with the restart webhook's suffix, inserted before the query (which carries n8n's resume token). */
export function resumeUrlWithSuffix(resumeUrl: string): string {
  const cut = resumeUrl.search(/[?#]/);
  const [base, rest] = cut === -1 ? [resumeUrl, ''] : [resumeUrl.slice(0, cut), resumeUrl.slice(cut)];
  return `${base.replace(/\/+$/, '')}/${RESUME_WEBHOOK_PATH}${rest}`;
}

export const WAIT_WEBHOOK_MAX_ITEMS = 50;

/** n8n 2.41's limits on an execution's custom data. */
export const CUSTOM_DATA_MAX_KEYS = 10;
const CUSTOM_DATA_MAX_KEY_LENGTH = 50;
/** n8n keeps 512 characters but logs an error for anything over 255: stay at 255. */
export const CUSTOM_DATA_VALUE_LENGTH = 255;

const VERSION = 'v2';
/** Keys `<base>`, `<base>_1` ... `<base>_8`: one digit of part count in the header. */
const MAX_PARTS = 9;
const LONGEST_ID = Number.MAX_SAFE_INTEGER.toString(36).length;
const LONGEST_TEMPLATE = Math.max(...TEMPLATE_IDS.map((id) => id.length));
/** `v2:9:didyouknow:` */
const LONGEST_HEADER = `${VERSION}:${MAX_PARTS}:`.length + LONGEST_TEMPLATE + 1;

/**
 * The context of the per-execution secret: the same on create and on resume, and the same for every node of the
 * execution. All of an execution's videos report to its one resume URL; a node parked later must be able to verify
 * (and acknowledge) a late delivery for a video an earlier node already finished waiting for, or Trending would
 * retry it for hours against an execution that no longer cares.
 */
export function waitWebhookSecret(apiKey: string, executionId: string): string {
  return deriveWebhookSecret(apiKey, 'n8n-wait', executionId);
}

/** The custom data keys of one node, first to last. */
export function jobsKeys(nodeId: string): string[] {
  const base = `trending_wait_${nodeId.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, CUSTOM_DATA_MAX_KEY_LENGTH - 3);
  return Array.from({ length: MAX_PARTS }, (_, part) => (part === 0 ? base : `${base}_${part}`));
}

export interface WaitJobs {
  template: TemplateId;
  /** One per input item, in order; null where the item failed before waiting. */
  videoIds: Array<number | null>;
  /**
   * Index-aligned with videoIds: the error code of an item that failed before waiting (undefined where unknown, or
   * where the item waits). Absent when no failed item has a code (and from lists written by older versions).
   */
  errorCodes?: Array<string | undefined>;
}

/** The longest error code kept for a failed item. */
export const MAX_ERROR_CODE_LENGTH = 32;

/**
 * An error code as the job list keeps it: lower case, `[a-z0-9_]` only (nothing that could split the list), at most
 * MAX_ERROR_CODE_LENGTH characters; undefined when nothing is left.
 */
export function safeErrorCode(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const safe = code
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_ERROR_CODE_LENGTH);
  return safe === '' ? undefined : safe;
}

function encodeSlots(videoIds: ReadonlyArray<number | null>, codes: ReadonlyArray<string | undefined>): string {
  return videoIds.map((id, index) => (id === null ? `!${codes[index] ?? ''}` : id.toString(36))).join(',');
}

/** The values of one body over as few parts as it needs, at most maxParts; undefined when it does not fit. */
function split(body: string, maxParts: number): string[] | undefined {
  const header = (parts: number) => `${VERSION}:${parts}:`;
  for (let parts = 1; parts <= Math.min(maxParts, MAX_PARTS); parts++) {
    const firstRoom = CUSTOM_DATA_VALUE_LENGTH - header(parts).length;
    if (body.length > firstRoom + (parts - 1) * CUSTOM_DATA_VALUE_LENGTH) continue;
    const values = [header(parts) + body.slice(0, firstRoom)];
    for (let start = firstRoom; start < body.length; start += CUSTOM_DATA_VALUE_LENGTH) {
      values.push(body.slice(start, start + CUSTOM_DATA_VALUE_LENGTH));
    }
    return values;
  }
  return undefined;
}

/**
 * The custom data values of a job list: the first has the header, all are at most 255 characters, at most maxParts
 * of them. Failed items keep their (safe) error codes as long as the list fits; otherwise codes are dropped from the
 * last item back until it does.
 */
export function encodeJobs(jobs: WaitJobs, maxParts: number = MAX_PARTS): string[] {
  const codes = jobs.videoIds.map((id, index) => (id === null ? safeErrorCode(jobs.errorCodes?.[index]) : undefined));
  for (let keep = codes.length; keep >= 0; keep--) {
    if (keep < codes.length && codes[keep] === undefined) continue;
    const kept = codes.map((code, index) => (index < keep ? code : undefined));
    const values = split(`${jobs.template}:${encodeSlots(jobs.videoIds, kept)}`, maxParts);
    if (values) return values;
  }
  throw new RangeError(
    `A wait list of ${jobs.videoIds.length} videos does not fit in ${Math.min(maxParts, MAX_PARTS)} custom data keys`,
  );
}

export function decodeJobs(values: ReadonlyArray<unknown>): WaitJobs | undefined {
  const first = values[0];
  if (typeof first !== 'string') return undefined;
  const header = /^v2:([1-9]):/.exec(first);
  if (!header) return undefined;
  const parts = Number(header[1]);
  const rest = values.slice(1, parts);
  if (rest.length !== parts - 1 || rest.some((value) => typeof value !== 'string')) return undefined;
  const body = first.slice(header[0].length) + rest.join('');
  const colon = body.indexOf(':');
  const template = body.slice(0, colon);
  if (colon < 0 || !(TEMPLATE_IDS as readonly string[]).includes(template)) return undefined;
  const slots = body.slice(colon + 1).split(',');
  // `!` alone (older versions, or no code) or `!<code>`: an item that failed before waiting.
  const failed = (slot: string) => /^![a-z0-9_]*$/.test(slot);
  const videoIds = slots.map((slot) => (failed(slot) ? null : /^[0-9a-z]+$/.test(slot) ? parseInt(slot, 36) : NaN));
  if (videoIds.some((id) => id !== null && !Number.isSafeInteger(id))) return undefined;
  const errorCodes = slots.map((slot) => (failed(slot) && slot.length > 1 ? slot.slice(1) : undefined));
  const jobs: WaitJobs = { template: template as TemplateId, videoIds };
  if (errorCodes.some((code) => code !== undefined)) jobs.errorCodes = errorCodes;
  return jobs;
}

/**
 * How many items one run of this node can wait for via webhook in this execution: the custom data keys other nodes
 * have not used, at the longest possible video ID, and never more than WAIT_WEBHOOK_MAX_ITEMS.
 */
/** The custom data keys this node may use: those other nodes have not, at most MAX_PARTS. */
function freeKeys(customData: IWorkflowExecutionCustomData, nodeId: string): number {
  const mine = new Set(jobsKeys(nodeId));
  const usedByOthers = Object.keys(customData.getAll()).filter((key) => !mine.has(key)).length;
  return Math.min(MAX_PARTS, Math.max(0, CUSTOM_DATA_MAX_KEYS - usedByOthers));
}

export function waitCapacity(customData: IWorkflowExecutionCustomData, nodeId: string): number {
  const room = freeKeys(customData, nodeId) * CUSTOM_DATA_VALUE_LENGTH - LONGEST_HEADER;
  // n ids take n * LONGEST_ID characters and n - 1 commas.
  const items = Math.floor((room + 1) / (LONGEST_ID + 1));
  return Math.max(0, Math.min(WAIT_WEBHOOK_MAX_ITEMS, items));
}

/** Records the job list; false when n8n did not keep it whole (the caller must not park then). */
export function storeJobs(customData: IWorkflowExecutionCustomData, nodeId: string, jobs: WaitJobs): boolean {
  const keys = jobsKeys(nodeId);
  let values: string[];
  try {
    values = encodeJobs(jobs, Math.max(1, freeKeys(customData, nodeId)));
  } catch {
    return false;
  }
  values.forEach((value, part) => customData.set(keys[part] as string, value));
  return values.every((value, part) => customData.get(keys[part] as string) === value);
}

export function readJobs(customData: IWorkflowExecutionCustomData, nodeId: string): WaitJobs | undefined {
  return decodeJobs(jobsKeys(nodeId).map((key) => customData.get(key)));
}

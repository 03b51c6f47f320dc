/**
 * "Wait via webhook": the created videos report back to this execution's resume URL, and the execution is parked
 * (no worker held) until they have all ended.
 *
 * - The per-execution signing secret is DERIVED, never stored: HMAC-SHA256 keyed with the Trending API key over the
 *   execution id and node id. Trending (which holds the key anyway) receives it as webhook.secret; on resume the node
 *   recomputes it from the same credential, in whichever main, webhook or worker process of a queue-mode setup gets
 *   the call. Nobody without the API key can forge a delivery that resumes the execution.
 * - Which videos to wait for is execution metadata (n8n "custom data", persisted with the execution), written before
 *   parking and read back on resume: one key per node, `v1:<template>:<base36 ids>` (`!` for an item that failed before
 *   a video existed). It is shown in the executions list, which is harmless (video IDs are not secrets).
 */
import { createHmac } from 'crypto';

import type { TemplateId } from '../core';

export const WAIT_WEBHOOK_MAX_ITEMS = 50;
export const WAIT_JOBS_VERSION = 'v1';

export function waitSecret(apiKey: string, executionId: string, nodeId: string): string {
  return createHmac('sha256', apiKey).update(`trending-n8n-wait-v1|${executionId}|${nodeId}`).digest('hex');
}

export function jobsKey(nodeId: string): string {
  return `trending_wait_${nodeId.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 50);
}

export interface WaitJobs {
  template: TemplateId;
  /** One per input item, in order; null where the item failed before a video existed. */
  videoIds: Array<number | null>;
}

export function encodeJobs(jobs: WaitJobs): string {
  const ids = jobs.videoIds.map((id) => (id === null ? '!' : id.toString(36)));
  return `${WAIT_JOBS_VERSION}:${jobs.template}:${ids.join(',')}`;
}

export function decodeJobs(value: unknown): WaitJobs | undefined {
  if (typeof value !== 'string') return undefined;
  const [version, template, list] = value.split(':');
  if (version !== WAIT_JOBS_VERSION || !template || list === undefined) return undefined;
  const videoIds = list.split(',').map((part) => (part === '!' ? null : parseInt(part, 36)));
  if (videoIds.some((id) => id !== null && !Number.isSafeInteger(id))) return undefined;
  return { template: template as TemplateId, videoIds };
}

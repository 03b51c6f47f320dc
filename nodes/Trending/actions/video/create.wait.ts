/**
 * Create's waiting part: by polling (each video until it ends, a few at a time), or via webhook (the execution parks
 * once for every video that calls it back; see helpers/parking.ts for which do).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isTerminalStatus, TrendingError, type TemplateId, type TrendingClient, type VideoStatus } from '../../core';
import { settleInPool } from '../../helpers/pool';
import { CUSTOM_DATA_MAX_KEYS, CUSTOM_DATA_VALUE_LENGTH, storeJobs } from '../../helpers/waitWebhook';
import { acceptedItem, finishedItem, type Created, type CreateOutput } from './create.finish';

const POLL_CONCURRENCY = 4;

interface Wait {
  ctx: IExecuteFunctions;
  client: TrendingClient;
  template: TemplateId;
  output: CreateOutput;
  signal: AbortSignal | undefined;
}

/**
 * Waits for each video by polling and outputs it finished (or its error, with Continue On Fail). `ended`: terminal
 * statuses already read, which are not read again.
 */
export async function pollAll(
  { ctx, client, template, output, signal }: Wait,
  jobs: Created[],
  ended: ReadonlyMap<number, VideoStatus> = new Map(),
): Promise<void> {
  const finished = await settleInPool(jobs, POLL_CONCURRENCY, async (job) => {
    const timeoutMs = job.options.waitTimeoutMs;
    const status =
      ended.get(job.response.video_id) ??
      (await client.waitForCompletion(template, job.response.video_id, { timeoutMs, signal }));
    return await finishedItem(ctx, client, template, job, status);
  });
  finished.forEach((result, index) => {
    const job = jobs[index] as Created;
    if (result.status === 'fulfilled') output.set(job.itemIndex, result.value);
    else output.fail(result.reason, job.itemIndex);
  });
}

/**
 * Wait via webhook. Videos that call elsewhere (a custom key's earlier video) are waited for here, by polling. The rest
 * park the execution, once for all of them, when one of them is sure to call it back.
 */
export async function waitViaWebhook(wait: Wait, created: Created[], itemCount: number): Promise<void> {
  const { ctx, client, template, output, signal } = wait;
  const node = ctx.getNode();
  // The videos some read (the last status of a wait, or a single read) saw ended: a status that ended stays ended.
  const endedStatus = new Map<number, VideoStatus>();
  const saw = (videoId: number, status: VideoStatus | undefined) => {
    if (status && isTerminalStatus(status)) endedStatus.set(videoId, status);
  };

  const elsewhere = created.filter((job) => job.destination === 'elsewhere');
  const waited = await settleInPool(elsewhere, POLL_CONCURRENCY, async (job) => {
    const timeoutMs = job.options.waitTimeoutMs;
    return await client.waitForCompletion(template, job.response.video_id, { timeoutMs, signal });
  });
  const ended = new Set<Created>();
  waited.forEach((result, index) => {
    const job = elsewhere[index] as Created;
    if (result.status === 'fulfilled') {
      saw(job.response.video_id, result.value);
      ended.add(job);
    } else {
      saw(job.response.video_id, result.reason instanceof TrendingError ? result.reason.lastStatus : undefined);
      output.fail(result.reason, job.itemIndex);
    }
  });
  // Parking needs one video sure to call back: a `here` one, or a `hereIfRunning` one read as still running. So these
  // are read, last created first, only until one is running (a read that fails parks too, as before any read); the
  // resume call's sweep reads the others if their deliveries do not come (an earlier run may have spent them).
  const recheck = created.filter((job) => job.destination === 'hereIfRunning').reverse();
  if (!created.some((job) => job.destination === 'here')) {
    for (const job of recheck) {
      const status = await client.getVideo(template, job.response.video_id, { signal }).catch(() => undefined);
      saw(job.response.video_id, status);
      if (!isTerminalStatus(status)) break;
    }
  }
  for (const job of recheck) if (endedStatus.has(job.response.video_id)) ended.add(job);
  const parkFor = created.filter((job) => job.destination !== 'elsewhere' && !ended.has(job));

  if (parkFor.length === 0) return await pollAll(wait, [...ended], endedStatus);

  const videoIds: Array<number | null> = new Array(itemCount).fill(null);
  for (const job of created) {
    // A video polled above that has not ended (its wait timed out, with Continue On Fail) is not waited for again.
    if (parkFor.includes(job) || endedStatus.has(job.response.video_id))
      videoIds[job.itemIndex] = job.response.video_id;
  }
  const errorCodes = videoIds.map((id, itemIndex) => (id === null ? output.errorCodes[itemIndex] : undefined));
  if (!storeJobs(ctx.customData, node.id, { template, videoIds, errorCodes })) {
    throw new NodeOperationError(node, 'Wait via webhook could not record the videos to wait for', {
      description: `The execution's custom data did not keep the list (n8n allows ${CUSTOM_DATA_MAX_KEYS} keys of ${CUSTOM_DATA_VALUE_LENGTH} characters). Videos ${created.map((job) => job.response.video_id).join(', ')} keep rendering; use Wait via polling, or a smaller batch.`,
    });
  }
  const timeoutMs = Math.max(...created.map((job) => job.options.waitTimeoutMs));
  await ctx.putExecutionToWait(new Date(Date.now() + timeoutMs));
  for (const job of created) output.set(job.itemIndex, acceptedItem(template, job));
}

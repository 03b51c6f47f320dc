/**
 * The Idempotency-Key of one item's create, render or signed-trigger start.
 *
 * The node is identified by its id, not its name: renaming a node keeps its keys (a renamed node re-running a sheet
 * must not make a second video per row). The operation includes the template (`create:<template>`,
 * `trigger:<videoType>`, `render:<template>:<videoId>`): Trending scopes keys per account, so the same custom value in
 * two templates must not return the other template's video.
 *
 * - Automatic: derived from workflow id, execution id, node id, operation, the node's RUN index and the item index.
 *   n8n's Retry on Fail re-runs the node in the same run, so it sends the same keys and gets the same videos back.
 *   A node that runs several times in one execution (Loop Over Items: every batch starts again at item 0) gets new
 *   keys per run, so batch 2 never receives batch 1's videos. A new execution (including "Retry execution" from the
 *   executions list, which n8n runs as a new execution) makes new videos.
 * - Custom (an expression such as a sheet row id): derived from workflow id, node id, operation and that value, so
 *   the same row never makes a second video, across runs and executions.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { deriveIdempotencyKey } from '../core';

/** Which run of this node in the execution this is (0 for the first; Loop Over Items counts up). */
export function runIndexOf(ctx: IExecuteFunctions, itemIndex: number): number {
  // IExecuteFunctions has no getRunIndex() in n8n-workflow 2.41; the expression proxy exposes it as $runIndex.
  const value = Number(ctx.evaluateExpression('{{ $runIndex }}', itemIndex));
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/** Whether the user gave a key (an expression such as a row ID) rather than leaving it to the node. */
export function isCustomKey(custom: unknown): boolean {
  return custom !== undefined && custom !== null && String(custom).trim() !== '';
}

export function idempotencyKeyFor(
  ctx: IExecuteFunctions,
  itemIndex: number,
  operation: string,
  custom: unknown,
): string {
  const workflowId = ctx.getWorkflow().id ?? 'unsaved';
  const nodeId = ctx.getNode().id;
  if (isCustomKey(custom)) {
    // Hashed into the header's key, so any text the user maps in is a usable key, however long.
    return deriveIdempotencyKey('n8n-custom', workflowId, nodeId, operation, String(custom).trim());
  }
  const runIndex = runIndexOf(ctx, itemIndex);
  return deriveIdempotencyKey('n8n', workflowId, ctx.getExecutionId(), nodeId, operation, runIndex, itemIndex);
}

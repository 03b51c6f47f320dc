/**
 * The Idempotency-Key of one item's create, render or signed-trigger start.
 *
 * The node is identified by its id, not its name: renaming a node keeps its keys (a renamed node re-running a sheet
 * must not make a second video per row). The operation includes the template (`create:<template>`,
 * `trigger:<videoType>`, `render:<template>:<videoId>`): Trending scopes keys per account, so the same custom value in
 * two templates must not return the other template's video.
 *
 * - Automatic: derived from workflow id, the FIRST execution of a Retry chain, node id, operation, the node's RUN
 *   index and the item index. n8n's Retry on Fail re-runs the node in the same run, so it sends the same keys and gets
 *   the same videos back. A node that runs several times in one execution (Loop Over Items: every batch starts again at
 *   item 0) gets new keys per run, so batch 2 never receives batch 1's videos. "Retry" of a failed execution (from the
 *   executions list) runs under a new execution id, but n8n starts it from a copy of the failed execution's data,
 *   context included, and keeps the run indexes of the nodes that had finished: see firstExecutionId. A new execution
 *   that is not a Retry makes new videos.
 * - Custom (an expression such as a sheet row id): derived from workflow id, node id, operation and that value, so
 *   the same row never makes a second video, across runs and executions.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { deriveIdempotencyKey } from '../core';

/** `$runIndex`: which run of this node in the execution this is (0 for the first; Loop Over Items counts up). */
function readRunIndex(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
  // IExecuteFunctions has no getRunIndex() in n8n-workflow 2.41; the expression proxy exposes it as $runIndex.
  const value = Number(ctx.evaluateExpression('{{ $runIndex }}', itemIndex));
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Whether this is the node's first run in the execution (a $runIndex that cannot be read: not known to be). */
export function isFirstRun(ctx: IExecuteFunctions, itemIndex: number): boolean {
  return readRunIndex(ctx, itemIndex) === 0;
}

/**
 * Whether this execution's automatic keys are its own: not in a Retry, whose automatic keys are the first
 * execution's, so that the items it had created get their videos back, videos that call that execution.
 */
export function automaticKeysAreOwn(ctx: IExecuteFunctions): boolean {
  return firstExecutionId(ctx) === ctx.getExecutionId();
}

/** Where the first execution of a Retry chain is remembered, in the execution's flow context. */
export const FIRST_EXECUTION_KEY = 'trendingFirstExecutionId';

/**
 * The id of the first execution of this execution's Retry chain (this execution's own id when it is no Retry).
 *
 * A node cannot read n8n's `retryOf` (n8n 2.41 keeps it on the execution lifecycle hooks in `additionalData`, which
 * IExecuteFunctions does not expose, and it names only the previous execution, not the first). But Retry starts the
 * new execution from the failed one's run data, and that includes the execution context (getContext). So the first
 * execution that runs a Trending node writes its id there, and every Retry of it, and Retry of that Retry, reads it
 * back.
 */
function firstExecutionId(ctx: IExecuteFunctions): string {
  const context = ctx.getContext('flow');
  const remembered = context[FIRST_EXECUTION_KEY];
  if (typeof remembered === 'string' && remembered !== '') return remembered;
  const current = ctx.getExecutionId();
  context[FIRST_EXECUTION_KEY] = current;
  return current;
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
  const runIndex = readRunIndex(ctx, itemIndex) ?? 0;
  return deriveIdempotencyKey('n8n', workflowId, firstExecutionId(ctx), nodeId, operation, runIndex, itemIndex);
}

/**
 * Create's finishing part: the output items of a run (an accepted video, a rendered one with its MP4, or a failed item
 * under Continue On Fail), in input order, each paired with its item.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { CreateVideoResponse, TemplateId, TrendingClient, VideoStatus } from '../../core';
import { downloadRender } from '../../helpers/download';
import { errorJson, toNodeError } from '../../helpers/errors';
import type { Destination } from '../../helpers/parking';
import { acceptedJson, statusJson } from '../../helpers/output';
import type { VideoOptions } from './common';

/** A video this run created for one item. */
export interface Created {
  itemIndex: number;
  options: VideoOptions;
  response: CreateVideoResponse;
  idempotencyKey: string;
  /** Wait via webhook: whether the video calls this execution back (see helpers/parking.ts). */
  destination: Destination;
  /** Core's warnings about the request, in the node's words (`request_warnings`). */
  warnings: string[];
}

/** The run's output, item by item, and the error code of each item that failed. */
export class CreateOutput {
  private readonly outputs: Array<INodeExecutionData[] | undefined>;
  /**
   * The error code of each item that failed (Continue On Fail): Wait via webhook keeps it across the park, since the
   * resume call's output replaces this run's.
   */
  readonly errorCodes: Array<string | undefined>;

  constructor(
    private readonly ctx: IExecuteFunctions,
    itemCount: number,
  ) {
    this.outputs = new Array(itemCount);
    this.errorCodes = new Array(itemCount).fill(undefined);
  }

  set(itemIndex: number, item: INodeExecutionData): void {
    this.outputs[itemIndex] = [item];
  }

  /** Without Continue On Fail the node fails with this item's error; with it, the item carries the error. */
  fail(error: unknown, itemIndex: number): void {
    if (!this.ctx.continueOnFail()) throw toNodeError(this.ctx.getNode(), error, itemIndex);
    const json = errorJson(error);
    this.errorCodes[itemIndex] = typeof json.code === 'string' ? json.code : undefined;
    this.outputs[itemIndex] = [{ json: { error: json }, pairedItem: { item: itemIndex } }];
  }

  result(): INodeExecutionData[][] {
    return [this.outputs.flatMap((item) => item ?? [])];
  }
}

/** An output item's JSON: the answer's picked fields with `request_warnings` when core had any (an empty list is left out). */
function itemJson(picked: IDataObject, job: Created, extra: IDataObject = {}): IDataObject {
  const warnings = job.warnings.length > 0 ? { request_warnings: job.warnings } : {};
  return { ...picked, ...extra, ...warnings };
}

/** The item of a video that was created and not waited for (or is waited for via webhook). */
export function acceptedItem(template: TemplateId, job: Created): INodeExecutionData {
  return {
    json: itemJson(acceptedJson(template, job.response), job, { idempotency_key: job.idempotencyKey }),
    pairedItem: { item: job.itemIndex },
  };
}

/** The item of a video that ended, with its MP4 when Download is on. */
export async function finishedItem(
  ctx: IExecuteFunctions,
  client: TrendingClient,
  template: TemplateId,
  job: Created,
  status: VideoStatus,
): Promise<INodeExecutionData> {
  const item: INodeExecutionData = {
    json: itemJson(statusJson(template, status), job),
    pairedItem: { item: job.itemIndex },
  };
  if (!job.options.download) return item;
  const data = await downloadRender(ctx, client, template, status.video_id ?? job.response.video_id);
  const binary: IBinaryKeyData = { [job.options.binaryPropertyName]: data };
  return { ...item, binary };
}

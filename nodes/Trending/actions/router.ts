/**
 * Dispatches (resource, operation) to its operation module, item by item, with pairedItem on every output item and
 * continueOnFail items that keep the API's code and request_id. Create runs for all items at once (see its file).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withoutCredentials } from '../core';
import { errorJson, toNodeError } from '../helpers/errors';
import { isTemplateResource } from '../helpers/fields';
import { accountOperations } from './account';
import { libraryOperations } from './library';
import { listExtraOperations } from './list';
import type { OperationModule } from './shared';
import * as startVideo from './signedTrigger/startVideo.operation';
import { storyExtraOperations } from './story';
import * as abort from './video/abort.operation';
import { executeCreate } from './video/create.operation';
import * as get from './video/get.operation';
import * as render from './video/render.operation';
import { voiceActorOperations } from './voiceActor';

/** Per-item operations of the seven template resources (Create runs for all items at once, see below). */
const videoOperations: Record<string, OperationModule> = { get, render, abort };

function operationFor(resource: string, operation: string): OperationModule | undefined {
  if (isTemplateResource(resource)) {
    return (
      videoOperations[operation] ??
      (resource === 'story' ? storyExtraOperations[operation] : undefined) ??
      (resource === 'list' ? listExtraOperations[operation] : undefined)
    );
  }
  const byResource: Record<string, Record<string, OperationModule>> = {
    account: accountOperations,
    voiceActor: voiceActorOperations,
    library: libraryOperations,
    signedTrigger: { startVideo },
  };
  return byResource[resource]?.[operation];
}

/**
 * The item with credential-named keys (Authorization, api_key, secret, token...) removed at any depth: the account,
 * library, voice, Story and List operations show Trending's answers as sent, and a key an API repeats back must not
 * reach n8n's database. (Video answers are picked field by field before this: helpers/output.ts.)
 */
function withoutCredentialKeys(item: INodeExecutionData): INodeExecutionData {
  return { ...item, json: withoutCredentials(item.json) as INodeExecutionData['json'] };
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const resource = this.getNodeParameter('resource', 0) as string;
  const operation = this.getNodeParameter('operation', 0) as string;
  if (isTemplateResource(resource) && operation === 'create') {
    return (await executeCreate.call(this)).map((items) => items.map(withoutCredentialKeys));
  }

  const module = operationFor(resource, operation);
  if (!module) {
    throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
  }
  const items = this.getInputData();
  const returnData: INodeExecutionData[] = [];
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      returnData.push(...(await module.execute.call(this, itemIndex)));
    } catch (error) {
      if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, itemIndex);
      returnData.push({ json: { error: errorJson(error) }, pairedItem: { item: itemIndex } });
    }
  }
  return [returnData.map(withoutCredentialKeys)];
}

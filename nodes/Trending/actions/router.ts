/**
 * Dispatches (resource, operation) to its operation module (looked up in resources.ts), item by item, pairing every
 * output item with its input item here, and continueOnFail items that keep the API's code and request_id. Create runs
 * for all items at once (see its file).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withoutCredentials } from '../core';
import { errorJson, toNodeError } from '../helpers/errors';
import { findOperation } from './resources';

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
  const module = findOperation(resource, operation);
  if (!module) {
    throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
  }
  if ('executeBatch' in module) {
    return (await module.executeBatch.call(this)).map((items) => items.map(withoutCredentialKeys));
  }
  const items = this.getInputData();
  const returnData: INodeExecutionData[] = [];
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const pairedItem = { item: itemIndex };
    try {
      const results = await module.execute.call(this, itemIndex);
      returnData.push(...results.map((result) => ({ ...result, pairedItem })));
    } catch (error) {
      if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, itemIndex);
      returnData.push({ json: { error: errorJson(error) }, pairedItem });
    }
  }
  return [returnData.map(withoutCredentialKeys)];
}

/**
 * The Trending node's parameters, in display order: the Resource dropdown, each resource's Operation dropdown (built
 * from its operations' own options), then every operation's parameters.
 */
import type { INodeProperties } from 'n8n-workflow';

import { RESOURCES, videoParameters } from './resources';
import { byName, operationProperty } from './shared';

const resourceProperty: INodeProperties = {
  displayName: 'Resource',
  name: 'resource',
  type: 'options',
  noDataExpression: true,
  default: 'story',
  options: byName(RESOURCES.map((resource) => resource.option)),
};

/** Every parameter of the node, in display order. */
export const properties: INodeProperties[] = [
  resourceProperty,
  ...RESOURCES.map(operationProperty),
  ...videoParameters,
  ...RESOURCES.flatMap((resource) => resource.parameters),
];

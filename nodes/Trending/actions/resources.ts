/**
 * Every resource and its operations, registered once: the Resource and Operation dropdowns, the node's parameters and
 * the router are all read from this list, so an operation cannot be offered without code or coded without an option.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { TemplateId } from '../core';
import { allTemplates } from '../helpers/fields';
import { account } from './account';
import { library } from './library';
import { listExtraOperations, listExtraParameters } from './list';
import type { Operation, OperationModule, ResourceModule } from './shared';
import { signedTrigger } from './signedTrigger';
import { storyExtraOperations, storyExtraParameters } from './story';
import * as abort from './video/abort.operation';
import * as create from './video/create.operation';
import * as get from './video/get.operation';
import * as render from './video/render.operation';
import { voiceActor } from './voiceActor';

/** Create, Get, Abort and Render: every template has them, with parameters declared once for all templates. */
export const videoParameters: INodeProperties[] = [
  ...create.description,
  ...get.description,
  ...abort.description,
  ...render.description,
];

/** A template's operations beyond the video ones. */
const EXTRAS: Partial<Record<TemplateId, { operations: OperationModule[]; parameters: INodeProperties[] }>> = {
  story: { operations: storyExtraOperations, parameters: storyExtraParameters },
  list: { operations: listExtraOperations, parameters: listExtraParameters },
};

function videoOperations(label: string): Operation[] {
  return [
    { option: create.option(label), description: create.description, executeBatch: create.executeCreate },
    ...[get, abort, render].map((operation) => ({
      option: operation.option(label),
      description: operation.description,
      execute: operation.execute,
    })),
  ];
}

const templateResources: ResourceModule[] = allTemplates().map((template) => ({
  option: { name: template.label, value: template.id, description: template.description },
  defaultOperation: 'create',
  operations: [...videoOperations(template.label), ...(EXTRAS[template.id]?.operations ?? [])],
  parameters: EXTRAS[template.id]?.parameters ?? [],
}));

export const RESOURCES: ResourceModule[] = [...templateResources, account, voiceActor, library, signedTrigger];

export function findOperation(resource: string, operation: string): Operation | undefined {
  return RESOURCES.find((r) => r.option.value === resource)?.operations.find((o) => o.option.value === operation);
}

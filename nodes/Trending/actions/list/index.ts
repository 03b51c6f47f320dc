/**
 * List script editing (Step 2): read, save with optimistic locking, and CTA suggestions.
 */
import type { INodeProperties } from 'n8n-workflow';
import { videoIdProperty, type OperationModule } from '../shared';
import { resource } from './common';
import { applyCtas } from './applyCtas.operation';
import { suggestCtas } from './suggestCtas.operation';
import { getScript } from './getScript.operation';
import { updateScript } from './updateScript.operation';

export const listExtraOperations: Record<string, OperationModule> = {
  getScript,
  updateScript,
  suggestCtas,
  applyCtas,
};

export const listExtraDescription: INodeProperties[] = [
  videoIdProperty(resource, Object.keys(listExtraOperations)),
  ...Object.values(listExtraOperations).flatMap((operation) => operation.description),
];

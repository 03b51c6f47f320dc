/**
 * List script editing (Step 2): read, save with optimistic locking, and CTA suggestions. These are the List resource's
 * operations beyond the video operations every template has (../video).
 */
import type { INodeProperties } from 'n8n-workflow';
import { videoIdOperations, videoIdProperty, type OperationModule } from '../shared';
import { resource } from './common';
import { applyCtas } from './applyCtas.operation';
import { suggestCtas } from './suggestCtas.operation';
import { getScript } from './getScript.operation';
import { updateScript } from './updateScript.operation';

export const listExtraOperations: OperationModule[] = [getScript, updateScript, suggestCtas, applyCtas];

export const listExtraParameters: INodeProperties[] = [
  videoIdProperty(resource, videoIdOperations(listExtraOperations)),
  ...listExtraOperations.flatMap((operation) => operation.description),
];

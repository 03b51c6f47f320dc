/**
 * Preflight: can this account create this request right now, and what will it cost.
 */
import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../shared';
import { templateProperty, requestProperty } from './common';
import { checkReadiness } from './checkReadiness.operation';
import { estimateCost } from './estimateCost.operation';

export const accountOperations: Record<string, OperationModule> = { checkReadiness, estimateCost };

export const accountDescription: INodeProperties[] = [templateProperty, requestProperty];

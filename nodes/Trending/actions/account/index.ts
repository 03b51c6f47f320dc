/**
 * Preflight: can this account create this request right now, and what will it cost.
 */
import type { ResourceModule } from '../shared';
import { templateProperty, requestProperty } from './common';
import { checkReadiness } from './checkReadiness.operation';
import { estimateCost } from './estimateCost.operation';

export const account: ResourceModule = {
  option: { name: 'Account', value: 'account', description: 'Check readiness and estimate credits before creating' },
  defaultOperation: 'checkReadiness',
  operations: [checkReadiness, estimateCost],
  parameters: [templateProperty, requestProperty],
};

import type { OperationModule } from '../shared';
import { ctaOperation } from './common';

/** Suggest CTA lines for a List script (nothing is saved). */
export const suggestCtas: OperationModule = ctaOperation('suggest');

import type { OperationModule } from '../shared';
import { ctaOperation } from './common';

/** Apply CTA lines to a List script. */
export const applyCtas: OperationModule = ctaOperation('apply');

/** The whole corpus, by topic. */
import type { ConformanceCase } from '../case';
import { errorCreateCases, errorEndpointCases } from './errors';
import { otherTemplateCases } from './other-templates';
import { signingCases } from './signing';
import { storyCases } from './story';
import { triggerCases } from './triggers';
import { sizeCases, uploadCases } from './uploads';
import { webhookUrlCases } from './webhook-urls';

export const TOPICS: Readonly<Record<string, readonly ConformanceCase[]>> = {
  story: storyCases,
  'other-templates': otherTemplateCases,
  triggers: triggerCases,
  signing: signingCases,
  'webhook-urls': webhookUrlCases,
  uploads: [...uploadCases, ...sizeCases],
  errors: [...errorCreateCases, ...errorEndpointCases],
};

export const ALL_CASES: readonly ConformanceCase[] = Object.values(TOPICS).flat();

/**
 * The input of the preflight searches (Estimate Cost, Check Readiness): a template, then that template's create fields
 * (the same generated fields as its Create step), so a quote or a readiness answer is about exactly that request.
 */
import { isTemplateId, type TemplateId } from '@trending/core';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { inputError } from '../errors';
import { bodyFromInput, labelResolver, templateField, templateInputFields } from '../fields';

export const TEMPLATE_REQUEST_FIELDS = [
  { ...templateField('The video type to ask about; its options appear below.'), altersDynamicFields: true },
  function templateOptions(_z: ZObject, bundle: Bundle): PlainInputField[] {
    return isTemplateId(bundle.inputData.template) ? templateInputFields(bundle.inputData.template) : [];
  },
];

export function templateRequest(z: ZObject, bundle: Bundle): { template: TemplateId; body: Record<string, unknown> } {
  const template = bundle.inputData.template;
  if (!isTemplateId(template))
    throw inputError(z, [`Template must be one of the video types, got ${JSON.stringify(template ?? '')}`]);
  const { body, problems } = bodyFromInput(template, bundle.inputData);
  if (problems.length > 0) throw inputError(z, problems);
  // Core's estimateCost/checkReadiness validate the body as create would, before anything is sent.
  return { template, body };
}

/** Field labels of the chosen template, for error messages. */
export function templateLabels(bundle: Bundle): ((path: string) => string | undefined) | undefined {
  return isTemplateId(bundle.inputData.template) ? labelResolver(bundle.inputData.template) : undefined;
}

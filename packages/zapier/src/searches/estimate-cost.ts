/** Estimate Cost: the credits a create request would cost, quoted before creating it. */
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard } from '../errors';
import { ADVANCED_GROUP } from '../fields';
import { clientFor } from '../transport';
import { TEMPLATE_REQUEST_FIELDS, templateLabels, templateRequest } from './template-request';

async function perform(z: ZObject, bundle: Bundle) {
  const { template, body } = templateRequest(z, bundle);
  const quote = await clientFor(z, bundle).estimateCost(template, body);
  const e = quote.estimate;
  return [
    {
      id: template,
      template,
      total_credits: e.total_credits,
      preview_only: e.preview_only ?? null,
      slides: e.slides ?? null,
      script_credits: e.script_credits ?? null,
      image_credits: e.image_credits ?? null,
      narration_credits: e.narration_credits ?? null,
      render_credits: e.render_credits ?? null,
      pricing_version: e.pricing_version ?? null,
      request_id: quote.request_id ?? null,
    },
  ];
}

export const estimateCost = defineSearch({
  key: 'estimate_cost',
  noun: 'Cost Estimate',
  display: {
    label: 'Estimate Cost',
    description:
      'Quotes the credits a video would cost with these options, without creating it (final charges may differ slightly).',
  },
  operation: {
    inputFields: TEMPLATE_REQUEST_FIELDS,
    inputFieldGroups: [ADVANCED_GROUP],
    perform: guard(perform, templateLabels),
    sample: {
      id: 'story',
      template: 'story',
      total_credits: 183,
      preview_only: false,
      slides: 12,
      script_credits: 3,
      image_credits: 120,
      narration_credits: 27,
      render_credits: 30,
      pricing_version: '2026-03-19.public-pricing-estimate-v002',
      request_id: 'req_3f9d2c1b',
    },
    outputFields: [
      { key: 'id', label: 'ID', type: 'string' },
      { key: 'template', label: 'Template', type: 'string' },
      { key: 'total_credits', label: 'Total Credits', type: 'integer' },
      { key: 'preview_only', label: 'Preview Only', type: 'boolean' },
      { key: 'slides', label: 'Slides', type: 'integer' },
      { key: 'script_credits', label: 'Script Credits', type: 'integer' },
      { key: 'image_credits', label: 'Image Credits', type: 'integer' },
      { key: 'narration_credits', label: 'Narration Credits', type: 'integer' },
      { key: 'render_credits', label: 'Render Credits', type: 'integer' },
      { key: 'pricing_version', label: 'Pricing Version', type: 'string' },
      { key: 'request_id', label: 'Request ID', type: 'string' },
    ],
  },
});

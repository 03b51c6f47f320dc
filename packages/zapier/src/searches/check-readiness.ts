/** Check Readiness: can this account create this video right now (plan, template access, credits), and if not, why. */
import { readinessShortfall } from '@trending/core';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard } from '../errors';
import { ADVANCED_GROUP } from '../fields';
import { clientFor } from '../transport';
import { TEMPLATE_REQUEST_FIELDS, templateLabels, templateRequest } from './template-request';

async function perform(z: ZObject, bundle: Bundle) {
  const { template, body } = templateRequest(z, bundle);
  const answer = await clientFor(z, bundle).checkReadiness(template, body);
  const shortfall = readinessShortfall(answer);
  return [
    {
      id: template,
      template,
      ready_to_create: shortfall.ready,
      blocker: shortfall.reason ?? null,
      message: shortfall.message ?? null,
      credits_needed: shortfall.creditsNeeded ?? 0,
      required_credits: answer.template_readiness?.required_credits ?? null,
      available_credits: answer.template_readiness?.available_credits ?? answer.account?.available_credits ?? null,
      plan_label: answer.account?.plan_label ?? null,
      api_access: answer.account?.api_access ?? null,
      template_access: answer.template_readiness?.template_access ?? null,
      allowed_templates: answer.account?.allowed_templates ?? [],
      request_id: answer.request_id ?? null,
    },
  ];
}

export const checkReadiness = defineSearch({
  key: 'check_readiness',
  noun: 'Readiness',
  display: {
    label: 'Check Readiness',
    description:
      'Checks whether your account can create this video right now (plan API access, template access, credits) and says what is missing.',
  },
  operation: {
    inputFields: TEMPLATE_REQUEST_FIELDS,
    inputFieldGroups: [ADVANCED_GROUP],
    perform: guard(perform, templateLabels),
    sample: {
      id: 'rants',
      template: 'rants',
      ready_to_create: false,
      blocker: 'insufficient_credits',
      message: 'needs 54 credits, 50 available: 4 short',
      credits_needed: 4,
      required_credits: 54,
      available_credits: 50,
      plan_label: 'Starter',
      api_access: true,
      template_access: true,
      allowed_templates: ['rants'],
      request_id: 'req_3f9d2c1b',
    },
    outputFields: [
      { key: 'id', label: 'ID', type: 'string' },
      { key: 'template', label: 'Template', type: 'string' },
      { key: 'ready_to_create', label: 'Ready to Create', type: 'boolean' },
      { key: 'blocker', label: 'Blocker', type: 'string' },
      { key: 'message', label: 'Message', type: 'string' },
      { key: 'credits_needed', label: 'Credits Needed', type: 'integer' },
      { key: 'required_credits', label: 'Required Credits', type: 'integer' },
      { key: 'available_credits', label: 'Available Credits', type: 'integer' },
      { key: 'plan_label', label: 'Plan', type: 'string' },
      { key: 'api_access', label: 'API Access', type: 'boolean' },
      { key: 'template_access', label: 'Template Access', type: 'boolean' },
      { key: 'allowed_templates', label: 'Allowed Templates', type: 'string', list: true },
      { key: 'request_id', label: 'Request ID', type: 'string' },
    ],
  },
});

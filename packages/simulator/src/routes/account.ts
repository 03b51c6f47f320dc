/** Cost estimate and readiness: both quote with the same pricing that create holds and captures. */
import { fieldError, validationFailed } from '../errors';
import { jsonBody, ok, type Ctx, type Reply } from '../http';
import { isRecord } from '../paths';
import { estimate } from '../pricing';
import type { Route } from '../router';
import { checkCreate } from '../rules/create';
import { TEMPLATE_IDS, isTemplateId, type TemplateId } from '../rules/templates';

function quoteInput(ctx: Ctx): { template: TemplateId; request: Record<string, unknown> } {
  const body = jsonBody(ctx);
  const template = body.template;
  if (!isTemplateId(template)) throw fieldError('template', `template must be one of: ${TEMPLATE_IDS.join(', ')}`);
  const request = body.request ?? {};
  if (!isRecord(request)) {
    throw fieldError('request', 'request must be a JSON object (the create body you plan to send)');
  }
  // The create body's own rules, with paths under `request.`.
  const violations = checkCreate(template, request, ctx.sim.config, 'request.');
  if (violations.length > 0) throw validationFailed(violations);
  return { template, request };
}

function costEstimate(ctx: Ctx): Reply {
  const { template, request } = quoteInput(ctx);
  return ok({ template, template_version: 'v001', estimate: estimate(template, request) });
}

/** Reports the plan gates as blockers instead of refusing, so an account without API access still gets an answer. */
function readiness(ctx: Ctx): Reply {
  const account = ctx.account;
  if (!account) throw new Error('readiness needs an account');
  const { template, request } = quoteInput(ctx);
  const quote = estimate(template, request);
  const available = ctx.sim.ledger.available(account);
  const templateAccess = account.allowedTemplates.includes(template);
  const needed = Math.max(0, quote.total_credits - available);
  const blockers: { code: string; message: string }[] = [];
  if (!account.apiAccess)
    blockers.push({ code: 'membership_api_required', message: 'The plan does not include API access.' });
  if (ctx.isMcp && !account.mcpAccess) {
    blockers.push({ code: 'membership_mcp_required', message: 'MCP-identified requests need an MCP-enabled plan.' });
  }
  if (!templateAccess)
    blockers.push({ code: 'membership_template_required', message: `The plan does not include ${template}.` });
  if (needed > 0) blockers.push({ code: 'insufficient_credits', message: `${needed} more credits are needed.` });
  if (!quote.preview_only && ctx.sim.config.maintenance !== 'off') {
    blockers.push({
      code: 'service_unavailable',
      message: 'Final renders are paused for maintenance; preview-only runs still work.',
    });
  }
  return ok({
    account: {
      plan_code: account.planCode,
      plan_label: account.planLabel,
      api_access: account.apiAccess,
      mcp_access: account.mcpAccess,
      available_credits: available,
      allowed_templates: account.allowedTemplates,
    },
    template_readiness: {
      template,
      template_access: templateAccess,
      required_credits: quote.total_credits,
      available_credits: available,
      credits_needed: needed,
      ready_to_create: blockers.length === 0,
      ...(ctx.sim.config.answerExtras ? { blockers } : {}),
    },
  });
}

export const accountRoutes: readonly Route[] = [
  { method: 'POST', path: '/api/v1/cost-estimate', auth: 'key', body: 'json', handler: costEstimate },
  { method: 'POST', path: '/api/v1/account/readiness', auth: 'key-ungated', body: 'json', handler: readiness },
];

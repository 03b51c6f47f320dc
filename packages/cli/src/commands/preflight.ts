/**
 * `trending estimate|readiness <template>`: the same body flags as create, answered before anything is spent.
 * readiness exits 1 when the account cannot create the request, so `trending readiness story ... && trending create
 * story ...` works in a script.
 */
import { type Command } from 'commander';
import {
  TEMPLATES,
  TEMPLATE_IDS,
  readinessShortfall,
  withoutCredentials,
  type TemplateId,
  type TrendingClient,
} from '@trending/core';
import { addBodyOptions, createInput, type BodyFlags } from '../body';
import { takeSecret } from '../secrets';
import { applyCheck } from '../checks';
import { clientFor } from '../context';
import { ReportedFailure } from '../errors';
import { templateFieldsHelp } from '../fields';
import { formatTable, type Output } from '../output';

export function registerPreflight(program: Command, out: Output): void {
  const estimate = program.command('estimate').description('quote the credits a create request would cost');
  const readiness = program
    .command('readiness')
    .description('check plan, template access and credits for a create request (exit 1 when not ready)');
  for (const id of TEMPLATE_IDS) {
    const template = TEMPLATES[id];
    addBodyOptions(estimate.command(id).description(`quote a ${template.label} video`))
      .addHelpText('after', templateFieldsHelp(template))
      .action((flags: BodyFlags, cmd: Command) => runEstimate(cmd, out, id, flags));
    addBodyOptions(readiness.command(id).description(`check readiness for a ${template.label} video`))
      .addHelpText('after', templateFieldsHelp(template))
      .action((flags: BodyFlags, cmd: Command) => runReadiness(cmd, out, id, flags));
  }
}

/** The body create would send, with create's warnings and refusals, so a quote is never for a request create refuses. */
async function checkedBody(
  client: TrendingClient,
  out: Output,
  template: TemplateId,
  flags: BodyFlags,
): Promise<Record<string, unknown>> {
  const { body, describe } = await createInput(template, flags);
  applyCheck(out, client.checkCreate(template, body), describe);
  return body;
}

async function runEstimate(command: Command, out: Output, template: TemplateId, flags: BodyFlags): Promise<void> {
  takeSecret(out, '--webhook-secret (TRENDING_WEBHOOK_SECRET)', flags.webhookSecret);
  const client = clientFor(command, out);
  const answer = await client.estimateCost(template, await checkedBody(client, out, template, flags));
  const rows = Object.entries(answer.estimate)
    .filter(([key]) => key.endsWith('_credits') || key === 'slides' || key === 'narration_units')
    .map(([key, value]) => [key, String(value)]);
  out.result(formatTable(['item', 'value'], rows));
  out.result(`total_credits: ${answer.estimate.total_credits}`);
  out.data(withoutCredentials(answer));
}

async function runReadiness(command: Command, out: Output, template: TemplateId, flags: BodyFlags): Promise<void> {
  takeSecret(out, '--webhook-secret (TRENDING_WEBHOOK_SECRET)', flags.webhookSecret);
  const client = clientFor(command, out);
  const answer = await client.checkReadiness(template, await checkedBody(client, out, template, flags));
  const shortfall = readinessShortfall(answer);
  out.data({
    ...(withoutCredentials(answer) as object),
    ready: shortfall.ready,
    reason: shortfall.reason,
    message: shortfall.message,
  });
  if (shortfall.ready) {
    out.result(
      `ready: yes (${template}, ${answer.template_readiness?.required_credits ?? '?'} credits needed, ${answer.account?.available_credits ?? '?'} available)`,
    );
    return;
  }
  out.result(`ready: no (${shortfall.reason}): ${shortfall.message}`);
  throw new ReportedFailure();
}

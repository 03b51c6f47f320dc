/**
 * `trending create <template>`: one subcommand per catalogue template, so `trending create story --help` lists that
 * template's own fields, ranges and choices.
 */
import { type Command } from 'commander';
import { TEMPLATES, TEMPLATE_IDS, createOutput, type TemplateId } from '@trending/core';
import { addBodyOptions, createInput, type BodyFlags } from '../body';
import { applyCheck } from '../checks';
import { clientFor } from '../context';
import { templateFieldsHelp } from '../fields';
import { createKey } from '../idempotency';
import type { Output } from '../output';
import { takeSecret } from '../secrets';
import { addMaxCreditsOption, guardSpend, parseMaxCredits } from '../spend';
import { addWaitOptions, checkWaitFlags, finishStarted, type WaitFlags } from '../waiting';

interface CreateFlags extends BodyFlags, WaitFlags {
  idempotencyKey?: string;
  maxCredits?: string;
}

export function registerCreate(program: Command, out: Output): void {
  const create = program
    .command('create')
    .description('create a video from a template (trending create <template> --help lists its fields)');
  for (const id of TEMPLATE_IDS) {
    const template = TEMPLATES[id];
    const command = create.command(id).description(`${template.label}: ${template.description}`);
    addBodyOptions(command);
    command.option(
      '--idempotency-key <key>',
      'Idempotency-Key to send (default: derived from the request body, webhook URL and secret left out, so re-running the same command returns the same video)',
    );
    addMaxCreditsOption(
      command,
      'quote the video first (cost estimate) and create nothing when it is estimated above this many credits',
    );
    addWaitOptions(command);
    command.addHelpText('after', templateFieldsHelp(template));
    command.action((flags: CreateFlags, cmd: Command) => runCreate(cmd, out, id, flags));
  }
}

async function runCreate(command: Command, out: Output, template: TemplateId, flags: CreateFlags): Promise<void> {
  takeSecret(out, '--webhook-secret (TRENDING_WEBHOOK_SECRET)', flags.webhookSecret);
  checkWaitFlags(flags);
  const maxCredits = parseMaxCredits(flags.maxCredits);
  const client = clientFor(command, out);
  const { body, describe } = await createInput(template, flags);
  applyCheck(out, client.checkCreate(template, body), describe);
  if (maxCredits !== undefined) {
    const credits = await guardSpend(client, template, body, maxCredits);
    out.info(`Estimated at ${credits} credits, within --max-credits ${maxCredits}`);
  }
  const derived = flags.idempotencyKey === undefined;
  const idempotencyKey = flags.idempotencyKey ?? createKey(template, body);
  out.info(
    derived
      ? `Idempotency-Key ${idempotencyKey} (derived from the request: the same command returns the same video; pass --idempotency-key for a new one)`
      : `Idempotency-Key ${idempotencyKey} (from --idempotency-key)`,
  );

  const created = await client.createVideo(template, body, { idempotencyKey });
  const result: Record<string, unknown> = {
    template,
    video_id: created.video_id,
    status: created.status,
    idempotency_key: idempotencyKey,
    idempotency_key_source: derived ? 'derived' : 'flag',
    created: createOutput(created),
  };
  out.result(`video_id: ${created.video_id}`);
  out.result(`idempotency_key: ${idempotencyKey}`);
  await finishStarted(client, out, { template, videoId: created.video_id, status: created.status }, flags, result);
}

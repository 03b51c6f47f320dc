/** `trending status|wait|render|abort <template> <video_id>`: one run's lifecycle after create. */
import { Argument, type Command } from 'commander';
import { TEMPLATE_IDS, statusOutput, type TemplateId, type VideoStatus } from '@trending/core';
import { clientFor } from '../context';
import { renderKey } from '../idempotency';
import type { Output } from '../output';
import { addWaitOptions, checkWaitFlags, finishStarted, waitAndReport, type WaitFlags } from '../waiting';

/** `trending <name> <template> <video_id>`: every command here names one video the same way. */
const videoCommand = (program: Command, name: string, description: string): Command =>
  program
    .command(name)
    .description(description)
    .addArgument(new Argument('<template>', 'the template the video was created with').choices(TEMPLATE_IDS))
    .argument('<video_id>');

export function registerLifecycle(program: Command, out: Output): void {
  videoCommand(program, 'status', "print a video's pipeline status").action(
    async (template: TemplateId, videoId: string, _flags: object, cmd: Command) => {
      const status = await clientFor(cmd, out).getVideo(template, videoId);
      for (const line of describeStatus(status)) out.result(line);
      // Picked field by field: an API that echoes webhook.secret or a credential must not get it printed.
      out.data(statusOutput(status));
    },
  );

  addWaitOptions(
    videoCommand(program, 'wait', 'wait until a video completes or fails (exit 1 when it fails or the wait times out)'),
    false,
  ).action(async (template: TemplateId, videoId: string, flags: WaitFlags, cmd: Command) => {
    checkWaitFlags(flags);
    const outcome = await waitAndReport(clientFor(cmd, out), out, template, videoId, flags);
    out.data({ template, video_id: outcome.final.video_id, ...outcome });
  });

  addWaitOptions(
    videoCommand(
      program,
      'render',
      'render a preview-only video (the default Idempotency-Key renders each video once)',
    ).option('--idempotency-key <key>', 'Idempotency-Key to send (default: derived from template and video id)'),
  ).action(
    async (template: TemplateId, videoId: string, flags: WaitFlags & { idempotencyKey?: string }, cmd: Command) => {
      checkWaitFlags(flags);
      const client = clientFor(cmd, out);
      const idempotencyKey = flags.idempotencyKey ?? renderKey(template, videoId);
      out.info(
        `Idempotency-Key ${idempotencyKey}${flags.idempotencyKey ? ' (from --idempotency-key)' : ' (derived from the video id)'}`,
      );
      const rendered = await client.renderVideo(template, videoId, { idempotencyKey });
      const result: Record<string, unknown> = {
        template,
        video_id: videoId,
        idempotency_key: idempotencyKey,
        render: statusOutput(rendered),
      };
      out.result(`video_id: ${videoId}`);
      out.result(`idempotency_key: ${idempotencyKey}`);
      const status = String(rendered.status ?? 'accepted');
      await finishStarted(client, out, { template, videoId, status }, flags, result);
    },
  );

  videoCommand(program, 'abort', 'cancel an active run').action(
    async (template: TemplateId, videoId: string, _flags: object, cmd: Command) => {
      const aborted = await clientFor(cmd, out).abortVideo(template, videoId);
      out.result(`video_id: ${videoId}`);
      out.result(`status: ${String(aborted.status ?? 'aborted')}`);
      out.data(statusOutput(aborted));
    },
  );
}

function describeStatus(status: VideoStatus): string[] {
  const lines = [`video_id: ${status.video_id}`, `status: ${status.status}`];
  const step = status.step_label ?? status.current_step;
  if (step)
    lines.push(
      `step: ${step}${status.step_number && status.total_steps ? ` (${status.step_number}/${status.total_steps})` : ''}`,
    );
  if (typeof status.progress_percent === 'number') lines.push(`progress: ${status.progress_percent}%`);
  if (typeof status.pipeline_eta_seconds === 'number') lines.push(`eta: ${status.pipeline_eta_seconds} s`);
  if (status.render?.render_url) lines.push(`render_url: ${status.render.render_url}`);
  if (status.render?.retention?.expires_at) lines.push(`render expires: ${status.render.retention.expires_at}`);
  if (status.pipeline_error) lines.push(`error: ${status.pipeline_error.code}: ${status.pipeline_error.message}`);
  if (status.dashboard_url) lines.push(`dashboard: ${status.dashboard_url}`);
  return lines;
}

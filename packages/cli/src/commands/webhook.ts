/**
 * `trending webhook verify|listen`: checking Trending's outbound webhook signatures with core's verifier, from a
 * saved delivery or live on a local port.
 */
import { Option, type Command } from 'commander';
import { checkWebhook } from '@trending/core';
import { ReportedFailure, UsageError } from '../errors';
import { readBytes } from '../input';
import type { Output } from '../output';
import { takeSecret } from '../secrets';
import { startWebhookListener } from '../webhook-listener';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Repeat --secret during a rotation overlap; TRENDING_WEBHOOK_SECRET may hold several, comma-separated. */
function secretOption(): Option {
  return new Option('--secret <secret>', 'webhook secret (repeat for a rotation overlap)')
    .env('TRENDING_WEBHOOK_SECRET')
    .argParser(collect);
}

/** The secrets exactly as given (see takeSecret): registered for redaction, a padded one warned about. */
function secretsOf(flags: { secret?: string[] | string }, command: Command, out: Output): string[] {
  const given = typeof flags.secret === 'string' ? [flags.secret] : (flags.secret ?? []);
  // Only the environment variable is a list: a secret given with --secret may itself contain a comma.
  const fromEnv = command.getOptionValueSource('secret') === 'env';
  const secrets = given.flatMap((s) => (fromEnv ? s.split(',') : [s])).filter(Boolean);
  if (secrets.length === 0) throw new UsageError('a webhook secret is required: --secret or TRENDING_WEBHOOK_SECRET');
  for (const secret of secrets) takeSecret(out, fromEnv ? 'TRENDING_WEBHOOK_SECRET' : '--secret', secret);
  return secrets;
}

interface VerifyFlags {
  secret?: string[] | string;
  timestamp?: string;
  signature?: string;
  legacySignature?: string;
  file: string;
  allowLegacy?: boolean;
  tolerance: string;
}

interface ListenFlags {
  secret?: string[] | string;
  port: string;
  host: string;
  forward?: string;
  allowLegacy?: boolean;
  count?: string;
}

export function registerWebhook(program: Command, out: Output): void {
  const webhook = program.command('webhook').description("verify and receive Trending's signed outbound webhooks");

  webhook
    .command('verify')
    .description('verify one delivery: exit 0 when valid, 1 with the reason when not')
    .addOption(secretOption())
    .option('--timestamp <unix_seconds>', 'the X-Trending-Timestamp header')
    .option('--signature <value>', 'the X-Trending-Signature-V1 header (sha256=...)')
    .option('--legacy-signature <value>', 'the legacy body-only X-Trending-Signature header')
    .option('--file <file>', 'the raw body exactly as received; - reads stdin', '-')
    .option('--allow-legacy', 'accept a legacy body-only signature when no V1 signature is given')
    .option('--tolerance <seconds>', 'accepted clock difference', '300')
    .action(async (flags: VerifyFlags, cmd: Command) => {
      const secrets = secretsOf(flags, cmd, out);
      const tolerance = Number(flags.tolerance);
      if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError('--tolerance expects seconds');
      if (!flags.signature && !flags.legacySignature) {
        throw new UsageError('give the received signature: --signature (V1) or --legacy-signature');
      }
      const check = checkWebhook({
        rawBody: await readBytes(flags.file),
        headers: {
          'x-trending-timestamp': flags.timestamp,
          'x-trending-signature-v1': flags.signature,
          'x-trending-signature': flags.legacySignature,
        },
        secrets,
        nowMs: Date.now(),
        toleranceSeconds: tolerance,
        allowLegacy: flags.allowLegacy,
      });
      if (check.ok) {
        const { eventName, scheme, secretIndex, timestamp } = check.verified;
        out.result(
          `valid: ${eventName} (${scheme}${secretIndex > 0 ? `, matched secret #${secretIndex + 1}: rotate the sender` : ''})`,
        );
        out.data({ valid: true, event: eventName, scheme, secret_index: secretIndex, timestamp });
        return;
      }
      out.data({ valid: false, reason: check.reason, message: check.message });
      if (!out.json) out.notice(`invalid: ${check.reason}: ${check.message}`);
      throw new ReportedFailure();
    });

  webhook
    .command('listen')
    .description('receive webhooks on a local port: verify, de-duplicate, print each event as a JSON line')
    .addOption(secretOption())
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8787')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--forward <url>', 'POST each verified delivery (raw body and Trending headers) on to this URL')
    .option('--allow-legacy', 'accept legacy body-only signatures')
    .option('--count <n>', 'exit after this many verified events')
    .action(async (flags: ListenFlags, cmd: Command) => {
      const secrets = secretsOf(flags, cmd, out);
      const port = Number(flags.port);
      const count = flags.count === undefined ? undefined : Number(flags.count);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port expects 0..65535');
      if (count !== undefined && (!Number.isInteger(count) || count < 1))
        throw new UsageError('--count expects a positive integer');
      let received = 0;
      let stop = () => {};
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      const listener = await startWebhookListener({
        port,
        host: flags.host,
        secrets,
        allowLegacy: flags.allowLegacy,
        forwardUrl: flags.forward,
        onEvent: (event) => {
          out.jsonLine(event);
          if (count !== undefined && ++received >= count) stop();
        },
        onRejected: (reason, message) => out.warn(`rejected a delivery (401 ${reason}): ${message}`),
        onForwardError: (message) => out.warn(message),
      });
      out.notice(`listening on ${listener.url} (Ctrl-C to stop)`);
      await stopped;
      await listener.close();
    });
}

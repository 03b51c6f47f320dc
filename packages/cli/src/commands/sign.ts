/**
 * `trending sign`: the X-Trending-Signature-V1 value for a body, e.g. to send a signed trigger with curl. The bytes
 * signed are the file's bytes exactly (no decoding, no trailing-newline stripping), as the receiver will see them.
 */
import { Option, type Command } from 'commander';
import { computeSignature } from '@trending/core';
import { UsageError } from '../errors';
import { readBytes } from '../input';
import type { Output } from '../output';
import { takeSecret } from '../secrets';

interface SignFlags {
  secret?: string;
  timestamp?: string;
  file: string;
}

export function registerSign(program: Command, out: Output): void {
  program
    .command('sign')
    .description('print the sha256=... signature of {timestamp}.{body} for a signed trigger or a webhook')
    .addOption(new Option('--secret <secret>', 'the trigger (or webhook) secret').env('TRENDING_TRIGGER_SECRET'))
    .option('--timestamp <unix_seconds>', 'timestamp to sign (default: now, printed on stderr)')
    .option('--file <file>', 'the body to sign; - reads stdin', '-')
    .action(async (flags: SignFlags) => {
      takeSecret(out, '--secret (TRENDING_TRIGGER_SECRET)', flags.secret);
      if (!flags.secret) throw new UsageError('sign needs --secret (or TRENDING_TRIGGER_SECRET)');
      const timestamp = flags.timestamp ?? String(Math.floor(Date.now() / 1000));
      if (!/^[0-9]+$/.test(timestamp)) throw new UsageError('--timestamp must be Unix seconds (digits only)');
      const body = await readBytes(flags.file);
      const signature = computeSignature(flags.secret, timestamp, body);
      if (flags.timestamp === undefined) out.info(`timestamp: ${timestamp}`);
      out.result(signature);
      out.data({ timestamp, signature, bytes: body.length });
    });
}

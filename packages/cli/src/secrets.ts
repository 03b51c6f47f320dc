/**
 * Secrets from flags and the environment, taken exactly as given (core's rule for every face, see its secrets.ts);
 * a padded one draws a warning naming the flag.
 */
import { isPaddedSecret, paddedSecretNote } from '@trending/core';
import type { Output } from './output';

/** Registers the secret (kept out of output) and warns, without changing it, when it is padded. */
export function takeSecret(out: Output, flag: string, secret: string | undefined): void {
  out.addSecrets(secret);
  if (isPaddedSecret(secret)) out.warn(paddedSecretNote(flag));
}

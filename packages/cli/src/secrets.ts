/**
 * Secrets from flags and the environment, taken exactly as given: the API signs with the bytes it was given, so
 * trimming here would make a padded secret (or an unpadded one, on the other side) fail every signature check.
 * Whitespace at either end is far more often a copy-paste slip than intended, so it draws a warning naming the flag.
 */
import type { Output } from './output';

/** Registers the secret (kept out of output) and warns, without changing it, when it is padded. */
export function takeSecret(out: Output, flag: string, secret: string | undefined): void {
  out.addSecrets(secret);
  if (secret && secret !== secret.trim()) {
    out.warn(
      `${flag} starts or ends with whitespace; it is used exactly as given, so the other side must have the same spaces`,
    );
  }
}

/**
 * One rule for every face: API keys, webhook secrets and trigger secrets are used exactly as given, never trimmed.
 * Both ends sign with the bytes they hold, so trimming on one side only would make a padded secret (or an unpadded
 * one, on the other side) fail every signature. Whitespace at either end is far more often a copy-paste slip than
 * intended, so faces point it out where the user can act: when the secret is given, and when a signature fails.
 */

export function isPaddedSecret(secret: string | undefined): boolean {
  return typeof secret === 'string' && secret !== '' && secret !== secret.trim();
}

/** What to tell a user whose secret is padded, after `subject` (a flag, a field label). */
export function paddedSecretNote(subject: string): string {
  return `${subject} starts or ends with whitespace; it is used exactly as given, so the other side must have the same spaces`;
}

/**
 * Below this many characters a secret can be a word, an event-name segment or a run of hex digits that legitimate
 * text contains; generated secrets and API keys are far longer.
 */
const MIN_SCRUBBABLE_LENGTH = 16;

/** Whether replacing the secret wherever it occurs in text can only remove the secret, not corrupt what surrounds it. */
export function safeToScrub(secret: string): boolean {
  return secret.length >= MIN_SCRUBBABLE_LENGTH;
}

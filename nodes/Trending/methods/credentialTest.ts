/**
 * Local checks for the two credentials nothing remote can prove without side effects: a signed trigger can only be
 * proven by starting a video, and a webhook signing secret is shared, never sent to Trending on its own.
 */
import type {
  ICredentialDataDecryptedObject,
  ICredentialsDecrypted,
  ICredentialTestFunctions,
  INodeCredentialTestResult,
} from 'n8n-workflow';

import { normalizeBaseUrl } from '../core';

const MIN_SECRET_LENGTH = 16;

function validBaseUrl(value: string): boolean {
  try {
    normalizeBaseUrl(value);
    return true;
  } catch {
    return false;
  }
}

function field(credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>, name: string): string {
  const value = credential.data?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

export async function trendingSignedTriggerTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
  const triggerId = field(credential, 'triggerId');
  const secret = field(credential, 'secret');
  if (!triggerId || /\s/.test(triggerId)) {
    return {
      status: 'Error',
      message: 'Trigger ID is empty or contains spaces: copy it from /dashboard/developer/triggers',
    };
  }
  if (!secret) return { status: 'Error', message: 'Trigger Secret is empty' };
  if (!validBaseUrl(field(credential, 'baseUrl'))) {
    return { status: 'Error', message: 'Base URL must start with https:// (leave it empty for https://trending.com)' };
  }
  return {
    status: 'OK',
    message:
      'Looks right. Trending proves the trigger on the first Start Video call (invalid_signature means a wrong secret).',
  };
}

export async function trendingWebhookSigningTest(
  this: ICredentialTestFunctions,
  credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
  const secret = field(credential, 'secret');
  const previous = field(credential, 'previousSecret');
  if (secret.length < MIN_SECRET_LENGTH) {
    return { status: 'Error', message: `Use a signing secret of at least ${MIN_SECRET_LENGTH} characters` };
  }
  if (previous && previous === secret) {
    return {
      status: 'Error',
      message: 'Previous Signing Secret equals the current one: clear it or set the old secret',
    };
  }
  return { status: 'OK', message: 'Secret is set. Deliveries signed with it (or the previous one) will be accepted.' };
}

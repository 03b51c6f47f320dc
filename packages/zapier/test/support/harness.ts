/**
 * Running the app as Zapier does (createAppTester, with its middlewares, checks and error classes) against nock, plus
 * readers for the errors Zapier's classes produce (AppError and ThrottledError carry JSON in their message).
 */
import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../../src/index';
import { BASE_URL_ENV } from '../../src/transport';

export { App };
export const appTester = createAppTester(App);

/** A host nock owns, set as the app's API origin for every test that loads this harness (production otherwise). */
export const API = 'https://api.trending.test';
process.env[BASE_URL_ENV] = API;
export const API_KEY = 'sk_live_test_5f3a9c1e7b2d4a6f';
export const AUTH = { api_key: API_KEY };

/** Runs `body` with the API origin set to `url` (undefined: unset, production), then restores the harness's. */
export async function withApiBaseUrl<T>(url: string | undefined, body: () => Promise<T> | T): Promise<T> {
  if (url === undefined) delete process.env[BASE_URL_ENV];
  else process.env[BASE_URL_ENV] = url;
  try {
    return await body();
  } finally {
    process.env[BASE_URL_ENV] = API;
  }
}

export function api(): nock.Scope {
  return nock(API);
}

type Method = Parameters<typeof appTester>[0];

/** The perform of an action by path, e.g. perform('creates', 'create_story_video'). */
export function perform(kind: 'creates' | 'searches' | 'triggers', key: string): Method {
  const operation = (App as unknown as Record<string, Record<string, { operation: { perform: Method } }>>)[kind]![key]!
    .operation;
  return operation.perform;
}

export function performResume(key: string): Method {
  const operation = (App.creates as Record<string, { operation: { performResume?: Method } }>)[key]!.operation;
  return operation.performResume!;
}

export interface ZapierErrorInfo {
  name: string;
  message: string;
  code?: string;
  status?: number;
  delay?: number | null;
}

/** In the API Request action, API paths are the user's own words: the Path field takes one. */
export const API_PATH_WORDS: readonly RegExp[] = [/\/api\/v1/, /\{[a-z_]+\}/];

/**
 * What a Zap user must never read: an API path or placeholder, API-developer terms where Zapier has its own
 * ("credential" is a connection), JSON paths and header names where the user sees a field label.
 */
export const NOT_ZAPIER_WORDS: readonly RegExp[] = [
  ...API_PATH_WORDS,
  /credential/i,
  /raw body/i,
  /configured secret/i,
  /error\.details/,
  /webhook\.(url|secret|events)/,
  /render_url/,
  /preview_only=/,
  /Idempotency-Key/,
  /If-Match|ETag/,
  /character-sources/,
];

/** Every error a test reads through errorInfo is checked for words a Zap user should not meet (but `allowed`). */
export function expectZapierWords(text: string, allowed: readonly RegExp[] = []): void {
  for (const pattern of NOT_ZAPIER_WORDS) {
    if (allowed.includes(pattern)) continue;
    expect(text, `"${text}" contains ${String(pattern)}`).not.toMatch(pattern);
  }
}

/** Unwraps Zapier's error classes: AppError and ThrottledError put `{ message, code, status }` / `{ message, delay }` in JSON. */
export function errorInfo(error: unknown, allowed: readonly RegExp[] = []): ZapierErrorInfo {
  const info = unwrap(error);
  expectZapierWords(info.message, allowed);
  return info;
}

function unwrap(error: unknown): ZapierErrorInfo {
  if (!(error instanceof Error)) throw new Error(`expected an Error, got ${String(error)}`);
  try {
    const parsed = JSON.parse(error.message) as Partial<ZapierErrorInfo>;
    if (typeof parsed.message === 'string') return { name: error.name, ...parsed, message: parsed.message };
  } catch {
    // a plain message
  }
  return { name: error.name, message: error.message };
}

export async function failure(promise: Promise<unknown>, allowed: readonly RegExp[] = []): Promise<ZapierErrorInfo> {
  try {
    await promise;
  } catch (error) {
    return errorInfo(error, allowed);
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Every nock interceptor must have been used, and nothing unexpected may reach the network. */
export function strictNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(pending).toEqual([]);
  });
}

/** A status answer as the reference documents it. */
export function videoStatus(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    request_id: 'req_poll_1',
    video_id: 12345,
    pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
    template: 'story',
    status: 'completed',
    preview_only: false,
    step_label: 'Completed',
    progress_percent: 100,
    dashboard_url: 'https://trending.com/dashboard/videos/12345',
    preview_url: 'https://trending.com/dashboard/videos/12345/preview',
    render: {
      render_url: 'https://api.trending.test/studio/renders/77/download?signature=sig_abc',
      retention: { keep_days: 7, expires_at: '2099-01-01T00:00:00Z' },
    },
    pipeline_error: null,
    ...over,
  };
}

export function apiError(code: string, message: string, details: Record<string, unknown> = {}) {
  return { request_id: 'req_err_1', error: { code, message, details } };
}

const RPC = 'https://rpc.zapier.com';
export const S3 = 'https://zapier-dev-files.s3.test';

/**
 * Zapier's file stash as its own tests mock it: an RPC for a presigned POST, then the multipart upload to S3.
 * Returns what was uploaded (as text) once the upload happened.
 */
export function expectStash(key = 'stash/abc/video.mp4'): { upload: string[] } {
  const seen = { upload: [] as string[] };
  nock(RPC)
    .post('/cli')
    .reply((_uri, body) => {
      const { id, method } = (typeof body === 'string' ? JSON.parse(body) : body) as { id: string; method: string };
      expect(method).toBe('get_presigned_upload_post_data');
      return [200, { id, result: { url: `${S3}/`, fields: { key } } }];
    });
  nock(S3)
    .post('/')
    .reply((_uri, body) => {
      seen.upload.push(String(body));
      return [204, ''];
    });
  return seen;
}

/** Zapier's RPC client refuses to run in tests without a deploy key; the RPC itself is nocked. */
export function withDeployKey(): void {
  const previous = process.env.ZAPIER_DEPLOY_KEY;
  beforeAll(() => {
    process.env.ZAPIER_DEPLOY_KEY = 'test-deploy-key';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.ZAPIER_DEPLOY_KEY;
    else process.env.ZAPIER_DEPLOY_KEY = previous;
  });
}

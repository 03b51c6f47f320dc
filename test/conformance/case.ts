/**
 * The conformance corpus's vocabulary: each case is one request (or one signature) and what the API reference says
 * must happen to it, with the reference's own words that decide it. Cases are written from the reference alone, never
 * from what core, the simulator or a face does today; the runners beside this file hold every implementation to them.
 */
import type { TemplateId } from '@trending/core';

/** The simulator's seeded accounts (packages/simulator/src/accounts.ts), by what their plan allows. */
export type Account = 'pro' | 'starter' | 'poor' | 'storyOnly';

/** Who sends the request: a seeded account's key, no key at all, or a key no account has. */
export type Auth = Account | 'none' | 'unknownKey';

export type Expectation =
  | { outcome: 'accepted' }
  /** `path` is the field the refusal concerns (validation_failed); omitted for refusals about the request as a whole. */
  | { outcome: 'refused'; status: number; code: string; path?: string };

/**
 * A case that only the API can decide, because it depends on the account or earlier requests (credits, plan, folder
 * ownership, a script's state): local validators (core) are not expected to judge it.
 */
export type Decider = 'request' | 'account';

interface CaseBase {
  /** Stable and unique: `<topic>.<what>`. */
  id: string;
  /** The exact text of the reference that decides the case (a line or part of one, copied verbatim). */
  reference: string;
  expect: Expectation;
  /** Default 'request': the request alone decides. */
  decidedBy?: Decider;
}

/** POST /api/v1/{template}/videos. */
export interface CreateCase extends CaseBase {
  kind: 'create';
  template: TemplateId;
  body: Record<string, unknown>;
  /** Default: a fresh UUID per run; null: the header is left out. */
  idempotencyKey?: string | null;
  auth?: Auth;
  /**
   * The body's `story_id` and `reuse_characters_from_video_id` name the caller's own Story videos ("previous Story run
   * image you own", "one of your past Story videos"). A live API needs them to exist: runners against one make such a
   * video and put its ID in their place.
   */
  callerOwns?: boolean;
  /**
   * What the reference allows on a local/dev setup when it differs from production ("HTTP callbacks back to the
   * configured Studio dev host are still allowed"): the simulator is such a dev host, on loopback.
   */
  onDevHost?: Expectation;
}

/** POST /api/v1/triggers/videos (API key by header or body) or /api/v1/triggers/webhook (signed). */
export interface TriggerCase extends CaseBase {
  kind: 'trigger';
  via: 'bearer' | 'xTrendingApiKey' | 'bodyApiKey' | 'signed';
  body: Record<string, unknown>;
  /** Idempotency-Key header: default none (the body's idempotency_key is used when the case sets one). */
  idempotencyKey?: string;
  auth?: Auth;
}

/** Any other endpoint with a JSON body (or none). `{video_id}` in the path is the video the setup made. */
export interface EndpointCase extends CaseBase {
  kind: 'endpoint';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: Record<string, unknown>;
  auth?: Auth;
  headers?: Record<string, string>;
  /** Default: an Idempotency-Key is sent on endpoints that need one; null leaves it out. */
  idempotencyKey?: string | null;
  setup?: Situation;
}

/**
 * Account and video states the error cases need, made through the simulator's /_sim control API and ordinary
 * requests (see runners/situations.ts).
 */
export type Situation =
  'listScriptReady' | 'listNarrationAttached' | 'listRunActive' | 'completedPreview' | 'storageFull' | 'rateLimitedKey';

/** A multipart upload, described by the file's name, type and size (the bytes are generated). */
export interface UploadCase extends CaseBase {
  kind: 'upload';
  endpoint: 'referenceImage' | 'libraryVideo';
  fileName: string;
  mimeType: string;
  size: number;
  /** Default: bytes that start like the file kind the name says; 'garbage': no recognisable media at all. */
  content?: 'garbage';
  fields?: Record<string, string | number>;
  setup?: Situation;
}

/** A create body padded (with an unknown key, which the API ignores) to exactly this many bytes. */
export interface SizeCase extends CaseBase {
  kind: 'size';
  bytes: number;
}

/**
 * A signature as the reference defines it: `"sha256=" + HMAC_SHA256(timestamp + "." + raw_body, secret)` (V1) or the
 * legacy body-only HMAC. `direction` says who signs: a signed trigger we send, or an outbound webhook we receive.
 */
export interface SignatureCase extends CaseBase {
  kind: 'signature';
  direction: 'trigger' | 'webhook';
  /** The raw body exactly as sent. */
  body: string;
  /** Seconds between the signed timestamp and now (positive: in the past). */
  ageSeconds: number;
  /** Which header carries the signature. */
  scheme: 'v1' | 'legacy' | 'none';
  /** What is wrong with it, if anything. */
  fault?: 'wrongSecret' | 'bodyChanged' | 'reusedNonce';
  /** Receivers that take the legacy header must opt in (it signs no timestamp). */
  acceptLegacy?: boolean;
}

export type ConformanceCase = CreateCase | TriggerCase | EndpointCase | UploadCase | SizeCase | SignatureCase;

export const accepted: Expectation = { outcome: 'accepted' };

/** 422 validation_failed about one field. */
export function invalid(path: string): Expectation {
  return { outcome: 'refused', status: 422, code: 'validation_failed', path };
}

export function refused(status: number, code: string, path?: string): Expectation {
  return path === undefined ? { outcome: 'refused', status, code } : { outcome: 'refused', status, code, path };
}

/** n characters of text (ASCII, so characters and bytes agree). */
export function text(n: number, seed = 'a'): string {
  return seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
}

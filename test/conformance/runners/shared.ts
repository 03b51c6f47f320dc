/**
 * What the runners share: reading refusals out of a validator's answer, a Transport that records instead of sending
 * (so "refused before it is sent" is observable), the reference's signature formula computed with node:crypto
 * (independently of core), padded bodies, generated file bytes, and fresh idempotency keys.
 */
import { createHmac, randomUUID } from 'node:crypto';

import type { HttpRequest, HttpResponse, Transport } from '@trending/core';

import type { ConformanceCase, Expectation, SignatureCase } from '../case';

export interface Finding {
  path: string;
  message: string;
}

/**
 * The refusals in a validator's answer. Core is moving advisories (a field its condition does not use, another
 * template's field) to warnings; whichever shape it has, only entries that are not warnings count as refusals: a list
 * of violations (optionally marked `severity: 'warning'`), or an object with `errors`/`violations` beside `warnings`.
 */
export function refusalsOf(result: unknown): Finding[] {
  const list = Array.isArray(result)
    ? result
    : typeof result === 'object' && result !== null
      ? ((result as { errors?: unknown[]; violations?: unknown[] }).errors ??
        (result as { violations?: unknown[] }).violations ??
        [])
      : [];
  return (list as { path?: string; message?: string; severity?: string; level?: string }[])
    .filter((v) => v.severity !== 'warning' && v.level !== 'warning')
    .map((v) => ({ path: String(v.path ?? ''), message: String(v.message ?? '') }));
}

/** A refusal "concerns" a path when it is that path or inside it (an item of a list, a key of an object). */
export function concerns(finding: Finding, path: string): boolean {
  return finding.path === path || finding.path.startsWith(`${path}.`) || finding.path.startsWith(`${path}[`);
}

/** Asserts a validator's answer against a case's expectation (accepted: no refusal; refused: one about its path). */
export function expectFindings(findings: Finding[], expectation: Expectation): void {
  if (expectation.outcome === 'accepted') {
    expect(findings, 'a documented-valid request must not be refused').toEqual([]);
    return;
  }
  expect(findings.length, 'a documented-invalid request must be refused').toBeGreaterThan(0);
  const path = expectation.path;
  if (path !== undefined) {
    expect(
      findings.some((f) => concerns(f, path)),
      `a refusal about ${path}; got ${JSON.stringify(findings)}`,
    ).toBe(true);
  }
}

/** A Transport that answers every request with a 202 create answer and keeps what it was asked to send. */
export function recordingTransport(): Transport & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    async request(req: HttpRequest): Promise<HttpResponse> {
      sent.push(req);
      const body = JSON.stringify({ video_id: 1, pipeline_run_id: randomUUID(), status: 'queued' });
      return { status: 202, headers: { 'content-type': 'application/json' }, body };
    },
    async sleep() {},
    now: () => Date.now(),
    random: () => 0.5,
  };
}

/** The reference: expected = "sha256=" + HMAC_SHA256(timestamp + "." + raw_body, secret). */
export function v1Signature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** The legacy body-only X-Trending-Signature. */
export function legacySignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export interface SignedMessage {
  body: string;
  headers: Record<string, string>;
}

/** The headers a signer following the reference sends for a signature case, with the case's fault applied. */
export function signedMessage(c: SignatureCase, secret: string, nowMs: number): SignedMessage {
  const timestamp = String(Math.floor(nowMs / 1000) - c.ageSeconds);
  const signingSecret = c.fault === 'wrongSecret' ? `${secret}-not-this-one` : secret;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-trending-timestamp': timestamp };
  if (c.scheme === 'v1') headers['x-trending-signature-v1'] = v1Signature(signingSecret, timestamp, c.body);
  if (c.scheme === 'legacy') headers['x-trending-signature'] = legacySignature(signingSecret, c.body);
  // The bytes change after signing (a proxy re-encoding the JSON): one space more.
  const body = c.fault === 'bodyChanged' ? c.body.replace('{', '{ ') : c.body;
  return { body, headers };
}

/** A create body of exactly `bytes` UTF-8 bytes: a valid Story body plus an unknown key holding padding. */
export function paddedBody(bytes: number): string {
  const base = { prompt: 'A short scary story about a hotel keycard.', padding: '' };
  const overhead = Buffer.byteLength(JSON.stringify(base));
  return JSON.stringify({ ...base, padding: 'x'.repeat(bytes - overhead) });
}

/** Magic bytes so that a content probe sees the file kind the name says (and garbage for anything else). */
const MAGIC: Record<string, number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpg: [0xff, 0xd8, 0xff, 0xe0],
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  webp: [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
  gif: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  mp4: [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d],
  m4v: [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x56, 0x20],
  mov: [0, 0, 0, 0x14, 0x66, 0x74, 0x79, 0x70, 0x71, 0x74, 0x20, 0x20],
  webm: [0x1a, 0x45, 0xdf, 0xa3],
};

export function fileBytes(fileName: string, size: number, content?: 'garbage'): Uint8Array {
  const bytes = new Uint8Array(size).fill(content === 'garbage' ? 0x5a : 0);
  const magic = content === 'garbage' ? [] : (MAGIC[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? []);
  bytes.set(magic.slice(0, size));
  return bytes;
}

export const FRESH = '{fresh}';

/** Replaces the corpus's `{fresh}` idempotency placeholders with a new key per run. */
export function withFreshKeys<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll(`"${FRESH}"`, () => `"${randomUUID()}"`)) as T;
}

/** Cases a runner does not judge, each with the reason (reported, never silently dropped). */
export type Skips = Map<string, string>;

export function byKind<K extends ConformanceCase['kind']>(
  cases: readonly ConformanceCase[],
  kind: K,
): Extract<ConformanceCase, { kind: K }>[] {
  return cases.filter((c): c is Extract<ConformanceCase, { kind: K }> => c.kind === kind);
}

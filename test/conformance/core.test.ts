/**
 * Runner (a): the corpus against core's local validation. Body rules go to the validators (checkCreateRequest and
 * checkTriggerRequest, whose warnings are not refusals; the helper and upload validators; validateRequestSize); header
 * and production rules
 * (Idempotency-Key, webhook hosts) go through TrendingClient on the production base URL with a recording transport,
 * where "refused" means nothing was sent. Cases only the API can decide (account state) are listed as skipped.
 */
import {
  TrendingClient,
  computeSignature,
  buildSignedTriggerRequest,
  checkCreateRequest,
  checkTriggerRequest,
  checkWebhook,
  validateCoverageRequest,
  validateCreateRequest,
  validateLibraryVideoUpload,
  validateLibraryVideoUrl,
  validateListScriptUpdate,
  validateReferenceImageUpload,
  validateRequestSize,
  type CoverageInput,
  type LibraryVideoUrlInput,
  type TemplateId,
  type TriggerVideoBody,
} from '@trending/core';

import type { ConformanceCase, CreateCase, EndpointCase, Expectation, TriggerCase } from './case';
import { ALL_CASES } from './cases';
import {
  byKind,
  expectFindings,
  paddedBody,
  recordingTransport,
  refusalsOf,
  signedMessage,
  v1Signature,
  withFreshKeys,
  type Finding,
  type Skips,
} from './runners/shared';

const skipped: Skips = new Map();

function skip(c: ConformanceCase, reason: string): false {
  skipped.set(c.id, reason);
  return false;
}

/** Whether a validator has anything to say: a body rule (validation_failed) or a documented-valid request. */
function isBodyMatter(expectation: Expectation): boolean {
  return (
    expectation.outcome === 'accepted' || expectation.code === 'validation_failed' || expectation.path !== undefined
  );
}

function judged(c: ConformanceCase): boolean {
  if (c.decidedBy === 'account') return skip(c, 'depends on account state: only the API can decide');
  return true;
}

/** Sends through the client on production; returns the local refusal, or undefined when the request went out. */
async function throughClient(
  send: (client: TrendingClient) => Promise<unknown>,
): Promise<{ sent: boolean; error?: Error & { code?: string; details?: unknown } }> {
  const transport = recordingTransport();
  const client = new TrendingClient({ baseUrl: '', apiKey: 'sk_test_pro', transport });
  try {
    await send(client);
    return { sent: transport.sent.length > 0 };
  } catch (error) {
    return { sent: transport.sent.length > 0, error: error as Error };
  }
}

function expectClientOutcome(result: Awaited<ReturnType<typeof throughClient>>, expectation: Expectation): void {
  if (expectation.outcome === 'accepted') {
    expect(result.error?.message, 'a documented-valid request must be sent').toBeUndefined();
    expect(result.sent).toBe(true);
    return;
  }
  expect(result.sent, 'a documented-invalid request must be refused before it is sent').toBe(false);
  expect(result.error).toBeDefined();
  if (expectation.path !== undefined)
    expect(JSON.stringify(result.error?.details ?? result.error?.message)).toContain(expectation.path);
}

describe('core: create bodies (checkCreateRequest)', () => {
  const cases = byKind(ALL_CASES, 'create').filter(
    (c) =>
      judged(c) &&
      (c.idempotencyKey === undefined || skip(c, 'an Idempotency-Key matter: judged through the client below')) &&
      (isBodyMatter(c.expect) || skip(c, 'not a body rule')),
  );
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c: CreateCase) => {
    expectFindings(refusalsOf(checkCreateRequest(c.template, c.body)), c.expect);
  });

  // A loopback dev API (the simulator) may be handed callbacks to its own host.
  const devHost = cases.filter((c) => c.onDevHost !== undefined);
  it.each(devHost.map((c) => [c.id, c] as const))('%s (dev host)', (_id, c: CreateCase) => {
    expectFindings(refusalsOf(checkCreateRequest(c.template, c.body, { devHost: true })), c.onDevHost as Expectation);
  });
});

describe('core: create requests on the production base URL (TrendingClient.createVideo)', () => {
  const cases = byKind(ALL_CASES, 'create').filter((c) => c.decidedBy !== 'account');
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c: CreateCase) => {
    const key = c.idempotencyKey === undefined ? crypto.randomUUID() : (c.idempotencyKey ?? undefined);
    const result = await throughClient((client) =>
      client.createVideo(c.template, c.body, { idempotencyKey: key as string }),
    );
    expectClientOutcome(result, c.expect);
  });
});

describe('core: trigger bodies (checkTriggerRequest)', () => {
  const cases = byKind(ALL_CASES, 'trigger').filter(
    (c) =>
      judged(c) && (isBodyMatter(c.expect) || skip(c, 'an Idempotency-Key matter: judged through the client below')),
  );
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c: TriggerCase) => {
    expectFindings(refusalsOf(checkTriggerRequest(withFreshKeys(c.body))), c.expect);
  });

  const keyCases = byKind(ALL_CASES, 'trigger').filter(
    (c) => c.expect.outcome === 'refused' && c.expect.code === 'idempotency_required',
  );
  it.each(keyCases.map((c) => [c.id, c] as const))('%s (client, no key anywhere)', async (_id, c: TriggerCase) => {
    // Cases that leave out video_type are refused on the body above; these carry one.
    const body = withFreshKeys(c.body) as TriggerVideoBody;
    const key = c.idempotencyKey ?? (body.idempotency_key as string | undefined);
    const result = await throughClient((client) =>
      c.via === 'signed'
        ? client.sendSignedTrigger({
            triggerId: 'trg_test',
            secret: 'whsec_trigger_test',
            body,
            idempotencyKey: key as string,
          })
        : client.triggerVideo(body, { idempotencyKey: key as string }),
    );
    expectClientOutcome(result, c.expect);
  });
});

/** The helper endpoints whose bodies core validates, by method and path. */
function helperFindings(c: EndpointCase): Finding[] | undefined {
  const body = c.body ?? {};
  const key = `${c.method} ${c.path}`;
  switch (key) {
    case 'POST /api/v1/library/folders/coverage':
      return refusalsOf(validateCoverageRequest(body as unknown as CoverageInput));
    case 'POST /api/v1/library/video-urls':
      return refusalsOf(validateLibraryVideoUrl(body as unknown as LibraryVideoUrlInput));
    case 'POST /api/v1/story/reference-images':
      return refusalsOf(validateReferenceImageUpload(body as { source_url: string }));
    case 'POST /api/v1/cost-estimate':
    case 'POST /api/v1/account/readiness':
      return refusalsOf(validateCreateRequest(body.template as TemplateId, body.request));
    case 'PUT /api/v1/list/videos/{video_id}/script':
    case 'PATCH /api/v1/list/videos/{video_id}/script':
      return refusalsOf(validateListScriptUpdate(body));
    default:
      return undefined;
  }
}

describe('core: helper endpoint bodies', () => {
  const cases = byKind(ALL_CASES, 'endpoint').filter((c) => {
    if (helperFindings(c) === undefined) return skip(c, 'no request body rule for core to check');
    if (c.decidedBy === 'account' && !(c.expect.outcome === 'refused' && c.expect.code === 'validation_failed')) {
      return skip(c, 'depends on account or video state: only the API can decide');
    }
    return isBodyMatter(c.expect) || skip(c, 'not a body rule');
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c: EndpointCase) => {
    expectFindings(helperFindings(c) ?? [], c.expect);
  });

  const renderKey = byKind(ALL_CASES, 'endpoint').filter((c) => c.idempotencyKey === null);
  it.each(renderKey.map((c) => [c.id, c] as const))('%s (client, no Idempotency-Key)', async (_id, c: EndpointCase) => {
    const template = c.path.split('/')[3] as TemplateId;
    const result = await throughClient((client) =>
      client.renderVideo(template, 1, { idempotencyKey: undefined as unknown as string }),
    );
    expectClientOutcome(result, c.expect);
  });
});

describe('core: uploads and the request-body cap', () => {
  const uploads = byKind(ALL_CASES, 'upload').filter(
    (c) => judged(c) && (c.content === undefined || skip(c, 'a media-probe matter: only the API reads the bytes')),
  );
  it.each(uploads.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const file = { fileName: c.fileName, mimeType: c.mimeType, size: c.size, ...(c.fields ?? {}) };
    const findings =
      c.endpoint === 'referenceImage'
        ? refusalsOf(validateReferenceImageUpload(file))
        : refusalsOf(validateLibraryVideoUpload(file as Parameters<typeof validateLibraryVideoUpload>[0]));
    expectFindings(findings, c.expect.outcome === 'accepted' ? c.expect : { ...c.expect, path: undefined });
  });

  const sizes = byKind(ALL_CASES, 'size');
  it.each(sizes.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const body = paddedBody(c.bytes);
    expect(Buffer.byteLength(body)).toBe(c.bytes);
    expectFindings(
      refusalsOf(validateRequestSize(body)),
      c.expect.outcome === 'accepted' ? c.expect : { ...c.expect, path: undefined },
    );
  });
});

describe('core: signatures', () => {
  const secret = 'whsec_conformance';
  const webhookCases = byKind(ALL_CASES, 'signature').filter((c) => c.direction === 'webhook');
  it.each(webhookCases.map((c) => [c.id, c] as const))('%s (checkWebhook)', (_id, c) => {
    const now = Date.now();
    const message = signedMessage(c, secret, now);
    const verdict = checkWebhook({
      rawBody: message.body,
      headers: message.headers,
      secrets: secret,
      nowMs: now,
      allowLegacy: c.acceptLegacy === true,
    });
    expect(verdict.ok, JSON.stringify(verdict)).toBe(c.expect.outcome === 'accepted');
  });

  const triggerCases = byKind(ALL_CASES, 'signature').filter(
    (c) =>
      c.direction === 'trigger' &&
      ((c.expect.outcome === 'accepted' && c.scheme === 'v1') ||
        skip(c, 'verifying a signed trigger is the API’s job; core only signs')),
  );
  it.each(triggerCases.map((c) => [c.id, c] as const))('%s (core signs as the reference computes)', (_id, c) => {
    const timestamp = String(Math.floor(Date.now() / 1000) - c.ageSeconds);
    expect(computeSignature(secret, timestamp, c.body)).toBe(v1Signature(secret, timestamp, c.body));
    const request = buildSignedTriggerRequest({
      baseUrl: 'https://trending.com',
      triggerId: 'trg_test',
      secret,
      body: JSON.parse(c.body) as Record<string, unknown>,
      idempotencyKey: '123e4567-e89b-12d3-a456-426614174000',
      nowMs: Date.now(),
    });
    const sentBody = String(request.body);
    expect(request.headers['x-trending-signature-v1']).toBe(
      v1Signature(secret, request.headers['x-trending-timestamp'] as string, sentBody),
    );
  });
});

afterAll(() => {
  // Every case this runner does not judge, with why: printed so a reader of the run sees the gaps.
  const lines = [...skipped].map(([id, reason]) => `  ${id}: ${reason}`);
  console.info(`core runner: ${skipped.size} cases not judged locally\n${lines.join('\n')}`);
});

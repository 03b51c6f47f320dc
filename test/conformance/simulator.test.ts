/**
 * Runner (b): the corpus against the simulator over HTTP, with real fetch requests and the documented headers.
 * Accepted cases answer 2xx; refused ones the documented status and error code (and for validation_failed, details
 * naming the field). Outbound webhook signatures are checked on a real delivery against the reference's formula.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSimulator, type SimulatorHandle } from '@trending/simulator';

import type { Auth, ConformanceCase, Expectation, SignatureCase } from './case';
import { ALL_CASES } from './cases';
import { prepare } from './runners/situations';
import {
  byKind,
  fileBytes,
  legacySignature,
  paddedBody,
  signedMessage,
  v1Signature,
  withFreshKeys,
  type Skips,
} from './runners/shared';

let sim: SimulatorHandle;
const skipped: Skips = new Map();

beforeAll(async () => {
  // A frozen clock: runs stay where a situation left them, and no webhook is delivered unless a test advances it.
  sim = await startSimulator({ speed: 0.001, rateLimitPerMinute: 0 });
});
afterAll(async () => {
  await sim.close();
  const lines = [...skipped].map(([id, reason]) => `  ${id}: ${reason}`);
  console.info(`simulator runner: ${skipped.size} cases not judged\n${lines.join('\n')}`);
});
beforeEach(() => sim.reset());

interface Answer {
  status: number;
  json: { error?: { code?: string; details?: unknown; message?: string } } & Record<string, unknown>;
}

function keyOf(auth: Auth | undefined): string | undefined {
  if (auth === 'none') return undefined;
  if (auth === 'unknownKey') return 'sk_test_nobody_has_this_key';
  return sim.keys[auth ?? 'pro'];
}

async function send(
  method: string,
  path: string,
  options: { auth?: Auth; body?: string | FormData; headers?: Record<string, string>; idempotencyKey?: string | null },
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = keyOf(options.auth);
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  if (typeof options.idempotencyKey === 'string') headers['idempotency-key'] = options.idempotencyKey;
  if (typeof options.body === 'string') headers['content-type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, { method, headers, body: options.body });
  const textBody = await res.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(textBody) as Answer['json'];
  } catch {
    json = { raw: textBody };
  }
  return { status: res.status, json };
}

/** Field paths in error details may index lists as `[0]` or `.0`. */
function pathForms(path: string): string[] {
  return [path, path.replace(/\[(\d+)\]/g, '.$1')];
}

function expectAnswer(answer: Answer, expectation: Expectation): void {
  const seen = `${answer.status} ${JSON.stringify(answer.json).slice(0, 400)}`;
  if (expectation.outcome === 'accepted') {
    expect(answer.status >= 200 && answer.status < 300, `expected 2xx, got ${seen}`).toBe(true);
    return;
  }
  expect({ status: answer.status, code: answer.json.error?.code }, seen).toEqual({
    status: expectation.status,
    code: expectation.code,
  });
  const path = expectation.path;
  if (path !== undefined && expectation.code === 'validation_failed') {
    const details = JSON.stringify(answer.json.error?.details ?? {});
    expect(
      pathForms(path).some((form) => details.includes(form)),
      `details name ${path}: ${details}`,
    ).toBe(true);
  }
}

describe('simulator: create', () => {
  const cases = byKind(ALL_CASES, 'create');
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const body = JSON.stringify(c.callerOwns ? await withOwnedStory(c.body) : c.body).replaceAll(
      '{api_key}',
      sim.keys.pro,
    );
    const idempotencyKey = c.idempotencyKey === undefined ? randomUUID() : c.idempotencyKey;
    const answer = await send('POST', `/api/v1/${c.template}/videos`, { auth: c.auth, body, idempotencyKey });
    // The simulator is a local/dev API on loopback: where the reference allows more there, that is the expectation.
    expectAnswer(answer, c.onDevHost ?? c.expect);
  });
});

/** The body with its story_id / reuse_characters_from_video_id replaced by a finished Story video the caller owns. */
async function withOwnedStory(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { videoId } = await prepare(sim, 'completedPreview');
  const copy = structuredClone(body) as { script?: Record<string, unknown> };
  const script = copy.script ?? {};
  if (script.reuse_characters_from_video_id != null) script.reuse_characters_from_video_id = videoId;
  for (const ref of (script.reference_images ?? []) as Record<string, unknown>[]) {
    if (ref.story_id != null) ref.story_id = videoId;
  }
  return copy as Record<string, unknown>;
}

/** A signed trigger request as the reference's bash example builds it. */
function signedTrigger(body: string, headers: Record<string, string>, nonce = randomUUID()) {
  return send('POST', '/api/v1/triggers/webhook', {
    auth: 'none',
    body,
    headers: { ...headers, 'x-trending-trigger': sim.trigger.id, 'x-trending-nonce': nonce },
  });
}

describe('simulator: triggers', () => {
  const cases = byKind(ALL_CASES, 'trigger');
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const body: Record<string, unknown> = withFreshKeys(c.body);
    const idempotencyKey = c.idempotencyKey === undefined ? undefined : withFreshKeys(c.idempotencyKey);
    const key = keyOf(c.auth);
    let answer: Answer;
    if (c.via === 'signed') {
      const raw = JSON.stringify(body);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = {
        'x-trending-timestamp': timestamp,
        'x-trending-signature-v1': v1Signature(sim.trigger.secret, timestamp, raw),
      };
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      answer = await signedTrigger(raw, headers);
    } else {
      const headers: Record<string, string> = {};
      if (c.via === 'xTrendingApiKey' && key) headers['x-trending-api-key'] = key;
      if (c.via === 'bodyApiKey' && key) body.api_key = key;
      answer = await send('POST', '/api/v1/triggers/videos', {
        auth: c.via === 'bearer' ? c.auth : 'none',
        body: JSON.stringify(body),
        headers,
        idempotencyKey,
      });
    }
    expectAnswer(answer, c.expect);
  });
});

describe('simulator: signed trigger signatures', () => {
  const cases = byKind(ALL_CASES, 'signature').filter((c) => c.direction === 'trigger');
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c: SignatureCase) => {
    const message = signedMessage(c, sim.trigger.secret, Date.now());
    if (c.fault === 'reusedNonce') {
      const nonce = randomUUID();
      const first = await signedTrigger(message.body, message.headers, nonce);
      expect(first.status, 'the first use of a nonce is accepted').toBeLessThan(300);
      expectAnswer(await signedTrigger(message.body, message.headers, nonce), c.expect);
      return;
    }
    expectAnswer(await signedTrigger(message.body, message.headers), c.expect);
  });
});

interface Delivery {
  headers: IncomingHttpHeaders;
  raw: string;
}

describe('simulator: outbound webhook signatures', () => {
  const cases = byKind(ALL_CASES, 'signature').filter(
    (c) =>
      c.direction === 'webhook' &&
      ((c.expect.outcome === 'accepted' && c.fault === undefined && c.ageSeconds === 0) ||
        (skipped.set(c.id, 'a receiver-side rule: the simulator sends webhooks, it does not verify them'), false)),
  );
  it.each(cases.map((c) => [c.id, c] as const))(
    '%s: a real delivery is signed as the reference computes',
    async (_id, c) => {
      const deliveries: Delivery[] = [];
      const receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          deliveries.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      try {
        const secret = 'whsec_conformance_delivery';
        const { port } = receiver.address() as AddressInfo;
        const created = await send('POST', '/api/v1/story/videos', {
          body: JSON.stringify({
            preview_only: true,
            script: { images_requested: 2 },
            webhook: { url: `http://127.0.0.1:${port}/hook`, secret },
          }),
          idempotencyKey: randomUUID(),
        });
        expect(created.status).toBeLessThan(300);
        sim.advance(3_000);
        const deadline = Date.now() + 10_000;
        while (deliveries.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        const delivery = deliveries[0];
        expect(delivery, 'a terminal event was delivered').toBeDefined();
        const header = (name: string) => String(delivery?.headers[name] ?? '');
        const timestamp = header('x-trending-timestamp');
        expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThanOrEqual(300);
        if (c.scheme === 'v1') {
          expect(header('x-trending-signature-v1')).toBe(v1Signature(secret, timestamp, delivery?.raw ?? ''));
        } else {
          expect(header('x-trending-signature')).toBe(legacySignature(secret, delivery?.raw ?? ''));
        }
      } finally {
        await new Promise<void>((resolve) => receiver.close(() => resolve()));
      }
    },
  );
});

describe('simulator: endpoints and error situations', () => {
  const cases = byKind(ALL_CASES, 'endpoint');
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const prepared = await prepare(sim, c.setup);
    const path = c.path.replace('{video_id}', String(prepared.videoId ?? 0));
    const needsKey = /\/render$/.test(path);
    const idempotencyKey = c.idempotencyKey === undefined ? (needsKey ? randomUUID() : undefined) : c.idempotencyKey;
    const answer = await send(c.method, path, {
      auth: c.auth,
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
      headers: c.headers,
      idempotencyKey,
    });
    expectAnswer(answer, c.expect);
  });
});

describe('simulator: uploads and the request-body cap', () => {
  const uploads = byKind(ALL_CASES, 'upload');
  it.each(uploads.map((c) => [c.id, c] as const))(
    '%s',
    async (_id, c) => {
      await prepare(sim, c.setup);
      const form = new FormData();
      for (const [name, value] of Object.entries(c.fields ?? {})) form.set(name, String(value));
      // The reference names no multipart field; "file" is the one the API's own forms use.
      form.set('file', new Blob([fileBytes(c.fileName, c.size, c.content)], { type: c.mimeType }), c.fileName);
      const path = c.endpoint === 'referenceImage' ? '/api/v1/story/reference-images' : '/api/v1/library/videos';
      expectAnswer(await send('POST', path, { body: form }), c.expect);
    },
    120_000,
  );

  const sizes = byKind(ALL_CASES, 'size');
  it.each(sizes.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const body = paddedBody(c.bytes);
    expect(Buffer.byteLength(body)).toBe(c.bytes);
    expectAnswer(await send('POST', '/api/v1/story/videos', { body, idempotencyKey: randomUUID() }), c.expect);
  });
});

/** Every case kind has a simulator runner above; this keeps it so when kinds are added. */
it('judges every kind of case', () => {
  const kinds = new Set(ALL_CASES.map((c: ConformanceCase) => c.kind));
  expect([...kinds].sort()).toEqual(['create', 'endpoint', 'signature', 'size', 'trigger', 'upload']);
});

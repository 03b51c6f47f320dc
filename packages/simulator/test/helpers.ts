import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '@trending/simulator';

export const PRO = 'sk_test_pro';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted field by field
export type Json = any;

/** Fast enough that a 12-slide Story (about 250 API seconds) takes a quarter of a second. */
export function startFast(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator({ speed: 1000, rateLimitPerMinute: 0, ...options });
}

/** Stands for an object that a hook creates later: every read and write goes to the current one. */
function later<T extends object>(current: () => T | undefined, what: string): T {
  const target = (): T => {
    const value = current();
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside tests and hooks`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_t, prop) => Reflect.get(target(), prop),
    set: (_t, prop, value) => Reflect.set(target(), prop, value),
  });
}

export function simulatorSuite(options?: SimulatorOptions): { sim: SimulatorHandle };
export function simulatorSuite(
  options: SimulatorOptions,
  extras: { receiver: true },
): { sim: SimulatorHandle; receiver: Receiver };
/**
 * One fast simulator for the calling describe block (and, with `receiver: true`, one webhook receiver), started before
 * its tests, closed after them, and back to its startup state (receiver emptied) after every test. The returned
 * handles stand for the ones started in beforeAll, so they can be destructured at describe level.
 */
export function simulatorSuite(
  options: SimulatorOptions = {},
  extras: { receiver?: boolean } = {},
): { sim: SimulatorHandle; receiver?: Receiver } {
  let sim: SimulatorHandle | undefined;
  let receiver: Receiver | undefined;
  beforeAll(async () => {
    sim = await startFast(options);
    if (extras.receiver) receiver = await startReceiver();
  });
  afterAll(async () => {
    await sim?.close();
    await receiver?.close();
  });
  afterEach(() => {
    sim?.reset();
    if (receiver) receiver.received.length = 0;
  });
  return {
    sim: later(() => sim, 'the simulator'),
    ...(extras.receiver ? { receiver: later(() => receiver, 'the receiver') } : {}),
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  json: Record<string, Json>;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

let counter = 0;
export function uniqueKey(prefix = 'idem'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

export async function call(
  sim: SimulatorHandle,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? PRO : options.key;
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: string | Buffer | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(sim.url + path, { method, headers, body });
  const text = await res.text();
  let json: Record<string, Json> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { raw: text };
  }
  return { status: res.status, headers: res.headers, json };
}

/** Creates a video and returns the create answer (asserting 202). */
export async function create(
  sim: SimulatorHandle,
  template: string,
  body: Record<string, unknown> = {},
  key = PRO,
): Promise<Record<string, Json>> {
  const res = await call(sim, 'POST', `/api/v1/${template}/videos`, { key, body, idempotencyKey: uniqueKey(template) });
  if (res.status !== 202) throw new Error(`create ${template} answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls until the video leaves queued/running; returns the final poll answer. */
export async function waitForTerminal(
  sim: SimulatorHandle,
  template: string,
  videoId: number,
  key = PRO,
): Promise<Record<string, Json>> {
  return waitFor(
    async () => {
      const res = await call(sim, 'GET', `/api/v1/${template}/videos/${videoId}`, { key });
      return res.json.status === 'queued' || res.json.status === 'running' ? undefined : res.json;
    },
    15_000,
    `${template} video ${videoId} to finish`,
  );
}

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  json: Record<string, Json>;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status to answer with, per call (default 200). */
  respond: (r: Received, index: number) => number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = { url: '', received, respond: () => 200, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r = { headers: req.headers, raw, json: JSON.parse(raw) };
      received.push(r);
      res.writeHead(receiver.respond(r, received.length - 1)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/**
 * The reference's signature, computed here with node:crypto and nothing else, so the suite checks the simulator
 * against the reference text rather than against core or the simulator's own signing code:
 * `expected = "sha256=" + HMAC_SHA256(timestamp + "." + raw_body, trigger_secret)`.
 */
export function referenceSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** `X-Trending-Signature: sha256=... — legacy (body-only)`. */
export function referenceLegacySignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface SignedTrigger {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A signed-trigger request as the reference's bash example builds it (idempotency key in the header and body). */
export function signedTrigger(
  baseUrl: string,
  input: {
    triggerId: string;
    secret: string;
    body: Record<string, unknown>;
    idempotencyKey: string;
    nowMs: number;
    nonce?: string;
  },
): SignedTrigger {
  const body = JSON.stringify({ ...input.body, idempotency_key: input.idempotencyKey });
  const timestamp = String(Math.floor(input.nowMs / 1000));
  return {
    url: `${baseUrl}/api/v1/triggers/webhook`,
    headers: {
      'content-type': 'application/json',
      'x-trending-trigger': input.triggerId,
      'x-trending-timestamp': timestamp,
      'x-trending-signature-v1': referenceSignature(input.secret, timestamp, body),
      'x-trending-nonce': input.nonce ?? randomUUID(),
      'idempotency-key': input.idempotencyKey,
    },
    body,
  };
}

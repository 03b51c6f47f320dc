/**
 * The app against the local Trending simulator: a real API on loopback, real signed webhook deliveries, real MP4
 * render URLs. Zapier's side of a callback is played by a loopback receiver that records exactly what arrived.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { startSimulator, type SimulatorHandle } from '@trending/simulator';
import { createRequire } from 'node:module';
import { BASE_URL_ENV } from '../../src/transport';
import { App, appTester, perform } from './harness';

export interface SimContext {
  sim: SimulatorHandle;
  auth: { api_key: string };
}

/**
 * Fast: a 12-slide Story (about 250 API seconds) takes a quarter of a wall-clock second. No rate limit. The app's API
 * origin (TRENDING_API_BASE_URL) points at it from here on, in this test file's process.
 */
export async function startTestSimulator(): Promise<SimContext> {
  const sim = await startSimulator({ speed: 1000, rateLimitPerMinute: 0 });
  process.env[BASE_URL_ENV] = sim.url;
  return { sim, auth: { api_key: sim.keys.pro } };
}

/** nock only for hosts a test mocks (Zapier's RPC and S3); the simulator and receivers on loopback are real. */
export function loopbackOnly(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Serve these bytes (with a content type) at a path, like a file URL from an earlier Zap step. */
  serve(path: string, body: Buffer, contentType: string): void;
  next(timeoutMs?: number): Promise<Delivery>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const files = new Map<string, { body: Buffer; contentType: string }>();
  let taken = 0;
  const server = createServer((req, res) => {
    const file = req.method === 'GET' ? files.get(req.url ?? '') : undefined;
    if (file) {
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length }).end(file.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deliveries,
    serve: (path, body, contentType) => files.set(path, { body, contentType }),
    async next(timeoutMs = 10_000) {
      const delivery = await eventually(() => deliveries[taken], timeoutMs, 'a webhook delivery');
      taken += 1;
      return delivery;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A delivery as Zapier hands it to performResume: `Http-`-prefixed, capitalised header names; the raw body as text. */
export function asZapierCallback(delivery: Delivery): { rawRequest: Record<string, unknown>; cleanedRequest: unknown } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) {
    if (typeof value !== 'string') continue;
    const zapierName = name
      .split('-')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('-');
    headers[`Http-${zapierName}`] = value;
  }
  return { rawRequest: { method: 'POST', headers, content: delivery.body }, cleanedRequest: JSON.parse(delivery.body) };
}

type Handler = (event: Record<string, unknown>) => Promise<unknown>;
// Not in zapier-platform-core's type declarations, but it is what Zapier's runtime (and createAppTester) calls.
const { createAppHandler } = createRequire(__filename)('zapier-platform-core') as {
  createAppHandler: (app: unknown) => Handler;
};
const handler = createAppHandler(App);

/**
 * Runs a method the way Zapier's runtime does, with a callback URL of our choosing (createAppTester always uses a
 * fixed public echo URL, which a loopback simulator cannot deliver to). Returns the results and the envelope status
 * (`callback` when the step is left waiting).
 */
export async function runWithCallback(
  method: string,
  bundle: Record<string, unknown>,
  callbackUrl: string,
): Promise<{ results: Record<string, unknown>; status?: string }> {
  const output = (await handler({ command: 'execute', method, bundle, callback_url: callbackUrl })) as {
    results: Record<string, unknown>;
    status?: string;
  };
  return output;
}

export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
  what = 'a condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Find Video until the video reaches one of `statuses`. */
export async function findUntil(
  ctx: SimContext,
  template: string,
  videoId: number,
  statuses: readonly string[] = ['completed', 'failed', 'aborted'],
): Promise<Record<string, unknown>> {
  return eventually(
    async () => {
      const [video] = (await appTester(perform('searches', 'find_video'), {
        authData: ctx.auth,
        inputData: { template, video_id: videoId },
      })) as Record<string, unknown>[];
      return video && statuses.includes(String(video.status)) ? video : undefined;
    },
    20_000,
    `video ${videoId} to reach ${statuses.join('/')}`,
  );
}

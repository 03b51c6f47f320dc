/**
 * Servers that never finish an answer, and every step that talks to Trending, for the time-budget suites
 * (budget-silent.test.ts, budget-hung.test.ts). The API origin is process-wide (TRENDING_API_BASE_URL), so each server
 * has its own test file: vitest runs files in separate processes, side by side, and the suite still waits 25 s once.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { STEP_BUDGET_MS } from '../../src/budget';
import { App, appTester, failure, perform, performResume, withApiBaseUrl } from './harness';
import { loopbackOnly } from './simulator';

export interface Stalling {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server, sockets: Set<Socket>): Promise<Stalling> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts the connection, reads the request, never sends anything. */
export function silentServer(): Promise<Stalling> {
  return listen(
    createTcpServer(() => undefined),
    new Set(),
  );
}

/** Answers 200 with its headers and the start of a JSON body, then hangs with the connection open. */
export function hungServer(): Promise<Stalling> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"request_id":"req_1","video_id":');
  });
  return listen(server, new Set());
}

type Step = Parameters<typeof appTester>[0];

const STEPS: { name: string; step: Step; bundle: Record<string, unknown>; says: string[] }[] = [
  {
    name: 'Create Story Video',
    step: perform('creates', 'create_story_video'),
    bundle: { inputData: { prompt: 'A lighthouse keeper finds a message in a bottle', wait_for_video: false } },
    says: ['may have been started', 'will not create or charge a second one', 'Idempotency Key'],
  },
  {
    name: 'Create Story Video, resumed by its callback',
    step: performResume('create_story_video'),
    bundle: { outputData: { video_id: 12345, idempotency_key: 'k' } },
    says: ['The video keeps running', 'Find Video'],
  },
  {
    name: 'Render Video Later',
    step: perform('creates', 'render_video'),
    bundle: { inputData: { template: 'story', video_id: 12345 } },
    says: ['may have been started', 'will not start or charge a second one'],
  },
  {
    name: 'Find Video',
    step: perform('searches', 'find_video'),
    bundle: { inputData: { template: 'story', video_id: 12345 } },
    says: [],
  },
  {
    name: 'the Video File hydrator',
    step: App.hydrators!.renderFile as Step,
    bundle: { inputData: { template: 'story', video_id: 12345 } },
    says: [],
  },
  {
    name: 'API Request',
    step: perform('creates', 'api_request'),
    bundle: { inputData: { method: 'GET', path: '/api/v1/voice-actors' } },
    says: [],
  },
];

/**
 * Every step, side by side, against `server`: each perform, performResume and hydrator ends within the 25 s budget
 * with Zapier's "try again later" error, in a Zap builder's words.
 */
export function everyStepEndsInTime(what: string, start: () => Promise<Stalling>): void {
  describe(`the time budget of a step, against ${what}`, () => {
    loopbackOnly();
    let server: Stalling;
    beforeAll(async () => {
      server = await start();
    });
    afterAll(async () => {
      await server.close();
    });

    it('every step ends within 25 s, asking Zapier to try again later', async () => {
      const results = await withApiBaseUrl(server.url, () =>
        Promise.all(
          STEPS.map(async ({ name, step, bundle, says }) => {
            const started = Date.now();
            const error = await failure(
              appTester(step, { authData: { api_key: 'sk_live_budget_test_key' }, ...bundle }),
            );
            return { name, ms: Date.now() - started, error, says };
          }),
        ),
      );
      for (const { name, ms, error, says } of results) {
        expect(ms, name).toBeLessThan(STEP_BUDGET_MS + 1_000);
        expect(error.name, name).toBe('ThrottledError');
        expect(error.delay, name).toBe(60);
        expect(error.message, name).toContain('Trending did not answer within the 25 seconds');
        for (const words of says) expect(error.message, name).toContain(words);
        // Neither an API path nor a placeholder reaches the Zap user.
        expect(error.message, name).not.toMatch(/\/api\/v1|\{template\}/);
      }
      expect(STEP_BUDGET_MS).toBeLessThanOrEqual(25_000);
    }, 45_000);
  });
}

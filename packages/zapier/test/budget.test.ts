/**
 * Every step ends inside Zapier's limit whatever the API does: against a server that accepts connections and never
 * sends a byte, and one that starts an answer and then stalls, each perform, performResume and hydrator ends within
 * the 25 s budget with Zapier's "try again later" error. The steps run side by side, so the suite waits 25 s once.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { STEP_BUDGET_MS } from '../src/budget';
import { App, appTester, failure, perform, performResume, type ZapierErrorInfo } from './support/harness';
import { loopbackOnly } from './support/simulator';

interface Stalling {
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
function silentServer(): Promise<Stalling> {
  return listen(
    createTcpServer(() => undefined),
    new Set(),
  );
}

/** Answers 200 with its headers and the start of a JSON body, then hangs with the connection open. */
function hungServer(): Promise<Stalling> {
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
];

async function runAll(baseUrl: string): Promise<{ name: string; ms: number; error: ZapierErrorInfo }[]> {
  return Promise.all(
    STEPS.map(async ({ name, step, bundle }) => {
      const started = Date.now();
      const error = await failure(
        appTester(step, { authData: { api_key: 'sk_live_budget_test_key', base_url: baseUrl }, ...bundle }),
      );
      return { name, ms: Date.now() - started, error };
    }),
  );
}

describe('the time budget of a step', () => {
  loopbackOnly();
  let silent: Stalling;
  let hung: Stalling;
  beforeAll(async () => {
    silent = await silentServer();
    hung = await hungServer();
  });
  afterAll(async () => {
    await silent.close();
    await hung.close();
  });

  it('every step ends within 25 s against a silent and a hung server, asking Zapier to try again later', async () => {
    const [againstSilent, againstHung] = await Promise.all([runAll(silent.url), runAll(hung.url)]);
    for (const result of [...againstSilent, ...againstHung]) {
      const { says } = STEPS.find((s) => s.name === result.name)!;
      expect(result.ms, result.name).toBeLessThan(STEP_BUDGET_MS + 1_000);
      expect(result.error.name, result.name).toBe('ThrottledError');
      expect(result.error.delay, result.name).toBe(60);
      expect(result.error.message, result.name).toContain('Trending did not answer within the 25 seconds');
      for (const words of says) expect(result.error.message, result.name).toContain(words);
      // Neither an API path nor a placeholder reaches the Zap user.
      expect(result.error.message, result.name).not.toMatch(/\/api\/v1|\{template\}/);
    }
    expect(STEP_BUDGET_MS).toBeLessThanOrEqual(25_000);
  }, 45_000);
});

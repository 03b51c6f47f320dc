/**
 * sendRows on its own, with a stand-in client: every row ends up sent or reported, whatever stops the run; and
 * watchReplays against the simulator: only videos made before the run count as replays.
 */
import { TrendingClient, type CreateVideoResponse, type Transport } from '@trending/core';
import { Journal } from '../src/journal';
import type { PreparedRow } from '../src/rows/prepare';
import { createTransport } from '../src/transport';
import { sendRows, watchReplays } from '../src/trigger-sender';
import { startTestSim, type TestSim } from './helpers';

function rows(count: number): PreparedRow[] {
  return Array.from({ length: count }, (_, i) => ({
    row: i + 1,
    line: i + 2,
    template: 'rants',
    key: `key-${i + 1}`,
    body: { video_type: 'rants', prompt: `A rant about thing number ${i + 1}` },
    violations: [],
  }));
}

/** A client whose trigger answers at once, and aborts the run when the `abortAfter`-th row is sent. */
function stubClient(controller: AbortController, abortAfter: number) {
  const sent: string[] = [];
  const client = {
    async sendSignedTrigger(input: { idempotencyKey: string }): Promise<CreateVideoResponse> {
      sent.push(input.idempotencyKey);
      if (sent.length === abortAfter) controller.abort();
      await new Promise((resolve) => setImmediate(resolve));
      return { video_id: 1000 + sent.length, status: 'queued' } as CreateVideoResponse;
    },
  } as unknown as TrendingClient;
  return { client, sent };
}

describe('sendRows', () => {
  it.each([1, 3])(
    'reports every row not yet sent as not_sent when interrupted (concurrency %i)',
    async (concurrency) => {
      const controller = new AbortController();
      const { client, sent } = stubClient(controller, 2);
      const outcomes = await sendRows(rows(8), {
        client,
        target: { kind: 'signed', triggerId: 'trg_x', secret: 'whsec_x' },
        journal: Journal.open(undefined),
        concurrency,
        signal: controller.signal,
      });
      expect(outcomes.map((o) => o.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      const accepted = outcomes.filter((o) => o.status === 'accepted');
      const notSent = outcomes.filter((o) => o.status === 'not_sent');
      expect(accepted.map((o) => o.key).sort()).toEqual([...sent].sort());
      expect(notSent).toHaveLength(8 - sent.length);
      expect(notSent.every((o) => o.reason === 'interrupted before it was sent')).toBe(true);
    },
  );
});

describe('watchReplays', () => {
  let sim: TestSim;
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(() => sim.handle.close());

  /**
   * The simulator drops the connection after making the video for the first attempt only; core's retry then gets
   * `Idempotent-Replayed` for the video this run just made, which is not a video from before the run.
   */
  async function sendWithFirstResponseDropped(key: string) {
    sim.handle.reset();
    sim.handle.updateAccount({ api_key: sim.handle.keys.pro, credits: 10_000_000 });
    sim.handle.configure({ chaos: { dropRate: 1 } });
    const inner = createTransport();
    let attempts = 0;
    const dropping: Transport = {
      ...inner,
      request: async (req) => {
        try {
          return await inner.request(req);
        } finally {
          if (++attempts === 1) sim.handle.configure({ chaos: { dropRate: 0 } });
        }
      },
    };
    const replays = watchReplays(dropping);
    const client = new TrendingClient({ baseUrl: sim.handle.url, transport: replays.transport });
    const row: PreparedRow = {
      row: 1,
      line: 2,
      template: 'rants',
      key,
      body: { video_type: 'rants', prompt: 'A rant about connections that drop' },
      violations: [],
    };
    const outcomes = await sendRows([row], {
      client,
      target: { kind: 'signed', triggerId: sim.handle.trigger.id, secret: sim.handle.trigger.secret },
      journal: Journal.open(undefined),
      concurrency: 1,
      replayed: replays.replayed,
    });
    return { outcomes, attempts };
  }

  it("does not call core's retry after a lost response a replay from before the run", async () => {
    const { outcomes, attempts } = await sendWithFirstResponseDropped('cli-test-dropped-first-response');
    expect(attempts).toBe(2);
    const requests = sim.handle.requests().filter((r) => r.path === '/api/v1/triggers/webhook');
    expect(requests.map((r) => r.chaos)).toEqual(['dropped', null]);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'accepted', video_id: expect.any(Number) })]);
    expect(outcomes[0]!.replayed).toBeUndefined();
    expect(sim.handle.state().videos).toHaveLength(1);
  });

  it('still flags a key whose first attempt in this run is answered as a replay', async () => {
    const key = 'cli-test-made-before-this-run';
    await sendWithFirstResponseDropped(key);
    // A second run (a new watcher) with the same key: the API already has the video.
    const replays = watchReplays(createTransport());
    const client = new TrendingClient({ baseUrl: sim.handle.url, transport: replays.transport });
    const outcomes = await sendRows(
      [
        {
          row: 1,
          line: 2,
          template: 'rants',
          key,
          body: { video_type: 'rants', prompt: 'A rant about connections that drop' },
          violations: [],
        },
      ],
      {
        client,
        target: { kind: 'signed', triggerId: sim.handle.trigger.id, secret: sim.handle.trigger.secret },
        journal: Journal.open(undefined),
        concurrency: 1,
        replayed: replays.replayed,
      },
    );
    expect(outcomes).toEqual([expect.objectContaining({ status: 'accepted', replayed: true })]);
    expect(sim.handle.state().videos).toHaveLength(1);
  });
});

/**
 * sendRows on its own, with a stand-in client: every row ends up sent or reported, whatever stops the run; and
 * against the simulator (which, like the reference, does not say when it answers with a video it already had): only
 * videos the journal proves were made before the run are reported as such.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrendingClient, type CreateVideoResponse, type Transport } from '@trending/core';
import { Journal } from '../src/journal';
import type { PreparedRow } from '../src/rows/prepare';
import { createTransport } from '../src/transport';
import { sendRows, type SendTarget } from '../src/trigger-sender';
import { startTestSim, type TestSim } from './helpers';

function rows(count: number): PreparedRow[] {
  return Array.from({ length: count }, (_, i) => ({
    row: i + 1,
    line: i + 2,
    template: 'rants',
    key: `key-${i + 1}`,
    body: { video_type: 'rants', prompt: `A rant about thing number ${i + 1}` },
    violations: [],
    warnings: [],
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

describe('made earlier, without a replay header', () => {
  let sim: TestSim;
  const dir = mkdtempSync(join(tmpdir(), 'trending-sender-'));
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(() => sim.handle.close());
  beforeEach(() => {
    sim.handle.reset();
    sim.handle.updateAccount({ api_key: sim.handle.keys.pro, credits: 10_000_000 });
  });

  const row = (
    key: string,
    template: 'rants' | 'story' = 'rants',
    extra: Record<string, unknown> = {},
  ): PreparedRow => ({
    row: 1,
    line: 2,
    template,
    key,
    body: { video_type: template, prompt: 'A rant about connections that drop', ...extra },
    violations: [],
    warnings: [],
  });
  const signed = (): SendTarget => ({
    kind: 'signed',
    triggerId: sim.handle.trigger.id,
    secret: sim.handle.trigger.secret,
  });
  const client = (transport: Transport = createTransport()) =>
    new TrendingClient({ baseUrl: sim.handle.url, apiKey: sim.handle.keys.pro, transport });

  it('does not take a header it was never promised: the simulator sends none', async () => {
    const key = 'cli-test-no-header';
    await sendRows([row(key)], {
      client: client(),
      target: signed(),
      journal: Journal.open(undefined),
      concurrency: 1,
    });
    const again = await sendRows([row(key)], {
      client: client(),
      target: signed(),
      journal: Journal.open(undefined),
      concurrency: 1,
    });
    // The same video came back, but nothing this machine kept proves it was made before: nothing is claimed.
    expect(again).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(again[0]!.replayed).toBeUndefined();
    expect(sim.handle.state().videos).toHaveLength(1);
    const answers = sim.handle.requests().filter((r) => r.path === '/api/v1/triggers/webhook');
    expect(answers).toHaveLength(2);
  });

  it('reports a video the journal has from an earlier run through another target of the account', async () => {
    const key = 'cli-test-made-before-this-run';
    const journalPath = join(dir, 'earlier.jsonl');
    const first = await sendRows([row(key)], {
      client: client(),
      target: { kind: 'apiKey', account: 'fingerprint1' },
      journal: Journal.open(journalPath),
      concurrency: 1,
    });
    // A later run reads the journal afresh and sends the row through a signed trigger (the journal does not skip it:
    // another target), and the account answers with the video the API-key run made.
    const later = await sendRows([row(key)], {
      client: client(),
      target: signed(),
      journal: Journal.open(journalPath),
      concurrency: 1,
    });
    expect(later).toEqual([
      expect.objectContaining({
        status: 'accepted',
        video_id: first[0]!.video_id,
        replayed: true,
        earlier: { target: 'apikey:fingerprint1', at: expect.any(String) },
      }),
    ]);
    expect(sim.handle.state().videos).toHaveLength(1);
  });

  it('does not report a video the journal has under another id (another account made its own)', async () => {
    const key = 'cli-test-other-account';
    const journalPath = join(dir, 'other-account.jsonl');
    writeFileSync(
      journalPath,
      `${JSON.stringify({ row: 1, line: 2, key, target: 'trigger:trg_other_account', status: 'accepted', video_id: 987654, at: '2026-01-01T00:00:00.000Z' })}\n`,
    );
    const outcomes = await sendRows([row(key)], {
      client: client(),
      target: signed(),
      journal: Journal.open(journalPath),
      concurrency: 1,
    });
    expect(outcomes).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(outcomes[0]!.replayed).toBeUndefined();
  });

  it("does not report core's retry after a lost response as a video from before the run", async () => {
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
    const outcomes = await sendRows([row('cli-test-dropped-first-response')], {
      client: client(dropping),
      target: signed(),
      journal: Journal.open(join(dir, 'dropped.jsonl')),
      concurrency: 1,
    });
    expect(attempts).toBe(2);
    const requests = sim.handle.requests().filter((r) => r.path === '/api/v1/triggers/webhook');
    expect(requests.map((r) => r.chaos)).toEqual(['dropped', null]);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'accepted', video_id: expect.any(Number) })]);
    expect(outcomes[0]!.replayed).toBeUndefined();
    expect(sim.handle.state().videos).toHaveLength(1);
  });

  it('--max-credits: a row quoted above the maximum fails unsent, one within it is sent', async () => {
    const cheap = row('cli-test-spend-cheap');
    const dear = { ...row('cli-test-spend-dear', 'story', { script: { images_requested: 30 } }), line: 3 };
    const { estimate } = await client().estimateCost('rants', { prompt: 'A rant about connections that drop' });
    const outcomes = await sendRows([cheap, dear], {
      client: client(),
      target: signed(),
      journal: Journal.open(undefined),
      concurrency: 1,
      maxCredits: estimate.total_credits,
    });
    expect(outcomes.map((o) => [o.line, o.status, o.error_code])).toEqual([
      [2, 'accepted', undefined],
      [3, 'failed', 'spend_limit_exceeded'],
    ]);
    const triggers = sim.handle.requests().filter((r) => r.path === '/api/v1/triggers/webhook');
    expect(triggers.map((r) => r.headers['idempotency-key'])).toEqual(['cli-test-spend-cheap']);
  });
});

/**
 * Create at batch scale: the items of a run are created a few at a time through one rate gate, with item order,
 * pairing, Continue On Fail and the per-item idempotency keys exactly as when they were created one after another.
 */
import type { SimulatorHandle } from '@trending/simulator';

import { DEFAULT_CREATE_CONCURRENCY } from '../../nodes/Trending/actions/video/common';
import { maxInFlight, newExecution, type RecordedRequest } from './context';
import { run, runOk, startSim } from './harness';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { row: i } }));
const creates = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/rants/videos'));
const params = { resource: 'rants', operation: 'create', previewOnly: true };

describe('Concurrent Creates', () => {
  it('creates several at once (never more than the setting) and keeps item order and pairing', async () => {
    sim.configure({ chaos: { latencyMs: 40 } });
    const execution = newExecution('exec-concurrent');
    const { ctx, items: out } = await runOk(sim, params, { items: items(20), execution });
    const posts = creates(ctx.requests);
    expect(posts).toHaveLength(20);
    expect(maxInFlight(posts)).toBeGreaterThan(1);
    expect(maxInFlight(posts)).toBeLessThanOrEqual(DEFAULT_CREATE_CONCURRENCY);
    expect(out.map((item) => item.pairedItem)).toEqual(out.map((_, i) => ({ item: i })));
    const ids = out.map((item) => item.json.video_id as number);
    expect(new Set(ids).size).toBe(20);
    // Each item's key is its own and the same as one-at-a-time creation gives (it does not depend on timing): Retry on
    // Fail one at a time gets the same 20 videos back.
    const keys = out.map((item) => item.json.idempotency_key);
    expect(new Set(keys).size).toBe(20);
    const again = await runOk(sim, { ...params, options: { concurrency: 1 } }, { items: items(20), execution });
    expect(again.items.map((item) => item.json.idempotency_key)).toEqual(keys);
    expect(again.items.map((item) => item.json.video_id)).toEqual(ids);
  });

  it('follows the Concurrent Creates option', async () => {
    sim.configure({ chaos: { latencyMs: 40 } });
    const { ctx } = await runOk(sim, { ...params, options: { concurrency: 2 } }, { items: items(8) });
    expect(maxInFlight(creates(ctx.requests))).toBe(2);
  });

  it('a 429 pauses every create of the run together until its Retry-After, and every item gets exactly one video', async () => {
    // A bucket of 30 that refills one create every 2 s (per key), spent before the run starts.
    sim.configure({ rateLimitPerMinute: 30, retryAfterHeader: true, chaos: { latencyMs: 20 } });
    await runOk(sim, params, { items: items(30) });
    const { ctx, items: out } = await runOk(sim, params, { items: items(4) });
    expect(out.every((item) => typeof item.json.video_id === 'number')).toBe(true);
    const posts = creates(ctx.requests);
    const throttled = posts.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    // After the first 429 nobody asks again before its Retry-After (2 s here), and then one at a time: each refill
    // is met by one create, not by all the run's creates at once.
    const first = throttled[0]!;
    const during = posts.filter((r) => r.startedAt > first.endedAt! && r.startedAt < first.endedAt! + 1_500);
    expect(during).toHaveLength(0);
    expect(throttled.length).toBeLessThanOrEqual(DEFAULT_CREATE_CONCURRENCY + 3);
    expect(new Set(posts.map((r) => r.headers['idempotency-key'])).size).toBe(4);
  });

  it('without Continue On Fail, a failed item stops the run: items not started yet are not created', async () => {
    const { ctx, result } = run(
      sim,
      (itemIndex) => ({ ...params, prompt: itemIndex === 3 ? 'No' : 'A rant about printers that never print.' }),
      { items: items(40) },
    );
    const error = await result.then(
      () => undefined,
      (e: Error & { context?: { itemIndex?: number } }) => e,
    );
    expect(error?.message).toMatch(/Prompt/);
    // Item 3 is refused before sending; the items already started finish, the rest never start.
    expect(creates(ctx.requests).length).toBeLessThan(40);
  });

  it('with Continue On Fail, every other item is created and the failed one keeps its place', async () => {
    const { items: out } = await runOk(
      sim,
      (itemIndex) => ({ ...params, prompt: itemIndex === 3 ? 'No' : 'A rant about printers that never print.' }),
      { items: items(10), continueOnFail: true },
    );
    expect(out).toHaveLength(10);
    expect(out[3]).toMatchObject({ json: { error: { code: 'validation_failed' } }, pairedItem: { item: 3 } });
    expect(out.filter((item) => typeof item.json.video_id === 'number')).toHaveLength(9);
  });
});

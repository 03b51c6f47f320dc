/** The shared gate: one 429 holds back every worker until its Retry-After, then the pool slow-starts. */
import type { HttpRequest, HttpResponse, Transport } from '@trending/core';
import { RateGate } from '../src/rate-gate';
import { createTransport } from '../src/transport';

const clock = createTransport();

/** Answers the first request 429 (Retry-After 0.3 s) and the rest 202, after `latencyMs`, recording when each arrived. */
function fakeApi(latencyMs = 20) {
  const log: { id: string; sentAt: number; answeredAt?: number }[] = [];
  const transport: Transport = {
    ...clock,
    async request(req: HttpRequest): Promise<HttpResponse> {
      const entry: { id: string; sentAt: number; answeredAt?: number } = { id: req.url, sentAt: Date.now() };
      log.push(entry);
      await clock.sleep(latencyMs);
      entry.answeredAt = Date.now();
      return log.length === 1
        ? { status: 429, headers: { 'retry-after': '0.3' }, body: '{}' }
        : { status: 202, headers: {}, body: '{}' };
    },
  };
  return { transport, log };
}

const get = (t: Transport, id: string) => t.request({ method: 'GET', url: id, headers: {} });

describe('RateGate', () => {
  it('holds every worker until the Retry-After of one 429, then lets one through before the rest', async () => {
    const api = fakeApi();
    const gate = new RateGate(clock);
    const shared = gate.wrap(api.transport);
    const throttled = await get(shared, 'a');
    expect(throttled.status).toBe(429);
    const throttledAt = Date.now();

    await Promise.all(['b', 'c', 'd', 'e'].map((id) => get(shared, id)));
    const [b, ...rest] = api.log.slice(1);
    for (const entry of api.log.slice(1)) expect(entry.sentAt).toBeGreaterThanOrEqual(throttledAt + 280);
    // Slow start: the first request after the pause probes alone; the others wait for its success.
    for (const entry of rest) expect(entry.sentAt).toBeGreaterThanOrEqual(b!.answeredAt!);
    expect(gate.stats.throttled).toBe(1);
    expect(gate.stats.pausedMs).toBeGreaterThanOrEqual(290);
  });

  it('opens fully again: after the slow start, requests run concurrently', async () => {
    const api = fakeApi(5);
    const gate = new RateGate(clock);
    const shared = gate.wrap(api.transport);
    await get(shared, 'first-429');
    for (let i = 0; i < 70; i++) await get(shared, `ramp-${i}`);
    const before = api.log.length;
    await Promise.all(Array.from({ length: 10 }, (_, i) => get(shared, `burst-${i}`)));
    const burst = api.log.slice(before);
    const spread = Math.max(...burst.map((e) => e.sentAt)) - Math.min(...burst.map((e) => e.sentAt));
    expect(spread).toBeLessThan(25);
  });

  it('paces requests to --rate', async () => {
    const api = fakeApi(1);
    const gate = new RateGate(clock, 50);
    const shared = gate.wrap(api.transport);
    await get(shared, 'warm-429');
    await clock.sleep(320);
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => get(shared, `paced-${i}`)));
    // 10 requests at 50/s: the last one leaves about 180 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
  });
});

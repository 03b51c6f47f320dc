/**
 * The shared gate: one 429 holds back every worker until its Retry-After, then the pool slow-starts. Time is a fake
 * clock that jumps to the next timer once everything else has settled, so the tests assert exact instants and orders
 * instead of wall-clock margins that a loaded CI machine can miss.
 */
import type { HttpRequest, HttpResponse, Transport } from '../src/transport';
import { RateGate, sharedRateGate } from '../src/rate-gate';

/** Virtual milliseconds: `sleep` resolves when every pending promise has settled and its instant is the earliest. */
function fakeClock(): Pick<Transport, 'now' | 'sleep'> {
  let now = 0;
  let timers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const advance = () => {
    scheduled = false;
    if (timers.length === 0) return;
    now = Math.max(now, Math.min(...timers.map((t) => t.at)));
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const timer of due) timer.wake();
    schedule();
  };
  // setImmediate runs after the microtask queue drains: by then every request not waiting on a timer has moved on.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(advance);
  };
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        timers.push({ at: now + Math.max(0, ms), wake });
        schedule();
      }),
  };
}

interface LogEntry {
  id: string;
  sentAt: number;
  answeredAt?: number;
  /** Requests in flight at the API when this one arrived, itself included. */
  concurrent: number;
}

/** Answers the first request 429 (Retry-After 0.3 s) and the rest 202, after `latencyMs`, recording when each arrived. */
function fakeApi(clock: Pick<Transport, 'now' | 'sleep'>, latencyMs = 20) {
  const log: LogEntry[] = [];
  let inFlight = 0;
  const transport: Transport = {
    ...clock,
    random: () => 0.5,
    async request(req: HttpRequest): Promise<HttpResponse> {
      inFlight++;
      const entry: LogEntry = { id: req.url, sentAt: clock.now(), concurrent: inFlight };
      log.push(entry);
      await clock.sleep(latencyMs);
      inFlight--;
      entry.answeredAt = clock.now();
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
    const clock = fakeClock();
    const api = fakeApi(clock);
    const gate = new RateGate(clock);
    const shared = gate.wrap(api.transport);
    const throttled = await get(shared, 'a');
    expect(throttled.status).toBe(429);
    const throttledAt = clock.now();

    await Promise.all(['b', 'c', 'd', 'e'].map((id) => get(shared, id)));
    const [b, ...rest] = api.log.slice(1);
    expect(api.log.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Nobody goes before the Retry-After; the first one goes right when it ends.
    for (const entry of api.log.slice(1)) expect(entry.sentAt).toBeGreaterThanOrEqual(throttledAt + 300);
    expect(b!.sentAt).toBe(throttledAt + 300);
    // Slow start: the first request after the pause probes alone; the others wait for its success.
    expect(b!.concurrent).toBe(1);
    for (const entry of rest) expect(entry.sentAt).toBeGreaterThanOrEqual(b!.answeredAt!);
    expect(gate.stats.throttled).toBe(1);
    expect(gate.stats.pausedMs).toBe(300);
  });

  it('opens fully again: after the slow start, requests run concurrently', async () => {
    const clock = fakeClock();
    const api = fakeApi(clock, 5);
    const gate = new RateGate(clock);
    const shared = gate.wrap(api.transport);
    await get(shared, 'first-429');
    // Right after the pause the gate is still narrow: a burst goes out a few at a time.
    await Promise.all(Array.from({ length: 10 }, (_, i) => get(shared, `early-${i}`)));
    const early = api.log.slice(1);
    expect(Math.max(...early.map((e) => e.concurrent))).toBeLessThan(10);
    for (let i = 0; i < 70; i++) await get(shared, `ramp-${i}`);
    const before = api.log.length;
    await Promise.all(Array.from({ length: 10 }, (_, i) => get(shared, `burst-${i}`)));
    const burst = api.log.slice(before);
    // Open again: all ten leave at the same instant and are at the API together.
    expect(new Set(burst.map((e) => e.sentAt)).size).toBe(1);
    expect(Math.max(...burst.map((e) => e.concurrent))).toBe(10);
  });

  it('paces requests to --rate', async () => {
    const clock = fakeClock();
    const api = fakeApi(clock, 1);
    const gate = new RateGate(clock, 50);
    const shared = gate.wrap(api.transport);
    await get(shared, 'warm-429');
    await clock.sleep(320);
    await Promise.all(Array.from({ length: 10 }, (_, i) => get(shared, `paced-${i}`)));
    // 10 requests at 50/s: one every 20 ms, in the order they asked, the last 180 ms after the first.
    const paced = api.log.slice(1);
    expect(paced.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `paced-${i}`));
    const first = paced[0]!.sentAt;
    expect(paced.map((e) => e.sentAt - first)).toEqual(Array.from({ length: 10 }, (_, i) => i * 20));
  });
});

describe('sharedRateGate', () => {
  it('gives every run of the process on one key the same gate, and another key or base URL its own', async () => {
    const clock = fakeClock();
    const a = sharedRateGate('https://api.test', 'key-one-for-the-shared-gate', clock);
    expect(sharedRateGate('https://api.test', 'key-one-for-the-shared-gate', clock)).toBe(a);
    expect(sharedRateGate('https://api.test', 'key-two-for-the-shared-gate', clock)).not.toBe(a);
    expect(sharedRateGate('https://other.test', 'key-one-for-the-shared-gate', clock)).not.toBe(a);

    // Two runs' transports, one gate: the first run's 429 holds back the second run's request too.
    const first = fakeApi(clock);
    const second = fakeApi(clock);
    await Promise.all([get(a.wrap(first.transport), 'run-1'), get(a.wrap(second.transport), 'run-2')]);
    const again = get(
      sharedRateGate('https://api.test', 'key-one-for-the-shared-gate', clock).wrap(second.transport),
      'run-3',
    );
    await again;
    expect(a.stats.throttled).toBe(2);
    expect(second.log.at(-1)?.sentAt).toBeGreaterThanOrEqual(300);
  });
});

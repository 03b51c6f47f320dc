/**
 * A Transport over Node's fetch, for core's tests only (nock intercepts fetch); real hosts write their own. Also
 * wrappers that record what core asked for, so tests can assert requests and sleeps without waiting.
 */
import type { HttpRequest, Transport } from '../../src/transport';

export function nodeTransport(): Transport {
  return {
    async request(req: HttpRequest) {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.timeoutMs ? AbortSignal.timeout(req.timeoutMs) : undefined,
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: res.status, headers, body: await res.text() };
    },
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      }),
    now: () => Date.now(),
    random: Math.random,
  };
}

export interface Recording {
  requests: HttpRequest[];
  sleeps: number[];
}

/**
 * Forwards requests to `inner` and records them; sleeps are recorded and advance a fake clock instead of waiting.
 * `random` is fixed so backoff delays are predictable.
 */
export function recordingTransport(
  inner: Transport = nodeTransport(),
  options: { random?: number; startMs?: number } = {},
): Transport & Recording {
  const clock = fakeClock(options.startMs);
  const requests: HttpRequest[] = [];
  return {
    requests,
    sleeps: clock.sleeps,
    request(req) {
      requests.push(req);
      return inner.request(req);
    },
    sleep: clock.sleep,
    now: clock.now,
    random: () => options.random ?? 0.5,
  };
}

export interface FakeClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  sleeps: number[];
}

/** Time moves only when core sleeps; an aborted signal rejects the sleep like a real one would. */
export function fakeClock(startMs = 1_700_000_000_000): FakeClock {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** The pieces of the app that adapt Zapier to core: the transport's sleep, the API origin, and error recognition. */
import { getEventListeners } from 'node:events';
import { TrendingClient, normalizeBaseUrl } from '@trending/core';
import type { ZObject } from 'zapier-platform-core';
import { StepOutOfTime } from '../src/budget';
import { toZapierError } from '../src/errors';
import { apiBaseUrl, zapierTransport } from '../src/transport';
import { AUTH, appTester, perform, strictNock, withApiBaseUrl } from './support/harness';

describe('the transport sleep (core retries and polls through it)', () => {
  const sleep = zapierTransport({} as ZObject).sleep;

  it('leaves no abort listener behind once it has slept', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('still stops at once when the signal aborts, with the reason, and leaves no listener', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it("does not start a retry wait that would end after the step's deadline: the step ends at once instead", async () => {
    const budgeted = zapierTransport({} as ZObject, Date.now() + 1_000);
    const started = Date.now();
    await expect(budgeted.sleep(5_000)).rejects.toThrow(StepOutOfTime);
    expect(Date.now() - started).toBeLessThan(100);
    await expect(budgeted.sleep(1)).resolves.toBeUndefined();
  });

  it('sends no request once the deadline has passed', async () => {
    const request = vi.fn();
    const spent = zapierTransport({ request } as unknown as ZObject, Date.now() - 1);
    await expect(spent.request({ method: 'GET', url: 'https://api.trending.test/x', headers: {} })).rejects.toThrow(
      StepOutOfTime,
    );
    expect(request).not.toHaveBeenCalled();
  });
});

describe('the API origin (TRENDING_API_BASE_URL, never a connection field)', () => {
  it("is production when unset, else the variable's value, as core's client normalises it", async () => {
    await withApiBaseUrl(undefined, () => expect(apiBaseUrl()).toBe('https://trending.com'));
    for (const configured of [
      '',
      '  ',
      'https://api.trending.test/',
      'HTTPS://Sim.Test:4010//',
      'http://127.0.0.1:4010',
    ]) {
      await withApiBaseUrl(configured, () => {
        expect(apiBaseUrl()).toBe(normalizeBaseUrl(configured));
        expect(apiBaseUrl()).toBe(
          new TrendingClient({ baseUrl: configured, transport: zapierTransport({} as ZObject) }).baseUrl,
        );
      });
    }
  });

  it('refuses anything but http(s), naming the variable and never echoing its value', async () => {
    await withApiBaseUrl('ftp://example.com', () =>
      expect(() => apiBaseUrl()).toThrow(
        'TRENDING_API_BASE_URL must start with https:// (or http:// for a local simulator), or be unset.',
      ),
    );
    await withApiBaseUrl('sk_live_pasted_here', () =>
      expect(() => apiBaseUrl()).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('sk_live_pasted_here') }),
      ),
    );
  });
});

describe("core's TrendingError recognition", () => {
  strictNock();

  it('an Error merely named TrendingError (no code) is not taken for one', () => {
    const lookalike = Object.assign(new Error('something else'), { name: 'TrendingError' });
    expect(toZapierError({} as ZObject, lookalike, { secrets: [] })).toBe(lookalike);
  });

  it('Find Video: a 404 from another copy of core (same name and shape) still means "no result"', async () => {
    const other = Object.assign(new Error('No such video.'), {
      name: 'TrendingError',
      code: 'not_found',
      status: 404,
      hint: '',
    });
    const spy = vi.spyOn(TrendingClient.prototype, 'getVideo').mockRejectedValueOnce(other);
    try {
      const found = await appTester(perform('searches', 'find_video'), {
        authData: AUTH,
        inputData: { template: 'story', video_id: 404 },
      });
      expect(found).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});

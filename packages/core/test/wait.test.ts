import nock from 'nock';
import type { VideoStatus } from '../src/client';
import { TrendingClient } from '../src/client';
import { isTerminalStatus, nextPollDelayMs, waitForCompletion, type StatusGetter } from '../src/wait';
import { TrendingError } from '../src/errors';
import { failure } from './support/failure';
import { fakeClock, nodeTransport, recordingTransport } from './support/node-transport';

function run(status: string, extra: Partial<VideoStatus> = {}): VideoStatus {
  return { video_id: 77, status, ...extra };
}

/** Answers the given statuses in order, then repeats the last one. */
function scripted(...statuses: VideoStatus[]): StatusGetter & { calls: number } {
  const getter = Object.assign(
    async () => {
      const status = statuses[Math.min(getter.calls, statuses.length - 1)] as VideoStatus;
      getter.calls++;
      return status;
    },
    { calls: 0 },
  );
  return getter;
}

describe('nextPollDelayMs', () => {
  it.each([
    [{}, 5000],
    [{ step_eta_seconds: 8 }, 8000],
    [{ step_eta_seconds: 2 }, 5000],
    [{ step_eta_seconds: 0 }, 5000],
    [{ step_eta_seconds: 120 }, 15_000],
    [{ eta_seconds: 11 }, 11_000],
    [{ pipeline_eta_seconds: 600 }, 15_000],
    [{ pipeline_eta_seconds: 9 }, 9000],
    [{ step_eta_seconds: 12, pipeline_eta_seconds: 300 }, 12_000],
    [{ step_eta_seconds: 40, eta_seconds: 7, pipeline_eta_seconds: 300 }, 7000],
    [{ step_eta_seconds: null, eta_seconds: -3, pipeline_eta_seconds: 10 }, 10_000],
    [{ step_eta_seconds: Number.NaN }, 5000],
    [{ step_eta_seconds: '9' as unknown as number }, 5000],
    [{ step_eta_seconds: 6.5 }, 6500],
  ])('%j -> %i ms', (status, expected) => {
    expect(nextPollDelayMs(status)).toBe(expected);
  });

  it('uses the given bounds', () => {
    expect(nextPollDelayMs({ step_eta_seconds: 0.2 }, { minMs: 50, maxMs: 500 })).toBe(200);
    expect(nextPollDelayMs({}, { minMs: 50, maxMs: 500 })).toBe(50);
    expect(nextPollDelayMs({ step_eta_seconds: 30 }, { minMs: 50, maxMs: 500 })).toBe(500);
  });
});

describe('isTerminalStatus', () => {
  it.each([
    ['completed', true],
    ['failed', true],
    ['aborted', true],
    ['queued', false],
    ['running', false],
    [undefined, false],
  ])('%s -> %s', (status, terminal) => {
    expect(isTerminalStatus(status)).toBe(terminal);
    expect(isTerminalStatus({ status })).toBe(terminal);
  });
});

describe('waitForCompletion', () => {
  it('polls on the ETA until completed and returns the final status', async () => {
    const clock = fakeClock();
    const getter = scripted(
      run('queued'),
      run('running', { step_eta_seconds: 9 }),
      run('running', { step_eta_seconds: 60, pipeline_eta_seconds: 120 }),
      run('completed', { render: { render_url: 'https://cdn.test/v.mp4' } }),
    );
    const polls: number[] = [];

    const done = await waitForCompletion(getter, 'story', 77, {
      timeoutMs: 600_000,
      clock,
      onPoll: (_status, next) => void polls.push(next),
    });

    expect(done.render?.render_url).toBe('https://cdn.test/v.mp4');
    expect(clock.sleeps).toEqual([5000, 9000, 15_000]);
    expect(polls).toEqual([5000, 9000, 15_000]);
    expect(getter.calls).toBe(4);
  });

  it('throws wait_timeout at the deadline, naming the video, where it got and how long the wait was', async () => {
    const clock = fakeClock();
    const getter = scripted(run('running', { step_label: 'Rendering', progress_percent: 80 }));

    const error = await failure(waitForCompletion(getter, 'rants', 77, { timeoutMs: 12_000, clock }));

    expect(error).toMatchObject({ code: 'wait_timeout', status: undefined });
    expect(error.message).toBe('Video 77 is still running (Rendering, 80%) after 12 s.');
    expect(error.details).toMatchObject({ video_id: 77, template: 'rants', waited_seconds: 12 });
    // The last sleep is cut to end at the deadline, where one final poll happens.
    expect(clock.sleeps).toEqual([5000, 5000, 2000]);
    expect(getter.calls).toBe(4);
  });

  it('hands every error it throws the last status it read', async () => {
    const running = run('running', { progress_percent: 40 });
    const timedOut = await failure(
      waitForCompletion(scripted(running), 'rants', 77, { timeoutMs: 1, clock: fakeClock() }),
    );
    expect(timedOut.lastStatus).toEqual(running);

    const failed = run('failed', { pipeline_error: { code: 'render_failed', message: 'No' } });
    const pipeline = await failure(
      waitForCompletion(scripted(running, failed), 'rants', 77, { timeoutMs: 60_000, clock: fakeClock() }),
    );
    expect(pipeline.lastStatus).toEqual(failed);

    let reads = 0;
    const flaky: StatusGetter = async () => {
      if (reads++ === 0) return running;
      throw new TrendingError({ code: 'service_unavailable', message: 'Down', status: 503 });
    };
    const unreachable = await failure(waitForCompletion(flaky, 'rants', 77, { timeoutMs: 60_000, clock: fakeClock() }));
    expect(unreachable).toMatchObject({ code: 'service_unavailable', lastStatus: running });
    expect(JSON.stringify(unreachable)).not.toContain('progress_percent');
  });

  it('surfaces pipeline_error when the run fails', async () => {
    const getter = scripted(
      run('running'),
      run('failed', {
        pipeline_error: { code: 'character_sheet_generation_failed', message: 'Busy', step: 'character_sheet' },
      }),
    );

    const error = await failure(waitForCompletion(getter, 'story', 77, { timeoutMs: 60_000, clock: fakeClock() }));

    expect(error.code).toBe('character_sheet_generation_failed');
    expect(error.message).toBe('Video 77 failed at step character_sheet: Busy');
    expect(error.details).toMatchObject({ video_id: 77, step: 'character_sheet' });
  });

  it('throws aborted when the run was aborted', async () => {
    const error = await failure(
      waitForCompletion(scripted(run('aborted')), 'list', 77, { timeoutMs: 60_000, clock: fakeClock() }),
    );
    expect(error.code).toBe('aborted');
    expect(error.message).toContain('Video 77 was aborted');
  });

  it('stops with aborted when the signal fires while waiting', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const getter = scripted(run('running'));

    const error = await failure(
      waitForCompletion(getter, 'story', 77, {
        timeoutMs: 600_000,
        clock,
        signal: controller.signal,
        onPoll: () => controller.abort(),
      }),
    );

    expect(error.code).toBe('aborted');
    expect(error.message).toMatch(/video 77.*cancelled/);
    expect(error.hint).toMatch(/Only the wait stopped/);
    expect(getter.calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not poll at all with an already aborted signal', async () => {
    const getter = scripted(run('completed'));
    const error = await failure(
      waitForCompletion(getter, 'story', 77, { timeoutMs: 1000, clock: fakeClock(), signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe('aborted');
    expect(getter.calls).toBe(0);
  });

  it('needs a clock with a plain getter', async () => {
    const getter = scripted(run('completed'));
    await expect(waitForCompletion(getter as never, 'story', 77, { timeoutMs: 1000 })).rejects.toThrow(/options.clock/);
  });

  describe('through TrendingClient', () => {
    const BASE = 'https://api.trending.test';
    beforeAll(() => nock.disableNetConnect());
    afterEach(() => nock.cleanAll());
    afterAll(() => nock.enableNetConnect());

    it('polls GET status on the transport clock with the given delay bounds', async () => {
      const transport = recordingTransport(nodeTransport());
      const client = new TrendingClient({ baseUrl: BASE, apiKey: 'k', transport });
      nock(BASE).get('/api/v1/dmstory/videos/5').reply(200, { video_id: 5, status: 'running', step_eta_seconds: 3 });
      nock(BASE).get('/api/v1/dmstory/videos/5').reply(200, { video_id: 5, status: 'completed' });

      const done = await client.waitForCompletion('dmstory', 5, {
        timeoutMs: 60_000,
        minDelayMs: 100,
        maxDelayMs: 1000,
      });

      expect(done.status).toBe('completed');
      expect(transport.sleeps).toEqual([1000]);
      expect(transport.requests.map((r) => r.url)).toEqual([
        `${BASE}/api/v1/dmstory/videos/5`,
        `${BASE}/api/v1/dmstory/videos/5`,
      ]);
    });
  });
});

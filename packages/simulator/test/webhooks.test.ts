import { RETRY_SCHEDULE_SECONDS, type SimulatorHandle } from '@trending/simulator';
import {
  call,
  create,
  referenceLegacySignature,
  referenceSignature,
  startFast,
  startReceiver,
  waitFor,
  waitForTerminal,
  type Json,
  type Receiver,
} from './helpers';

const PAYLOAD_KEYS = [
  'event',
  'pipeline_run_id',
  'video_id',
  'template',
  'template_version',
  'status',
  'preview_only',
  'render_url',
  'occurred_at',
  'error',
];

function deliveries(sim: SimulatorHandle, videoId: number): Json[] {
  return (sim.state().deliveries as Json[]).filter((d) => d.video_id === videoId);
}

describe('outbound webhooks', () => {
  let sim: SimulatorHandle;
  let receiver: Receiver;
  beforeAll(async () => {
    sim = await startFast();
  });
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    sim.reset();
    await receiver.close();
  });
  afterAll(() => sim.close());

  const events = (videoId: number) =>
    receiver.received.filter((r) => r.json.video_id === videoId).map((r) => r.json.event as string);

  it('delivers only terminal events by default, with the documented payload and signed headers', async () => {
    const v = await create(sim, 'rants', { webhook: { url: receiver.url, secret: 'whsec_hook' } });
    await waitForTerminal(sim, 'rants', v.video_id);
    const hook = await waitFor(() => receiver.received[0], 5_000, 'a delivery');
    await new Promise((r) => setTimeout(r, 100));
    expect(events(v.video_id)).toEqual(['trending.rants.v001.completed']);
    expect(Object.keys(hook.json)).toEqual(PAYLOAD_KEYS);
    expect(hook.json).toMatchObject({
      pipeline_run_id: v.pipeline_run_id,
      template: 'rants',
      template_version: 'v001',
      status: 'completed',
      preview_only: false,
      error: null,
      occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['user-agent']).toBe('Trending-Webhooks/1.0');
    expect(hook.headers['x-trending-event']).toBe('trending.rants.v001.completed');
    expect(hook.headers['x-trending-delivery']).toMatch(/^dlv_/);
    const ts = String(hook.headers['x-trending-timestamp']);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    expect(hook.headers['x-trending-signature-v1']).toBe(referenceSignature('whsec_hook', ts, hook.raw));
    expect(hook.headers['x-trending-signature']).toBe(referenceLegacySignature('whsec_hook', hook.raw));
  });

  it('sends no signature headers without a secret', async () => {
    const v = await create(sim, 'ranking', { preview_only: true, webhook: { url: receiver.url } });
    await waitForTerminal(sim, 'ranking', v.video_id);
    const hook = await waitFor(() => receiver.received[0], 5_000, 'a delivery');
    expect(hook.json.render_url).toBeNull();
    expect(hook.json.preview_only).toBe(true);
    for (const h of ['x-trending-timestamp', 'x-trending-signature-v1', 'x-trending-signature'])
      expect(hook.headers[h]).toBeUndefined();
  });

  it('an allowlist with wildcards opts into queued, started, progress and render.* events', async () => {
    const v = await create(sim, 'story', {
      preview_only: false,
      webhook: { url: receiver.url, events: ['trending.story.v001.*'] },
    });
    await waitForTerminal(sim, 'story', v.video_id);
    await waitFor(() => events(v.video_id).includes('trending.story.v001.completed') || undefined, 5_000, 'completed');
    await new Promise((r) => setTimeout(r, 100));
    // A video's events arrive in the order they happened.
    const got = receiver.received.filter((r) => r.json.video_id === v.video_id);
    const times = got.map((r) => Date.parse(r.json.occurred_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(got[0]?.json.event).toBe('trending.story.v001.queued');
    expect(got.at(-1)?.json.event).toBe('trending.story.v001.completed');
    const names = new Set(got.map((r) => r.json.event));
    for (const suffix of ['queued', 'started', 'progress', 'render.started', 'render.completed', 'completed']) {
      expect(names).toContain(`trending.story.v001.${suffix}`);
    }
    const progress = got
      .filter((r) => r.json.event.endsWith('.progress'))
      .map((r) => [r.json.from_step, r.json.to_step]);
    expect(progress).toEqual([
      ['script', 'character_sheet'],
      ['character_sheet', 'slides'],
      ['slides', 'narration'],
      ['narration', 'transcription'],
      ['transcription', 'metadata'],
      ['metadata', 'render'],
    ]);
    const renderDone = got.find((r) => r.json.event.endsWith('.render.completed'));
    expect(renderDone?.json).toMatchObject({
      render_job_id: expect.any(Number),
      render_job_status: 'completed',
      render_url: expect.stringContaining('/download?'),
    });
    expect(new Set(got.map((r) => r.headers['x-trending-delivery'])).size).toBe(got.length);

    const narrow = await create(sim, 'rants', { webhook: { url: receiver.url, events: ['trending.*.v001.render.*'] } });
    await waitForTerminal(sim, 'rants', narrow.video_id);
    await waitFor(() => (events(narrow.video_id).length >= 2 ? true : undefined), 5_000, 'render events');
    await new Promise((r) => setTimeout(r, 50));
    expect(events(narrow.video_id).sort()).toEqual([
      'trending.rants.v001.render.completed',
      'trending.rants.v001.render.started',
    ]);
  });

  it('failed and aborted runs deliver the failed event with an error', async () => {
    const v = await create(sim, 'list', { prompt: 'list [sim:fail:narration_failed]', webhook: { url: receiver.url } });
    const hook = await waitFor(
      () => receiver.received.find((r) => r.json.video_id === v.video_id),
      5_000,
      'failed event',
    );
    expect(hook.json).toMatchObject({
      event: 'trending.list.v001.failed',
      status: 'failed',
      render_url: null,
      error: { code: 'narration_failed', step: 'narration', message: expect.any(String) },
    });

    sim.configure({ speed: 0.001 });
    const a = await create(sim, 'rants', { webhook: { url: receiver.url } });
    await call(sim, 'POST', `/api/v1/rants/videos/${a.video_id}/abort`, { body: {} });
    const aborted = await waitFor(
      () => receiver.received.find((r) => r.json.video_id === a.video_id),
      5_000,
      'aborted event',
    );
    // Only *.completed and *.failed are terminal in the reference, and its statuses have no "aborted".
    expect(aborted.json).toMatchObject({
      event: 'trending.rants.v001.failed',
      status: 'failed',
      error: { code: 'aborted' },
    });
  });

  it('retries a non-2xx on the documented schedule with the same delivery id, and stops on 2xx', async () => {
    sim.configure({ speed: 0.001 });
    receiver.respond = (_r, i) => (i < 2 ? 500 : 204);
    const v = await create(sim, 'ranking', { preview_only: true, webhook: { url: receiver.url, secret: 's' } });
    sim.advance(100);
    await waitFor(() => receiver.received[0], 5_000, 'first attempt');
    await waitFor(
      () => (deliveries(sim, v.video_id)[0]?.attempts.length === 1 ? true : undefined),
      5_000,
      'attempt recorded',
    );
    sim.advance(RETRY_SCHEDULE_SECONDS[0] - 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received.length).toBe(1);
    sim.advance(1);
    await waitFor(() => receiver.received[1], 5_000, 'second attempt');
    await waitFor(
      () => (deliveries(sim, v.video_id)[0]?.attempts.length === 2 ? true : undefined),
      5_000,
      'attempt recorded',
    );
    sim.advance(RETRY_SCHEDULE_SECONDS[1]);
    await waitFor(() => receiver.received[2], 5_000, 'third attempt');
    await waitFor(
      () => (deliveries(sim, v.video_id)[0]?.status === 'delivered' ? true : undefined),
      5_000,
      'delivered',
    );
    sim.advance(100_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received.length).toBe(3);
    expect(new Set(receiver.received.map((r) => r.headers['x-trending-delivery'])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1);
    const d = deliveries(sim, v.video_id)[0];
    expect(d.attempts.map((a: Json) => a.status_code)).toEqual([500, 500, 204]);
  });

  it('gives up after 10 attempts', async () => {
    receiver.respond = () => 503;
    const v = await create(sim, 'ranking', { preview_only: true, webhook: { url: receiver.url } });
    await waitForTerminal(sim, 'ranking', v.video_id);
    // At speed 1000 the whole schedule (about 11.5 hours) takes ~41 s of wall time, so jump over it.
    for (let i = 0; i < 12; i++) {
      await waitFor(
        () =>
          deliveries(sim, v.video_id)[0]?.attempts.length > i || deliveries(sim, v.video_id)[0]?.status === 'failed'
            ? true
            : undefined,
        5_000,
        `attempt ${i + 1}`,
      );
      sim.advance(20_000);
    }
    const d = deliveries(sim, v.video_id)[0];
    expect(d.status).toBe('failed');
    expect(d.attempts.length).toBe(10);
    expect(receiver.received.length).toBe(10);
  });

  it('duplicateDeliveries sends each delivery twice with the same X-Trending-Delivery', async () => {
    sim.configure({ duplicateDeliveries: true });
    const v = await create(sim, 'ranking', { preview_only: true, webhook: { url: receiver.url } });
    await waitForTerminal(sim, 'ranking', v.video_id);
    await waitFor(() => receiver.received[1], 5_000, 'the duplicate');
    expect(receiver.received[0]?.headers['x-trending-delivery']).toBe(
      receiver.received[1]?.headers['x-trending-delivery'],
    );
    expect(receiver.received[0]?.raw).toBe(receiver.received[1]?.raw);
  });

  it('a slow receiver never blocks the API', async () => {
    // Ordering, not wall-clock speed: while a delivery is open at a receiver that never answers, API requests are
    // answered, and the delivery is still unanswered afterwards (a timing bound would flake on a loaded machine).
    sim.configure({ webhookTimeoutMs: 60_000 });
    receiver.respond = () => 200;
    let opened!: () => void;
    const deliveryOpen = new Promise<void>((resolve) => (opened = resolve));
    const hanging = await import('node:http').then(
      ({ createServer }) =>
        new Promise<{ url: string; close: () => void }>((resolve) => {
          const s = createServer(() => opened());
          s.listen(0, '127.0.0.1', () => {
            const port = (s.address() as { port: number }).port;
            resolve({
              url: `http://127.0.0.1:${port}/slow`,
              close: () => {
                s.closeAllConnections();
                s.close();
              },
            });
          });
        }),
    );
    const deliveriesOf = (videoId: number): Json[] =>
      (sim.state().deliveries as Json[]).filter((d) => d.video_id === videoId);
    try {
      const v = await create(sim, 'ranking', { preview_only: true, webhook: { url: hanging.url } });
      await waitForTerminal(sim, 'ranking', v.video_id);
      await deliveryOpen;
      const other = await create(sim, 'rants', { preview_only: true });
      for (let i = 0; i < 5; i++) {
        expect((await call(sim, 'GET', `/api/v1/ranking/videos/${v.video_id}`)).status).toBe(200);
      }
      expect((await call(sim, 'GET', `/api/v1/rants/videos/${other.video_id}`)).status).toBe(200);
      const [open] = deliveriesOf(v.video_id);
      expect(open).toMatchObject({ status: 'pending', attempts: [] });
    } finally {
      hanging.close();
    }
  });
});

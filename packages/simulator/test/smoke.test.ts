/** "Supported video_type values (v001): story, dmstory, confession, didyouknow / rants, ranking, list" */
const TEMPLATE_IDS = ['story', 'dmstory', 'confession', 'didyouknow', 'rants', 'ranking', 'list'];
import type { SimulatorHandle } from '@trending/simulator';
import {
  create,
  referenceSignature,
  startFast,
  startReceiver,
  waitFor,
  waitForTerminal,
  type Receiver,
} from './helpers';

describe('smoke: every template end to end', () => {
  let sim: SimulatorHandle;
  let receiver: Receiver;
  beforeAll(async () => {
    sim = await startFast();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it.each([...TEMPLATE_IDS])('%s: create, poll to completion, signed webhook, MP4 download', async (template) => {
    const secret = `whsec_smoke_${template}`;
    const created = await create(sim, template, {
      prompt: 'A short scary story about a hotel keycard.',
      webhook: { url: receiver.url, secret },
    });
    expect(created.status).toBe('queued');
    const done = await waitForTerminal(sim, template, created.video_id);
    expect(done.status).toBe('completed');
    expect(done.progress_percent).toBe(100);

    const hook = await waitFor(
      () =>
        receiver.received.find(
          (r) => r.json.video_id === created.video_id && r.json.event === `trending.${template}.v001.completed`,
        ),
      5_000,
      'the completed webhook',
    );
    const timestamp = String(hook.headers['x-trending-timestamp']);
    expect(hook.headers['x-trending-signature-v1']).toBe(referenceSignature(secret, timestamp, hook.raw));
    expect(hook.json.render_url).toMatch(/\/studio\/renders\/\d+\/download\?/);

    const file = await fetch(done.render.render_url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(Number(file.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
  });
});

import type { SimulatorHandle } from '@trending/simulator';
import { call, create, startFast, waitForTerminal } from './helpers';

describe('signed render downloads', () => {
  let sim: SimulatorHandle;
  let renderUrl: string;
  beforeAll(async () => {
    // A frozen clock: the URL's 600 API seconds only pass when the test advances them.
    sim = await startFast({ speed: 0.001, renderUrlMinRealSeconds: 0 });
    const v = await create(sim, 'ranking', {});
    sim.advance(500);
    renderUrl = (await waitForTerminal(sim, 'ranking', v.video_id)).render.render_url;
  });
  afterAll(() => sim.close());

  it('serves a real MP4 without an API key, and ignores an Authorization header', async () => {
    for (const headers of [{}, { authorization: 'Bearer sk_test_nope' }]) {
      const res = await fetch(renderUrl, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('video/mp4');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="trending-ranking-\d+\.mp4"$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(Number(res.headers.get('content-length')));
      expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
    }
    const head = await fetch(renderUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    const log = sim.requests().filter((r) => r.path.startsWith('/studio/renders/'));
    expect(log[0]?.path).toMatch(/signature=%5BREDACTED%5D/);
    expect(log[1]?.headers.authorization).toBe('[REDACTED]');
  });

  it('refuses a tampered signature or expiry (403) with the envelope', async () => {
    const url = new URL(renderUrl);
    const sig = url.searchParams.get('signature') ?? '';
    url.searchParams.set('signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
    const tampered = await fetch(url);
    expect(tampered.status).toBe(403);
    expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe('invalid_render_signature');
    const later = new URL(renderUrl);
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 3600));
    expect((await fetch(later)).status).toBe(403);
    const other = renderUrl.replace(/renders\/(\d+)\//, (_m, id: string) => `renders/${Number(id) + 1}/`);
    expect((await fetch(other)).status).toBe(403);
  });

  it('expires after the TTL of API time (410), while a fresh poll gives a working URL', async () => {
    sim.advance(601);
    const expired = await fetch(renderUrl);
    expect(expired.status).toBe(410);
    const body = (await expired.json()) as { request_id: string; error: { code: string } };
    expect(body.error.code).toBe('render_url_expired');
    expect(body.request_id).toMatch(/^req_/);
    const videoId = Number((sim.state().videos as { video_id: number }[])[0]?.video_id);
    const fresh = (await call(sim, 'GET', `/api/v1/ranking/videos/${videoId}`)).json.render.render_url;
    expect((await fetch(fresh)).status).toBe(200);
  });

  it('serves the images and clips that poll answers link to', async () => {
    const png = await fetch(`${sim.url}/studio/assets/story/1/slides/0.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const mp4 = await fetch(`${sim.url}/studio/assets/story/1/slides/0/animation.mp4`);
    expect(mp4.headers.get('content-type')).toBe('video/mp4');
    expect((await fetch(`${sim.url}/studio/assets/story/1/narration.mp3`)).status).toBe(404);
  });
});

/**
 * (a) Story > Create with "Wait for Completion: Via Polling" and "Download Video", run by `n8n execute`: one video is
 * created and charged, the node polls until it has rendered, and the MP4 arrives as a binary without the API key
 * having been sent to the render URL.
 */
import { readFileSync } from 'node:fs';
import { estimate, SAMPLE_MP4_PATH } from '@trending/simulator';
import { describeE2e, type E2eContext, e2eContext, expectRunSucceeded } from './context';
import { isMp4, loadWorkflow, nodeItems } from './harness';

describeE2e('Story: create, wait via polling, download (n8n execute)', () => {
  let ctx: E2eContext;

  beforeAll(async () => {
    // speed 100: the 231 API-seconds of a 10-slide Story take about 2.3 s, well inside the first poll interval.
    ctx = await e2eContext('story-polling', { speed: 100 });
  });
  afterAll(async () => {
    await ctx?.dispose();
  });

  it('creates exactly one Story, waits for it and downloads the MP4', async () => {
    const wf = loadWorkflow('story-polling');
    await ctx.n8n.importWorkflow(wf);
    const before = ctx.state().accounts.find((a) => a.id === 1)!;

    const out = await ctx.n8n.execute(wf.id);
    expectRunSucceeded(out);

    const items = nodeItems(out.run, 'Create Story');
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item.pairedItem).toEqual({ item: 0 });
    expect(item.json).toMatchObject({ template: 'story', status: 'completed' });
    const videoId = item.json.video_id;
    expect(typeof videoId).toBe('number');

    const bin = item.binary?.video;
    expect(bin, 'binary property "video"').toBeDefined();
    expect(bin!.mimeType).toBe('video/mp4');
    const bytes = ctx.n8n.binaryBytes(bin!);
    expect(bytes.length).toBeGreaterThan(0);
    expect(isMp4(bytes)).toBe(true);
    expect(bytes.equals(readFileSync(SAMPLE_MP4_PATH))).toBe(true);

    // The simulator saw exactly one video, completed and charged what the estimate said, with no credits left on hold.
    const state = ctx.state();
    expect(state.videos).toHaveLength(1);
    const video = state.videos[0]!;
    expect(video).toMatchObject({
      video_id: videoId,
      template: 'story',
      status: 'completed',
      account_id: 1,
      preview_only: false,
    });
    const expected = estimate('story', { preview_only: false, script: { images_requested: 10 } }).total_credits;
    expect(video.charged_credits).toBe(expected);
    const after = state.accounts.find((a) => a.id === 1)!;
    expect(before.balance - after.balance).toBe(expected);
    expect(after.held_credits).toBe(0);

    const requests = ctx.sim.requests();
    const creates = requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/story/videos');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/i);
    expect(
      requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/api/v1/story/videos/${videoId}`)).length,
    ).toBeGreaterThan(0);
    // The MP4 came from the signed render URL, and the API key was not sent there.
    const downloads = requests.filter((r) => r.path.startsWith('/studio/renders/'));
    expect(downloads.length).toBeGreaterThanOrEqual(1);
    for (const d of downloads) {
      expect(d.status).toBe(200);
      expect(d.headers.authorization).toBeUndefined();
      expect(d.headers['x-trending-api-key']).toBeUndefined();
    }
  });
});

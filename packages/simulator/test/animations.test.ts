import { call, create, simulatorSuite, waitFor, type Json } from './helpers';

describe('Story slide animations', () => {
  const { sim, receiver } = simulatorSuite({ speed: 0.001 }, { receiver: true });

  async function readyStory(extra: Record<string, unknown> = {}): Promise<number> {
    const v = await create(sim, 'story', {
      preview_only: true,
      script: { images_requested: 6 },
      webhook: { url: receiver.url, events: ['trending.story.v001.slide_animation.*'] },
      ...extra,
    });
    sim.advance(1000);
    return v.video_id;
  }
  const animate = (id: number, body: Record<string, unknown>) =>
    call(sim, 'POST', `/api/v1/story/videos/${id}/slide-animations`, { body });

  it('lists per-slide costs at 10 credits per derived second', async () => {
    const id = await readyStory();
    const res = await call(sim, 'GET', `/api/v1/story/videos/${id}/slide-animations`);
    expect(res.json).toMatchObject({
      video_id: id,
      pricing: { credits_per_second: 10 },
      platform: { max_concurrent: 3, running: 0, queued: 0 },
    });
    expect(res.json.slides).toHaveLength(6);
    for (const s of res.json.slides) expect(s.estimated_credits).toBe(s.duration_seconds * 10);
    expect(res.json.slides[0]).toMatchObject({
      slide_index: 0,
      image_ready: true,
      animation: null,
      lip_sync_default: true,
    });
  });

  it('runs at most 3 platform-wide, queues the rest, captures credits on completion, and sends events', async () => {
    const id = await readyStory();
    const other = await readyStory();
    const answers = [];
    for (const [video, slide] of [
      [id, 0],
      [id, 1],
      [id, 2],
      [other, 0],
      [other, 1],
    ] as const) {
      answers.push((await animate(video, { slide_index: slide })).json);
    }
    expect(answers.map((a) => a.status)).toEqual(['in_progress', 'in_progress', 'in_progress', 'queued', 'queued']);
    expect(answers.map((a) => a.queue_position)).toEqual([0, 0, 0, 1, 2]);
    expect(answers[0]).toMatchObject({ estimated_credits: 30, duration_seconds: 3, lip_sync: true });
    let list = (await call(sim, 'GET', `/api/v1/story/videos/${other}/slide-animations`)).json;
    expect(list.platform).toEqual({ max_concurrent: 3, running: 3, queued: 2 });
    sim.advance(61);
    list = (await call(sim, 'GET', `/api/v1/story/videos/${other}/slide-animations`)).json;
    expect(list.platform).toEqual({ max_concurrent: 3, running: 2, queued: 0 });
    sim.advance(61);
    const done = (await call(sim, 'GET', `/api/v1/story/videos/${id}/slide-animations`)).json.slides[0].animation;
    expect(done).toMatchObject({
      status: 'completed',
      charged_credits: 30,
      clip_url: expect.stringMatching(/animation\.mp4$/),
    });
    const poll = (await call(sim, 'GET', `/api/v1/story/videos/${id}`)).json;
    expect(poll.assets.slide_animations).toMatchObject({ total: 3, completed: 3 });
    expect(poll.assets.slides[0].animation_url).toMatch(/animation\.mp4$/);
    const charged = (sim.state().accounts as Json[])[0].ledger.filter(
      (e: Json) => e.event === 'story.v001.slide_animation.generate',
    );
    expect(charged.reduce((s: number, e: Json) => s + e.credits, 0)).toBe(30 + 40 + 50 + 30 + 40);
    await waitFor(() => (receiver.received.length >= 15 ? true : undefined), 5_000, 'animation events');
    const names = receiver.received
      .filter((r) => r.json.video_id === other)
      .map((r) => `${r.json.event.split('.').pop()}:${r.json.slide_index}`);
    expect(names).toEqual(['queued:0', 'queued:1', 'in_progress:0', 'in_progress:1', 'completed:0', 'completed:1']);
  });

  it('refuses unknown or unready slides and duplicates; deletes a clip with a deleted event', async () => {
    const id = await readyStory();
    expect((await animate(id, {})).json.error.code).toBe('validation_failed');
    expect((await animate(id, { slide_index: 6 })).json.error.details.slide_index).toBeDefined();
    expect((await animate(id, { slide_index: 1, lip_sync: false })).json.lip_sync).toBe(false);
    const dup = await animate(id, { slide_index: 1 });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('slide_animation_exists');
    const del = await call(sim, 'DELETE', `/api/v1/story/videos/${id}/slide-animations/1`);
    expect(del.json).toMatchObject({ slide_index: 1, deleted: true });
    expect((sim.state().accounts as Json[])[0].held_credits).toBe(0);
    const missing = await call(sim, 'DELETE', `/api/v1/story/videos/${id}/slide-animations/1`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('slide_animation_not_found');
    await waitFor(
      () => receiver.received.find((r) => r.json.event.endsWith('slide_animation.deleted')),
      5_000,
      'deleted event',
    );

    const fresh = await create(sim, 'story', { preview_only: true, script: { images_requested: 6 } });
    const early = await animate(fresh.video_id, { slide_index: 0 });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('slide_not_ready');
  });

  it('402 when the account cannot afford the clip, and [sim:fail:slide_animation_failed] fails it without charge', async () => {
    const id = await readyStory({ prompt: 'A story [sim:fail:slide_animation_failed]' });
    sim.updateAccount({ api_key: 'sk_test_pro', credits: 20 });
    const poor = await animate(id, { slide_index: 2 });
    expect(poor.status).toBe(402);
    expect(poor.json.error).toMatchObject({ code: 'insufficient_credits', details: { required_credits: 50 } });
    sim.updateAccount({ api_key: 'sk_test_pro', credits: 1000 });
    await animate(id, { slide_index: 0 });
    sim.advance(61);
    const slide = (await call(sim, 'GET', `/api/v1/story/videos/${id}/slide-animations`)).json.slides[0];
    expect(slide.animation).toMatchObject({ status: 'failed', charged_credits: 0 });
    const failed = await waitFor(
      () => receiver.received.find((r) => r.json.event.endsWith('slide_animation.failed')),
      5_000,
      'failed event',
    );
    expect(failed.json.error.code).toBe('slide_animation_failed');
    expect((sim.state().accounts as Json[])[0].balance).toBe(1000);
  });
});

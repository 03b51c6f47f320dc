import { call, simulatorSuite, uniqueKey } from './helpers';

/** Create bodies judged by the reference alone: what it states is refused, what it leaves open is accepted. */
describe('create rules from the reference', () => {
  const { sim } = simulatorSuite();

  const post = (template: string, body: unknown) =>
    call(sim, 'POST', `/api/v1/${template}/videos`, { body, idempotencyKey: uniqueKey(template) });

  it('"only used when" fields are ignored when their condition does not hold', async () => {
    // "script.narrator_enabled (boolean) — only used when voice_format=dialogue."
    // "script.visual_style_custom (string, max 240) — only used when visual_style_preset=custom."
    const ignored = await post('story', {
      preview_only: true,
      script: {
        images_requested: 2,
        voice_format: 'monologue',
        narrator_enabled: 'not a boolean',
        visual_style_preset: 'anime',
        visual_style_custom: 'x'.repeat(500),
      },
    });
    expect(ignored.status).toBe(202);
    const checked = await post('story', {
      script: {
        voice_format: 'dialogue',
        narrator_enabled: 'yes',
        visual_style_preset: 'custom',
        visual_style_custom: 'x'.repeat(241),
      },
    });
    expect(checked.status).toBe(422);
    expect(Object.keys(checked.json.error.details).sort()).toEqual([
      'script.narrator_enabled',
      'script.visual_style_custom',
    ]);
  });

  it("another template's fields and unknown keys pass", async () => {
    const res = await post('rants', {
      preview_only: true,
      script: { images_requested: 99, item_count: 400, topic_preset: 'scammer' },
      ranking: { category_preset: 'nope' },
      voice: { voice_actor_id: 'anything' },
      something_new: { nested: true },
    });
    expect(res.status).toBe(202);
  });

  it('Story prompt is 6 to 1000 chars; other templates have a minimum and no maximum; List takes 2', async () => {
    // "prompt (string, 6 to 1000 chars)" against "prompt (min 6 chars if provided)" and "prompt (min 2 chars if provided)".
    expect((await post('story', { prompt: 'x'.repeat(1001) })).json.error.details.prompt).toBeDefined();
    expect((await post('dmstory', { preview_only: true, prompt: 'x'.repeat(5000) })).status).toBe(202);
    expect((await post('dmstory', { prompt: 'short' })).json.error.details.prompt).toBeDefined();
    expect((await post('list', { preview_only: true, prompt: 'ok' })).status).toBe(202);
    expect((await post('list', { prompt: 'x' })).json.error.details.prompt).toBeDefined();
  });

  it('images_requested is 10 to 30, or 2 to 30 when preview_only=true', async () => {
    expect((await post('story', { script: { images_requested: 9 } })).status).toBe(422);
    expect((await post('story', { preview_only: true, script: { images_requested: 2 } })).status).toBe(202);
    expect((await post('story', { preview_only: true, script: { images_requested: 31 } })).status).toBe(422);
  });

  it('Story references, outro and reuse rules', async () => {
    const res = await post('story', {
      name: 'n'.repeat(181),
      script: {
        reuse_story_mode: 'continuation',
        reference_images: [{ alias: 'no_id' }, { asset_id: 501, description: 'd'.repeat(221) }],
        reference_instruction: 'r'.repeat(601),
        outro: { text: 't'.repeat(901), speaker: 's'.repeat(121) },
      },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error.details).sort()).toEqual([
      'name',
      'script.outro.speaker',
      'script.outro.text',
      'script.reference_images[0]',
      'script.reference_images[1].description',
      'script.reference_instruction',
      'script.reuse_characters_from_video_id',
    ]);
    const tooMany = await post('story', {
      script: { reference_images: Array.from({ length: 10 }, () => ({ asset_id: 501 })) },
    });
    expect(tooMany.json.error.details['script.reference_images']).toBeDefined();
  });

  it('enums, ranges and types the templates state', async () => {
    const dm = await post('dmstory', {
      script: { topic_preset: 'school' },
      voice: { speed_percentage: 79, remove_silences: 1 },
    });
    expect(Object.keys(dm.json.error.details).sort()).toEqual([
      'script.topic_preset',
      'voice.remove_silences',
      'voice.speed_percentage',
    ]);
    const ranking = await post('ranking', {
      ranking: { category_preset: 'kittens' },
      background: { folder_id: '301' },
    });
    expect(Object.keys(ranking.json.error.details).sort()).toEqual(['background.folder_id', 'ranking.category_preset']);
    const list = await post('list', {
      script: { item_count: 16, subcategory: 'sharks' },
      music: { volume_percent: 'loud' },
    });
    expect(Object.keys(list.json.error.details).sort()).toEqual([
      'music.volume_percent',
      'script.item_count',
      'script.subcategory',
    ]);
    // "script.subcategory (optional) — only valid when a category is selected": with a category it passes.
    expect(
      (await post('list', { preview_only: true, script: { category: 'facts', subcategory: 'sharks' } })).status,
    ).toBe(202);
  });

  it('Idempotency-Key has no documented length limit', async () => {
    const res = await call(sim, 'POST', '/api/v1/ranking/videos', {
      body: { preview_only: true },
      idempotencyKey: `k-${'x'.repeat(1000)}`,
    });
    expect(res.status).toBe(202);
  });

  it('trigger video_type is required', async () => {
    const res = await call(sim, 'POST', '/api/v1/triggers/videos', { body: {}, idempotencyKey: uniqueKey() });
    expect(res.status).toBe(422);
    expect(res.json.error.details.video_type).toBeDefined();
  });
});

describe('webhook URL rules', () => {
  const { sim } = simulatorSuite();

  const withHook = (url: string) =>
    call(sim, 'POST', '/api/v1/ranking/videos', {
      body: { preview_only: true, webhook: { url } },
      idempotencyKey: uniqueKey('hook'),
    });

  it('refuses non-https, private-network, link-local, metadata, .local and .internal hosts', async () => {
    for (const url of [
      'http://example.com/hook',
      'https://example.com:8443/hook',
      'https://10.1.2.3/hook',
      'https://172.20.0.1/hook',
      'https://192.168.1.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://metadata.google.internal/computeMetadata',
      'https://[fd12:3456::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://printer.local/hook',
      'https://service.internal/hook',
      'not a url',
    ]) {
      const res = await withHook(url);
      expect([url, res.status, Object.keys(res.json.error?.details ?? {})]).toEqual([url, 422, ['webhook.url']]);
    }
  });

  it('accepts public https endpoints and, by default, loopback dev hosts on any port over http', async () => {
    for (const url of [
      'https://example.com/webhooks/trending',
      'https://hooks.example.com:443/x',
      'http://127.0.0.1:9/hook',
      'http://localhost:3000/hook',
      'https://[::1]:8443/hook',
    ]) {
      expect([url, (await withHook(url)).status]).toEqual([url, 202]);
    }
  });

  it('refuses loopback once no dev host is configured', async () => {
    sim.configure({ webhookDevHosts: [] });
    for (const url of ['http://127.0.0.1:9/hook', 'https://localhost/hook', 'https://127.0.0.2/hook']) {
      expect([url, (await withHook(url)).status]).toEqual([url, 422]);
    }
    sim.configure({ webhookDevHosts: ['studio.dev.example'] });
    expect((await withHook('http://studio.dev.example:8080/hook')).status).toBe(202);
  });
});

import type { SimulatorHandle } from '@trending/simulator';
import { call, create, simulatorSuite, uniqueKey, waitFor, type ApiResponse, type Json } from './helpers';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadImage(
  sim: SimulatorHandle,
  file: Buffer,
  fileName: string,
  type: string,
  key = 'sk_test_pro',
): Promise<ApiResponse> {
  const form = new FormData();
  form.append('name', fileName);
  form.append('file', new Blob([new Uint8Array(file)], { type }), fileName);
  const res = await fetch(`${sim.url}/api/v1/story/reference-images`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
}

describe('Story helpers', () => {
  const { sim, receiver } = simulatorSuite({ speed: 0.001 }, { receiver: true });

  it('lists character sources from Story videos with a character sheet, usable for reuse', async () => {
    expect((await call(sim, 'GET', '/api/v1/story/character-sources')).json.character_sources).toEqual([]);
    const v = await create(sim, 'story', { name: 'Keycard', preview_only: true, script: { images_requested: 2 } });
    sim.advance(3 + 30 + 25);
    const sources = (await call(sim, 'GET', '/api/v1/story/character-sources')).json.character_sources;
    expect(sources).toEqual([
      {
        video_id: v.video_id,
        name: 'Keycard',
        character_sheet_url: expect.stringMatching(/character-sheet\.png$/),
        created_at: expect.any(String),
      },
    ]);
    const reuse = await call(sim, 'POST', '/api/v1/story/videos', {
      body: { script: { reuse_characters_from_video_id: v.video_id, reuse_story_mode: 'continuation' } },
      idempotencyKey: uniqueKey(),
    });
    expect(reuse.status).toBe(202);
  });

  it('lists reference images newest first and uploads by multipart or source_url', async () => {
    const seeded = (await call(sim, 'GET', '/api/v1/story/reference-images')).json.reference_images;
    expect(seeded.map((r: Json) => r.asset_id)).toEqual([502, 501]);
    expect(seeded[1]).toMatchObject({
      name: 'cpalead-logo.png',
      alias_suggestion: 'cpalead_logo',
      image_url: expect.stringMatching(/^http/),
    });
    const up = await uploadImage(sim, PNG, 'team-logo.png', 'image/png');
    expect(up.status).toBe(201);
    expect(up.json.reference_image).toMatchObject({
      asset_id: expect.any(Number),
      name: 'team-logo.png',
      content_type: 'image/png',
      size_bytes: PNG.length,
    });
    const byUrl = await call(sim, 'POST', '/api/v1/story/reference-images', {
      body: { source_url: 'https://cdn.example.com/mascot.webp' },
    });
    expect(byUrl.status).toBe(201);
    expect(byUrl.json.reference_image).toMatchObject({ source_type: 'url', content_type: 'image/webp' });
    const list = (await call(sim, 'GET', '/api/v1/story/reference-images')).json.reference_images;
    expect(list.length).toBe(4);
    expect(
      (await call(sim, 'GET', '/api/v1/story/reference-images', { key: 'sk_test_storyonly' })).json.reference_images,
    ).toEqual([]);
    const used = await call(sim, 'POST', '/api/v1/story/videos', {
      body: { script: { reference_images: [{ asset_id: up.json.reference_image.asset_id, alias: 'logo' }] } },
      idempotencyKey: uniqueKey(),
    });
    expect(used.status).toBe(202);
  });

  it('refuses reference images over 3 MB (413), of the wrong type (422), over quota (413), or plain http URLs (422)', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 1);
    PNG.copy(big);
    const tooBig = await uploadImage(sim, big, 'big.png', 'image/png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error.code).toBe('request_too_large');
    const exactly = Buffer.alloc(3 * 1024 * 1024);
    PNG.copy(exactly);
    expect((await uploadImage(sim, exactly, 'max.png', 'image/png')).status).toBe(201);
    const gif = await uploadImage(sim, Buffer.from('GIF89a....'), 'anim.gif', 'image/gif');
    expect(gif.status).toBe(422);
    const disguised = await uploadImage(sim, Buffer.from('not an image'), 'x.png', 'image/png');
    expect(disguised.json.error.details.file).toBeDefined();
    expect(
      (
        await call(sim, 'POST', '/api/v1/story/reference-images', {
          body: { source_url: 'http://cdn.example.com/a.png' },
        })
      ).status,
    ).toBe(422);
    sim.updateAccount({ api_key: 'sk_test_pro', storage_quota_bytes: 10 });
    const quota = await uploadImage(sim, PNG, 'logo.png', 'image/png');
    expect(quota.status).toBe(413);
    expect(quota.json.error.code).toBe('storage_quota_exceeded');
  });

  it('lists outro sources, and create can reuse one by key', async () => {
    const sources = (await call(sim, 'GET', '/api/v1/story/outro-sources')).json.outro_sources;
    expect(sources[0]).toMatchObject({ key: 'skylaunch_default', text: expect.any(String), speaker: 'Ava' });
    const v = await create(sim, 'story', {
      preview_only: true,
      script: { images_requested: 2, outro: { source_key: 'skylaunch_default' } },
    });
    const outro = await call(sim, 'GET', `/api/v1/story/videos/${v.video_id}/outro`);
    expect(outro.json.outro).toMatchObject({
      enabled: true,
      text: sources[0].text,
      speaker: 'Ava',
      source_key: 'skylaunch_default',
      image: { status: 'none' },
    });
  });

  it('reads and updates the outro, then generates its image with outro_image events and 10 credits', async () => {
    const v = await create(sim, 'story', {
      preview_only: true,
      script: { images_requested: 2 },
      webhook: { url: receiver.url, events: ['trending.story.v001.outro_image.*'] },
    });
    const early = await call(sim, 'POST', `/api/v1/story/videos/${v.video_id}/outro/image`, { body: {} });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('character_sheet_not_ready');
    sim.advance(500);
    const get = await call(sim, 'GET', `/api/v1/story/videos/${v.video_id}/outro`);
    expect(get.json).toMatchObject({
      outro: { enabled: false },
      speaker_options: expect.arrayContaining(['auto']),
      image_generation_estimate: { credits: 10 },
    });
    expect(get.json.reference_slide_options.map((o: Json) => o.slide_index)).toEqual([0, 1]);
    expect(
      (await call(sim, 'POST', `/api/v1/story/videos/${v.video_id}/outro/image`, { body: {} })).json.error.code,
    ).toBe('outro_not_configured');

    const bad = await call(sim, 'PUT', `/api/v1/story/videos/${v.video_id}/outro`, {
      body: { attachment_asset_ids: [1, 2, 3, 4, 5] },
    });
    expect(bad.json.error).toMatchObject({
      code: 'validation_failed',
      details: { attachment_asset_ids: expect.any(Array) },
    });
    expect(
      (await call(sim, 'PUT', `/api/v1/story/videos/${v.video_id}/outro`, { body: { reference_slide_index: 2 } }))
        .status,
    ).toBe(422);
    expect(
      (await call(sim, 'PUT', `/api/v1/story/videos/${v.video_id}/outro`, { body: { attachment_asset_ids: [777] } }))
        .status,
    ).toBe(422);
    const put = await call(sim, 'PUT', `/api/v1/story/videos/${v.video_id}/outro`, {
      body: {
        enabled: true,
        text: 'Brought to you by SkyLaunch.',
        speaker: 'Narrator',
        image_prompt: 'logo on a rooftop',
        reference_slide_index: 1,
        attachment_asset_ids: [501],
      },
    });
    expect(put.status).toBe(200);
    expect(put.json.outro).toMatchObject({
      enabled: true,
      speaker: 'Narrator',
      reference_slide_index: 1,
      attachment_asset_ids: [501],
    });

    const image = await call(sim, 'POST', `/api/v1/story/videos/${v.video_id}/outro/image`, { body: {} });
    expect(image.status).toBe(202);
    expect(image.json).toMatchObject({ run_id: expect.any(Number), status: 'queued', charged_credits: 10 });
    sim.advance(30);
    const after = await call(sim, 'GET', `/api/v1/story/videos/${v.video_id}/outro`);
    expect(after.json.outro.image).toMatchObject({
      status: 'completed',
      run_id: image.json.run_id,
      image_url: expect.stringMatching(/\.png$/),
    });
    const poll = await call(sim, 'GET', `/api/v1/story/videos/${v.video_id}`);
    expect(poll.json.assets.outro.image.status).toBe('completed');
    await waitFor(() => (receiver.received.length >= 2 ? true : undefined), 5_000, 'outro image events');
    expect(receiver.received.map((r) => r.json.event)).toEqual([
      'trending.story.v001.outro_image.queued',
      'trending.story.v001.outro_image.completed',
    ]);
    expect(receiver.received[1]?.json).toMatchObject({
      outro_image_run_id: image.json.run_id,
      image_url: expect.any(String),
    });
    const ledger = (sim.state().accounts as Json[])[0].ledger.filter(
      (e: Json) => e.event === 'story.v001.outro_image.generate',
    );
    expect(ledger).toEqual([expect.objectContaining({ kind: 'capture', credits: 10 })]);
  });

  it('outro image failure ([sim:fail:outro_image_failed]) releases the credits and sends outro_image.failed', async () => {
    const v = await create(sim, 'story', {
      preview_only: true,
      prompt: 'A story [sim:fail:outro_image_failed]',
      script: { images_requested: 2, outro: { enabled: true, text: 'Thanks to SkyLaunch.' } },
      webhook: { url: receiver.url, events: ['*.outro_image.*'] },
    });
    sim.advance(500);
    expect((await call(sim, 'GET', `/api/v1/story/videos/${v.video_id}`)).json.status).toBe('completed');
    await call(sim, 'POST', `/api/v1/story/videos/${v.video_id}/outro/image`, { body: {} });
    sim.advance(30);
    const after = await call(sim, 'GET', `/api/v1/story/videos/${v.video_id}/outro`);
    expect(after.json.outro.image.status).toBe('failed');
    const failed = await waitFor(
      () => receiver.received.find((r) => r.json.event === 'trending.story.v001.outro_image.failed'),
      5_000,
      'failed event',
    );
    expect(failed.json.error.code).toBe('outro_image_failed');
    expect((sim.state().accounts as Json[])[0].held_credits).toBe(0);
  });
});

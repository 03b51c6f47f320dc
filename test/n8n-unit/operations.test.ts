/**
 * Every operation besides Create, against the simulator, through the node.
 */
import { readFileSync } from 'node:fs';

import { SAMPLE_MP4_PATH, type SimulatorHandle } from '@trending/simulator';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { loadOptionsContext } from './context';
import { apiCredentials, apiRequests, expectNoSecrets, node, runError, runOk, startSim } from './harness';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return { ...actual, sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 20), signal) };
});

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function createAndWait(template: string, extra: Record<string, unknown> = {}): Promise<number> {
  const { items } = await runOk(sim, { resource: template, operation: 'create', waitMode: 'polling', ...extra });
  expect(items[0]!.json.status).toBe('completed');
  return items[0]!.json.video_id as number;
}

describe('Get, Render, Abort', () => {
  it('Get returns the status; Render turns a preview into a final MP4; Abort cancels a run', async () => {
    const previewId = await createAndWait('story', {
      previewOnly: true,
      scriptImagesRequested: 2,
      prompt: 'A fox and a crow.',
    });
    const got = await runOk(sim, { resource: 'story', operation: 'get', videoId: String(previewId) });
    expect(got.items[0]!.json).toMatchObject({
      template: 'story',
      video_id: previewId,
      status: 'completed',
      preview_only: true,
    });

    const rendered = await runOk(sim, {
      resource: 'story',
      operation: 'render',
      videoId: String(previewId),
      waitMode: 'polling',
      download: true,
    });
    expect(rendered.items[0]!.json.status).toBe('completed');
    expect(rendered.items[0]!.binary!.data!.mimeType).toBe('video/mp4');
    expect(
      apiRequests(rendered.ctx.requests, `/api/v1/story/videos/${previewId}/render`)[0]!.headers['idempotency-key'],
    ).toBeDefined();

    sim.configure({ speed: 0.01 });
    const started = await runOk(sim, { resource: 'rants', operation: 'create', previewOnly: true });
    const videoId = started.items[0]!.json.video_id as number;
    const aborted = await runOk(sim, { resource: 'rants', operation: 'abort', videoId: String(videoId) });
    expect(aborted.items[0]!.json).toMatchObject({ template: 'rants', video_id: videoId });
  });

  it('Render with one custom key on two videos renders both (the key is per video)', async () => {
    const ids = [
      await createAndWait('story', { previewOnly: true, scriptImagesRequested: 2, prompt: 'A fox and a crow.' }),
      await createAndWait('story', { previewOnly: true, scriptImagesRequested: 2, prompt: 'A cat and a mouse.' }),
    ];
    const keys: string[] = [];
    for (const id of ids) {
      const { items, ctx } = await runOk(sim, {
        resource: 'story',
        operation: 'render',
        videoId: String(id),
        waitMode: 'polling',
        options: { idempotencyKey: 'campaign-7' },
      });
      expect(items[0]!.json).toMatchObject({ video_id: id, status: 'completed' });
      expect(items[0]!.json.render).toMatchObject({ render_url: expect.stringContaining('/download') });
      keys.push(apiRequests(ctx.requests, `/api/v1/story/videos/${id}/render`)[0]!.headers['idempotency-key']!);
    }
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('Get of an unknown video is a 404 with a hint; a video of another template too', async () => {
    const error = await runError(sim, { resource: 'list', operation: 'get', videoId: '999999' });
    expect(error.httpCode).toBe('404');
    expect(error.description).toMatch(/template and video ID/);
  });

  it('Get with Download on a preview-only video explains there is no render yet', async () => {
    const previewId = await createAndWait('ranking', { previewOnly: true });
    const error = await runError(sim, {
      resource: 'ranking',
      operation: 'get',
      videoId: String(previewId),
      download: true,
    });
    expect(error.message).toMatch(/render_not_available|preview-only/);
  });
});

describe('Story helpers', () => {
  it('reference images: upload from binary and from URL, list, and use as dropdown', async () => {
    const fromBinary = await runOk(
      sim,
      {
        resource: 'story',
        operation: 'uploadReferenceImage',
        imageSource: 'binary',
        binaryPropertyName: 'data',
        imageName: 'Logo',
      },
      {
        items: [
          { json: {}, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'logo.png' } } },
        ],
      },
    );
    expect(fromBinary.items[0]!.json.asset_id).toEqual(expect.any(Number));
    const [upload] = apiRequests(fromBinary.ctx.requests, '/api/v1/story/reference-images');
    expect(upload!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);

    const fromUrl = await runOk(sim, {
      resource: 'story',
      operation: 'uploadReferenceImage',
      imageSource: 'url',
      sourceUrl: 'https://example.com/mascot.png',
      imageName: 'Mascot',
    });
    expect(fromUrl.items[0]!.json.asset_id).toEqual(expect.any(Number));

    const listed = await runOk(sim, { resource: 'story', operation: 'listReferenceImages' });
    expect(listed.items.length).toBeGreaterThanOrEqual(2);
    expect(listed.items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(true);

    const options = await node.methods.loadOptions.getReferenceImages.call(ctxFor());
    expect(options.map((o) => o.value)).toContain(fromBinary.items[0]!.json.asset_id);
  });

  it('a too-large or wrong-type reference image is refused before upload, naming the problem', async () => {
    const error = await runError(sim, { resource: 'story', operation: 'uploadReferenceImage', imageSource: 'binary' }, {
      items: [
        { json: {}, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/gif', fileName: 'logo.gif' } } },
      ],
    } as never);
    expect(error.message).toMatch(/fileName|mimeType/);
  });

  it('character sources, outro sources, outro get/update/image, slide animations list/animate/delete', async () => {
    const storyId = await createAndWait('story', {
      previewOnly: true,
      scriptImagesRequested: 2,
      prompt: 'The lighthouse that blinked in Morse code.',
      script: { outroEnabled: true, outroText: 'Brought to you by SkyLaunch.', outroSpeaker: 'auto' },
    });
    const characters = await runOk(sim, { resource: 'story', operation: 'listCharacterSources' });
    expect(characters.items.length).toBeGreaterThanOrEqual(0);
    const outroSources = await runOk(sim, { resource: 'story', operation: 'listOutroSources' });
    expect(Array.isArray(outroSources.items)).toBe(true);

    const outro = await runOk(sim, { resource: 'story', operation: 'getOutro', videoId: String(storyId) });
    expect(outro.items[0]!.json).toBeDefined();
    const updated = await runOk(sim, {
      resource: 'story',
      operation: 'updateOutro',
      videoId: String(storyId),
      outro: { text: 'Now with 20% more rockets.', speaker: 'auto', enabled: true },
    });
    expect(JSON.parse(apiRequests(updated.ctx.requests, `/api/v1/story/videos/${storyId}/outro`)[0]!.body!)).toEqual({
      text: 'Now with 20% more rockets.',
      speaker: 'auto',
      enabled: true,
    });
    const image = await runOk(sim, { resource: 'story', operation: 'generateOutroImage', videoId: String(storyId) });
    expect(image.items).toHaveLength(1);

    const animations = await runOk(sim, {
      resource: 'story',
      operation: 'listSlideAnimations',
      videoId: String(storyId),
    });
    expect(animations.items[0]!.json).toBeDefined();
    const animated = await runOk(sim, {
      resource: 'story',
      operation: 'animateSlide',
      videoId: String(storyId),
      slideIndex: 0,
      maxCredits: 1000,
    });
    expect(animated.items).toHaveLength(1);
    const deleted = await runOk(sim, {
      resource: 'story',
      operation: 'deleteSlideAnimation',
      videoId: String(storyId),
      slideIndex: 0,
    });
    expect(deleted.items).toHaveLength(1);

    const characterOptions = await node.methods.loadOptions.getCharacterSources.call(ctxFor());
    expect(Array.isArray(characterOptions)).toBe(true);
  });

  it('outro text over 900 characters is refused locally, naming the field', async () => {
    const error = await runError(sim, {
      resource: 'story',
      operation: 'updateOutro',
      videoId: '1',
      outro: { text: 'x'.repeat(901) },
    });
    expect(error.message).toMatch(/text/);
    expect(error.message).toMatch(/900/);
  });
});

describe('List script', () => {
  it('get, update with the ETag, a stale ETag gives a clear conflict, and CTAs suggest/apply', async () => {
    const listId = await createAndWait('list', { previewOnly: true, prompt: 'Facts about honey' });
    const got = await runOk(sim, { resource: 'list', operation: 'getScript', videoId: String(listId) });
    const { script, etag } = got.items[0]!.json as { script: Record<string, unknown>; etag: string };
    expect(etag).toBeTruthy();

    const saved = await runOk(sim, {
      resource: 'list',
      operation: 'updateScript',
      videoId: String(listId),
      script: JSON.stringify({ ...script, intro: 'Honey never spoils. Here is why.' }),
      conflictCheck: 'etag',
      etag,
      resetAudio: true,
    });
    // Core reads the script, then writes it whole with the edits over it.
    const [read, put] = apiRequests(saved.ctx.requests, `/api/v1/list/videos/${listId}/script`);
    expect(read!.method).toBe('GET');
    expect(put!.method).toBe('PUT');
    expect(put!.headers['if-match']).toBe(etag);
    expect(saved.items[0]!.json.etag).not.toBe(etag);

    const stale = await runError(sim, {
      resource: 'list',
      operation: 'updateScript',
      videoId: String(listId),
      script: JSON.stringify(script),
      conflictCheck: 'etag',
      etag,
      resetAudio: true,
    });
    expect(stale.message).toMatch(/script_version_conflict/);
    expect(stale.message).toMatch(/Someone else changed the script/);
    expect(stale.description).toMatch(/ETag/);

    const suggested = await runOk(sim, { resource: 'list', operation: 'suggestCtas', videoId: String(listId) });
    expect(
      JSON.parse(apiRequests(suggested.ctx.requests, `/api/v1/list/videos/${listId}/script/ctas`)[0]!.body!),
    ).toEqual({
      mode: 'suggest',
    });
    const applied = await runOk(sim, {
      resource: 'list',
      operation: 'applyCtas',
      videoId: String(listId),
      replaceExisting: true,
    });
    expect(
      JSON.parse(apiRequests(applied.ctx.requests, `/api/v1/list/videos/${listId}/script/ctas`)[0]!.body!),
    ).toEqual({
      mode: 'apply',
      replace_existing: true,
    });
  });

  it('Script (JSON) that is not JSON is named in the error', async () => {
    const error = await runError(sim, {
      resource: 'list',
      operation: 'updateScript',
      videoId: '1',
      script: '{oops',
      conflictCheck: 'none',
    });
    expect(error.message).toMatch(/Script \(JSON\) is not valid JSON/);
  });
});

describe('Account, Voice Actor, Library', () => {
  it('Check Readiness reports the shortfall; Estimate Cost quotes credits', async () => {
    const ready = await runOk(
      sim,
      { resource: 'account', operation: 'checkReadiness', template: 'rants', request: '{"preview_only": true}' },
      { credentials: apiCredentials(sim, 'sk_test_starter') },
    );
    expect(ready.items[0]!.json).toMatchObject({ ready: expect.any(Boolean), template_readiness: expect.any(Object) });
    const estimate = await runOk(sim, {
      resource: 'account',
      operation: 'estimateCost',
      template: 'story',
      request: '{"preview_only": false, "script": {"images_requested": 12}}',
    });
    expect((estimate.items[0]!.json.estimate as { total_credits: number }).total_credits).toBe(183);
  });

  it('lists voice actors (dropdown labels carry gender, age, accent) and favorites one', async () => {
    const listed = await runOk(sim, { resource: 'voiceActor', operation: 'list' });
    expect(listed.items.length).toBeGreaterThan(0);
    const options = await node.methods.loadOptions.getVoiceActors.call(ctxFor());
    const first = listed.items[0]!.json as { id: number; name: string; gender?: string; age?: string; accent?: string };
    const label = options.find((o) => o.value === first.id)!.name;
    expect(label).toContain(first.name);
    for (const trait of [first.gender, first.age, first.accent].filter(Boolean)) expect(label).toContain(trait);

    const fav = await runOk(sim, {
      resource: 'voiceActor',
      operation: 'favorite',
      voiceActorId: String(first.id),
      favorite: true,
      favoriteTemplate: 'list',
    });
    expect(JSON.parse(apiRequests(fav.ctx.requests, `/api/v1/voice-actors/${first.id}/favorite`)[0]!.body!)).toEqual({
      favorite: true,
      template: 'list',
    });
  });

  it('library: folders, coverage, upload from binary, import from URL, upload status', async () => {
    const folders = await runOk(sim, { resource: 'library', operation: 'listFolders' });
    const folderOptions = await node.methods.loadOptions.getLibraryFolders.call(ctxFor());
    expect(folderOptions).toHaveLength(folders.items.length);
    const coverage = await runOk(sim, {
      resource: 'library',
      operation: 'checkFolderCoverage',
      coverageTemplate: 'dmstory',
      coverageOptions: { required_count: 3 },
    });
    expect(coverage.items[0]!.json).toBeDefined();

    const mp4 = readFileSync(SAMPLE_MP4_PATH);
    const uploaded = await runOk(
      sim,
      { resource: 'library', operation: 'uploadVideo', binaryPropertyName: 'clip', uploadOptions: { name: 'Waves' } },
      {
        items: [
          {
            json: {},
            binary: { clip: { data: mp4.toString('base64'), mimeType: 'video/mp4', fileName: 'waves.mp4' } },
          },
        ],
      },
    );
    const asset = uploaded.items[0]!.json.asset as { id?: number; asset_id?: number };
    const assetId = asset.asset_id ?? asset.id;
    expect(assetId).toEqual(expect.any(Number));
    const status = await runOk(sim, { resource: 'library', operation: 'getUpload', assetId: String(assetId) });
    expect(status.items[0]!.json.asset).toBeDefined();

    const imported = await runOk(sim, {
      resource: 'library',
      operation: 'importVideoUrl',
      videoUrl: 'https://example.com/clip.mp4',
    });
    expect(imported.items[0]!.json.asset).toBeDefined();
  });
});

describe('Signed Trigger', () => {
  it('starts a video with the signed-trigger credential only: no API key, signed, with a nonce', async () => {
    const { ctx, items } = await runOk(
      sim,
      {
        resource: 'signedTrigger',
        operation: 'startVideo',
        videoType: 'rants',
        triggerPrompt: 'A rant about autocorrect.',
        triggerName: 'Autocorrect rant',
        triggerPreviewOnly: true,
      },
      {
        credentials: {
          trendingSignedTriggerApi: { triggerId: 'trg_test', secret: 'whsec_trigger_test', baseUrl: sim.url },
        },
      },
    );
    expect(items[0]!.json).toMatchObject({ template: 'rants', video_id: expect.any(Number) });
    const [sent] = apiRequests(ctx.requests, '/api/v1/triggers/webhook');
    expect(sent!.authenticated).toBe(false);
    expect(sent!.headers.authorization).toBeUndefined();
    expect(sent!.headers['x-trending-signature-v1']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(sent!.headers['x-trending-nonce']).toBeTruthy();
    expect(JSON.parse(sent!.body!)).toMatchObject({
      video_type: 'rants',
      prompt: 'A rant about autocorrect.',
      name: 'Autocorrect rant',
      preview_only: true,
      idempotency_key: sent!.headers['idempotency-key'],
    });
    expectNoSecrets(items);
  });

  it('a wrong trigger secret gives invalid_signature without echoing the secret', async () => {
    const error = await runError(
      sim,
      { resource: 'signedTrigger', operation: 'startVideo', videoType: 'story' },
      {
        credentials: {
          trendingSignedTriggerApi: { triggerId: 'trg_test', secret: 'whsec_wrong_secret_1', baseUrl: sim.url },
        },
      },
    );
    expect(error.message).toMatch(/invalid_signature/);
    expectNoSecrets(error, ['whsec_wrong_secret_1']);
  });
});

function ctxFor(): ILoadOptionsFunctions {
  return loadOptionsContext({ nodeType: node, parameters: {}, credentials: apiCredentials(sim) });
}

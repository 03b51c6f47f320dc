import { readFileSync } from 'node:fs';
import { SAMPLE_MP4_PATH, type SimulatorHandle } from '@trending/simulator';
import { call, simulatorSuite, type ApiResponse, type Json } from './helpers';

const MP4 = readFileSync(SAMPLE_MP4_PATH);
const WEBM_HEAD = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);

async function upload(
  sim: SimulatorHandle,
  path: string,
  file: Buffer,
  fileName: string,
  type: string,
  fields: Record<string, string> = {},
  key = 'sk_test_pro',
): Promise<ApiResponse> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)], { type }), fileName);
  const res = await fetch(sim.url + path, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
}

describe('library', () => {
  const { sim } = simulatorSuite({ speed: 0.001 });

  it('lists only the caller folders with counts and candidate summaries', async () => {
    const res = await call(sim, 'GET', '/api/v1/library/folders');
    expect(res.json.folders.map((f: Json) => f.id)).toEqual([301, 302, 303]);
    expect(res.json.folders[0]).toMatchObject({
      name: 'Parkour backgrounds',
      counts: { user_videos: 10, shared_videos: 4, music: 2 },
      upload_profiles: { background: 16, ranking: 0 },
      candidates: {
        background: { eligible_count: 14, total_duration_seconds: expect.any(Number) },
        ranking: { eligible_count: 0 },
      },
    });
    const other = await call(sim, 'GET', '/api/v1/library/folders', { key: 'sk_test_storyonly' });
    expect(other.json.folders.map((f: Json) => f.id)).toEqual([401]);
  });

  it('coverage predicts folder-only, auto-fill and underfill outcomes, with the documented 422 codes', async () => {
    const enough = await call(sim, 'POST', '/api/v1/library/folders/coverage', {
      body: { template: 'list', folder_id: 301, required_count: 6 },
    });
    expect(enough.json).toMatchObject({
      eligibility: { eligible_count: 14 },
      prediction: { sufficient: true, outcome: 'folder_only' },
      warnings: [],
    });
    const short = await call(sim, 'POST', '/api/v1/library/folders/coverage', {
      body: { template: 'ranking', folder_id: 302, required_count: 10, ranking_category_preset: 'animals' },
    });
    expect(short.json).toMatchObject({
      prediction: { outcome: 'auto_fill', fallback_clips: 2, fallback_pool: 'approved_category_clips' },
      ranking_category_preset: 'animals',
    });
    expect(short.json.warnings[0].code).toBe('background_auto_filled');
    const strict = await call(sim, 'POST', '/api/v1/library/folders/coverage', {
      body: { template: 'rants', folder_id: 303 },
    });
    expect(strict.json.prediction.outcome).toBe('fails_underfilled');
    const foreign = await call(sim, 'POST', '/api/v1/library/folders/coverage', {
      body: { template: 'rants', folder_id: 401 },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.json.error.code).toBe('invalid_background_folder_id');
    const preset = await call(sim, 'POST', '/api/v1/library/folders/coverage', {
      body: { template: 'ranking', ranking_category_preset: 'kittens' },
    });
    expect(preset.status).toBe(422);
    expect(preset.json.error.code).toBe('invalid_ranking_category_preset');
    // "accepts template + optional folder_id, ...": the template is the one field it needs.
    const invalid = await call(sim, 'POST', '/api/v1/library/folders/coverage', { body: {} });
    expect(invalid.json.error.code).toBe('validation_failed');
  });

  it('uploads an MP4 that moves queued -> processing -> available, then counts in its folder', async () => {
    const res = await upload(sim, '/api/v1/library/videos', MP4, 'clip.mp4', 'video/mp4', {
      name: 'My clip',
      folder_id: '303',
    });
    expect(res.status).toBe(202);
    const id = res.json.asset.asset_id;
    expect(res.json).toMatchObject({
      poll_url: `/api/v1/library/uploads/${id}`,
      asset: { status: 'queued', name: 'My clip', folder_id: 303 },
    });
    const poll = async () => (await call(sim, 'GET', `/api/v1/library/uploads/${id}`)).json.asset;
    expect((await poll()).poll_after_seconds).toBeGreaterThan(0);
    sim.advance(6);
    expect((await poll()).status).toBe('processing');
    sim.advance(30);
    const done = await poll();
    expect(done).toMatchObject({
      status: 'available',
      ready: true,
      source: { source_type: 'upload', original_file_name: 'clip.mp4' },
      media: { size_bytes: MP4.length, has_audio: true, video_codec: 'h264' },
    });
    expect(done.poll_after_seconds).toBeUndefined();
    const folders = await call(sim, 'GET', '/api/v1/library/folders');
    expect(folders.json.folders.find((f: Json) => f.id === 303).counts.user_videos).toBe(2);
    const account = (sim.state().accounts as Json[])[0];
    expect(account.storage_used_bytes).toBe(MP4.length);
  });

  it('accepts a WebM container and refuses a file that is not a video (422 invalid_library_video_upload)', async () => {
    const webm = await upload(
      sim,
      '/api/v1/library/videos',
      Buffer.concat([WEBM_HEAD, Buffer.alloc(100)]),
      'clip.webm',
      'video/webm',
    );
    expect(webm.status).toBe(202);
    const fake = await upload(
      sim,
      '/api/v1/library/videos',
      Buffer.from('this is not a video at all'),
      'fake.mp4',
      'video/mp4',
    );
    expect(fake.status).toBe(422);
    expect(fake.json.error.code).toBe('invalid_library_video_upload');
    const wrongExt = await upload(sim, '/api/v1/library/videos', MP4, 'clip.avi', 'video/mp4');
    expect(wrongExt.json.error.code).toBe('validation_failed');
    const notMultipart = await call(sim, 'POST', '/api/v1/library/videos', { body: { url: 'x' } });
    expect(notMultipart.json.error.code).toBe('validation_failed');
  });

  it('422 invalid_library_folder_id and 413 storage_quota_exceeded', async () => {
    const folder = await upload(sim, '/api/v1/library/videos', MP4, 'clip.mp4', 'video/mp4', { folder_id: '401' });
    expect(folder.status).toBe(422);
    expect(folder.json.error.code).toBe('invalid_library_folder_id');
    sim.updateAccount({ api_key: 'sk_test_pro', storage_quota_bytes: 1000 });
    const full = await upload(sim, '/api/v1/library/videos', MP4, 'clip.mp4', 'video/mp4');
    expect(full.status).toBe(413);
    expect(full.json.error).toMatchObject({
      code: 'storage_quota_exceeded',
      details: { quota_bytes: 1000, remaining_bytes: 1000, upload_bytes: MP4.length },
    });
  });

  it('413 request_too_large for a clip over 200 MB, without buffering it', async () => {
    const big = Buffer.alloc(200 * 1024 * 1024 + 1);
    MP4.copy(big);
    const res = await upload(sim, '/api/v1/library/videos', big, 'big.mp4', 'video/mp4');
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('request_too_large');
  });

  it('imports a direct HTTPS file URL; refuses web pages and http; ?sim_fail ends failed', async () => {
    const ok = await call(sim, 'POST', '/api/v1/library/video-urls', {
      body: { url: 'https://cdn.example.com/clips/wave.mp4', folder_id: 301, upload_profile: 'background' },
    });
    expect(ok.status).toBe(202);
    expect(ok.json.asset).toMatchObject({
      status: 'queued',
      name: 'wave.mp4',
      source: { source_type: 'url', source_host: 'cdn.example.com' },
    });
    for (const url of ['https://www.youtube.com/watch?v=abc', 'http://cdn.example.com/a.mp4']) {
      const bad = await call(sim, 'POST', '/api/v1/library/video-urls', { body: { url } });
      expect(bad.status).toBe(422);
      expect(bad.json.error.code).toBe('validation_failed');
    }
    expect(
      (
        await call(sim, 'POST', '/api/v1/library/video-urls', {
          body: { url: 'https://x.example/a.mp4', folder_id: 999 },
        })
      ).json.error.code,
    ).toBe('invalid_library_folder_id');
    const failing = await call(sim, 'POST', '/api/v1/library/video-urls', {
      body: { url: 'https://cdn.example.com/broken.mp4?sim_fail=1' },
    });
    sim.advance(60);
    const status = await call(sim, 'GET', `/api/v1/library/uploads/${failing.json.asset.asset_id}`);
    expect(status.json.asset).toMatchObject({ status: 'failed', error: { code: 'library_import_failed' } });
    const foreign = await call(sim, 'GET', `/api/v1/library/uploads/${ok.json.asset.asset_id}`, {
      key: 'sk_test_storyonly',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('asset_not_found');
  });
});

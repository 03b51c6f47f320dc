/**
 * The MP4 behind `video_file`: a fresh render URL from a status GET, downloaded without the API key, stashed with
 * Zapier (whose RPC and S3 upload are nocked here, as Zapier's own tests do).
 */
import nock from 'nock';
import {
  API,
  API_KEY,
  AUTH,
  App,
  S3,
  api,
  appTester,
  expectStash,
  failure,
  strictNock,
  videoStatus,
  withDeployKey,
} from './support/harness';

const renderFile = App.hydrators!.renderFile as Parameters<typeof appTester>[0];
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64, 7)]);
describe('hydrators.renderFile', () => {
  strictNock();
  withDeployKey();

  it('fetches a fresh render URL, downloads it without the API key, and stashes the MP4 under a clear name', async () => {
    api().get('/api/v1/story/videos/12345').matchHeader('authorization', `Bearer ${API_KEY}`).reply(200, videoStatus());
    nock(API, { badheaders: ['authorization'] })
      .get('/studio/renders/77/download')
      .query({ signature: 'sig_abc' })
      .reply(200, MP4, { 'content-type': 'video/mp4', 'content-length': String(MP4.length) });
    const stash = expectStash('stash/abc/trending-story-12345.mp4');
    const url = await appTester(renderFile, { authData: AUTH, inputData: { template: 'story', video_id: 12345 } });
    expect(url).toBe(`${S3}/stash/abc/trending-story-12345.mp4`);
    expect(stash.upload[0]).toContain('filename="trending-story-12345.mp4"');
    expect(stash.upload[0]).toContain('video/mp4');
    expect(stash.upload[0]).toContain('ftypmp42');
  });

  it('a video that is not rendered yet says so instead of stashing nothing', async () => {
    api()
      .get('/api/v1/story/videos/12345')
      .reply(200, videoStatus({ status: 'running', render: null, step_label: 'Rendering' }));
    const error = await failure(
      appTester(renderFile, { authData: AUTH, inputData: { template: 'story', video_id: 12345 } }),
    );
    expect(error.code).toBe('render_not_ready');
    expect(error.message).toContain('Video 12345 is running (Rendering)');
  });

  it('a preview-only video has no file to give', async () => {
    api()
      .get('/api/v1/story/videos/12345')
      .reply(200, videoStatus({ preview_only: true, render: { render_url: null } }));
    const error = await failure(
      appTester(renderFile, { authData: AUTH, inputData: { template: 'story', video_id: 12345 } }),
    );
    expect(error.code).toBe('render_not_available');
  });

  it('a download refused by the signed URL reports the API envelope', async () => {
    api().get('/api/v1/story/videos/12345').reply(200, videoStatus());
    nock(API)
      .get('/studio/renders/77/download')
      .query(true)
      .reply(410, {
        request_id: 'req_dl',
        error: { code: 'render_url_expired', message: 'This render URL has expired.' },
      });
    const error = await failure(
      appTester(renderFile, { authData: AUTH, inputData: { template: 'story', video_id: 12345 } }),
    );
    expect(error.code).toBe('render_url_expired');
    expect(error.status).toBe(410);
  });

  it('an incomplete file reference is refused before any request', async () => {
    const error = await failure(
      appTester(renderFile, { authData: AUTH, inputData: { template: 'movie', video_id: 1 } }),
    );
    expect(error.code).toBe('invalid_file');
  });
});

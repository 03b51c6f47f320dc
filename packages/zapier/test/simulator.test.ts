/**
 * Every perform, performResume, the hydrator and the dropdowns against the local Trending simulator: real HTTP, real
 * signed deliveries to a loopback "Zapier callback", real MP4 render URLs. Only Zapier's file stash (RPC + S3) is nocked.
 */
import { TEMPLATE_IDS, TrendingClient } from '@trending/core';
import { App, appTester, expectStash, failure, perform, performResume, withDeployKey } from './support/harness';
import {
  asZapierCallback,
  eventually,
  findUntil,
  loopbackOnly,
  runWithCallback,
  startReceiver,
  startTestSimulator,
  type Receiver,
  type SimContext,
} from './support/simulator';

let ctx: SimContext;
let receiver: Receiver;

beforeAll(async () => {
  ctx = await startTestSimulator();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await ctx?.sim.close();
});
loopbackOnly();
withDeployKey();

const PROMPTS: Record<string, string> = { list: 'Octopus facts' };
const promptFor = (template: string) => PROMPTS[template] ?? `A short ${template} video about a lost hotel keycard`;

/** A direct client on the simulator, for what no Zap step does (reading a List script's version). */
function directClient(): TrendingClient {
  return new TrendingClient({
    baseUrl: ctx.sim.url,
    apiKey: ctx.auth.api_key,
    transport: {
      request: async (req) => {
        const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => (headers[k] = v));
        return { status: res.status, headers, body: await res.text() };
      },
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: Date.now,
      random: Math.random,
    },
  });
}

describe('authentication against the simulator', () => {
  const test = App.authentication!.test as Parameters<typeof appTester>[0];
  const label = App.authentication!.connectionLabel as Parameters<typeof appTester>[0];

  it('the pro key passes and is labelled by plan', async () => {
    const account = await appTester(test, { authData: ctx.auth });
    expect(account).toMatchObject({ plan_label: 'Pro', plan_code: 'pro' });
    expect(await appTester(label, { authData: ctx.auth, inputData: account as Record<string, unknown> })).toBe(
      'Trending (Pro plan)',
    );
  });

  it('a plan without API access, and a wrong key, fail with the reason', async () => {
    const starter = await failure(appTester(test, { authData: { ...ctx.auth, api_key: ctx.sim.keys.starter } }));
    expect(starter.message).toContain('the Starter plan does not include API access');
    const wrong = await failure(appTester(test, { authData: { ...ctx.auth, api_key: 'sk_test_nope' } }));
    expect(wrong.name).toBe('ExpiredAuthError');
  });
});

describe('each Create step against the simulator', () => {
  it.each(TEMPLATE_IDS.map((t) => [t]))(
    '%s: create, then Find Video shows it completed with the MP4 as a file',
    async (template) => {
      const created = (await appTester(perform('creates', `create_${template}_video`), {
        authData: ctx.auth,
        inputData: { prompt: promptFor(template), wait_for_video: false },
      })) as Record<string, unknown>;
      expect(created).toMatchObject({ template, status: 'queued' });
      const found = await findUntil(ctx, template, created.video_id as number);
      expect(found.status).toBe('completed');
      expect(String(found.video_file)).toContain('hydrators.renderFile');
      expect(found.dashboard_url).toEqual(expect.any(String));
    },
  );

  it('a replayed step returns the same video (the simulator honours the derived Idempotency-Key)', async () => {
    const bundle = {
      authData: ctx.auth,
      inputData: { prompt: 'Replay me exactly once please', wait_for_video: false },
    };
    const first = (await appTester(perform('creates', 'create_rants_video'), bundle)) as { video_id: number };
    const replay = (await appTester(perform('creates', 'create_rants_video'), bundle)) as { video_id: number };
    expect(replay.video_id).toBe(first.video_id);
  });
});

describe('waiting by callback, end to end', () => {
  it('Story: the simulator signs its delivery with the derived secret; performResume verifies it and outputs the file', async () => {
    const inputData = { prompt: 'A short scary story about a hotel keycard.', 'script.images_requested': '10' };
    const started = await runWithCallback(
      'creates.create_story_video.operation.perform',
      { authData: ctx.auth, inputData, meta: {} },
      `${receiver.url}/callback/1`,
    );
    expect(started.status).toBe('CALLBACK');
    const pending = started.results;
    const delivery = await receiver.next(20_000);
    expect(delivery.headers['x-trending-event']).toBe('trending.story.v001.completed');
    expect(delivery.headers['x-trending-signature-v1']).toMatch(/^sha256=/);

    const output = (await appTester(performResume('create_story_video'), {
      authData: ctx.auth,
      outputData: pending,
      ...asZapierCallback(delivery),
    })) as Record<string, unknown>;
    expect(output).toMatchObject({
      video_id: pending.video_id,
      status: 'completed',
      idempotency_key: pending.idempotency_key,
    });
    expect(String(output.video_file)).toContain('hydrators.renderFile');
    expect(JSON.stringify(output)).not.toContain(ctx.auth.api_key);

    // The hydrator: a fresh render URL, the real MP4 from the simulator, never with the API key.
    const stash = expectStash(`stash/trending-story-${String(pending.video_id)}.mp4`);
    const fileUrl = await appTester(App.hydrators!.renderFile as Parameters<typeof appTester>[0], {
      authData: ctx.auth,
      inputData: { template: 'story', video_id: pending.video_id },
    });
    expect(fileUrl).toContain(`trending-story-${String(pending.video_id)}.mp4`);
    const uploaded = Buffer.from(stash.upload[0]!, 'hex').toString('latin1');
    expect(uploaded).toContain('ftyp');
    const downloads = ctx.sim.requests().filter((r) => r.path.startsWith('/studio/renders/'));
    expect(downloads.length).toBeGreaterThan(0);
    for (const download of downloads) expect(download.headers).not.toHaveProperty('authorization');

    // Replaying the step: Trending returns the same, finished run and will not call back again, so it ends now.
    const replay = await failure(
      runWithCallback(
        'creates.create_story_video.operation.perform',
        { authData: ctx.auth, inputData, meta: {} },
        `${receiver.url}/callback/3`,
      ),
    );
    expect(replay.code).toBe('already_finished');
    expect(replay.message).toContain(`video ${String(pending.video_id)} is completed`);
  });

  it('a failed run: the signed failed delivery resumes the step, which fails with the pipeline error', async () => {
    ctx.sim.configure({ failNext: { code: 'render_failed', template: 'rants' } });
    const started = await runWithCallback(
      'creates.create_rants_video.operation.perform',
      { authData: ctx.auth, inputData: { prompt: 'A rant about fake friends who text late' }, meta: {} },
      `${receiver.url}/callback/2`,
    );
    const delivery = await receiver.next(20_000);
    expect(delivery.headers['x-trending-event']).toBe('trending.rants.v001.failed');
    const error = await failure(
      appTester(performResume('create_rants_video'), {
        authData: ctx.auth,
        outputData: started.results,
        ...asZapierCallback(delivery),
      }),
    );
    expect(error.code).toBe('render_failed');
    expect(error.message).toContain(`Video ${String(started.results.video_id)} failed`);
  });
});

describe('Abort Video while a Create step waits, against the simulator', () => {
  it('the run ends, its end event reaches the waiting step, which fails saying the video was aborted', async () => {
    ctx.sim.configure({ speed: 1 });
    let started: Awaited<ReturnType<typeof runWithCallback>>;
    try {
      started = await runWithCallback(
        'creates.create_story_video.operation.perform',
        { authData: ctx.auth, inputData: { prompt: 'A story that is stopped halfway through' }, meta: {} },
        `${receiver.url}/callback/aborted`,
      );
      expect(started.status).toBe('CALLBACK');
      await appTester(perform('creates', 'abort_video'), {
        authData: ctx.auth,
        inputData: { template: 'story', video_id: started.results.video_id },
      });
    } finally {
      ctx.sim.configure({ speed: 1000 });
    }
    // Nothing assumes an abort goes quiet: the simulator delivers the run's `failed` event to the callback URL.
    const delivery = await receiver.next(20_000);
    expect(JSON.parse(delivery.body)).toMatchObject({ video_id: started.results.video_id });
    const error = await failure(
      appTester(performResume('create_story_video'), {
        authData: ctx.auth,
        outputData: started.results,
        ...asZapierCallback(delivery),
      }),
    );
    expect(error.code).toBe('aborted');
    expect(error.message).toContain(`Video ${String(started.results.video_id)} was aborted before it completed`);
  });
});

describe('a replayed waiting step whose earlier run is still going, against the simulator', () => {
  it("halts at once: the simulator echoes the earlier step's callback URL, so no webhook would reach this one", async () => {
    ctx.sim.configure({ speed: 1 });
    const inputData = { prompt: 'A rant about replays that wait forever' };
    let videoId: unknown;
    try {
      const first = await runWithCallback(
        'creates.create_rants_video.operation.perform',
        { authData: ctx.auth, inputData, meta: {} },
        `${receiver.url}/callback/earlier`,
      );
      expect(first.status).toBe('CALLBACK');
      videoId = first.results.video_id;
      // The replay is another step execution, with its own callback URL; Trending returns the earlier run.
      const replay = await failure(
        runWithCallback(
          'creates.create_rants_video.operation.perform',
          { authData: ctx.auth, inputData, meta: {} },
          `${receiver.url}/callback/replay`,
        ),
      );
      expect(replay.name).toBe('HaltedError');
      expect(replay.message).toContain(`video ${String(videoId)} is that earlier run's video, still`);
      expect(replay.message).toContain('Use Find Video');
    } finally {
      ctx.sim.configure({ speed: 1000 });
    }
    // The earlier run still ends at the earlier step's URL (and only there).
    const delivery = await receiver.next(20_000);
    expect(JSON.parse(delivery.body)).toMatchObject({ video_id: videoId });
    expect(receiver.deliveries.filter((d) => JSON.parse(d.body).video_id === videoId)).toHaveLength(1);
  });
});

describe('the helper actions against the simulator', () => {
  it('Render Video Later renders a preview, after which Find Video gives the file', async () => {
    const preview = (await appTester(perform('creates', 'create_story_video'), {
      authData: ctx.auth,
      inputData: {
        prompt: 'A preview first, render later',
        preview_only: true,
        'script.images_requested': 2,
        wait_for_video: false,
      },
    })) as { video_id: number };
    const done = await findUntil(ctx, 'story', preview.video_id);
    expect(done).toMatchObject({ status: 'completed', preview_only: true, video_file: null });
    const render = await appTester(perform('creates', 'render_video'), {
      authData: ctx.auth,
      inputData: { template: 'story', video_id: preview.video_id },
    });
    expect(render).toMatchObject({ video_id: preview.video_id, status: 'queued' });
    const rendered = await eventually(async () => {
      const video = await findUntil(ctx, 'story', preview.video_id);
      return video.video_file ? video : undefined;
    });
    expect(String(rendered.video_file)).toContain('hydrators.renderFile');
  });

  it('Abort Video stops a running video and releases its credits', async () => {
    ctx.sim.configure({ speed: 1 });
    try {
      const created = (await appTester(perform('creates', 'create_story_video'), {
        authData: ctx.auth,
        inputData: { prompt: 'This one gets aborted right away', wait_for_video: false },
      })) as { video_id: number };
      const aborted = await appTester(perform('creates', 'abort_video'), {
        authData: ctx.auth,
        inputData: { template: 'story', video_id: created.video_id },
      });
      // The reference has no `aborted` status: the simulator ends the run `failed` with the error code `aborted`.
      expect(aborted).toMatchObject({
        video_id: created.video_id,
        status: expect.stringMatching(/^(failed|aborted)$/),
      });
      const found = await findUntil(ctx, 'story', created.video_id);
      expect(found.status === 'aborted' || found.error_code === 'aborted').toBe(true);
    } finally {
      ctx.sim.configure({ speed: 1000 });
    }
  });

  it('Upload Story Reference Image from a file and from a URL; the dropdown then lists them', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 3)]);
    receiver.serve('/files/7f3a', png, 'image/png');
    const fromFile = (await appTester(perform('creates', 'upload_story_reference_image'), {
      authData: ctx.auth,
      inputData: { file: `${receiver.url}/files/7f3a`, name: 'Jersey logo' },
    })) as { asset_id: number };
    const fromUrl = (await appTester(perform('creates', 'upload_story_reference_image'), {
      authData: ctx.auth,
      inputData: { source_url: 'https://cdn.example.com/mascot.webp' },
    })) as { asset_id: number; name: string };
    expect(fromUrl.name).toBe('mascot.webp');
    const choices = (await appTester(perform('triggers', 'reference_images'), { authData: ctx.auth })) as {
      id: string;
      name: string;
    }[];
    expect(choices).toEqual(
      expect.arrayContaining([
        { id: String(fromFile.asset_id), name: 'Jersey logo (@jersey_logo)' },
        expect.objectContaining({ id: String(fromUrl.asset_id) }),
      ]),
    );
  });

  it('Update List Script saves with the right version and refuses a stale one', async () => {
    const created = (await appTester(perform('creates', 'create_list_video'), {
      authData: ctx.auth,
      inputData: { prompt: 'Octopus facts', 'script.item_count': 3, wait_for_video: false },
    })) as { video_id: number };
    await findUntil(ctx, 'list', created.video_id);
    const { script } = await directClient().getListScript(created.video_id);
    const update = perform('creates', 'update_list_script');
    const locked = await failure(
      appTester(update, {
        authData: ctx.auth,
        inputData: { video_id: created.video_id, intro: 'No reset', expected_updated_at: script.updated_at },
      }),
    );
    expect(locked).toMatchObject({ code: 'audio_locked', status: 409 });
    expect(locked.message).toContain('send reset_audio=true');
    const saved = (await appTester(update, {
      authData: ctx.auth,
      // A finished List video has its narration attached: an edit must ask for it to be generated again.
      inputData: {
        video_id: created.video_id,
        intro: 'Three octopus facts.',
        expected_updated_at: script.updated_at,
        reset_audio: true,
      },
    })) as Record<string, unknown>;
    expect(saved).toMatchObject({ intro: 'Three octopus facts.', line_count: (script.lines as unknown[]).length });
    const stale = await failure(
      appTester(update, {
        authData: ctx.auth,
        inputData: {
          video_id: created.video_id,
          intro: 'Too late',
          expected_updated_at: script.updated_at,
          reset_audio: true,
        },
      }),
    );
    expect(stale.status).toBe(409);
    expect(stale.message).toContain('Someone else changed the script since it was read.');
  });

  it('Favorite Voice Actor favorites a voice from the dropdown', async () => {
    const voices = (await appTester(perform('triggers', 'voice_actors'), { authData: ctx.auth })) as {
      id: string;
      name: string;
    }[];
    expect(voices).toContainEqual({ id: '233', name: 'Mason (male, adult, American)' });
    await appTester(perform('creates', 'favorite_voice_actor'), {
      authData: ctx.auth,
      inputData: { voice_actor_id: '233', favorite: true, template: 'list' },
    });
    const listed = await directClient().listVoiceActors();
    expect(listed.items.find((v) => v.id === 233)?.favorite_templates).toEqual(['list']);
  });
});

describe('searches and dropdowns against the simulator', () => {
  it('Estimate Cost quotes a Story request; Check Readiness names what a low-credit account lacks', async () => {
    const [quote] = (await appTester(perform('searches', 'estimate_cost'), {
      authData: ctx.auth,
      inputData: { template: 'story', 'script.images_requested': '12' },
    })) as Record<string, unknown>[];
    expect(quote).toMatchObject({ template: 'story', total_credits: expect.any(Number), slides: 12 });
    const [poor] = (await appTester(perform('searches', 'check_readiness'), {
      authData: { ...ctx.auth, api_key: ctx.sim.keys.poor },
      inputData: { template: 'story', 'script.images_requested': 30 },
    })) as Record<string, unknown>[];
    expect(poor).toMatchObject({ ready_to_create: false, blocker: 'insufficient_credits' });
    expect(poor!.credits_needed).toBeGreaterThan(0);
  });

  it('the library folder, outro source and character source dropdowns list the account', async () => {
    const folders = (await appTester(perform('triggers', 'library_folders'), { authData: ctx.auth })) as {
      id: string;
    }[];
    expect(folders).toContainEqual({ id: '301', name: 'Parkour backgrounds' });
    const outros = (await appTester(perform('triggers', 'outro_sources'), { authData: ctx.auth })) as { id: string }[];
    expect(outros).toContainEqual({
      id: 'skylaunch_default',
      name: 'This story was brought to you by SkyLaunch. (skylaunch_default)',
    });
    // Earlier Story videos in this file finished their character sheets.
    const characters = (await appTester(perform('triggers', 'character_sources'), { authData: ctx.auth })) as {
      id: string;
    }[];
    expect(characters.length).toBeGreaterThan(0);
  });

  it('Find Video on an unknown ID finds nothing', async () => {
    await expect(
      appTester(perform('searches', 'find_video'), {
        authData: ctx.auth,
        inputData: { template: 'story', video_id: 999999 },
      }),
    ).resolves.toEqual([]);
  });
});

describe('API errors from the simulator reach the Zap user as specific messages', () => {
  it('not enough credits halts with the hint', async () => {
    const error = await failure(
      appTester(perform('creates', 'create_story_video'), {
        authData: { ...ctx.auth, api_key: ctx.sim.keys.poor },
        inputData: { 'script.images_requested': 30, wait_for_video: false },
      }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('Add credits');
  });

  it('a template outside the plan halts, naming the allowed ones', async () => {
    const error = await failure(
      appTester(perform('creates', 'create_rants_video'), {
        authData: { ...ctx.auth, api_key: ctx.sim.keys.storyOnly },
        inputData: { wait_for_video: false },
      }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('story');
  });

  it('a folder that is not yours is the API 422, with its field message', async () => {
    const error = await failure(
      appTester(perform('creates', 'create_rants_video'), {
        authData: ctx.auth,
        inputData: { 'background.folder_id': '401', wait_for_video: false },
      }),
    );
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/folder/i);
  });

  it('the rate limit becomes ThrottledError', async () => {
    ctx.sim.configure({ rateLimitPerMinute: 1 });
    try {
      const error = await eventually(async () => {
        try {
          await appTester(perform('triggers', 'voice_actors'), { authData: ctx.auth });
          return undefined;
        } catch (e) {
          return e as Error;
        }
      });
      // Retry-After is not in the reference, so the delay is Zapier's own unless the API happens to send one.
      expect(error.name).toBe('ThrottledError');
      expect(JSON.parse(error.message).message).toMatch(/rate|slow|limit/i);
    } finally {
      ctx.sim.configure({ rateLimitPerMinute: 0 });
    }
  });
});

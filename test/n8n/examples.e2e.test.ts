/**
 * The example workflows of examples/n8n, imported as they are into a real n8n under `n8n start` (one instance for
 * all four), with only what a user changes: the file paths (the CSV and output folders) and credentials pointed at
 * the simulator. Each runs the way a user runs it (Execute workflow, a form submission, Trending's own webhooks), and
 * the checks read both sides: what n8n produced (items, binaries, files written) and what the simulator received
 * and charged.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { signWebhookDelivery } from '@trending/core';
import {
  DEFAULT_API_KEYS,
  DEFAULT_TRIGGER,
  SAMPLE_MP4_PATH,
  startSimulator,
  type SimulatorHandle,
} from '@trending/simulator';
import { inject } from 'vitest';
import { describeE2e, type SimState } from './context';
import {
  allRunItems,
  createCredentials,
  CREDENTIAL_NAMES,
  EXAMPLES,
  type ExampleName,
  executionErrors,
  FORM_PATH,
  type ImportedWorkflow,
  importWorkflow,
  lastRunItems,
  loadExample,
  node,
  parseCsv,
  pointFilesAt,
  publishWorkflow,
  runManually,
  SAMPLE_CSV,
  submitForm,
  waitForExecution,
} from './examples';
import { isMp4, N8nInstance, scratchDir, type PublicExecution, waitFor } from './harness';

/** Any secret will do: it signs the webhooks sent to the Trending Trigger (an obvious test value). */
const SIGNING_SECRET = 'whsec_examples_signing_secret_not_real';
const SAMPLE = readFileSync(SAMPLE_MP4_PATH);
const ROWS = parseCsv(readFileSync(SAMPLE_CSV, 'utf8'));

describeE2e('the example workflows in a real n8n (examples/n8n)', () => {
  let sim: SimulatorHandle;
  let n8n: N8nInstance;
  let files: string;
  const imported = {} as Record<ExampleName, ImportedWorkflow>;
  let credentialIds: Record<string, string>;

  const state = () => sim.state() as unknown as SimState;
  /** The simulator's videos with the request each was created with. */
  const simVideos = () =>
    [...sim.sim.videos.values()].map((v) => ({
      video_id: v.id,
      template: v.template as string,
      source: v.source as string,
      account_id: v.accountId,
      idempotency_key: v.idempotencyKey,
      request: v.request,
    }));
  const pro = () => state().accounts.find((a) => a.id === 1)!;

  function expectSucceeded(exec: PublicExecution) {
    expect({ status: exec.status, errors: executionErrors(exec) }).toEqual({ status: 'success', errors: [] });
  }

  beforeAll(async () => {
    sim = await startSimulator({ speed: 100 });
    // The user's file folder (n8n's ~/.n8n-files): the CSV copied in, the output folders created.
    files = scratchDir('example-files');
    mkdirSync(join(files, 'videos'));
    mkdirSync(join(files, 'finished'));
    copyFileSync(SAMPLE_CSV, join(files, 'videos.csv'));
    n8n = await N8nInstance.create({
      install: inject('n8n'),
      pkg: inject('pkg'),
      name: 'examples',
      env: { N8N_RESTRICT_FILE_ACCESS_TO: files },
    });
    await n8n.start();
    await n8n.loginOwner();
    credentialIds = await createCredentials(n8n, {
      baseUrl: sim.url,
      apiKey: DEFAULT_API_KEYS.pro,
      signingSecret: SIGNING_SECRET,
      triggerId: DEFAULT_TRIGGER.id,
      triggerSecret: DEFAULT_TRIGGER.secret,
    });
    for (const name of EXAMPLES) {
      imported[name] = await importWorkflow(
        n8n,
        pointFilesAt(loadExample(name), files, { csv_path: join(files, 'videos.csv') }),
      );
    }
    await publishWorkflow(n8n, imported['form-to-video'].id);
    await publishWorkflow(n8n, imported['trending-trigger'].id);
  });
  afterAll(async () => {
    await n8n?.dispose();
    await sim?.close();
    if (files && !process.env.TRENDING_E2E_KEEP) rmSync(files, { recursive: true, force: true });
  });

  it('are importable as they are: credentials by name only, webhook ids set, a clean canvas', () => {
    for (const name of EXAMPLES) {
      const wf = loadExample(name);
      const names = wf.nodes.map((n) => n.name);
      expect(new Set(names).size, `${name}: node names are unique`).toBe(names.length);
      for (const n of wf.nodes) {
        const creds = (n.credentials ?? {}) as Record<string, { id: unknown; name: string }>;
        for (const [type, ref] of Object.entries(creds)) {
          expect(ref, `${name} / ${n.name}`).toEqual({
            id: null,
            name: CREDENTIAL_NAMES[type as keyof typeof CREDENTIAL_NAMES],
          });
        }
        const servesHttp =
          /formTrigger|\.form$|trendingTrigger/.test(n.type) ||
          (n.type === 'n8n-nodes-trending.trending' && n.parameters.waitMode === 'webhook');
        if (servesHttp) expect(n.webhookId, `${name} / ${n.name} webhookId`).toMatch(/^[0-9a-f-]{36}$/);
      }
      for (const [from, conn] of Object.entries(
        wf.connections as Record<string, { main: Array<Array<{ node: string }>> }>,
      )) {
        expect(names).toContain(from);
        for (const target of conn.main.flat()) expect(names).toContain(target.node);
      }
      // No two nodes on top of each other (sticky notes aside).
      const placed = wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.position as number[]);
      for (const [i, a] of placed.entries()) {
        for (const b of placed.slice(i + 1)) {
          expect(Math.abs(a[0]! - b[0]!) >= 200 || Math.abs(a[1]! - b[1]!) >= 200, `${name}: ${a} vs ${b}`).toBe(true);
        }
      }
      // n8n resolved every credential reference by name to the credential the user created.
      for (const n of imported[name].workflow.nodes) {
        for (const [type, ref] of Object.entries((n.credentials ?? {}) as Record<string, { id: string }>)) {
          expect(ref.id, `${name} / ${n.name} / ${type}`).toBe(credentialIds[type]);
        }
      }
    }
  });

  describe('spreadsheet-to-videos', () => {
    const outFile = (row: Record<string, string>) => join(files, 'videos', `${row.row_id}-${row.template}.mp4`);

    it('creates one video per row, waits via webhook, writes the MP4s; a create retried after a lost response makes no duplicate', async () => {
      const before = pro();
      // Create responses are lost, again and again: for at least one row core's own retries (4 attempts, same key)
      // are used up, the node fails, and n8n's Retry on Fail runs it again. The simulator processed each first
      // attempt, so every later one is a replay of the same video. Rows are created a few at a time, so several rows
      // may lose answers; chaos ends once one row has lost four.
      sim.configure({ chaos: { dropRate: 1 } });
      const creates = () =>
        sim.requests().filter((r) => r.method === 'POST' && /^\/api\/v1\/\w+\/videos$/.test(r.path));
      const droppedPerKey = () => {
        const counts = new Map<string, number>();
        for (const r of creates().filter((c) => c.chaos === 'dropped')) {
          const key = r.headers['idempotency-key'] ?? '';
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return counts;
      };
      const lost = setInterval(() => {
        if (Math.max(0, ...droppedPerKey().values()) >= 4) {
          sim.configure({ chaos: null });
          clearInterval(lost);
        }
      }, 20);
      let exec: PublicExecution;
      try {
        exec = await waitForExecution(n8n, await runManually(n8n, imported['spreadsheet-to-videos'].id, 'Run'));
      } finally {
        clearInterval(lost);
        sim.configure({ chaos: null });
      }
      expectSucceeded(exec);

      // n8n: one item per row from the Create nodes, each with the MP4, and one file written per row.
      const byTemplate = { story: 'Create Story', didyouknow: 'Create Did You Know', rants: 'Create Rants' } as const;
      for (const [template, nodeName] of Object.entries(byTemplate)) {
        const items = lastRunItems(exec, nodeName);
        expect(items).toHaveLength(ROWS.filter((r) => r.template === template).length);
        for (const item of items) {
          expect(item.json).toMatchObject({ template, status: 'completed' });
          const bin = item.binary?.video;
          expect(bin?.mimeType).toBe('video/mp4');
          expect(n8n.binaryBytes(bin!).equals(SAMPLE)).toBe(true);
        }
      }
      const written = allRunItems(exec, 'Write MP4').map((i) => i.json.fileName);
      expect(written.sort()).toEqual(ROWS.map(outFile).sort());
      for (const row of ROWS) {
        const bytes = readFileSync(outFile(row));
        expect(isMp4(bytes), outFile(row)).toBe(true);
        expect(bytes.length).toBe(SAMPLE.length);
      }

      // Simulator: exactly one video per row, with the row's template, prompt and name, each charged once.
      const videos = simVideos();
      expect(videos.map((v) => [v.template, v.request.prompt, v.request.name]).sort()).toEqual(
        ROWS.map((r) => [r.template, r.prompt, r.name]).sort(),
      );
      const s = state();
      expect(s.videos.every((v) => v.status === 'completed' && v.charged_credits > 0)).toBe(true);
      const charged = s.videos.reduce((sum, v) => sum + v.charged_credits, 0);
      expect(before.balance - pro().balance).toBe(charged);
      expect(pro().held_credits).toBe(0);
      // Waited via webhook: each video was told to call this execution's resume URL with signed events. (Whether a
      // given delivery ends "delivered" depends on timing: one arriving while the execution runs, or is parked at
      // another node, is refused and retried by Trending; the node resumes once all its videos have ended.)
      for (const v of s.videos) {
        expect(v.webhook).toMatchObject({ secret_set: true });
        expect(v.webhook?.url).toMatch(new RegExp(`^${n8n.baseUrl}/webhook-waiting/${exec.id}\\b`));
      }
      expect(s.deliveries.some((d) => d.signed && d.status === 'delivered')).toBe(true);

      // The lost creates: for one row more attempts than core makes alone (so n8n's Retry on Fail sent one), and for
      // every row that lost an answer, its attempts all under its own key, ending accepted, and one video.
      const lostKeys = [...droppedPerKey()];
      const exhausted = lostKeys.filter(([, dropped]) => dropped >= 4).map(([key]) => key);
      expect(exhausted.length).toBeGreaterThanOrEqual(1);
      expect(creates().filter((r) => r.headers['idempotency-key'] === exhausted[0]).length).toBeGreaterThan(4);
      for (const [key] of lostKeys) {
        const attempts = creates().filter((r) => r.headers['idempotency-key'] === key);
        expect(attempts.at(-1)).toMatchObject({ status: 202, chaos: null });
        expect(videos.filter((v) => v.idempotency_key === key)).toHaveLength(1);
      }
    });

    it('re-running the whole workflow creates no new video and charges nothing', async () => {
      const before = { videos: state().videos.length, balance: pro().balance, deliveries: state().deliveries.length };
      const keys = simVideos()
        .map((v) => v.idempotency_key)
        .sort();
      const requestsBefore = sim.requests().length;
      for (const row of ROWS) rmSync(outFile(row));

      const exec = await waitForExecution(n8n, await runManually(n8n, imported['spreadsheet-to-videos'].id, 'Run'));
      expectSucceeded(exec);

      expect(state().videos).toHaveLength(before.videos);
      expect(pro().balance).toBe(before.balance);
      expect(state().deliveries).toHaveLength(before.deliveries);
      // Every row was sent again, with the same key, and answered with its existing video.
      const creates = sim
        .requests()
        .slice(requestsBefore)
        .filter((r) => r.method === 'POST' && /^\/api\/v1\/\w+\/videos$/.test(r.path));
      expect(creates.map((r) => r.headers['idempotency-key']).sort()).toEqual(keys);
      expect(creates.every((r) => r.status === 202)).toBe(true);
      // ...and the files are back.
      for (const row of ROWS) expect(isMp4(readFileSync(outFile(row)))).toBe(true);
    });

    it('stops with an error naming a row whose template it has no node for, and creates nothing for it', async () => {
      const csv = join(files, 'videos.csv');
      const original = readFileSync(csv, 'utf8');
      const before = state().videos.length;
      writeFileSync(csv, `${original.trimEnd()}\nrow-005,ranking,"The five loudest animals on Earth.",Loud\n`);
      try {
        const exec = await waitForExecution(n8n, await runManually(n8n, imported['spreadsheet-to-videos'].id, 'Run'));
        expect(exec.status).toBe('error');
        expect(executionErrors(exec).join('\n')).toMatch(
          /^Unsupported Template: Row row-005 asks for template "ranking"/,
        );
      } finally {
        writeFileSync(csv, original);
      }
      expect(state().videos).toHaveLength(before);
      expect(state().videos.some((v) => v.template === 'ranking')).toBe(false);
    });
  });

  it('form-to-video: a form submission creates one Story and the ending page answers with its status', async () => {
    const before = simVideos().length;
    const prompt = 'A night porter finds a keycard for a room that does not exist.';
    const answer = await submitForm(n8n.baseUrl, FORM_PATH, [prompt, 'Room 1313']);

    expect(answer.title).toBe('Your Story video is on its way');
    const match = /^Video (\d+) is (\w+)\./.exec(answer.message);
    expect(match, answer.message).not.toBeNull();
    const videoId = Number(match![1]);
    expect(match![2]).toBe('queued');

    const videos = simVideos();
    expect(videos).toHaveLength(before + 1);
    expect(videos.find((v) => v.video_id === videoId)).toMatchObject({
      template: 'story',
      source: 'api',
      request: { prompt, name: 'Room 1313' },
    });
    const exec = await waitForExecution(n8n, answer.executionId);
    expectSucceeded(exec);
    expect(lastRunItems(exec, 'Create Story')[0]!.json).toMatchObject({ video_id: videoId, template: 'story' });
  });

  describe('trending-trigger', () => {
    const workflowId = () => imported['trending-trigger'].id;
    const webhookUrl = () =>
      `${n8n.baseUrl}/webhook/${node(loadExample('trending-trigger'), 'Trending Trigger').webhookId}/trending`;

    it("receives the simulator's signed completed webhook, downloads the MP4 and writes it", async () => {
      const res = await fetch(`${sim.url}/api/v1/rants/videos`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sim.keys.pro}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          prompt: 'A rant about printers that only jam when you are late.',
          webhook: { url: webhookUrl(), secret: SIGNING_SECRET },
        }),
      });
      expect(res.status).toBe(202);
      const { video_id: videoId } = (await res.json()) as { video_id: number };

      const exec = await waitFor(
        'the Trending Trigger execution',
        async () => {
          const [latest] = await n8n.executions(workflowId(), { includeData: true });
          return latest && latest.status !== 'running' && latest.status !== 'new' ? latest : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 300 },
      );
      expectSucceeded(exec);
      const [item] = lastRunItems(exec, 'Trending Trigger');
      expect(item!.json).toMatchObject({
        event: 'trending.rants.v001.completed',
        video_id: videoId,
        template: 'rants',
      });
      expect(item!.binary?.video?.mimeType).toBe('video/mp4');
      expect(n8n.binaryBytes(item!.binary!.video!).equals(SAMPLE)).toBe(true);
      const file = join(files, 'finished', `rants-${videoId}.mp4`);
      expect(lastRunItems(exec, 'Write MP4')[0]!.json.fileName).toBe(file);
      expect(isMp4(readFileSync(file))).toBe(true);

      const delivery = state().deliveries.find((d) => d.video_id === videoId);
      expect(delivery).toMatchObject({ event: 'trending.rants.v001.completed', signed: true, status: 'delivered' });
    });

    it('refuses a tampered delivery with 401 and starts no execution', async () => {
      const count = (await n8n.executions(workflowId())).length;
      const body = JSON.stringify({
        event: 'trending.rants.v001.completed',
        video_id: 424242,
        template: 'rants',
        status: 'completed',
        occurred_at: new Date().toISOString(),
      });
      const res = await fetch(webhookUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-trending-delivery': `dlv_tampered_${randomUUID()}`,
          'x-trending-event': 'trending.rants.v001.completed',
          ...signWebhookDelivery(SIGNING_SECRET, Date.now(), body),
        },
        body: body.replace('424242', '424243'),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'signature_mismatch' });
      await new Promise((r) => setTimeout(r, 1000));
      expect(await n8n.executions(workflowId())).toHaveLength(count);
      expect(existsSync(join(files, 'finished', 'rants-424243.mp4'))).toBe(false);
    });
  });

  it('signed-trigger: starts a video with the Signed Trigger credential only, no API key anywhere', async () => {
    const wf = loadExample('signed-trigger');
    expect(JSON.stringify(wf)).not.toMatch(/trendingApi"|apiKey|sk_test/);
    const before = simVideos().length;
    const requestsBefore = sim.requests().length;

    const exec = await waitForExecution(n8n, await runManually(n8n, imported['signed-trigger'].id, 'Run'));
    expectSucceeded(exec);
    const [item] = lastRunItems(exec, 'Start Story');
    expect(item!.json).toMatchObject({ template: 'story', status: 'queued' });
    const videoId = item!.json.video_id;

    const sent = sim.requests().slice(requestsBefore);
    expect(sent.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      expect.stringMatching(/^POST \/api\/v1\/triggers\/(videos|webhook) 202$/),
    ]);
    expect(sent[0]!.headers['x-trending-trigger']).toBe(DEFAULT_TRIGGER.id);
    expect(sent[0]!.headers['x-trending-signature-v1']).toBe('[REDACTED]'); // present (the log hides its value)
    expect(sent[0]!.headers.authorization).toBeUndefined();
    expect(sent[0]!.headers['x-trending-api-key']).toBeUndefined();
    expect(sent[0]!.headers['x-api-key']).toBeUndefined();

    const videos = simVideos();
    expect(videos).toHaveLength(before + 1);
    expect(videos.find((v) => v.video_id === videoId)).toMatchObject({
      template: 'story',
      source: 'trigger_signed',
      account_id: 1,
    });
  });
});

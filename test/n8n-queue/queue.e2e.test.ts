/**
 * n8n on its distributed engine: queue mode (Postgres, Redis, a main, two workers and a webhook processor, all on
 * loopback), with the package installed exactly as published, running the example workflows against the simulator.
 * Every check reads both sides: n8n's executions (public API, binary data through the main's REST API) and the
 * simulator's inspection API (GET /_sim/state, /_sim/requests).
 *
 * The observations (timings, which worker ran which job, what n8n does when a worker dies, burst counts) are printed
 * and written to $TMPDIR/trending-n8n-e2e/queue-report-<time>.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signWebhookDelivery } from '@trending/core';
import {
  DEFAULT_API_KEYS,
  DEFAULT_TRIGGER,
  SAMPLE_MP4_PATH,
  startSimulator,
  type SimulatorHandle,
} from '@trending/simulator';
import { inject } from 'vitest';
import {
  createCredentials,
  executionErrors,
  importWorkflow,
  lastRunItems,
  loadExample,
  node,
  pointFilesAt,
  publishWorkflow,
  runManually,
} from '../n8n/examples';
import { type PublicExecution, scratchDir, waitFor, type WorkflowJson, WORK_ROOT } from '../n8n/harness';
import {
  allExecutions,
  binaryFromMain,
  restBytes,
  collectRequests,
  isCreate,
  isStatusRead,
  type PostgresHandle,
  QueueCluster,
  type RedisHandle,
  signalProc,
  simConfigure,
  simState,
  type SimVideo,
  startPostgres,
  startRedis,
  UNFINISHED,
} from './services';

const SIGNING_SECRET = 'whsec_queue_signing_secret_not_real';
const SAMPLE = readFileSync(SAMPLE_MP4_PATH);
const TEMPLATES = ['story', 'didyouknow', 'rants'] as const;
const CREATE_NODES = { story: 'Create Story', didyouknow: 'Create Did You Know', rants: 'Create Rants' } as const;

type Row = { row_id: string; template: string; prompt: string; name: string };

function makeRows(prefix: string, n: number, templates: readonly string[] = TEMPLATES): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const no = String(i + 1).padStart(3, '0');
    const template = templates[i % templates.length]!;
    return {
      row_id: `${prefix}-${no}`,
      template,
      prompt: `Queue-mode ${template} number ${no} of batch ${prefix}: a short tale about a lighthouse and a cat.`,
      name: `${prefix} ${no}`,
    };
  });
}

function csv(rows: Row[]): string {
  const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ['row_id,template,prompt,name', ...rows.map((r) => [r.row_id, r.template, r.prompt, r.name].map(q).join(','))]
    .join('\n')
    .concat('\n');
}

const report: Record<string, unknown> = {};
const record = (key: string, value: unknown) => {
  report[key] = value;
  process.stderr.write(`[queue] ${key}: ${JSON.stringify(value)}\n`);
};

describe.runIf(!!process.env.TRENDING_N8N_E2E)(
  'n8n 2.41.1 in queue mode (Postgres, Redis, 2 workers, webhook processor)',
  () => {
    let pg: PostgresHandle | undefined;
    let redis: RedisHandle | undefined;
    let sim: SimulatorHandle | undefined;
    let cluster: QueueCluster | undefined;
    let files: string;
    const suiteStart = Date.now();
    const testTimes: Record<string, number> = {};
    let testStart = 0;

    const c = () => cluster!;
    const n8n = () => c().n8n;
    const state = () => simState(sim!.url);
    const pro = async () => (await state()).accounts.find((a) => a.id === 1)!;
    /** The prompt each video was created with (the live model: the state view leaves requests out). */
    const promptOf = (videoId: number) => String(sim!.sim.videos.get(videoId)?.request?.prompt ?? '');

    beforeEach((ctx) => {
      testStart = Date.now();
      void ctx;
    });
    afterEach((ctx) => {
      testTimes[ctx.task.name] = Date.now() - testStart;
    });

    beforeAll(async () => {
      const prereq = inject('prereq');
      const t0 = Date.now();
      pg = await startPostgres({ bin: prereq.postgresBin });
      redis = await startRedis({ bin: prereq.redisBin });
      sim = await startSimulator({ speed: 100 });
      // Some 200 videos in all: more than the default 10,000 credits.
      sim.updateAccount({ api_key: DEFAULT_API_KEYS.pro, credits: 10_000_000 });
      files = scratchDir('queue-files');
      const t1 = Date.now();
      cluster = await QueueCluster.start({
        install: inject('n8n'),
        pkg: inject('pkg'),
        name: 'queue',
        postgres: pg,
        redis,
        database: 'n8n_queue',
        workers: 2,
        concurrency: 5,
        env: { N8N_RESTRICT_FILE_ACCESS_TO: files },
      });
      await n8n().loginOwner();
      await createCredentials(n8n(), {
        baseUrl: sim.url,
        apiKey: DEFAULT_API_KEYS.pro,
        signingSecret: SIGNING_SECRET,
        triggerId: DEFAULT_TRIGGER.id,
        triggerSecret: DEFAULT_TRIGGER.secret,
      });
      record('startup', {
        setup: inject('setupTimings'),
        aptInstallMs: { postgres: prereq.postgresInstallMs, redis: prereq.redisInstallMs },
        postgresMs: pg.startMs,
        redisMs: redis.startMs,
        servicesMs: t1 - t0,
        n8n: cluster.timings,
        totalMs: Date.now() - t0,
      });
    });

    afterAll(async () => {
      record('testTimesMs', testTimes);
      record('suiteMs', Date.now() - suiteStart);
      try {
        if (cluster) record('workerJobs', cluster.workerJobs());
        mkdirSync(WORK_ROOT, { recursive: true });
        const file = join(WORK_ROOT, `queue-report-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
        writeFileSync(file, JSON.stringify(report, null, 2));
        if (cluster) writeFileSync(file.replace(/\.json$/, '.log'), cluster.allLogs());
        process.stderr.write(`[queue] report: ${file}\n`);
      } finally {
        // Teardown in reverse order, each by PID, whatever failed before.
        await cluster?.stop().catch((e) => process.stderr.write(`[queue] n8n stop: ${String(e)}\n`));
        await sim?.close().catch(() => undefined);
        await redis?.stop().catch(() => undefined);
        await pg?.stop().catch(() => undefined);
        if (files && !process.env.TRENDING_E2E_KEEP) rmSync(files, { recursive: true, force: true });
      }
    });

    /** The spreadsheet example as a user imports it, pointed at a CSV of `rows` and an output folder, waiting `waitMode`. */
    async function importSheet(label: string, rows: Row[], waitMode: 'webhook' | 'polling') {
      const csvPath = join(files, `${label}.csv`);
      const outDir = join(files, label);
      writeFileSync(csvPath, csv(rows));
      mkdirSync(outDir, { recursive: true });
      const wf: WorkflowJson = pointFilesAt(loadExample('spreadsheet-to-videos'), files, {
        csv_path: csvPath,
        output_folder: outDir,
      });
      wf.name = `${wf.name} (${label})`;
      for (const name of Object.values(CREATE_NODES)) node(wf, name).parameters.waitMode = waitMode;
      const imported = await importWorkflow(n8n(), wf);
      return { ...imported, rows, outDir, label };
    }
    type Sheet = Awaited<ReturnType<typeof importSheet>>;

    async function finished(executionId: string, timeoutMs: number): Promise<PublicExecution> {
      await waitFor(
        `execution ${executionId} to end`,
        async () => !UNFINISHED.has((await n8n().execution(executionId, { includeData: false })).status),
        { timeoutMs, intervalMs: 500 },
      );
      return n8n().execution(executionId);
    }

    function expectSucceeded(exec: PublicExecution) {
      expect({ status: exec.status, errors: executionErrors(exec) }).toEqual({ status: 'success', errors: [] });
    }

    /**
     * n8n's side of a finished sheet: one Create item per row with the MP4 (read back through the MAIN's REST API from
     * the shared binary store, byte-compared with the simulator's MP4) and one file written per row (by a worker).
     */
    async function expectSheetOutput(sheet: Sheet, exec: PublicExecution) {
      let fromMain = 0;
      for (const template of TEMPLATES.filter((t) => sheet.rows.some((r) => r.template === t))) {
        const items = lastRunItems(exec, CREATE_NODES[template]);
        expect(items).toHaveLength(sheet.rows.filter((r) => r.template === template).length);
        for (const item of items) {
          expect(item.json).toMatchObject({ template, status: 'completed' });
          const bin = item.binary?.video as { id?: string; mimeType?: string } | undefined;
          expect(bin?.mimeType).toBe('video/mp4');
          expect(bin?.id, 'binary kept in the shared store, not inline').toMatch(/^database:/);
          expect((await binaryFromMain(n8n(), bin!.id!)).equals(SAMPLE)).toBe(true);
          fromMain++;
        }
      }
      for (const row of sheet.rows) {
        const bytes = readFileSync(join(sheet.outDir, `${row.row_id}-${row.template}.mp4`));
        expect(bytes.equals(SAMPLE), row.row_id).toBe(true);
      }
      return fromMain;
    }

    /** The simulator's side: exactly one video per row (by prompt), completed, charged once, nothing left held. */
    async function expectOneVideoPerRow(rows: Row[], newVideos: SimVideo[]) {
      const prompts = newVideos.map((v) => promptOf(v.video_id)).sort();
      expect(prompts).toEqual(rows.map((r) => r.prompt).sort());
      expect(new Set(newVideos.map((v) => v.idempotency_key)).size).toBe(rows.length);
      for (const v of newVideos)
        expect({ id: v.video_id, status: v.status }).toEqual({ id: v.video_id, status: 'completed' });
      // One charge per video: every video of a template cost the same (a double charge would stand out).
      for (const template of TEMPLATES) {
        const charges = new Set(newVideos.filter((v) => v.template === template).map((v) => v.charged_credits));
        expect(charges.size, `${template} charges ${[...charges].join(',')}`).toBeLessThanOrEqual(1);
      }
      expect(newVideos.every((v) => v.charged_credits > 0)).toBe(true);
      expect((await pro()).held_credits).toBe(0);
    }

    const videoIds = async () => new Set((await state()).videos.map((v) => v.video_id));
    const videosSince = async (before: Set<number>) => (await state()).videos.filter((v) => !before.has(v.video_id));

    let webhookSheet: Sheet;

    it('spreadsheet, 50 rows, Wait via webhook: one video and one charge per row, MP4s byte-identical, resumed by the workers', async () => {
      webhookSheet = await importSheet('webhook50', makeRows('wh', 50), 'webhook');
      const before = await videoIds();
      const balance = (await pro()).balance;
      const requests = collectRequests(sim!.url);
      const t0 = Date.now();
      const id = await runManually(n8n(), webhookSheet.id, 'Run');
      let exec: PublicExecution;
      let statusReads = Infinity;
      try {
        exec = await finished(id, 240_000);
      } finally {
        const log = await requests.stop();
        statusReads = log.filter(isStatusRead).length;
        const s = await state();
        const mine = s.videos.filter((v) => !before.has(v.video_id));
        const deliveries = s.deliveries.filter((d) => d.url.includes(`/webhook-waiting/${id}`));
        record('webhook50', {
          executionId: id,
          wallMs: Date.now() - t0,
          videos: mine.length,
          completed: mine.filter((v) => v.status === 'completed').length,
          creates: log.filter(isCreate).length,
          statusReads,
          requests: log.length,
          status429: log.filter((r) => r.status === 429).length,
          deliveries: deliveries.length,
          deliveriesByStatus: countBy(deliveries.map((d) => d.status)),
          deliveryAttempts: deliveries.reduce((n, d) => n + d.attempts.length, 0),
          jobs: c()
            .workerJobs()
            .filter((j) => j.executionId === id),
        });
      }
      expectSucceeded(exec);
      const fromMain = await expectSheetOutput(webhookSheet, exec);
      expect(fromMain).toBe(50);
      // The example outputs Delivered Fields and its custom keys cost one read per Create node before parking: the
      // deliveries, which reach the webhook processor, are what the resume call goes by (one status read per row
      // before the resume handler learned to wait for them).
      expect(statusReads).toBeLessThan(50 / 2);
      const mine = await videosSince(before);
      await expectOneVideoPerRow(webhookSheet.rows, mine);
      expect(balance - (await pro()).balance).toBe(mine.reduce((n, v) => n + v.charged_credits, 0));
      for (const v of mine) expect(v.webhook?.url).toContain(`${c().webhookUrl}/webhook-waiting/${id}/`);
      // Parked and resumed: more than one job for the one execution, each run by a worker.
      expect(c().workersOf(id).length).toBeGreaterThanOrEqual(1);
    });

    let pollingSheets: Sheet[] = [];

    it('spreadsheet, 50 rows as 10 sheets run at once, Wait via polling: one video and one charge per row, spread over both workers', async () => {
      pollingSheets = await Promise.all(
        Array.from({ length: 10 }, (_, i) => importSheet(`poll${i + 1}`, makeRows(`p${i + 1}`, 5), 'polling')),
      );
      const before = await videoIds();
      const balance = (await pro()).balance;
      const requests = collectRequests(sim!.url);
      const t0 = Date.now();
      const ids = await Promise.all(pollingSheets.map((s) => runManually(n8n(), s.id, 'Run')));
      const execs = await Promise.all(ids.map((id) => finished(id, 240_000)));
      const log = await requests.stop();
      const workers = Object.fromEntries(ids.map((id) => [id, c().workersOf(id)]));
      record('polling50', {
        executionIds: ids,
        wallMs: Date.now() - t0,
        creates: log.filter(isCreate).length,
        requests: log.length,
        status429: log.filter((r) => r.status === 429).length,
        workerByExecution: workers,
      });
      for (const [i, exec] of execs.entries()) {
        expectSucceeded(exec);
        expect(await expectSheetOutput(pollingSheets[i]!, exec)).toBe(5);
      }
      const mine = await videosSince(before);
      await expectOneVideoPerRow(
        pollingSheets.flatMap((s) => s.rows),
        mine,
      );
      expect(balance - (await pro()).balance).toBe(mine.reduce((n, v) => n + v.charged_credits, 0));
      // Which worker ran what: each worker logs "Worker started execution <id> (job <n>)".
      const used = new Set(Object.values(workers).flat());
      expect([...used].sort()).toEqual(['worker-1', 'worker-2']);
    });

    it('Retry on Fail after lost create responses, then re-runs of whole workflows: 0 new videos, 0 new charges', async () => {
      // A fresh one-row sheet (every lost response is that row's): its first four create responses are lost
      // (processed by Trending, never answered): core's own retries are used up, the node fails, and n8n's Retry on
      // Fail runs it again with the same key.
      const sheet = await importSheet('retry', makeRows('rt', 1), 'polling');
      const before = await videoIds();
      const requests = collectRequests(sim!.url, 100);
      await simConfigure(sim!.url, { chaos: { dropRate: 1 } });
      const creates = () =>
        sim!.requests().filter((r) => r.method === 'POST' && /^\/api\/v1\/\w+\/videos$/.test(r.path));
      const dropsBefore = creates().filter((r) => r.chaos === 'dropped').length;
      const lost = setInterval(() => {
        if (creates().filter((r) => r.chaos === 'dropped').length - dropsBefore >= 4) {
          sim!.configure({ chaos: null });
          clearInterval(lost);
        }
      }, 20);
      let exec: PublicExecution;
      try {
        exec = await finished(await runManually(n8n(), sheet.id, 'Run'), 180_000);
      } finally {
        clearInterval(lost);
        await simConfigure(sim!.url, { chaos: null });
      }
      const log = (await requests.stop()).filter(isCreate);
      expectSucceeded(exec);
      await expectSheetOutput(sheet, exec);
      const mine = await videosSince(before);
      await expectOneVideoPerRow(sheet.rows, mine);
      const dropped = log.filter((r) => r.chaos === 'dropped');
      expect(dropped.length).toBeGreaterThanOrEqual(4);
      const key = dropped[0]!.headers['idempotency-key'];
      const attempts = log.filter((r) => r.headers['idempotency-key'] === key);
      // More attempts than core makes alone (4): n8n's Retry on Fail sent the row again, and got the same video.
      expect(attempts.length).toBeGreaterThan(4);
      record('retryOnFail', {
        createRequests: log.length,
        dropped: dropped.length,
        attemptsForFirstDroppedKey: attempts.length,
        videos: mine.length,
      });

      // Re-runs of whole workflows: this one, the 50-row webhook sheet and the ten polling sheets, at once.
      const all = [sheet, webhookSheet, ...pollingSheets].filter(Boolean);
      const beforeRerun = await videoIds();
      const balance = (await pro()).balance;
      const rerunLog = collectRequests(sim!.url);
      const ids = await Promise.all(all.map((s) => runManually(n8n(), s.id, 'Run')));
      const execs = await Promise.all(ids.map((id) => finished(id, 240_000)));
      const rerunCreates = (await rerunLog.stop()).filter(isCreate);
      record('rerun', {
        workflows: all.map((s) => s.label),
        executions: execs.map((e) => `${e.id}:${e.status}`),
        createRequests: rerunCreates.length,
        newVideos: (await videosSince(beforeRerun)).length,
      });
      for (const e of execs) expectSucceeded(e);
      expect(await videosSince(beforeRerun)).toEqual([]);
      expect((await pro()).balance).toBe(balance);
      expect(rerunCreates.every((r) => r.status === 202)).toBe(true);
    });

    describe('Trending Trigger behind the webhook processor', () => {
      let triggerWf: string;
      let url: string;
      let completedRants: number;

      const deliveryBody = (videoId: number) =>
        JSON.stringify({
          event: 'trending.rants.v001.completed',
          video_id: videoId,
          template: 'rants',
          status: 'completed',
          occurred_at: new Date().toISOString(),
        });
      const send = (body: string, deliveryId: string, secret = SIGNING_SECRET) =>
        fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-trending-delivery': deliveryId,
            'x-trending-event': 'trending.rants.v001.completed',
            ...signWebhookDelivery(secret, Date.now(), body),
          },
          body,
        });
      /** Waits until the workflow's executions stop changing and none is unfinished; returns them. */
      async function settled(): Promise<PublicExecution[]> {
        let last = -1;
        let stableSince = Date.now();
        return waitFor(
          'trigger executions to settle',
          async () => {
            const all = await allExecutions(n8n(), triggerWf);
            if (all.length !== last) {
              last = all.length;
              stableSince = Date.now();
              return undefined;
            }
            return Date.now() - stableSince >= 1500 && all.every((e) => !UNFINISHED.has(e.status)) ? all : undefined;
          },
          { timeoutMs: 90_000, intervalMs: 300 },
        );
      }

      beforeAll(async () => {
        mkdirSync(join(files, 'finished'), { recursive: true });
        const wf = pointFilesAt(loadExample('trending-trigger'), files);
        triggerWf = (await importWorkflow(n8n(), wf)).id;
        await publishWorkflow(n8n(), triggerWf);
        url = `${c().webhookUrl}/webhook/${node(wf, 'Trending Trigger').webhookId}/trending`;
        // The webhook processor serves the production URL once it has seen the activation: a forged delivery gets 401.
        await waitFor(
          'the trigger on the webhook processor',
          async () => (await send('{}', 'probe', 'wrong')).status === 401,
          {
            timeoutMs: 60_000,
            intervalMs: 500,
          },
        );
        completedRants = (await state()).videos.find(
          (v) => v.template === 'rants' && v.status === 'completed',
        )!.video_id;
      });

      it("signed deliveries (the simulator's own and hand-signed) start one execution each; forged ones get 401", async () => {
        // Trending's own delivery: a video created with the webhook processor's production URL.
        const res = await fetch(`${sim!.url}/api/v1/rants/videos`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${sim!.keys.pro}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({
            prompt: 'A rant about queues that never end.',
            webhook: { url, secret: SIGNING_SECRET },
          }),
        });
        expect(res.status).toBe(202);
        const { video_id: simVideo } = (await res.json()) as { video_id: number };
        await waitFor(
          'the delivery',
          async () => (await state()).deliveries.some((d) => d.video_id === simVideo && d.status === 'delivered'),
          {
            timeoutMs: 60_000,
          },
        );
        const handSigned = Array.from({ length: 3 }, () => `dlv_queue_${randomUUID()}`);
        for (const id of handSigned) expect((await send(deliveryBody(completedRants), id)).status).toBe(200);
        // Forged: a wrong secret, and a body changed after signing.
        const forged = await send(deliveryBody(completedRants), `dlv_forged_${randomUUID()}`, 'whsec_not_the_secret');
        expect(forged.status).toBe(401);
        const body = deliveryBody(completedRants);
        const tampered = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-trending-delivery': `dlv_tampered_${randomUUID()}`,
            'x-trending-event': 'trending.rants.v001.completed',
            ...signWebhookDelivery(SIGNING_SECRET, Date.now(), body),
          },
          body: body.replace(`"video_id":${completedRants}`, `"video_id":${completedRants + 1}`),
        });
        expect(tampered.status).toBe(401);

        const execs = await settled();
        expect(execs).toHaveLength(4);
        const mainReads: string[] = [];
        const byDelivery: Record<string, number> = {};
        for (const summary of execs) {
          const exec = await n8n().execution(summary.id);
          expectSucceeded(exec);
          const [item] = lastRunItems(exec, 'Trending Trigger');
          const d = String(item!.json.delivery_id);
          byDelivery[d] = (byDelivery[d] ?? 0) + 1;
          // Downloaded by the webhook processor into the database store, written to disk by a worker's Write MP4.
          const bin = item!.binary!.video as { id?: string };
          expect(bin.id).toMatch(/^database:/);
          const written = String(lastRunItems(exec, 'Write MP4')[0]!.json.fileName);
          expect(readFileSync(written).equals(SAMPLE)).toBe(true);
          // What the editor gets when it opens that binary on the main (observed, not asserted).
          const read = await restBytes(n8n(), `/binary-data?id=${encodeURIComponent(bin.id!)}&action=download`);
          mainReads.push(
            `${read.status}${read.status === 200 ? (read.bytes.equals(SAMPLE) ? ' same bytes' : ' other bytes') : ''}`,
          );
        }
        expect(Object.values(byDelivery)).toEqual([1, 1, 1, 1]);
        for (const id of handSigned) expect(byDelivery[id]).toBe(1);
        record('triggerSigned', {
          executions: execs.length,
          workers: execs.map((e) => c().workersOf(e.id)),
          binaryFromMain: countBy(mainReads),
        });
      });

      it('a delivery sent again after its execution ended is answered as a duplicate and starts nothing', async () => {
        const id = `dlv_again_${randomUUID()}`;
        const body = deliveryBody(completedRants);
        const before = (await settled()).length;
        const first = await send(body, id);
        expect(first.status).toBe(200);
        const afterFirst = (await settled()).length;
        const again = await send(body, id);
        const answer = { status: again.status, body: await again.json().catch(() => null) };
        const afterAgain = (await settled()).length;
        record('sequentialReplay', {
          firstStarted: afterFirst - before,
          replayStarted: afterAgain - afterFirst,
          answer,
        });
        expect(afterFirst - before).toBe(1);
        expect(afterAgain - afterFirst).toBe(0);
        expect(answer.body).toMatchObject({ duplicate: true });
      });

      it('simultaneous copies of one delivery start exactly one execution (bursts of 5 copies)', async () => {
        // 20 bursts measured 5 executions each (2026-12-02); 10 keep the suite short (TRENDING_QUEUE_BURSTS).
        const bursts = Number(process.env.TRENDING_QUEUE_BURSTS ?? 10);
        const copies = 5;
        const counts: number[] = [];
        const answers: string[][] = [];
        for (let b = 0; b < bursts; b++) {
          const beforeCount = (await settled()).length;
          const id = `dlv_burst_${b}_${randomUUID()}`;
          const body = deliveryBody(completedRants);
          const res = await Promise.all(Array.from({ length: copies }, () => send(body, id)));
          answers.push(
            await Promise.all(
              res.map(async (r) => {
                const j = (await r.json().catch(() => ({}))) as { duplicate?: boolean };
                return `${r.status}${j.duplicate ? ' duplicate' : ''}`;
              }),
            ),
          );
          counts.push((await settled()).length - beforeCount);
        }
        record('duplicateBurst', {
          bursts,
          copies,
          executionsPerBurst: counts,
          burstsWithMoreThanOne: counts.filter((n) => n > 1).length,
          totalExecutions: counts.reduce((a, b) => a + b, 0),
          answers: countBy(answers.flat()),
        });
        // Known defect (the seen-delivery list lives in static data saved when an execution ends): expected to fail
        // until the trigger de-duplicates across processes.
        expect(counts).toEqual(Array.from({ length: bursts }, () => 1));
      });
    });

    it('a worker killed with SIGKILL in the middle of a batch: what n8n does, and no duplicate video after a re-run', async () => {
      const sheet = await importSheet('kill', makeRows('kl', 12, ['rants', 'didyouknow']), 'polling');
      const before = await videoIds();
      // Slow renders (rants take 111 API s: 11 s at speed 10) so the batch is still polling when the worker dies.
      await simConfigure(sim!.url, { speed: 10 });
      const timeline: Array<{ atMs: number; status: string; finished: boolean }> = [];
      let victim = '';
      try {
        const id = await runManually(n8n(), sheet.id, 'Run');
        await waitFor(
          'a worker to take the execution and videos to exist',
          async () => {
            const w = c().workersOf(id);
            return w.length === 1 && (await videosSince(before)).length >= 3 ? w[0] : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 100 },
        );
        victim = c().workersOf(id)[0]!;
        const index = Number(victim.split('-')[1]) - 1;
        const videosAtKill = (await videosSince(before)).length;
        const t0 = Date.now();
        signalProc(c().workers[index]!, 'SIGKILL');
        await c().workers[index]!.exited;
        // Watch what n8n does with the execution for up to 45 s (Bull's stalled-job check runs every 30 s).
        let exec = await n8n().execution(id, { includeData: false });
        for (;;) {
          exec = await n8n().execution(id, { includeData: false });
          const last = timeline.at(-1);
          if (!last || last.status !== exec.status || last.finished !== exec.finished) {
            timeline.push({ atMs: Date.now() - t0, status: exec.status, finished: exec.finished });
          }
          if (!UNFINISHED.has(exec.status) || Date.now() - t0 > 45_000) break;
          await new Promise((r) => setTimeout(r, 1000));
        }
        const others = (await allExecutions(n8n(), sheet.id)).filter((e) => String(e.id) !== id);
        const full = await n8n()
          .execution(id)
          .catch(() => exec);
        record('sigkill', {
          executionId: id,
          killed: victim,
          videosAtKill,
          videosAfterWatch: (await videosSince(before)).length,
          timeline,
          finalStatus: exec.status,
          errors: executionErrors(full),
          otherExecutionsStartedByN8n: others.map((e) => `${e.id}:${e.status}`),
          jobsAfterKill: c()
            .workerJobs()
            .filter((j) => j.executionId === id),
          mainLog: c()
            .n8n.log.split('\n')
            .filter((l) => l.includes(id) || /stalled|crash|recover/i.test(l))
            .slice(-15),
        });
      } finally {
        await simConfigure(sim!.url, { speed: 100 });
      }
      // Back to two workers, then what a user does next: run the sheet again.
      await c().startWorker(Number(victim.split('-')[1]) - 1);
      const rerun = await finished(await runManually(n8n(), sheet.id, 'Run'), 180_000);
      expectSucceeded(rerun);
      await expectSheetOutput(sheet, rerun);
      await expectOneVideoPerRow(sheet.rows, await videosSince(before));
    });
  },
);

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

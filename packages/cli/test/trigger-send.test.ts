/**
 * `trending trigger send` from spreadsheets: signed requests, a journal that makes re-runs and interrupted runs safe,
 * bad rows reported by line, and 429 storms ridden out, all checked through the simulator's inspection API.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrendingClient } from '@trending/core';
import type { RequestLogEntry } from '@trending/simulator';
import { createTransport } from '../src/transport';
import { ensureBuilt, json, runCli, startCli, startTestSim, type TestSim } from './helpers';

let sim: TestSim;
let trigger: { trigger_id: string; secret: string };
let env: Record<string, string>;
let secrets: string[];
const dir = mkdtempSync(join(tmpdir(), 'trending-trigger-'));
const TEMPLATES = ['story', 'rants', 'confession', 'didyouknow', 'dmstory', 'ranking', 'list'];

beforeAll(async () => {
  ensureBuilt();
  sim = await startTestSim();
});
afterAll(() => sim.handle.close());

/** A clean simulator and a trigger of our own for each test, so counts and rate buckets are this test's alone. */
beforeEach(() => {
  sim.handle.reset();
  sim.handle.updateAccount({ api_key: sim.handle.keys.pro, credits: 10_000_000 });
  trigger = sim.handle.createTrigger({ secret: `whsec_cli_rows_${Math.random().toString(36).slice(2)}` });
  env = {
    TRENDING_BASE_URL: sim.handle.url,
    TRENDING_TRIGGER_ID: trigger.trigger_id,
    TRENDING_TRIGGER_SECRET: trigger.secret,
  };
  secrets = [trigger.secret, sim.handle.keys.pro];
});

function csvFile(name: string, rows: number, extraColumn = false): string {
  const lines = [`template,prompt,Name,script.images_requested${extraColumn ? ',notes' : ''}`];
  for (let i = 1; i <= rows; i++) {
    const template = TEMPLATES[i % TEMPLATES.length]!;
    const prompt = `"Video idea number ${i}, with a comma"`;
    lines.push(`${template},${prompt},Row ${i},${template === 'story' ? 12 : ''}${extraColumn ? ',ignore me' : ''}`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const triggerRequests = (): RequestLogEntry[] =>
  sim.handle
    .requests()
    .filter((r) => r.path === '/api/v1/triggers/webhook' && r.headers['x-trending-trigger'] === trigger.trigger_id);

const videos = () => sim.handle.state().videos as { video_id: number; idempotency_key: string; source: string }[];

interface Summary {
  sent: number;
  skipped: number;
  failed: number;
  not_sent: number;
  throttled: number;
  replayed: number;
  rows: {
    line: number;
    status: string;
    key?: string;
    video_id?: number;
    replayed?: boolean;
    earlier?: { target?: string; at: string };
    error_code?: string;
    reason?: string;
  }[];
}

function journalEntries(path: string): { status: string; key: string; video_id: number; line: number }[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('trending trigger send --rows', () => {
  it('sends 100 CSV rows through signed triggers: all accepted once, fresh nonces, valid signatures, a journal without secrets', async () => {
    const rows = csvFile('hundred.csv', 100);
    const result = await runCli(['trigger', 'send', '--rows', rows, '--concurrency', '8', '--json'], { env, secrets });
    expect(result.code, result.stderr).toBe(0);
    const summary = json<Summary>(result);
    expect(summary).toMatchObject({ sent: 100, skipped: 0, failed: 0, not_sent: 0 });

    const requests = triggerRequests();
    expect(requests).toHaveLength(100);
    // The simulator verifies each signature over the bytes it received and answers 401 invalid_signature otherwise.
    expect(requests.every((r) => r.status !== null && r.status < 300 && r.error_code === null)).toBe(true);
    expect(new Set(requests.map((r) => r.headers['x-trending-nonce'])).size).toBe(100);
    expect(requests.every((r) => /^\d+$/.test(r.headers['x-trending-timestamp'] ?? ''))).toBe(true);
    expect(new Set(requests.map((r) => r.headers['idempotency-key'])).size).toBe(100);

    const created = videos();
    expect(created).toHaveLength(100);
    expect(created.every((v) => v.source === 'trigger_signed')).toBe(true);
    expect(new Set(created.map((v) => v.idempotency_key))).toEqual(new Set(summary.rows.map((r) => r.key)));

    const journal = `${rows}.journal.jsonl`;
    const entries = journalEntries(journal);
    expect(entries.filter((e) => e.status === 'accepted')).toHaveLength(100);
    expect(entries.map((e) => e.line).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    const text = readFileSync(journal, 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('sends nothing new when the same file runs again', async () => {
    const rows = csvFile('rerun.csv', 30);
    expect((await runCli(['trigger', 'send', '--rows', rows], { env, secrets })).code).toBe(0);
    const again = await runCli(['trigger', 'send', '--rows', rows, '--json'], { env, secrets });
    expect(again.code).toBe(0);
    expect(json<Summary>(again)).toMatchObject({ sent: 0, skipped: 30, failed: 0 });
    expect(triggerRequests()).toHaveLength(30);
    expect(videos()).toHaveLength(30);
  });

  it('never duplicates a video even without the journal: the keys alone make the API return the same runs', async () => {
    const rows = csvFile('nojournal.csv', 10);
    const first = json<Summary>(
      await runCli(['trigger', 'send', '--rows', rows, '--journal', join(dir, 'j1.jsonl'), '--json'], { env, secrets }),
    );
    const second = json<Summary>(
      await runCli(['trigger', 'send', '--rows', rows, '--journal', join(dir, 'j2.jsonl'), '--json'], { env, secrets }),
    );
    expect(second.sent).toBe(10);
    expect(second.rows.map((r) => r.video_id)).toEqual(first.rows.map((r) => r.video_id));
    // Neither journal has the other run and the API does not say it replayed, so nothing is claimed either way.
    expect(first.replayed).toBe(0);
    expect(second.replayed).toBe(0);
    expect(second.rows.some((r) => r.replayed)).toBe(false);
    expect(videos()).toHaveLength(10);
  });

  it('resumes a run stopped half-way by --limit without a duplicate', async () => {
    const rows = csvFile('limit.csv', 40);
    const half = await runCli(['trigger', 'send', '--rows', rows, '--limit', '20', '--json'], { env, secrets });
    expect(half.code).toBe(0);
    expect(json<Summary>(half)).toMatchObject({ sent: 20, not_sent: 20 });
    const rest = await runCli(['trigger', 'send', '--rows', rows, '--json'], { env, secrets });
    expect(json<Summary>(rest)).toMatchObject({ sent: 20, skipped: 20 });
    expect(videos()).toHaveLength(40);
    expect(triggerRequests()).toHaveLength(40);
  });

  it('resumes a run killed (SIGKILL) mid-way without a duplicate video', async () => {
    const rows = csvFile('killed.csv', 60);
    const journal = `${rows}.journal.jsonl`;
    // Slow answers, so the kill lands while rows are in flight.
    sim.handle.configure({ chaos: { latencyMs: 40 } });
    const run = startCli(['trigger', 'send', '--rows', rows, '--concurrency', '3'], { env, secrets });
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (existsSync(journal) && journalEntries(journal).length >= 20) {
          clearInterval(timer);
          run.child.kill('SIGKILL');
          resolve();
        }
      }, 10);
      run.child.on('exit', () => reject(new Error('finished before it could be killed')));
    });
    await run.done;
    sim.handle.configure({ chaos: { latencyMs: 0 } });
    const recorded = journalEntries(journal).filter((e) => e.status === 'accepted').length;
    expect(recorded).toBeGreaterThanOrEqual(20);
    expect(recorded).toBeLessThan(60);

    const resumed = await runCli(['trigger', 'send', '--rows', rows, '--json'], { env, secrets });
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = json<Summary>(resumed);
    expect(summary.skipped).toBe(recorded);
    expect(summary.sent).toBe(60 - recorded);
    // Rows that were in flight at the kill were sent twice, with the same key, so they still made one video each.
    expect(videos()).toHaveLength(60);
    expect(new Set(videos().map((v) => v.idempotency_key)).size).toBe(60);
  });

  it('reports bad rows by line and still sends the good ones (exit 1)', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(
      path,
      [
        'template,prompt,script.images_requested',
        'story,"A story that spans',
        'two lines of the file",12',
        'story,tiny,12',
        'podcast,A perfectly good prompt,',
        'story,A story with too few slides,5',
        'story,A story with a word for a number,twelve',
        'rants,A row with one cell too many,,extra',
        'rants,A rant about queue jumpers,',
        '',
      ].join('\n'),
    );
    const result = await runCli(['trigger', 'send', '--rows', path], { env, secrets });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^line 4: invalid, validation_failed: .*prompt.*at least 6/m);
    expect(result.stdout).toMatch(
      /^line 5: invalid, validation_failed: column template \(video_type\): unknown template "podcast"/m,
    );
    expect(result.stdout).toMatch(
      /^line 6: invalid, validation_failed: .*script\.images_requested.*between 10 and 30/m,
    );
    expect(result.stdout).toMatch(/^line 7: invalid, validation_failed: .*script\.images_requested.*whole number/m);
    expect(result.stdout).toMatch(/^line 8: invalid, unreadable_row: /m);
    expect(result.stdout).toMatch(/^line 2: accepted, video \d+/m);
    expect(result.stdout).toMatch(/^line 9: accepted, video \d+/m);
    expect(result.stdout).toMatch(/^failed\s+5\s/m);
    expect(videos()).toHaveLength(2);
  });

  it('survives a 429 storm: every row accepted exactly once, all workers pausing on Retry-After', async () => {
    // A token bucket of 75 per minute (burst 75): the last 25 of 100 rows arrive faster than it refills.
    sim.handle.configure({ rateLimitPerMinute: 75 });
    const rows = csvFile('storm.csv', 100);
    const result = await runCli(['trigger', 'send', '--rows', rows, '--concurrency', '8', '--json'], { env, secrets });
    expect(result.code, result.stderr).toBe(0);
    const summary = json<Summary>(result);
    expect(summary).toMatchObject({ sent: 100, failed: 0 });
    expect(summary.throttled).toBeGreaterThan(0);
    const requests = triggerRequests();
    expect(requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.status !== null && r.status < 300)).toHaveLength(100);
    expect(videos()).toHaveLength(100);
    expect(new Set(videos().map((v) => v.idempotency_key)).size).toBe(100);
  }, 90_000);

  it('--dry-run validates every row and prints what would be sent, with the keys a real run then uses', async () => {
    const rows = csvFile('dry.csv', 5, true);
    const dry = await runCli(['trigger', 'send', '--rows', rows, '--map', 'notes=', '--dry-run', '--json'], {
      env,
      secrets,
    });
    expect(dry.code).toBe(0);
    expect(dry.stderr).not.toContain('notes');
    const plan = json<{ would_send: { line: number; idempotency_key: string; body: Record<string, unknown> }[] }>(dry);
    expect(plan.would_send).toHaveLength(5);
    expect(plan.would_send[0]!.body).toMatchObject({
      video_type: 'rants',
      prompt: 'Video idea number 1, with a comma',
      name: 'Row 1',
    });
    expect(plan.would_send[0]!.body.idempotency_key).toBe(plan.would_send[0]!.idempotency_key);
    expect(triggerRequests()).toHaveLength(0);
    expect(existsSync(`${rows}.journal.jsonl`)).toBe(false);

    const real = json<Summary>(
      await runCli(['trigger', 'send', '--rows', rows, '--map', 'notes=', '--json'], { env, secrets }),
    );
    expect(real.rows.map((r) => r.key)).toEqual(plan.would_send.map((p) => p.idempotency_key));
  });

  it('keeps webhook secrets (from the environment or a column) out of the output and the journal', async () => {
    const flagSecret = 'whsec_cli_rows_hook_flag_4d2c';
    const rowSecret = 'whsec_cli_rows_hook_cell_93fe';
    const path = join(dir, 'hooks.csv');
    writeFileSync(
      path,
      `template,prompt,webhook.url,webhook.secret\nrants,A rant with the flag secret,http://127.0.0.1:9/a,\nrants,A rant with its own secret,http://127.0.0.1:9/b,${rowSecret}\nrants,no,http://127.0.0.1:9/c,${rowSecret}\n`,
    );
    const all = [...secrets, flagSecret, rowSecret];
    const hookEnv = { ...env, TRENDING_WEBHOOK_SECRET: flagSecret };
    const dry = await runCli(['trigger', 'send', '--rows', path, '--dry-run'], { env: hookEnv, secrets: all });
    expect(dry.stdout).toContain('"secret":"[REDACTED]"');
    const sent = await runCli(['trigger', 'send', '--rows', path, '--json'], { env: hookEnv, secrets: all });
    expect(json<Summary>(sent)).toMatchObject({ sent: 2, failed: 1 });
    const journal = readFileSync(`${path}.journal.jsonl`, 'utf8');
    for (const secret of all) expect(journal).not.toContain(secret);
  });

  it('warns about columns that match no field, and --dry-run exits 1 when a row is invalid', async () => {
    const path = join(dir, 'dry-bad.csv');
    writeFileSync(path, 'prompt,notes\nA fine prompt for a rant,hi\nno,hi\n');
    const dry = await runCli(['trigger', 'send', '--rows', path, '--template', 'rants', '--dry-run'], { env, secrets });
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain('column "notes" matches no field');
    expect(dry.stdout).toMatch(/^line 2: would send rants/m);
    expect(dry.stdout).toMatch(/^line 3: invalid/m);
  });

  it('reads JSON Lines from stdin with --map, --template, --id-column and an explicit journal', async () => {
    const journal = join(dir, 'stdin.journal.jsonl');
    const lines = (prompt: string) =>
      [
        JSON.stringify({ ref: 'A-1', 'Video idea': prompt, script: { item_count: 5 } }),
        JSON.stringify({ ref: 'A-2', 'Video idea': 'Seven facts about the moon', template: 'didyouknow' }),
      ].join('\n');
    const args = [
      'trigger',
      'send',
      '--rows',
      '-',
      '--template',
      'list',
      '--map',
      'Video idea=prompt',
      '--id-column',
      'ref',
      '--journal',
      journal,
      '--json',
    ];
    const first = await runCli(args, { env, secrets, input: lines('Five tips for better sleep') });
    expect(first.code, first.stderr).toBe(0);
    expect(json<Summary>(first)).toMatchObject({ sent: 2 });
    const list = videos().find((v) => v.source === 'trigger_signed');
    expect(list).toBeDefined();
    // Keyed by the id column: an edited prompt is still the same row, so it is not sent again.
    const edited = await runCli(args, { env, secrets, input: lines('Five tips for better naps') });
    expect(json<Summary>(edited)).toMatchObject({ sent: 0, skipped: 2 });
    expect(videos()).toHaveLength(2);
  });
});

describe('trending trigger send --id-column: one id, one video', () => {
  it('a repeated id with different content is an error for that row, naming both lines (exit 1, counted as failed)', async () => {
    const path = join(dir, 'dup-ids.csv');
    writeFileSync(
      path,
      [
        'ref,template,prompt',
        'A-1,rants,A rant about people who recline on short flights',
        'A-2,rants,A rant about group chats that never end',
        'A-1,rants,A rant about meetings that could have been emails',
        'A-2,rants,A rant about group chats that never end',
        '',
      ].join('\n'),
    );
    const args = ['trigger', 'send', '--rows', path, '--id-column', 'ref'];
    const result = await runCli(args, { env, secrets });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(
      /^line 4: invalid, duplicate_id: id "A-1" is also line 2's, with different content \(prompt: line 2 "A rant about people who recline on short flights", line 4 "A rant about meetings that could have been emails"\)/m,
    );
    // The same id with the same content is still the same video, sent once.
    expect(result.stdout).toMatch(/^line 5: skipped, same content as line 3/m);
    expect(result.stdout).toMatch(/^failed\s+1\s+duplicate_id/m);
    expect(videos()).toHaveLength(2);
    // A re-run does not pass the row off as already made because line 2's key is in the journal.
    const again = await runCli([...args, '--json'], { env, secrets });
    expect(again.code).toBe(1);
    expect(json<Summary>(again)).toMatchObject({ sent: 0, skipped: 3, failed: 1 });
    expect(json<Summary>(again).rows.find((r) => r.line === 4)).toMatchObject({ error_code: 'duplicate_id' });
  });
});

describe('trending trigger send --id-column: keys scoped beyond the id', () => {
  /** A spreadsheet numbering its rows 1..3 in an `id` column, as most do. */
  function idFile(name: string, template: string, topic: string, idColumn = 'id'): string {
    const path = join(dir, name);
    const rows = [1, 2, 3].map((i) => `${i},${template},"${topic}: idea number ${i} for this week"`);
    writeFileSync(path, `${idColumn},template,prompt\n${rows.join('\n')}\n`);
    return path;
  }
  const send = async (path: string, ...extra: string[]) => {
    const result = await runCli(['trigger', 'send', '--rows', path, '--id-column', 'id', ...extra, '--json'], {
      env,
      secrets,
    });
    expect(result.code, result.stderr).toBe(0);
    return json<Summary>(result);
  };

  it('two spreadsheets with the same ids make their own videos (template and id column in the key); a re-run makes none', async () => {
    const facts = await send(idFile('facts-week.csv', 'didyouknow', 'Ocean facts'));
    const rants = await send(idFile('rants-week.csv', 'rants', 'Commuter rants'));
    expect(facts).toMatchObject({ sent: 3 });
    expect(rants).toMatchObject({ sent: 3 });
    expect(videos()).toHaveLength(6);
    const ids = [...facts.rows, ...rants.rows].map((r) => r.video_id);
    expect(new Set(ids).size).toBe(6);

    // The same ids and template under another column name are other rows too.
    const byRefPath = idFile('rants-ref.csv', 'rants', 'Commuter rants', 'ref');
    const byRef = await runCli(['trigger', 'send', '--rows', byRefPath, '--id-column', 'ref', '--json'], {
      env,
      secrets,
    });
    expect(json<Summary>(byRef)).toMatchObject({ sent: 3 });
    expect(videos()).toHaveLength(9);

    // The same spreadsheet again: nothing new, by the journal and, without it, by the keys.
    expect(await send(join(dir, 'facts-week.csv'))).toMatchObject({ sent: 0, skipped: 3 });
    const noJournal = await send(join(dir, 'facts-week.csv'), '--journal', join(dir, 'facts-week.other.jsonl'));
    expect(noJournal.rows.map((r) => r.video_id)).toEqual(facts.rows.map((r) => r.video_id));
    expect(videos()).toHaveLength(9);
  });

  it('--key-prefix keeps apart spreadsheets that share template, id column and ids; a re-run with the same prefix makes none', async () => {
    const march = idFile('march.csv', 'rants', 'March rants');
    const april = idFile('april.csv', 'rants', 'April rants');
    const first = await send(march, '--key-prefix', 'campaign-march');
    const second = await send(april, '--key-prefix', 'campaign-april');
    expect(first).toMatchObject({ sent: 3 });
    expect(second).toMatchObject({ sent: 3 });
    expect(videos()).toHaveLength(6);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.key)).size).toBe(6);

    expect(await send(march, '--key-prefix', 'campaign-march')).toMatchObject({ sent: 0, skipped: 3 });
    const again = await send(march, '--key-prefix', 'campaign-march', '--journal', join(dir, 'march.other.jsonl'));
    expect(again.rows.map((r) => r.video_id)).toEqual(first.rows.map((r) => r.video_id));
    expect(videos()).toHaveLength(6);

    const empty = await runCli(['trigger', 'send', '--rows', march, '--key-prefix', ' ', '--dry-run'], {
      env,
      secrets,
    });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--key-prefix is empty');
    const single = ['trigger', 'send', '--template', 'rants', '--prompt', 'A rant about two keys'];
    const both = await runCli([...single, '--idempotency-key', 'k-1', '--key-prefix', 'spring', '--dry-run'], {
      env,
      secrets,
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--key-prefix scopes derived keys; --idempotency-key replaces the key');
    const help = await runCli(['trigger', 'send', '--help']);
    expect(help.stdout).toMatch(/^ {2}--key-prefix <text> /m);
    expect(help.stdout).toContain(
      'give two spreadsheets with the same template, id column and ids their own --key-prefix',
    );
  });

  it('claims nothing it cannot prove when a spreadsheet gets back videos another one made (no --key-prefix)', async () => {
    const first = await send(idFile('team-a.csv', 'rants', 'Team A rants'));
    expect(first).toMatchObject({ sent: 3, replayed: 0 });
    // Another spreadsheet with the same template, id column and ids: same keys, so the API answers with team A's
    // videos. Team B's journal has no record of them and the API does not say it replayed: the report stays silent.
    const second = await runCli(
      ['trigger', 'send', '--rows', idFile('team-b.csv', 'rants', 'Team B rants'), '--id-column', 'id'],
      { env, secrets },
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^line 2: accepted, video \d+ \(key [0-9a-f-]{36}\)$/m);
    expect(second.stdout).not.toContain('made earlier');
    expect(videos()).toHaveLength(3);
  });

  it('scopes every derived key to the API however its base URL is spelled, and to --key-prefix, not to the trigger', async () => {
    const path = csvFile('scoped.csv', 3);
    const keys = async (extraEnv: Record<string, string | undefined>, ...extra: string[]) => {
      const dry = await runCli(['trigger', 'send', '--rows', path, ...extra, '--dry-run', '--json'], {
        env: { ...env, ...extraEnv },
        secrets,
      });
      expect(dry.code, dry.stderr).toBe(0);
      return json<{ would_send: { idempotency_key: string }[] }>(dry).would_send.map((w) => w.idempotency_key);
    };
    const signed = await keys({});
    expect(signed).toHaveLength(3);
    // The same API written with a trailing slash, or with its scheme and host in capitals, is the same API.
    expect(await keys({ TRENDING_BASE_URL: `${sim.handle.url}/` })).toEqual(signed);
    expect(await keys({ TRENDING_BASE_URL: `${sim.handle.url.replace('http://', 'HTTP://')}/` })).toEqual(signed);
    // The API de-duplicates per account, so another trigger or the API-key endpoint gets the same keys.
    expect(await keys({ TRENDING_TRIGGER_ID: 'trg_other', TRENDING_TRIGGER_SECRET: 'whsec_other' })).toEqual(signed);
    expect(await keys({ TRENDING_TRIGGER_ID: undefined, TRENDING_TRIGGER_SECRET: undefined })).toEqual(signed);
    // Blank is production, as in core; every spelling of the production URL is the same.
    const production = await keys({ TRENDING_BASE_URL: '' });
    for (const spelling of ['https://trending.com/', 'HTTPS://Trending.com/', 'https://TRENDING.COM:443']) {
      expect(await keys({ TRENDING_BASE_URL: undefined }, '--base-url', spelling)).toEqual(production);
    }
    const prefixed = await keys({}, '--key-prefix', 'spring');
    expect(new Set([signed, production, prefixed].flat()).size).toBe(9);
  });

  it('the same spreadsheet sent with the API key, then through signed triggers of the same account: no second video', async () => {
    const path = csvFile('same-account.csv', 4);
    const apiKeyEnv = { TRENDING_BASE_URL: sim.handle.url, TRENDING_API_KEY: sim.handle.keys.pro };
    const viaApiKey = await runCli(['trigger', 'send', '--rows', path, '--json'], { env: apiKeyEnv, secrets });
    expect(viaApiKey.code, viaApiKey.stderr).toBe(0);
    const first = json<Summary>(viaApiKey);
    expect(first).toMatchObject({ sent: 4, replayed: 0 });
    expect(videos()).toHaveLength(4);

    // Same journal (the default one), another target: the rows are sent, and the account answers with its videos.
    const viaTrigger = json<Summary>(await runCli(['trigger', 'send', '--rows', path, '--json'], { env, secrets }));
    // The journal proves these are the API-key run's videos: same key, same video id.
    expect(viaTrigger).toMatchObject({ sent: 4, skipped: 0, replayed: 4 });
    expect(viaTrigger.rows.map((r) => r.video_id)).toEqual(first.rows.map((r) => r.video_id));
    expect(viaTrigger.rows.every((r) => r.earlier?.target?.startsWith('apikey:'))).toBe(true);
    expect(triggerRequests()).toHaveLength(4);
    // A new trigger of the same account, spelled with another base URL: still the same videos.
    const newer = sim.handle.createTrigger({ secret: 'whsec_cli_rows_newer_7c1e' });
    const viaNewer = json<Summary>(
      await runCli(['trigger', 'send', '--rows', path, '--json'], {
        env: {
          TRENDING_BASE_URL: `${sim.handle.url.replace('http://', 'HTTP://')}/`,
          TRENDING_TRIGGER_ID: newer.trigger_id,
          TRENDING_TRIGGER_SECRET: newer.secret,
        },
        secrets: [...secrets, newer.secret],
      }),
    );
    expect(viaNewer).toMatchObject({ sent: 4, replayed: 4 });
    expect(viaNewer.rows.map((r) => r.video_id)).toEqual(first.rows.map((r) => r.video_id));
    expect(videos()).toHaveLength(4);

    // Each target's own re-run is skipped by the journal.
    expect(json<Summary>(await runCli(['trigger', 'send', '--rows', path, '--json'], { env, secrets }))).toMatchObject({
      sent: 0,
      skipped: 4,
    });
    expect(
      json<Summary>(await runCli(['trigger', 'send', '--rows', path, '--json'], { env: apiKeyEnv, secrets })),
    ).toMatchObject({ sent: 0, skipped: 4 });
    const entries = journalEntries(`${path}.journal.jsonl`) as unknown as { target: string; status: string }[];
    expect(new Set(entries.map((e) => e.target.replace(/^apikey:[0-9a-f]{12}$/, 'apikey:*')))).toEqual(
      new Set(['apikey:*', `trigger:${trigger.trigger_id}`, `trigger:${newer.trigger_id}`]),
    );
  });

  it('a journal written for one target does not skip rows for a trigger of another account', async () => {
    const path = csvFile('two-accounts.csv', 3);
    const journal = join(dir, 'two-accounts.shared.jsonl');
    const first = json<Summary>(
      await runCli(['trigger', 'send', '--rows', path, '--journal', journal, '--json'], { env, secrets }),
    );
    expect(first).toMatchObject({ sent: 3 });
    sim.handle.updateAccount({ api_key: 'sk_test_cli_other_account', credits: 10_000_000 });
    const other = sim.handle.createTrigger({
      api_key: 'sk_test_cli_other_account',
      secret: 'whsec_cli_rows_other_5b2f',
    });
    const toOther = json<Summary>(
      await runCli(['trigger', 'send', '--rows', path, '--journal', journal, '--json'], {
        env: { ...env, TRENDING_TRIGGER_ID: other.trigger_id, TRENDING_TRIGGER_SECRET: other.secret },
        secrets: [...secrets, other.secret],
      }),
    );
    expect(toOther).toMatchObject({ sent: 3, skipped: 0, replayed: 0 });
    expect(videos()).toHaveLength(6);
    const ids = new Set([...first.rows, ...toOther.rows].map((r) => r.video_id));
    expect(ids.size).toBe(6);
  });
});

describe('trending trigger send (one video)', () => {
  it('sends one video from flags through a signed trigger', async () => {
    const result = await runCli(
      [
        'trigger',
        'send',
        '--template',
        'story',
        '--prompt',
        'A signed single story',
        '--preview',
        '--set',
        'script.images_requested=3',
      ],
      {
        env,
        secrets,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^video_id: \d+$/m);
    expect(result.stdout).toMatch(/^idempotency_key: [0-9a-f-]{36}$/m);
    expect(triggerRequests()).toHaveLength(1);
  });

  it('uses the API-key trigger endpoint when no signed trigger is configured', async () => {
    const result = await runCli(
      [
        'trigger',
        'send',
        '--template',
        'rants',
        '--prompt',
        'A rant via the API key',
        '--idempotency-key',
        'api-key-trigger-1',
        '--json',
      ],
      {
        env: { TRENDING_BASE_URL: sim.handle.url, TRENDING_API_KEY: sim.handle.keys.pro },
        secrets,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(videos()).toMatchObject([{ source: 'trigger_api_key', idempotency_key: 'api-key-trigger-1' }]);
  });

  it('is a usage error (exit 2) without credentials, with half a signed trigger, or with a bad --concurrency', async () => {
    const base = { TRENDING_BASE_URL: sim.handle.url };
    expect(
      (await runCli(['trigger', 'send', '--template', 'rants', '--prompt', 'No credentials at all'], { env: base }))
        .code,
    ).toBe(2);
    const half = await runCli(
      ['trigger', 'send', '--template', 'rants', '--prompt', 'Half a trigger', '--trigger-id', 'trg_x'],
      { env: base },
    );
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--trigger-secret');
    expect(
      (await runCli(['trigger', 'send', '--rows', '-', '--concurrency', '0'], { env, secrets, input: '' })).code,
    ).toBe(2);
  });
});

describe("trending trigger send: core's warnings, --max-credits, webhook URLs", () => {
  const apiKeyEnv = () => ({ ...env, TRENDING_API_KEY: sim.handle.keys.pro });
  const quote = async (template: 'rants' | 'story', request: Record<string, unknown>) => {
    const client = new TrendingClient({
      baseUrl: sim.handle.url,
      apiKey: sim.handle.keys.pro,
      transport: createTransport(),
    });
    return (await client.estimateCost(template, request)).estimate.total_credits;
  };

  it('prints what the API accepts but is probably a mistake on stderr, by line and column, and still sends the row', async () => {
    const path = join(dir, 'warnings.csv');
    writeFileSync(
      path,
      'template,prompt,music.volume_percent,script.item_count\n' +
        'rants,A rant about music played far too loud,150,\n' +
        'rants,A rant about people who make lists,,5\n',
    );
    const result = await runCli(['trigger', 'send', '--rows', path, '--json'], { env, secrets });
    expect(result.code, result.stderr).toBe(0);
    expect(json<Summary>(result)).toMatchObject({ sent: 2, failed: 0 });
    expect(result.stderr).toMatch(
      /^warning: line 2: column music\.volume_percent \(music\.volume_percent\) is 150, outside the usual 0 to 100/m,
    );
    expect(result.stderr).toMatch(
      /^warning: line 3: column script\.item_count \(script\.item_count\) is not a rants option \(it belongs to list\)/m,
    );
    // The flags set every row: a warning about one names the flag.
    const one = await runCli(
      [
        'trigger',
        'send',
        '--template',
        'rants',
        '--prompt',
        'A rant about volume knobs',
        '--set',
        'music.volume_percent=-5',
      ],
      { env, secrets },
    );
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toMatch(/^warning: --set music\.volume_percent is -5, outside the usual 0 to 100/m);

    // A --body typo concerns every row: one warning that names the lines, not one per row.
    const typo = join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ promt: 'oops' }));
    const rows = join(dir, 'many.csv');
    writeFileSync(rows, 'template,prompt\n' + [1, 2, 3, 4, 5, 6, 7].map((n) => `rants,A rant number ${n}\n`).join(''));
    const many = await runCli(['trigger', 'send', '--rows', rows, '--body', typo, '--json'], { env, secrets });
    expect(many.code, many.stderr).toBe(0);
    expect(many.stderr.match(/promt/g)).toHaveLength(1);
    expect(many.stderr).toMatch(
      /^warning: lines 2, 3, 4, 5, 6 and 2 more: --body promt is not a field any template documents \(did you mean prompt\?\)/m,
    );
  });

  it('--max-credits quotes every row and sends none estimated above it; without an API key it is a usage error', async () => {
    const cheap = 'A rant about printers that jam';
    const rantsCredits = await quote('rants', { prompt: cheap });
    const storyCredits = await quote('story', {
      prompt: 'A long story about a lighthouse',
      script: { images_requested: 30 },
    });
    expect(storyCredits).toBeGreaterThan(rantsCredits);
    const path = join(dir, 'spend.csv');
    writeFileSync(
      path,
      `template,prompt,script.images_requested\nrants,${cheap},\nstory,A long story about a lighthouse,30\n`,
    );
    const before = sim.handle.requests().length;

    const noKey = await runCli(['trigger', 'send', '--rows', path, '--max-credits', String(rantsCredits)], {
      env,
      secrets,
    });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--max-credits needs an API key');
    expect(sim.handle.requests().length).toBe(before);

    const result = await runCli(['trigger', 'send', '--rows', path, '--max-credits', String(rantsCredits), '--json'], {
      env: apiKeyEnv(),
      secrets,
    });
    expect(result.code).toBe(1);
    const summary = json<Summary>(result);
    expect(summary).toMatchObject({ sent: 1, failed: 1 });
    expect(summary.rows.find((r) => r.line === 3)).toMatchObject({
      status: 'failed',
      error_code: 'spend_limit_exceeded',
      reason: expect.stringContaining(`estimated at ${storyCredits} credits, above the maximum of ${rantsCredits}`),
    });
    // Both rows were quoted; only the one within the maximum was sent, through the signed trigger.
    const log = sim.handle.requests().slice(before);
    expect(log.filter((r) => r.path === '/api/v1/cost-estimate')).toHaveLength(2);
    expect(triggerRequests()).toHaveLength(1);
    expect(videos().map((v) => v.idempotency_key)).toEqual([summary.rows.find((r) => r.line === 2)!.key]);
  });

  it('refuses a row whose webhook URL Trending would reject, naming the column; the simulator takes loopback', async () => {
    const path = join(dir, 'hooks.csv');
    writeFileSync(
      path,
      'template,prompt,webhook.url\n' +
        'rants,A rant about hooks on loopback,http://127.0.0.1:8787/hook\n' +
        'rants,A rant about hooks on a private network,https://10.1.2.3/hook\n' +
        'rants,A rant about hooks that are public,https://example.com/hook\n',
    );
    const production = await runCli(['trigger', 'send', '--rows', path, '--dry-run', '--json'], {
      env: { ...env, TRENDING_BASE_URL: 'https://trending.com' },
      secrets,
    });
    expect(production.code).toBe(1);
    const plan = json<{ would_send: { line: number }[]; not_sending: { line: number; reason: string }[] }>(production);
    expect(plan.would_send.map((w) => w.line)).toEqual([4]);
    expect(plan.not_sending.map((n) => n.line)).toEqual([2, 3]);
    expect(plan.not_sending[0]!.reason).toMatch(/^column webhook\.url \(webhook\.url\) must be a public host/);
    expect(plan.not_sending[1]!.reason).toMatch(/^column webhook\.url \(webhook\.url\) must be a public host/);

    const simulator = await runCli(['trigger', 'send', '--rows', path, '--dry-run', '--json'], { env, secrets });
    expect(json<{ would_send: { line: number }[] }>(simulator).would_send.map((w) => w.line)).toEqual([2, 4]);
  });
});

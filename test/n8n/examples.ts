/**
 * The example workflows of examples/n8n, handled the way a user handles them in the n8n editor of a running instance
 * (`n8n start`): create the three Trending credentials by name, import a workflow file (the editor's "Import from
 * File" saves it through POST /rest/workflows, and n8n resolves credentials referenced by name and type), publish it,
 * click "Execute workflow", submit a form. Shared by examples.e2e.test.ts and the demo (scripts/demo.mjs, which loads
 * this file with Node 24's type stripping: runtime imports carry their `.ts` extension).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type N8nInstance, type PublicExecution, type WorkflowJson, waitFor } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const EXAMPLES_DIR = resolve(here, '..', '..', 'examples', 'n8n');
export const SAMPLE_CSV = resolve(here, '..', '..', 'examples', 'data', 'videos.csv');

export const EXAMPLES = ['spreadsheet-to-videos', 'form-to-video', 'trending-trigger', 'signed-trigger'] as const;
export type ExampleName = (typeof EXAMPLES)[number];

/** The credential each example expects, by type: referenced by name with a null id, as n8n resolves them on import. */
export const CREDENTIAL_NAMES = {
  trendingApi: 'Trending API',
  trendingWebhookSigningApi: 'Trending Webhook Signing',
  trendingSignedTriggerApi: 'Trending Signed Trigger',
} as const;

/**
 * Where the examples read and write files unless the user changes it: n8n 2.x allows file access only under
 * `~/.n8n-files` (N8N_RESTRICT_FILE_ACCESS_TO), which is /home/node/.n8n-files in n8n's Docker image.
 */
export const EXAMPLE_FILES_ROOT = '/home/node/.n8n-files/trending';

/** Form path of form-to-video.json (`/form/<path>` once published). */
export const FORM_PATH = 'trending-story';

export function loadExample(name: ExampleName): WorkflowJson {
  return JSON.parse(readFileSync(resolve(EXAMPLES_DIR, `${name}.json`), 'utf8')) as WorkflowJson;
}

export function node(wf: WorkflowJson, name: string): WorkflowJson['nodes'][number] {
  const found = wf.nodes.find((n) => n.name === name);
  if (!found)
    throw new Error(`workflow "${wf.name}" has no node "${name}" (has: ${wf.nodes.map((n) => n.name).join(', ')})`);
  return found;
}

/**
 * What a user edits after importing: every file path under EXAMPLE_FILES_ROOT moves to `folder`, and the spreadsheet's
 * Settings get `settings` (csv_path, output_folder). Returns a copy.
 */
export function pointFilesAt(
  wf: WorkflowJson,
  folder: string,
  settings: { csv_path?: string; output_folder?: string } = {},
): WorkflowJson {
  const copy = JSON.parse(
    JSON.stringify(wf, (_k, v: unknown) =>
      typeof v === 'string' ? v.split(EXAMPLE_FILES_ROOT).join(folder.replace(/\/+$/, '')) : v,
    ),
  ) as WorkflowJson;
  const settingsNode = copy.nodes.find((n) => n.name === 'Settings');
  if (settingsNode) {
    const assignments = (settingsNode.parameters.assignments as { assignments: Array<{ name: string; value: string }> })
      .assignments;
    for (const a of assignments) {
      const value = settings[a.name as keyof typeof settings];
      if (value !== undefined) a.value = value;
    }
  }
  return copy;
}

export interface SimulatorCredentials {
  /** The simulator's URL (the credentials' Base URL). */
  baseUrl: string;
  apiKey: string;
  /** Any secret: it signs the webhooks sent to the Trending Trigger. */
  signingSecret: string;
  triggerId: string;
  triggerSecret: string;
}

/** Creates the three credentials the examples reference, pointed at the simulator; returns their ids by type. */
export async function createCredentials(n8n: N8nInstance, c: SimulatorCredentials): Promise<Record<string, string>> {
  const bodies = [
    { type: 'trendingApi', data: { apiKey: c.apiKey, baseUrl: c.baseUrl } },
    { type: 'trendingWebhookSigningApi', data: { secret: c.signingSecret, previousSecret: '' } },
    {
      type: 'trendingSignedTriggerApi',
      data: { triggerId: c.triggerId, secret: c.triggerSecret, baseUrl: c.baseUrl },
    },
  ] as const;
  const ids: Record<string, string> = {};
  for (const body of bodies) {
    const created = await n8n.rest<{ id: string }>('POST', '/credentials', {
      name: CREDENTIAL_NAMES[body.type],
      ...body,
    });
    ids[body.type] = created.id;
  }
  return ids;
}

export interface ImportedWorkflow {
  id: string;
  versionId: string;
  /** The workflow as n8n saved it (credential ids resolved). */
  workflow: WorkflowJson;
}

/** Saves a workflow file as the editor's "Import from File" does: a new workflow, n8n chooses its id. */
export async function importWorkflow(n8n: N8nInstance, wf: WorkflowJson): Promise<ImportedWorkflow> {
  const { id: _fileId, ...body } = wf;
  const saved = await n8n.rest<WorkflowJson & { versionId: string }>('POST', '/workflows', body);
  return { id: saved.id, versionId: saved.versionId, workflow: saved };
}

/** The editor's "Publish": the saved version becomes the active one, its trigger and form URLs go live. */
export async function publishWorkflow(n8n: N8nInstance, id: string): Promise<void> {
  const { versionId } = await n8n.rest<{ versionId: string }>('GET', `/workflows/${id}`);
  await n8n.rest('POST', `/workflows/${id}/activate`, { versionId });
}

/** The editor's "Execute workflow" from the given trigger node; returns the execution id. */
export async function runManually(n8n: N8nInstance, workflowId: string, triggerName: string): Promise<string> {
  const r = await n8n.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
    'POST',
    `/workflows/${workflowId}/run`,
    { triggerToStartFrom: { name: triggerName } },
  );
  if (!r.executionId) throw new Error(`n8n started no execution: ${JSON.stringify(r)}`);
  return String(r.executionId);
}

const UNFINISHED = new Set(['new', 'running', 'waiting']);

/** Waits until an execution has ended (parked "waiting" executions included) and returns it with its data. */
export async function waitForExecution(
  n8n: N8nInstance,
  executionId: string,
  { timeoutMs = 120_000 } = {},
): Promise<PublicExecution> {
  await waitFor(
    `execution ${executionId} to end`,
    async () => !UNFINISHED.has((await n8n.execution(executionId, { includeData: false })).status),
    { timeoutMs, intervalMs: 300 },
  );
  return n8n.execution(executionId);
}

/** Items of one node's last run in an execution (first output). */
export function lastRunItems(exec: PublicExecution, nodeName: string) {
  const runs = exec.data?.resultData.runData[nodeName];
  if (!runs?.length) {
    const ran = Object.keys(exec.data?.resultData.runData ?? {}).join(', ');
    throw new Error(`node "${nodeName}" did not run in execution ${exec.id} (ran: ${ran})`);
  }
  const run = runs[runs.length - 1]!;
  if (run.error) throw new Error(`node "${nodeName}" failed: ${run.error.message} ${run.error.description ?? ''}`);
  return run.data?.main?.[0] ?? [];
}

/** Every item a node produced over all its runs (a node fed by several branches runs once per branch). */
export function allRunItems(exec: PublicExecution, nodeName: string) {
  const runs = exec.data?.resultData.runData[nodeName] ?? [];
  return runs.flatMap((run) => run.data?.main?.[0] ?? []);
}

/** Node errors of an execution, to say why it failed. */
export function executionErrors(exec: PublicExecution): string[] {
  const runData = exec.data?.resultData.runData ?? {};
  const errors = Object.entries(runData).flatMap(([nodeName, runs]) =>
    runs.filter((r) => r.error).map((r) => `${nodeName}: ${r.error?.message ?? ''} ${r.error?.description ?? ''}`),
  );
  const top = exec.data?.resultData.error as { message?: string } | undefined;
  return top?.message && errors.length === 0 ? [top.message] : errors;
}

export interface FormSubmission {
  /** The form-waiting URL n8n answered the POST with. */
  waitingUrl: string;
  executionId: string;
  /** The ending page's title and message, as a browser shows them. */
  title: string;
  message: string;
}

/**
 * Submits an n8n form as its page's script does: POST the fields (multipart, `field-<index>`), follow the
 * form-waiting URL once the execution reaches the ending page, read that page, then acknowledge it (the page's own
 * POST back), which lets the execution finish.
 */
export async function submitForm(
  baseUrl: string,
  path: string,
  fields: string[],
  { timeoutMs = 60_000 } = {},
): Promise<FormSubmission> {
  const form = new FormData();
  fields.forEach((value, index) => form.append(`field-${index}`, value));
  const res = await fetch(`${baseUrl}/form/${path}`, { method: 'POST', body: form });
  const text = await res.text();
  if (!res.ok) throw new Error(`form POST answered ${res.status}: ${text.slice(0, 500)}`);
  const waitingUrl = (JSON.parse(text) as { formWaitingUrl?: string }).formWaitingUrl;
  if (!waitingUrl) throw new Error(`form POST answered no formWaitingUrl: ${text.slice(0, 500)}`);
  const statusUrl = new URL(waitingUrl);
  statusUrl.pathname += '/n8n-execution-status';
  await waitFor(
    'the form ending page',
    async () => {
      const status = (await (await fetch(statusUrl)).text()).trim();
      if (['error', 'crashed', 'canceled', 'null'].includes(status)) throw new Error(`execution status ${status}`);
      return status === 'form-waiting' || status === 'success';
    },
    { timeoutMs, intervalMs: 250 },
  );
  const page = await (await fetch(waitingUrl)).text();
  // <div class='header'><h1>{title}</h1><p ...>{message}</p></div>
  const header = /<h1[^>]*>([\s\S]*?)<\/h1>\s*(?:<p[^>]*>([\s\S]*?)<\/p>)?/.exec(page);
  await fetch(waitingUrl, { method: 'POST', body: new FormData() });
  const executionId = new URL(waitingUrl).pathname.split('/').pop() ?? '';
  return { waitingUrl, executionId, title: decode(header?.[1] ?? ''), message: decode(header?.[2] ?? '') };
}

function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Rows of a small CSV with a header line (double-quoted fields may hold commas and doubled quotes). */
export function parseCsv(text: string): Array<Record<string, string>> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string): string[] => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    return cells;
  };
  const [header, ...rows] = lines.map(split);
  return rows.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}

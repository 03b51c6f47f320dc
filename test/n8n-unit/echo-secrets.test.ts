/**
 * Every operation of the Trending node, the resume call and the Trending Trigger against an API that repeats back
 * everything it received (method, path, every request header including Authorization, the parsed body including
 * webhook.secret) plus keys named secret/api_key/token at the top and inside free-form objects. No output item may
 * carry the API key, the webhook signing secret, the signed-trigger secret, the derived wait secret or the n8n resume
 * token: n8n stores every item in its database.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SAMPLE_MP4_PATH } from '@trending/simulator';
import type { INodeExecutionData, INodeParameters, INodeProperties } from 'n8n-workflow';

import { deriveWebhookSecret, signWebhookDelivery } from '../../packages/core/src';
import { TrendingTrigger } from '../../triggers/TrendingTrigger/TrendingTrigger.node';
import { executeContext, newExecution, webhookContext, type ContextOptions } from './context';
import { node } from './harness';

vi.mock('n8n-workflow', async (importOriginal) => {
  const actual = await importOriginal<typeof import('n8n-workflow')>();
  return { ...actual, sleep: async (ms: number, signal?: AbortSignal) => await actual.sleep(Math.min(ms, 20), signal) };
});

const API_KEY = 'sk_echo_api_key_7f3a9c';
const SIGNING_SECRET = 'whsec_echo_signing_4d2e81';
const TRIGGER_SECRET = 'whsec_echo_trigger_b61c07';
const RESUME_TOKEN = 'resumetoken9e4f2a';
const EXECUTION = 'exec-echo-1';
const WAIT_SECRET = deriveWebhookSecret(API_KEY, 'n8n-wait', EXECUTION);
const RESUME_URL = `https://n8n.example/webhook-waiting/${EXECUTION}?signature=${RESUME_TOKEN}`;
const SECRETS = { API_KEY, SIGNING_SECRET, TRIGGER_SECRET, RESUME_TOKEN, WAIT_SECRET };
const MP4 = readFileSync(SAMPLE_MP4_PATH);
const VIDEO_ID = 101;
/** A video the server refuses every call about. */
const FAILING_ID = 666;

/** Everything the server was sent, to prove the secrets did reach it (else the scan proves nothing). */
const received: string[] = [];
let server: Server;
let baseUrl = '';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

/** Credential-named keys at the top level and inside free-form objects the node copies. */
function planted(echo: Record<string, unknown>) {
  const leak = { secret: SIGNING_SECRET, api_key: API_KEY, token: RESUME_TOKEN, Authorization: `Bearer ${API_KEY}` };
  return {
    ...leak,
    echo,
    assets: { ...leak, slides: [{ ...leak, index: 0 }] },
    timing: { ...leak },
    story_progress: { ...leak },
    background_selection_summary: { ...leak },
    retention: { ...leak },
    warnings: [{ code: 'w', ...leak }],
    pipeline_error: null,
    control_urls: { poll: `${baseUrl}/poll`, ...leak },
  };
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const path = (req.url ?? '/').split('?')[0]!;
  received.push(raw, JSON.stringify(req.headers), req.url ?? '');
  if (path === '/render.mp4') {
    res.writeHead(200, { 'content-type': 'video/mp4' }).end(MP4);
    return;
  }
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    body = { raw };
  }
  const echo = { method: req.method, path, headers: req.headers, body };
  if (path.includes(`/${FAILING_ID}`)) {
    // A refusal whose details repeat the request back.
    const error = { code: 'validation_failed', message: 'Refused.', details: { field: 'x', ...planted(echo) } };
    res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ error, ...planted(echo) }));
    return;
  }
  const json = {
    ...planted(echo),
    // What each operation parses: a completed video with a render, ids, lists, a script, an estimate.
    request_id: 'req_echo',
    video_id: VIDEO_ID,
    pipeline_run_id: 'run-echo',
    template: 'rants',
    status: 'completed',
    progress_percent: 100,
    render: { render_url: `${baseUrl}/render.mp4?signature=download`, ...planted(echo) },
    // Repeated as received: the wait secret and resume URL of a Wait via webhook create, the signing secret of Send Webhook.
    webhook: body.webhook,
    asset_id: 7,
    asset: { id: 7, ...planted(echo) },
    id: 7,
    folders: [{ id: 1, ...planted(echo) }],
    voice_actors: [{ id: 3, name: 'V', ...planted(echo) }],
    items: [{ id: 4, ...planted(echo) }],
    sources: [{ key: 'k', ...planted(echo) }],
    reference_images: [{ asset_id: 7, ...planted(echo) }],
    character_sources: [{ id: 5, ...planted(echo) }],
    outro_sources: [{ key: 'o', ...planted(echo) }],
    slides: [{ slide_index: 0, estimated_credits: 1, ...planted(echo) }],
    script: { intro: 'x', updated_at: '2026-01-01T00:00:00Z', ...planted(echo) },
    outro: { text: 'x', ...planted(echo) },
    ctas: [{ text: 'c', ...planted(echo) }],
    estimated_credits: 1,
    credits: 1,
    ready: true,
    ok: true,
  };
  res.writeHead(200, { 'content-type': 'application/json', etag: '"e1"' }).end(JSON.stringify(json));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    answer(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function credentials(): ContextOptions['credentials'] {
  return {
    trendingApi: { apiKey: API_KEY, baseUrl },
    trendingWebhookSigningApi: { secret: SIGNING_SECRET },
    trendingSignedTriggerApi: { triggerId: 'trg_echo', secret: TRIGGER_SECRET, baseUrl },
  };
}

/** What of an item is stored: its JSON and its binary metadata (the MP4 bytes are the video, not a secret's place). */
function storedText(items: INodeExecutionData[]): string {
  return JSON.stringify(
    items.map((item) => ({
      json: item.json,
      binary: Object.fromEntries(
        Object.entries(item.binary ?? {}).map(([name, { data: _bytes, ...meta }]) => [name, meta]),
      ),
    })),
  );
}

function leaksIn(items: INodeExecutionData[]): string[] {
  const text = storedText(items);
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const videoId = String(VIDEO_ID);

/** Parameters per operation (every operation the node's description offers must be here). */
const RUNS: Record<string, INodeParameters[]> = {
  'account.checkReadiness': [{ template: 'rants', request: '{"preview_only": true}' }],
  'account.estimateCost': [{ template: 'story', request: '{"preview_only": true}' }],
  'library.listFolders': [{}],
  'library.checkFolderCoverage': [{ coverageTemplate: 'dmstory', coverageOptions: { required_count: 3 } }],
  'library.uploadVideo': [{ binaryPropertyName: 'clip', uploadOptions: { name: 'Waves' } }],
  'library.getUpload': [{ assetId: '7' }],
  'library.importVideoUrl': [{ videoUrl: 'https://example.com/clip.mp4' }],
  'voiceActor.list': [{}],
  'voiceActor.favorite': [{ voiceActorId: '3', favorite: true, favoriteTemplate: 'list' }],
  'signedTrigger.startVideo': [{ videoType: 'rants', triggerPreviewOnly: true }],
  'video.create': [
    { previewOnly: true },
    { previewOnly: true, sendWebhook: true, webhookUrl: 'https://hooks.example/trending?token=abc' },
    { previewOnly: true, waitMode: 'polling', download: true },
  ],
  'video.get': [{ videoId, download: true }],
  'video.render': [{ videoId }, { videoId, waitMode: 'polling', download: true }],
  'video.abort': [{ videoId }],
  'story.listCharacterSources': [{}],
  'story.listReferenceImages': [{}],
  'story.listOutroSources': [{}],
  'story.uploadReferenceImage': [
    { imageSource: 'binary', binaryPropertyName: 'data', imageName: 'Logo' },
    { imageSource: 'url', sourceUrl: 'https://example.com/mascot.png', imageName: 'Mascot' },
  ],
  'story.getOutro': [{ videoId }],
  'story.updateOutro': [{ videoId, outro: { text: 'Now.', speaker: 'auto', enabled: true } }],
  'story.generateOutroImage': [{ videoId }],
  'story.listSlideAnimations': [{ videoId }],
  'story.animateSlide': [{ videoId, slideIndex: 0, maxCredits: 1000 }],
  'story.deleteSlideAnimation': [{ videoId, slideIndex: 0 }],
  'list.getScript': [{ videoId }],
  'list.updateScript': [
    { videoId, script: JSON.stringify({ intro: 'Hi.' }), conflictCheck: 'none', method: 'PATCH', resetAudio: true },
  ],
  'list.suggestCtas': [{ videoId }],
  'list.applyCtas': [{ videoId, replaceExisting: true }],
};

/** (resource, operation) pairs the node offers; template resources collapse to "video" for Get/Render/Abort/Create. */
function offeredOperations(): string[] {
  const names = new Set<string>();
  for (const property of node.description.properties as INodeProperties[]) {
    if (property.name !== 'operation') continue;
    for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
      for (const option of property.options ?? []) {
        const operation = String((option as { value: unknown }).value);
        const shared = ['create', 'get', 'render', 'abort'].includes(operation);
        names.add(shared ? `video.${operation}` : `${resource}.${operation}`);
      }
    }
  }
  return [...names].sort();
}

function inputItems(name: string): INodeExecutionData[] {
  if (name === 'library.uploadVideo') {
    return [{ json: {}, binary: { clip: { data: MP4.toString('base64'), mimeType: 'video/mp4', fileName: 'w.mp4' } } }];
  }
  if (name === 'story.uploadReferenceImage') {
    return [{ json: {}, binary: { data: { data: PNG, mimeType: 'image/png', fileName: 'logo.png' } } }];
  }
  return [{ json: {} }];
}

async function runOperation(name: string, parameters: INodeParameters): Promise<INodeExecutionData[]> {
  const [resource, operation] = name.split('.') as [string, string];
  const ctx = executeContext({
    nodeType: node,
    parameters: { resource: resource === 'video' ? 'rants' : resource, operation, ...parameters },
    credentials: credentials(),
    items: inputItems(name),
  });
  const [items] = await node.execute.call(ctx);
  return items ?? [];
}

describe('an API that echoes everything back', () => {
  it('refusals that repeat the request back: no secret in the Continue On Fail items', async () => {
    const failing = {
      get: 'rants',
      render: 'rants',
      abort: 'rants',
      getOutro: 'story',
      listSlideAnimations: 'story',
      getScript: 'list',
    };
    for (const [operation, resource] of Object.entries(failing)) {
      const ctx = executeContext({
        nodeType: node,
        parameters: { resource, operation, videoId: String(FAILING_ID) },
        credentials: credentials(),
        continueOnFail: true,
      });
      const [items] = await node.execute.call(ctx);
      expect(items?.[0]?.json.error, operation).toMatchObject({ code: 'validation_failed', details: { field: 'x' } });
      expect(leaksIn(items ?? []), operation).toEqual([]);
    }
  });

  it('no secret reaches any output item of any operation, the resume call or the trigger', async () => {
    const covered: string[] = [];
    const leaks: Record<string, string[]> = {};
    const record = (label: string, items: INodeExecutionData[]) => {
      expect(items.length, label).toBeGreaterThan(0);
      covered.push(label);
      const found = leaksIn(items);
      if (found.length > 0) leaks[label] = found;
    };

    expect(Object.keys(RUNS).sort()).toEqual(offeredOperations());
    for (const [name, runs] of Object.entries(RUNS)) {
      for (const [index, parameters] of runs.entries())
        record(`${name}#${index}`, await runOperation(name, parameters));
    }

    // Create with Wait via webhook: parks (its items are the accepted answers), then the resume call ends it.
    const execution = newExecution(EXECUTION);
    const parked = executeContext({
      nodeType: node,
      parameters: { resource: 'rants', operation: 'create', previewOnly: true, waitMode: 'webhook', download: true },
      credentials: credentials(),
      execution,
      resumeUrl: RESUME_URL,
    });
    const [parkedItems] = await node.execute.call(parked);
    record('video.create (wait via webhook)', parkedItems ?? []);
    expect(execution.waitTill).toBeInstanceOf(Date);

    const delivery = (secret: string, extra: Record<string, unknown> = {}) => {
      const raw = JSON.stringify({
        event: 'trending.rants.v001.completed',
        video_id: VIDEO_ID,
        template: 'rants',
        status: 'completed',
        ...planted({}),
        webhook: { url: RESUME_URL, secret },
        ...extra,
      });
      return {
        rawBody: Buffer.from(raw),
        headers: { ...signWebhookDelivery(secret, Date.now(), raw), 'content-type': 'application/json' },
      };
    };
    const resume = webhookContext(
      {
        nodeType: node,
        parameters: { resource: 'rants', operation: 'create', waitMode: 'webhook', download: true },
        credentials: credentials(),
      },
      execution,
      delivery(WAIT_SECRET),
    );
    record('resume call', (await node.webhook!.call(resume)).workflowData?.[0] ?? []);

    const trigger = new TrendingTrigger();
    const triggered = webhookContext(
      {
        nodeType: trigger,
        nodeTypeName: 'n8n-nodes-trending.trendingTrigger',
        parameters: { fetchFinalStatus: true, download: true },
        credentials: credentials(),
      },
      newExecution('trigger-echo'),
      delivery(SIGNING_SECRET),
    );
    const triggerItems = (await trigger.webhook.call(triggered)).workflowData?.[0] ?? [];
    expect(triggerItems[0]?.json.final_status).toMatchObject({ status: 'completed', video_id: VIDEO_ID });
    record('trigger (Fetch Final Status)', triggerItems);

    // The secrets did reach the API, so their absence from the output is the node's doing.
    const sent = received.join('\n');
    for (const secret of [API_KEY, SIGNING_SECRET, WAIT_SECRET, RESUME_TOKEN]) expect(sent).toContain(secret);

    expect(leaks).toEqual({});
    expect(covered.length).toBeGreaterThanOrEqual(Object.keys(RUNS).length + 3);
    console.info(`echo-secrets: ${covered.length} runs over ${Object.keys(RUNS).length + 2} operations, 0 leaks`);
  });
});

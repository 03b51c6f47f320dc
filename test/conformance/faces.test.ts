/**
 * Runner (c): each face's input layer. A template-create case becomes that face's inputs (named the way the face names
 * them: n8n parameters from fieldBindings, Zapier input keys = catalogue paths, CLI --set/--body flags), the face
 * builds the body, and the request goes out through core's client on the production base URL to a recording
 * transport. A documented-valid request must be sent, with the case's fields as the case has them; a documented-invalid
 * one must be refused before it is sent, with a message naming the field. What a face cannot express is listed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TrendingClient, findField, flattenBody, getTemplate, type FieldSpec, type TemplateId } from '@trending/core';
import type { INodeParameters } from 'n8n-workflow';

import { bodyFromFlags } from '../../packages/cli/src/body';
import { bodyFromInput, userFields } from '../../packages/zapier/src/fields';
import { Trending } from '../../nodes/Trending/Trending.node';
import { camelCase, fieldBindings } from '../../nodes/Trending/helpers/fields';
import { executeContext } from '../n8n-unit/context';
import type { CreateCase, Expectation } from './case';
import { ALL_CASES } from './cases';
import { byKind, recordingTransport, type Skips } from './runners/shared';

type Face = 'n8n' | 'zapier' | 'cli';

interface Outcome {
  /** The body that went out, if anything did. */
  sent?: Record<string, unknown>;
  /** The refusal's text (message and description). */
  refusal?: string;
}

const skipped: Record<Face, Skips> = { n8n: new Map(), zapier: new Map(), cli: new Map() };

/** Null means "not set" in the reference's own examples; a face has no way to send it, and need not. */
function withoutNulls(flat: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(flat).filter(([, v]) => v !== null));
}

function flatCase(c: CreateCase): Record<string, unknown> {
  return withoutNulls(flattenBody(c.body));
}

/** The case's fields a face offers an input for (by path, not alias), and the rest. */
function split(c: CreateCase, offered: (field: FieldSpec) => boolean) {
  const own: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flatCase(c))) {
    const field = getTemplate(c.template).fields.find((f) => f.path === path);
    if (field && offered(field)) own[path] = value;
    else rest[path] = value;
  }
  return { own, rest };
}

async function sendThroughClient(template: TemplateId, body: Record<string, unknown>): Promise<Outcome> {
  const transport = recordingTransport();
  const client = new TrendingClient({ baseUrl: '', apiKey: 'sk_test_pro', transport });
  try {
    await client.createVideo(template, body, { idempotencyKey: crypto.randomUUID() });
  } catch (error) {
    const e = error as Error & { details?: unknown };
    return { refusal: `${e.message} ${JSON.stringify(e.details ?? '')}` };
  }
  const request = transport.sent.find((r) => r.url.endsWith(`/api/v1/${template}/videos`));
  return { sent: request ? (JSON.parse(String(request.body)) as Record<string, unknown>) : undefined };
}

// ---- Zapier: inputData keyed by catalogue path (fields.ts), line items as arrays of objects; the webhook is the
// app's own (its callback URL), never a user input.

async function zapier(c: CreateCase): Promise<Outcome | string> {
  const { own, rest } = split(c, (f) => userFields(c.template).some((u) => u.path === f.path));
  const unexpressed = Object.keys(rest);
  if (unexpressed.length > 0) return `no Zapier input for ${unexpressed.join(', ')}`;
  const inputData: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(own)) inputData[path] = value;
  const { body, problems } = bodyFromInput(c.template, inputData);
  if (problems.length > 0) return { refusal: problems.join('\n') };
  return sendThroughClient(c.template, body);
}

// ---- CLI: catalogue fields as --set path=value (lists and objects as JSON) and the named flags; anything else in a
// --body file, as the CLI's help says.

const tmp = mkdtempSync(join(tmpdir(), 'conformance-cli-'));

async function cli(c: CreateCase): Promise<Outcome | string> {
  const { own, rest } = split(c, () => true);
  const set: string[] = [];
  const flags: Parameters<typeof bodyFromFlags>[1] = {};
  for (const [path, value] of Object.entries(own)) {
    if (path === 'prompt') flags.prompt = String(value);
    else if (path === 'name') flags.name = String(value);
    else if (path === 'preview_only' && value === true) flags.preview = true;
    else if (path === 'webhook.url') flags.webhookUrl = String(value);
    else if (path === 'webhook.secret') flags.webhookSecret = String(value);
    else if (path === 'webhook.events') flags.events = (value as string[]).join(',');
    else set.push(`${path}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  flags.set = set;
  if (Object.keys(rest).length > 0) {
    const file = join(tmp, `${c.id}.json`);
    writeFileSync(file, JSON.stringify(rest));
    flags.body = file;
  }
  let body: Record<string, unknown>;
  try {
    body = await bodyFromFlags(c.template, flags);
  } catch (error) {
    const e = error as Error & { details?: unknown };
    return { refusal: `${e.message} ${JSON.stringify(e.details ?? '')}` };
  }
  return sendThroughClient(c.template, body);
}

// ---- n8n: the Trending node itself, run by the fake n8n context (test/n8n-unit/context.ts) with its parameters
// from fieldBindings; fields it has no parameter for go in Options > Additional Body (JSON), its escape hatch.

const node = new Trending();

function n8nParameters(c: CreateCase): { parameters: INodeParameters; secret?: string } | string {
  const spec = getTemplate(c.template);
  const bindings = fieldBindings(spec);
  const flat = flatCase(c);
  const parameters: INodeParameters = { resource: c.template, operation: 'create' };
  const extra: Record<string, unknown> = {};
  let secret: string | undefined;
  for (const [path, value] of Object.entries(flat)) {
    const binding = bindings.find((b) => b.field.path === path);
    // A field shown only under a condition (displayOptions from onlyWhen/usedOnlyWhen) that the case does not meet
    // cannot be set in n8n's form: it goes in the escape hatch.
    const field = binding?.field as (FieldSpec & { usedOnlyWhen?: FieldSpec['onlyWhen'] }) | undefined;
    const condition = field?.onlyWhen ?? field?.usedOnlyWhen;
    const hidden = condition?.equals !== undefined && !condition.equals.includes(flat[condition.path] as never);
    if (!binding || hidden) {
      extra[path] = value;
    } else if (binding.kind === 'top') {
      parameters[binding.param] = value as never;
    } else if (binding.kind === 'collection') {
      const group = (parameters[binding.collection] ?? {}) as Record<string, unknown>;
      group[binding.option] =
        binding.field.type === 'object[]'
          ? {
              values: (value as Record<string, unknown>[]).map((item) =>
                Object.fromEntries(Object.entries(item).map(([k, v]) => [camelCase(k), v])),
              ),
            }
          : value;
      parameters[binding.collection] = group as never;
    } else if (binding.kind === 'webhookUrl') {
      parameters.sendWebhook = true;
      parameters.webhookUrl = value as string;
    } else if (binding.kind === 'webhookEvents') {
      parameters.webhookEvents = value as string[];
    } else {
      secret = value as string;
    }
  }
  // n8n signs every webhook with its Trending Webhook Signing credential: a case without a secret gets one, an extra
  // field the comparison (the case's own fields) does not look at.
  if (parameters.sendWebhook && secret === undefined) secret = 'n8n-credential-secret';
  if (Object.keys(extra).length > 0) {
    const additional: Record<string, unknown> = {};
    for (const [path, value] of Object.entries(extra)) {
      const parts = path.split('.');
      let at = additional;
      for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
      at[parts.at(-1) as string] = value;
    }
    parameters.options = { additionalBody: JSON.stringify(additional) };
  }
  return { parameters, secret };
}

async function n8n(c: CreateCase): Promise<Outcome | string> {
  const built = n8nParameters(c);
  if (typeof built === 'string') return built;
  const sent: { url: string; body: string }[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL, init?: RequestInit) => {
    sent.push({ url: String(url), body: String(init?.body ?? '') });
    return new Response(JSON.stringify({ video_id: 1, status: 'queued' }), {
      status: 202,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  try {
    const ctx = executeContext({
      nodeType: node,
      parameters: built.parameters,
      credentials: {
        trendingApi: { apiKey: 'sk_test_pro', baseUrl: '' },
        trendingWebhookSigningApi: { secret: built.secret ?? '' },
      },
    });
    // n8n's IExecuteFunctions.addExecutionHints (the node shows core's warnings there); the shared fake context
    // predates the node's use of it.
    Object.assign(ctx, { addExecutionHints: () => undefined });
    await node.execute.call(ctx);
  } catch (error) {
    const e = error as Error & { description?: string };
    return { refusal: `${e.message} ${e.description ?? ''}` };
  } finally {
    globalThis.fetch = realFetch;
  }
  const request = sent.find((r) => new URL(r.url).pathname === `/api/v1/${c.template}/videos`);
  return { sent: request ? (JSON.parse(request.body) as Record<string, unknown>) : undefined };
}

const FACES: Record<Face, (c: CreateCase) => Promise<Outcome | string>> = { n8n, zapier, cli };

function expectOutcome(c: CreateCase, outcome: Outcome, expectation: Expectation): void {
  if (expectation.outcome === 'accepted') {
    expect(outcome.refusal, 'a documented-valid request must not be refused').toBeUndefined();
    expect(outcome.sent, 'a documented-valid request must be sent').toBeDefined();
    const produced = flattenBody(outcome.sent ?? {});
    for (const [path, value] of Object.entries(flatCase(c))) {
      expect(produced[path], `${path} as the case sends it`).toEqual(value);
    }
    return;
  }
  expect(outcome.sent, 'a documented-invalid request must not be sent').toBeUndefined();
  expect(outcome.refusal).toBeDefined();
  const path = expectation.path;
  if (path !== undefined) {
    const field = findField(c.template, path.replace(/\[\d+\].*$/, ''));
    const names = [path, path.replace(/\[\d+\].*$/, ''), field?.label].filter((n): n is string => Boolean(n));
    expect(
      names.some((n) => outcome.refusal?.includes(n)),
      `the refusal names ${path}: ${outcome.refusal}`,
    ).toBe(true);
  }
}

const cases = byKind(ALL_CASES, 'create');

describe.each(Object.keys(FACES) as Face[])('face %s: create inputs', (face) => {
  const judged = cases.filter((c) => {
    if (c.decidedBy === 'account') return (skipped[face].set(c.id, 'depends on account state'), false);
    if (c.idempotencyKey !== undefined) {
      return (skipped[face].set(c.id, 'an Idempotency-Key header case: each face derives its own key'), false);
    }
    if (JSON.stringify(c.body).includes('{api_key}')) {
      return (skipped[face].set(c.id, 'an API key in the body: faces send the key as a header only'), false);
    }
    return true;
  });
  it.each(judged.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const outcome = await FACES[face](c);
    if (typeof outcome === 'string') {
      // Recorded, and reported after the run: the face has no input that can carry this case.
      skipped[face].set(c.id, outcome);
      return;
    }
    expectOutcome(c, outcome, c.expect);
  });
});

afterAll(() => {
  for (const face of Object.keys(skipped) as Face[]) {
    const lines = [...skipped[face]].map(([id, reason]) => `  ${id}: ${reason}`);
    console.info(`face ${face}: ${skipped[face].size} cases not expressed\n${lines.join('\n')}`);
  }
});

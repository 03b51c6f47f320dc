/**
 * API Request: any endpoint of Trending's API the other actions do not cover, as Zapier apps conventionally offer it
 * (method, path, query, JSON body; the connection's key; the answer as output). Core resolves the path against its
 * endpoint catalogue and sends it through the client every action uses (retry rules, the step's time budget, secret
 * scrubbing); only paths under /api/v1/ on Trending's own host are requested. A request that starts a video (an
 * endpoint that requires an Idempotency-Key) gets one derived like the app's other creates, so a replay starts
 * nothing twice.
 */
import { API_REQUEST_METHODS, canonicalJson, requestIdentity, resolveApiRequest } from '@trending/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard, inputError } from '../errors';
import { ADVANCED_GROUP } from '../fields';
import { IDEMPOTENCY_FIELD, idempotencyKeyFor } from '../idempotency';
import { apiRequesterFor } from '../transport';

/** Field labels by the names core's refusals use. */
const LABELS: Readonly<Record<string, string>> = {
  method: 'Method',
  path: 'Path',
  query: 'Query',
  body: 'Body',
  idempotencyKey: 'Idempotency Key',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Zapier's dict field: text values; empty keys and values are left out. */
function queryFrom(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const pairs = Object.entries(value).filter(([key, v]) => key.trim() !== '' && v !== undefined && v !== null);
  const query = Object.fromEntries(pairs.map(([key, v]) => [key.trim(), String(v)]).filter(([, v]) => v !== ''));
  return Object.keys(query).length > 0 ? query : undefined;
}

function bodyFrom(value: unknown, problems: string[]): unknown {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    problems.push(`Body must be JSON, such as {"preview_only": true} (${(error as Error).message})`);
    return undefined;
  }
}

async function perform(z: ZObject, bundle: Bundle) {
  const problems: string[] = [];
  const method = String(bundle.inputData.method ?? 'GET');
  const path = String(bundle.inputData.path ?? '');
  const query = queryFrom(bundle.inputData.query);
  const body = bodyFrom(bundle.inputData.body, problems);
  if (problems.length > 0) throw inputError(z, problems);
  const request = { method, path, query, body };
  // Resolved here too (the requester refuses the same way) to know whether the endpoint requires a key.
  const { resolved } = resolveApiRequest(request);
  const identity = `${canonicalJson(query ?? {})}|${isRecord(body) ? requestIdentity(body) : canonicalJson(body ?? null)}`;
  const idempotencyKey =
    resolved?.endpoint.idempotency === 'required'
      ? idempotencyKeyFor(bundle, ['api_request', resolved.endpoint.id, ...Object.values(resolved.params)], identity)
      : undefined;
  const answer = await apiRequesterFor(z, bundle).send(request, { idempotencyKey });
  return {
    status_code: answer.status,
    body: answer.body,
    request_id: answer.requestId ?? null,
    idempotency_key: idempotencyKey ?? null,
  };
}

export const apiRequest = defineCreate({
  key: 'api_request',
  noun: 'API Request',
  display: {
    label: 'API Request',
    description:
      "Calls any endpoint of Trending's API with this connection, for what the other actions do not cover. Outputs the status code and the answer.",
  },
  operation: {
    inputFields: [
      {
        key: 'method',
        label: 'Method',
        type: 'string',
        required: true,
        default: 'GET',
        choices: API_REQUEST_METHODS.map((value) => ({ value, label: value, sample: value })),
        helpText: "The HTTP method Trending's API reference gives for the endpoint.",
      },
      {
        key: 'path',
        label: 'Path',
        type: 'string',
        required: true,
        helpText:
          "The endpoint's path as the API reference writes it, its placeholders filled in: for example `/api/v1/voice-actors` or `/api/v1/story/videos/12345/outro`. " +
          "Only Trending's API is called, with this connection's API key: a full URL or another host is refused.",
      },
      {
        key: 'query',
        label: 'Query',
        dict: true,
        required: false,
        helpText: 'Query parameters, one per row (for example `page` and `2`).',
      },
      {
        key: 'body',
        label: 'Body',
        type: 'text',
        required: false,
        helpText: 'The JSON to send with POST, PUT or PATCH, as the API reference shows it. Leave empty to send none.',
      },
      {
        ...IDEMPOTENCY_FIELD,
        helpText:
          'Only for requests that start a video or a render. Leave empty: the key is derived from this Zap and the values above, so a replayed step never starts (or charges) a second one. ' +
          'To start a new one from identical values, map something unique from the trigger here.',
      },
    ],
    inputFieldGroups: [ADVANCED_GROUP],
    perform: guard(
      perform,
      () => (path) => LABELS[path],
      'If the request starts a video, it may have been started. Running this step again will not start or charge a second one: ' +
        'it sends the same Idempotency Key.',
    ),
    sample: {
      status_code: 200,
      body: { request_id: 'req_3f9d2c1b', voice_actors: [{ id: 233, name: 'Ava', gender: 'female' }] },
      request_id: 'req_3f9d2c1b',
      idempotency_key: null,
    },
    outputFields: [
      { key: 'status_code', label: 'Status Code', type: 'integer' },
      // The answer as the API reference documents each endpoint's; Zapier offers its parts to later steps.
      { key: 'body', label: 'Body' },
      { key: 'request_id', label: 'Request ID', type: 'string' },
      { key: 'idempotency_key', label: 'Idempotency Key', type: 'string' },
    ],
  },
});

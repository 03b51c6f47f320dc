/**
 * A small, faithful stand-in for the n8n contexts the nodes use (IExecuteFunctions, IWebhookFunctions,
 * ILoadOptionsFunctions): parameters are resolved with n8n-workflow's own NodeHelpers.getNodeParameters (defaults and
 * displayOptions as in n8n), credentials are applied the way the credential's `authenticate` says, and HTTP goes over
 * the network with fetch (to the real Trending simulator). Every HTTP request is recorded for assertions.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

import type {
  IBinaryData,
  ICredentialDataDecryptedObject,
  IDataObject,
  IExecuteFunctions,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
  INodeExecutionData,
  INodeParameters,
  INodeType,
  INodeTypes,
  IWebhookFunctions,
  IWorkflowDataProxyAdditionalKeys,
  NodeExecutionHint,
} from 'n8n-workflow';
import { NodeHelpers, NodeOperationError, Workflow } from 'n8n-workflow';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  authenticated: boolean;
  body?: string;
  /** performance.now() when the request was sent and when its answer (headers) came back. */
  startedAt: number;
  endedAt?: number;
  /** The answer's HTTP status. */
  status?: number;
}

/** The most requests that were in flight at the same moment. */
export function maxInFlight(requests: readonly RecordedRequest[]): number {
  const edges = requests.flatMap((r) => [
    [r.startedAt, 1],
    [r.endedAt ?? Number.POSITIVE_INFINITY, -1],
  ]);
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let current = 0;
  let max = 0;
  for (const [, delta] of edges) max = Math.max(max, (current += delta!));
  return max;
}

/** What n8n keeps for one execution between its parts (execute, park, resume). */
export interface ExecutionState {
  executionId: string;
  customData: Record<string, string>;
  /** What n8n would have logged as an error while custom data was set (values over 255 characters). */
  customDataErrors: string[];
  staticData: IDataObject;
  /** getContext's store (runExecutionData.executionData.contextData), which n8n's Retry copies into the new execution. */
  contextData: Record<string, IDataObject>;
  waitTill?: Date;
}

export function newExecution(executionId = `exec-${Math.random().toString(36).slice(2, 10)}`): ExecutionState {
  return { executionId, customData: {}, customDataErrors: [], staticData: {}, contextData: {} };
}

/**
 * n8n-core 2.41's execution custom data (execution-metadata.js): at most 10 keys per execution (a new key beyond that
 * is silently dropped), keys of letters, digits and underscores (else an error, thrown in manual mode), keys cut to 50
 * characters, values cut to 512 characters, and an error logged for any value over 255 characters.
 */
export const CUSTOM_DATA_LIMITS = { keys: 10, keyLength: 50, valueLength: 512, loggedValueLength: 255 } as const;

function customDataOf(execution: ExecutionState) {
  const set = (key: string, value: unknown) => {
    if (!(key in execution.customData) && Object.keys(execution.customData).length >= CUSTOM_DATA_LIMITS.keys) return;
    if (typeof key !== 'string' || key.replace(/[\p{L}\p{N}\p{M}_]/gu, '').length !== 0) {
      throw new Error(`Custom data key can only contain letters, numbers, and underscores (key "${String(key)}")`);
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
      throw new Error(`Custom data value of key "${key}" must be a string or number`);
    }
    const text = String(value);
    if (text.length > CUSTOM_DATA_LIMITS.loggedValueLength) {
      execution.customDataErrors.push(`Custom data value over 512 characters long (key "${key}", ${text.length})`);
    }
    execution.customData[key.slice(0, CUSTOM_DATA_LIMITS.keyLength)] = text.slice(0, CUSTOM_DATA_LIMITS.valueLength);
  };
  return {
    set,
    setAll: (values: Record<string, string>) => {
      for (const [key, value] of Object.entries(values)) set(key, value);
    },
    get: (key: string) => execution.customData[String(key).slice(0, CUSTOM_DATA_LIMITS.keyLength)],
    getAll: () => ({ ...execution.customData }),
  };
}

export interface ContextOptions {
  nodeType: INodeType;
  nodeTypeName?: string;
  parameters: INodeParameters | ((itemIndex: number) => INodeParameters);
  items?: INodeExecutionData[];
  credentials?: Record<string, ICredentialDataDecryptedObject>;
  continueOnFail?: boolean;
  execution?: ExecutionState;
  workflowId?: string;
  nodeName?: string;
  nodeId?: string;
  resumeUrl?: string;
  /** $runIndex: which run of the node in its execution (Loop Over Items runs it again per batch). */
  runIndex?: number;
  requests?: RecordedRequest[];
  signal?: AbortSignal;
}

function lowerHeaders(headers: IDataObject | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = String(v);
  return out;
}

function bodyOf(body: IHttpRequestOptions['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  return JSON.stringify(body);
}

async function httpRequest(
  options: IHttpRequestOptions,
  requests: RecordedRequest[],
  authorization: string | undefined,
): Promise<unknown> {
  const headers = lowerHeaders(options.headers);
  if (authorization) headers.authorization = authorization;
  const body = bodyOf(options.body);
  const recorded: RecordedRequest = {
    url: options.url,
    method: options.method ?? 'GET',
    headers,
    authenticated: authorization !== undefined,
    body: typeof body === 'string' ? body : undefined,
    startedAt: performance.now(),
  };
  requests.push(recorded);
  const signals = [
    options.abortSignal as AbortSignal | undefined,
    options.timeout ? AbortSignal.timeout(options.timeout) : undefined,
  ];
  const res = await fetch(options.url, {
    method: options.method ?? 'GET',
    headers,
    body,
    signal: AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined)),
  }).finally(() => {
    recorded.endedAt = performance.now();
  });
  recorded.status = res.status;
  if (!res.ok && !options.ignoreHttpStatusErrors) {
    throw new Error(`Request failed with status code ${res.status}`);
  }
  let data: unknown;
  if (options.encoding === 'stream') data = res.body ? Readable.fromWeb(res.body as never) : Readable.from([]);
  else if (options.encoding === 'arraybuffer') data = Buffer.from(await res.arrayBuffer());
  else {
    const text = await res.text();
    try {
      data = options.json === false ? text : JSON.parse(text);
    } catch {
      data = text;
    }
  }
  recorded.endedAt = performance.now();
  if (!options.returnFullResponse) return data;
  return { statusCode: res.status, headers: Object.fromEntries(res.headers.entries()), body: data };
}

async function toBuffer(data: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(data)) return data;
  const chunks: Buffer[] = [];
  for await (const chunk of data) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function helpersFor(options: ContextOptions, items: INodeExecutionData[]) {
  const requests = options.requests ?? [];
  const credentials = options.credentials ?? {};
  return {
    async httpRequest(request: IHttpRequestOptions) {
      return await httpRequest(request, requests, undefined);
    },
    async httpRequestWithAuthentication(type: string, request: IHttpRequestOptions) {
      const credential = credentials[type];
      if (!credential) throw new Error(`Node does not have any credentials set for "${type}"`);
      // The Trending API credential's `authenticate`: Authorization: Bearer {{$credentials.apiKey}}.
      return await httpRequest(request, requests, `Bearer ${String(credential.apiKey)}`);
    },
    async prepareBinaryData(data: Buffer | Readable, fileName?: string, mimeType?: string): Promise<IBinaryData> {
      const buffer = await toBuffer(data);
      return {
        data: buffer.toString('base64'),
        mimeType: mimeType ?? 'application/octet-stream',
        fileName,
        fileSize: String(buffer.length),
        fileExtension: fileName?.split('.').pop(),
      };
    },
    assertBinaryData(itemIndex: number, property: string): IBinaryData {
      const binary = items[itemIndex]?.binary?.[property];
      if (!binary)
        throw new Error(`This operation expects the node's input data to contain a binary file '${property}'`);
      return binary;
    },
    async getBinaryDataBuffer(itemIndex: number, property: string): Promise<Buffer> {
      const binary = items[itemIndex]?.binary?.[property];
      if (!binary) throw new Error(`No binary data '${property}'`);
      return Buffer.from(binary.data, 'base64');
    },
    returnJsonArray(data: IDataObject | IDataObject[]) {
      return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
    },
  };
}

function resolveParameters(options: ContextOptions, itemIndex: number): INodeParameters {
  const raw = typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
  const description = options.nodeType.description;
  return NodeHelpers.getNodeParameters(description.properties, raw, true, false, { typeVersion: 1 }, description) ?? {};
}

function getPath(source: unknown, path: string): unknown {
  let current = source;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function base(options: ContextOptions, execution: ExecutionState) {
  const node = {
    id: options.nodeId ?? '3f1a2b4c-5d6e-4f70-8a91-b2c3d4e5f607',
    name: options.nodeName ?? 'Trending',
    type: options.nodeTypeName ?? 'n8n-nodes-trending.trending',
    typeVersion: 1,
    position: [0, 0] as [number, number],
    parameters: resolveParameters(options, 0),
  };
  const credentials = options.credentials ?? {};
  return {
    node,
    getNode: () => ({ ...node }),
    getWorkflow: () => ({ id: options.workflowId ?? 'wf-1', name: 'Test workflow', active: true }),
    getExecutionId: () => execution.executionId,
    getMode: () => 'manual' as const,
    getWorkflowStaticData: () => execution.staticData,
    // As n8n-workflow's NodeHelpers.getContext: 'flow' is shared by the execution's nodes, 'node' is keyed by name.
    getContext: (type: 'flow' | 'node') =>
      (execution.contextData[type === 'flow' ? 'flow' : `node:${node.name}`] ??= {}),
    async getCredentials(type: string) {
      const credential = credentials[type];
      if (!credential) {
        throw new NodeOperationError(node, `Node does not have any credentials set for "${type}"`);
      }
      return credential;
    },
    customData: customDataOf(execution),
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  };
}

export type FakeExecute = IExecuteFunctions & {
  execution: ExecutionState;
  requests: RecordedRequest[];
  /** What the node gave addExecutionHints, in order (n8n 2.41 shows them with the node's output). */
  hints: NodeExecutionHint[];
};

/** As n8n-core's getNodeParameter: an absent parameter without a fallback throws (n8n then fails the call). */
function parameterOrFallback(options: ContextOptions, name: string, fallback: unknown, itemIndex = 0): unknown {
  const value = getPath(resolveParameters(options, itemIndex), name);
  if (value !== undefined) return value;
  if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
  return fallback;
}

export function executeContext(options: ContextOptions): FakeExecute {
  const items = options.items ?? [{ json: {} }];
  const execution = options.execution ?? newExecution();
  const requests = options.requests ?? [];
  const withRequests = { ...options, requests };
  const hints: NodeExecutionHint[] = [];
  const context = {
    ...base(withRequests, execution),
    execution,
    requests,
    hints,
    addExecutionHints: (...added: NodeExecutionHint[]) => hints.push(...added),
    getInputData: () => items,
    getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
      parameterOrFallback(options, name, fallback, itemIndex),
    continueOnFail: () => options.continueOnFail ?? false,
    evaluateExpression(expression: string) {
      if (expression.includes('$execution.resumeUrl')) return options.resumeUrl;
      if (/^\{\{ *\$runIndex *\}\}$/.test(expression)) return options.runIndex ?? 0;
      throw new Error(`The fake context cannot evaluate ${expression}`);
    },
    async putExecutionToWait(waitTill: Date) {
      execution.waitTill = waitTill;
    },
    getExecutionCancelSignal: () => options.signal,
    helpers: helpersFor(withRequests, items),
  };
  return context as unknown as FakeExecute;
}

export function loadOptionsContext(options: ContextOptions): ILoadOptionsFunctions {
  const execution = newExecution();
  const requests = options.requests ?? [];
  return {
    ...base({ ...options, requests }, execution),
    getNodeParameter: (name: string, fallback?: unknown) => parameterOrFallback(options, name, fallback),
    helpers: helpersFor({ ...options, requests }, []),
  } as unknown as ILoadOptionsFunctions;
}

export interface CapturedResponse {
  status: number;
  body: unknown;
}

export interface WebhookRequestInput {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export type FakeWebhook = IWebhookFunctions & { response: CapturedResponse };

export function webhookContext(
  options: ContextOptions,
  execution: ExecutionState,
  request: WebhookRequestInput,
): FakeWebhook {
  const requests = options.requests ?? [];
  const response: CapturedResponse = { status: 0, body: undefined };
  const res = {
    headersSent: false,
    status(code: number) {
      response.status = code;
      return res;
    },
    json(body: unknown) {
      response.body = body;
      res.headersSent = true;
      return res;
    },
    send(body: unknown) {
      response.body = body;
      res.headersSent = true;
      return res;
    },
    end() {
      res.headersSent = true;
      return res;
    },
  };
  let parsed: unknown = {};
  try {
    parsed = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    parsed = {};
  }
  const req = { headers: request.headers, rawBody: request.rawBody, body: parsed, readRawBody: async () => {} };
  const context = {
    ...base({ ...options, requests }, execution),
    response,
    getNodeParameter: (name: string, fallback?: unknown) => parameterOrFallback(options, name, fallback),
    getRequestObject: () => req,
    getResponseObject: () => res,
    getBodyData: () => parsed,
    getHeaderData: () => request.headers,
    helpers: helpersFor({ ...options, requests }, []),
  };
  return context as unknown as FakeWebhook;
}

/** A loopback HTTP endpoint that hands each request (raw bytes and headers) to `handle`. */
export async function listen(
  handle: (request: WebhookRequestInput, path: string) => Promise<{ status: number; body: unknown }>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle({ rawBody: Buffer.concat(chunks), headers: req.headers }, req.url ?? '/').then(
        ({ status, body }) => {
          res.writeHead(status || 200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body ?? {}));
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: String(error) }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * An expression of a credential's declarative `test` request, resolved the way n8n 2.41's credential tester does
 * (routing-node.js: workflow.expression.getParameterValue with `$credentials` as an additional key), by n8n-workflow's
 * own expression engine.
 */
export function resolveCredentialExpression(
  nodeType: INodeType,
  expression: string,
  credentials: ICredentialDataDecryptedObject,
): unknown {
  const nodeTypes = {
    getByName: () => nodeType,
    getByNameAndVersion: () => nodeType,
    getKnownTypes: () => ({}),
  } as unknown as INodeTypes;
  const workflow = new Workflow({
    nodes: [{ id: 'temp', name: 'Temp-Node', type: 'temp', typeVersion: 1, position: [0, 0], parameters: {} }],
    connections: {},
    active: false,
    nodeTypes,
  });
  return workflow.expression.getParameterValue(expression, null, 0, 0, 'Temp-Node', [], 'internal', {
    $credentials: credentials,
  } as IWorkflowDataProxyAdditionalKeys);
}

/**
 * The HTTP face of the simulator: one place that applies chaos, size caps, authentication, plan gates, rate limits and
 * the error envelope (with `request_id` on every answer), then hands the request to its route.
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_API_KEYS, DEFAULT_TRIGGER } from './accounts';
import { accountForKey, enforcePlan, enforceRateLimit, headerApiKey, isMcpRequest, verifySignedTrigger } from './auth';
import type { ChaosDecision } from './chaos';
import { iso } from './clock';
import type { SimConfig, SimulatorOptions } from './config';
import { ApiError, ClientGone, maintenanceRetryAfter } from './errors';
import { readBody, jsonBody, type Ctx, type Reply } from './http';
import type { RequestLogEntry } from './requestlog';
import { documentedHeaders } from './conveniences';
import { Router } from './router';
import { MAX_REQUEST_BYTES } from './rules/limits';
import { accountRoutes } from './routes/account';
import { adminRoutes, createTrigger, upsertAccount, type AccountInput, type TriggerInput } from './routes/admin';
import { animationRoutes } from './routes/animations';
import { fileRoutes } from './routes/files';
import { libraryRoutes } from './routes/library';
import { listScriptRoutes } from './routes/listscript';
import { storyRoutes } from './routes/story';
import { videoRoutes } from './routes/videos';
import { voiceRoutes } from './routes/voices';
import { Sim } from './sim';

/** How often (wall clock) runs, side jobs and webhook retries are moved forward between requests. */
const TICK_MS = 10;

export interface SimulatorHandle {
  /** Base URL, e.g. http://127.0.0.1:4010 (no trailing slash). */
  url: string;
  port: number;
  /** The default accounts' API keys. */
  keys: typeof DEFAULT_API_KEYS;
  /** The default signed trigger (on the pro account). */
  trigger: typeof DEFAULT_TRIGGER;
  /** Same JSON as GET /_sim/state. */
  state(): Record<string, unknown>;
  /** Same entries as GET /_sim/requests (secrets redacted). */
  requests(): RequestLogEntry[];
  /** Partial update, same keys as POST /_sim/config; returns the new config. */
  configure(patch: Partial<SimConfig> | Record<string, unknown>): SimConfig;
  /** Back to the startup state (accounts, credits, config); clears videos, deliveries and the request log. */
  reset(): void;
  /** Moves the API clock forward by `seconds` and runs everything that became due. */
  advance(seconds: number): void;
  createTrigger(input?: TriggerInput): {
    trigger_id: string;
    secret: string;
    account_id: number;
    allowed_cidrs: string[];
  };
  updateAccount(input: AccountInput): Record<string, unknown>;
  /** The live model, for assertions the JSON views do not cover. */
  sim: Sim;
  close(): Promise<void>;
}

function errorJson(e: ApiError): Reply {
  return {
    status: e.status,
    json: { error: { code: e.code, message: e.message, details: e.details } },
    headers: e.headers,
  };
}

function chaosError(status: 500 | 503): ApiError {
  return status === 503
    ? new ApiError(
        503,
        'service_unavailable',
        'Temporary service issue (simulated). Retry shortly.',
        { chaos: true },
        { 'retry-after': '1' },
      )
    : new ApiError(500, 'internal_error', 'Internal error (simulated).', { chaos: true });
}

async function authenticate(ctx: Ctx, auth: string): Promise<Record<string, string>> {
  const { sim } = ctx;
  if (auth === 'key' || auth === 'key-ungated') {
    ctx.account = accountForKey(ctx, headerApiKey(ctx));
    if (auth === 'key') enforcePlan(ctx, ctx.account);
    return enforceRateLimit(ctx, `key:${ctx.account.id}`);
  }
  if (auth === 'key-or-body') {
    let key = headerApiKey(ctx);
    if (key === undefined) {
      const fromBody = jsonBody(ctx).api_key;
      key = typeof fromBody === 'string' ? fromBody : undefined;
    }
    ctx.account = accountForKey(ctx, key);
    enforcePlan(ctx, ctx.account);
    return enforceRateLimit(ctx, `key:${ctx.account.id}`);
  }
  if (auth === 'signed') {
    ctx.trigger = verifySignedTrigger(ctx);
    ctx.account = sim.account(ctx.trigger.accountId);
    enforcePlan(ctx, ctx.account);
    return enforceRateLimit(ctx, `trigger:${ctx.trigger.id}`);
  }
  return {};
}

async function route(ctx: Ctx, router: Router): Promise<Reply> {
  const method = ctx.req.method ?? 'GET';
  const match = router.match(method, ctx.path);
  if ('allowed' in match) {
    if (match.allowed.length > 0) {
      throw new ApiError(
        405,
        'method_not_allowed',
        `${method} is not supported here.`,
        { allowed: [...new Set(match.allowed)] },
        {
          allow: [...new Set(match.allowed)].join(', '),
        },
      );
    }
    throw new ApiError(404, 'not_found', `No endpoint ${method} ${ctx.path}.`);
  }
  ctx.params = match.params;
  const { route: r } = match;
  if (ctx.path.startsWith('/api/') && ctx.sim.config.maintenance === 'all') {
    throw new ApiError(
      503,
      'service_unavailable',
      'The API is down for maintenance (simulated). Retry in a minute.',
      {
        scope: 'all',
        preview_only_available: false,
      },
      maintenanceRetryAfter(ctx.sim.config.speed),
    );
  }
  // Header credentials are checked before the body is read; body api_key and signatures need the raw body first.
  const early = r.auth === 'key' || r.auth === 'key-ungated';
  let headers = early ? await authenticate(ctx, r.auth) : {};
  if (r.body === 'json') {
    const raw = await readBody(ctx.req, MAX_REQUEST_BYTES.value);
    if (raw.tooLarge) {
      throw new ApiError(
        413,
        'request_too_large',
        `The request body is ${raw.size} bytes; the limit is ${MAX_REQUEST_BYTES.value} bytes (3 MB).`,
        {
          max_bytes: MAX_REQUEST_BYTES.value,
          received_bytes: raw.size,
        },
      );
    }
    ctx.body = raw.body;
  }
  if (!early) headers = await authenticate(ctx, r.auth);
  const reply = await r.handler(ctx);
  return { ...reply, headers: { ...headers, ...reply.headers } };
}

function newRequestId(): string {
  return `req_${randomBytes(10).toString('hex')}`;
}

/** The request target as a URL; null for one that does not parse (an absolute-form target with a broken host). */
function requestUrl(target: string): URL | null {
  try {
    return new URL(target, 'http://simulator.invalid');
  } catch {
    return null;
  }
}

async function handle(sim: Sim, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const requestId = newRequestId();
  const url = requestUrl(req.url ?? '/');
  if (!url) {
    req.resume();
    const reply = errorJson(new ApiError(400, 'bad_request', 'The request target is not a valid URL or path.'));
    await write(
      req,
      res,
      requestId,
      { ...reply, headers: documentedHeaders(sim.config, { 'x-request-id': requestId }) },
      0,
    );
    return;
  }
  const isApi = url.pathname.startsWith('/api/');
  const log = url.pathname.startsWith('/_sim/')
    ? null
    : sim.requestLog.start(requestId, req.method ?? 'GET', req.url ?? '/', req.headers, iso(sim.apiNow()));
  const ctx: Ctx = {
    sim,
    req,
    url,
    path: url.pathname,
    params: {},
    requestId,
    account: null,
    trigger: null,
    body: Buffer.alloc(0),
    base: sim.baseUrl,
    isMcp: isMcpRequest({ req } as Ctx),
  };
  let decision: ChaosDecision | null = null;
  let reply: Reply | null;
  try {
    if (isApi) {
      decision = sim.chaos.decide(sim.config.chaos);
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.errorStatus) throw chaosError(decision.errorStatus);
    }
    sim.tick();
    reply = await route(ctx, router);
  } catch (e) {
    if (e instanceof ApiError) reply = errorJson(e);
    else if (e instanceof ClientGone) reply = null;
    else {
      console.error(`[trending-sim] ${requestId} ${req.method} ${url.pathname}:`, e);
      reply = errorJson(new ApiError(500, 'internal_error', 'The simulator hit an unexpected error.'));
    }
  }
  if (log) {
    log.account_id = ctx.account?.id ?? null;
    log.trigger_id = ctx.trigger?.id ?? null;
    log.status = reply?.status ?? null;
    log.error_code = reply ? ((reply.json?.error as { code?: string } | undefined)?.code ?? null) : CLIENT_DISCONNECTED;
    log.duration_ms = Date.now() - started;
    log.chaos = describeChaos(decision);
  }
  // Whatever body is left is drained (and discarded), so the answer reaches a client that is still sending.
  if (!req.complete) req.resume();
  if (!reply) {
    res.destroy();
    return;
  }
  if (decision?.drop) {
    res.socket?.destroy();
    return;
  }
  const headers = documentedHeaders(sim.config, { 'x-request-id': requestId, ...reply.headers });
  await write(req, res, requestId, { ...reply, headers }, decision?.slowBody ? sim.config.chaos.slowBodyMs : 0);
}

function describeChaos(d: ChaosDecision | null): string | null {
  if (!d) return null;
  const parts = [
    d.latencyMs > 0 ? `latency ${d.latencyMs}ms` : '',
    d.errorStatus ? `error ${d.errorStatus}` : '',
    d.drop ? 'dropped' : '',
    d.slowBody ? 'slow body' : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

async function write(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  reply: Reply,
  slowMs: number,
): Promise<void> {
  let body: Buffer;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.file) {
    body = reply.file.data;
    headers['content-type'] = reply.file.contentType;
    if (reply.file.fileName) headers['content-disposition'] = `attachment; filename="${reply.file.fileName}"`;
  } else {
    body = Buffer.from(JSON.stringify({ request_id: requestId, ...reply.json }));
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(reply.status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (slowMs <= 0 || body.length < 2) {
    res.end(body);
    return;
  }
  const pieces = Math.min(10, body.length);
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < body.length; i += size) {
    if (res.destroyed) return;
    res.write(body.subarray(i, i + size));
    await sleep(slowMs / pieces);
  }
  res.end();
}

/** Request-log `error_code` of a request whose client went away before sending all of it (nothing was answered). */
export const CLIENT_DISCONNECTED = 'client_disconnected';

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'request_header_fields_too_large', 'The request headers are larger than 16 KB.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'request_too_large', 'The chunk extensions are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request was not received in time.'],
};

/**
 * A request Node's HTTP parser refused (bad chunked encoding, a bad Content-Length, huge headers, a request line that
 * is not HTTP): answered with the API's error envelope when nothing has been written on the connection yet, then the
 * connection is closed. A reset or vanished client just has its socket cleaned up.
 */
function onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const code = error.code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable || socket.bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const [status, errorCode, message] = CLIENT_ERRORS[code] ?? [
    400,
    'bad_request',
    'The request is not valid HTTP/1.1 (request line, headers, Content-Length or chunked encoding).',
  ];
  const requestId = newRequestId();
  const body = JSON.stringify({
    request_id: requestId,
    error: { code: errorCode, message, details: { parser: code } },
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
  // Whatever the client still sends is discarded until it sees the answer and closes.
  socket.resume();
  setTimeout(() => socket.destroy(), 2_000).unref();
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = new Sim(options);
  const router = new Router().add([
    ...adminRoutes,
    ...fileRoutes,
    ...accountRoutes,
    ...voiceRoutes,
    ...libraryRoutes,
    ...storyRoutes,
    ...animationRoutes,
    ...listScriptRoutes,
    ...videoRoutes,
  ]);
  // No server-side idle timeout on keep-alive connections (0 disables Node's 5 s default): only the client closes an
  // idle connection. A server-side close races with the client reusing the socket, and loses whenever the client's
  // event loop stalls past the timeout (a test building a 200 MB upload body in the same process as the simulator):
  // both timers are overdue, the client writes its request onto the pooled socket, the server's overdue timer then
  // destroys it with the request unread, and the client gets `read ECONNRESET`. close() still closes every connection.
  const server = createServer({ keepAliveTimeout: 0 }, (req, res) => {
    handle(sim, router, req, res).catch((e: unknown) => {
      console.error('[trending-sim] could not answer a request:', e instanceof Error ? e.message : e);
      res.destroy();
    });
  });
  server.on('clientError', onClientError);
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  // A wildcard bind is still reached over loopback, so links point there.
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  sim.baseUrl = url;
  let tickFailed = false;
  const timer = setInterval(() => {
    // A throw here would be an uncaught exception: the process would exit. Report it (once) and keep serving.
    try {
      sim.tick();
    } catch (e) {
      if (!tickFailed) console.error('[trending-sim] advancing the simulation failed:', e);
      tickFailed = true;
    }
  }, TICK_MS);
  timer.unref();
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    keys: DEFAULT_API_KEYS,
    trigger: DEFAULT_TRIGGER,
    state: () => sim.snapshot(),
    requests: () => sim.requestLog.list(),
    configure: (patch) => sim.configure(patch as Record<string, unknown>),
    reset: () => sim.reset(),
    advance: (seconds) => sim.advance(seconds),
    createTrigger: (input = {}) => createTrigger(sim, input) as ReturnType<SimulatorHandle['createTrigger']>,
    updateAccount: (input) => upsertAccount(sim, input),
    sim,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(timer);
        sim.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

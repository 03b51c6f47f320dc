/** The axios Transport: exact bytes out, raw text and lower-case headers back, and errors that carry no headers. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from '../src/transport';

let url: string;
let received: { method?: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 500);
    if (req.url === '/redirect') return void res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
    res.writeHead(req.url === '/limited' ? 429 : 200, {
      'Retry-After': '3',
      'X-Request-Id': 'req_1',
      'content-type': 'application/json',
    });
    res.end('  {"ok": true}\n');
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  received = [];
});

describe('createTransport', () => {
  const transport = createTransport();

  it('sends a JSON-looking string body byte for byte (axios would trim it) and returns the raw text', async () => {
    const body = '  {"prompt": "spaced"}\n\n';
    const res = await transport.request({
      method: 'POST',
      url: `${url}/x`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(received[0]!.body.toString('utf8')).toBe(body);
    expect(res).toMatchObject({ status: 200, body: '  {"ok": true}\n' });
    expect(res.headers['x-request-id']).toBe('req_1');
  });

  it('sends Uint8Array bodies unchanged', async () => {
    const bytes = new Uint8Array([0xe6, 0x97, 0xa5, 0x0a, 0x00, 0xff]);
    await transport.request({ method: 'PUT', url: `${url}/bytes`, headers: {}, body: bytes });
    expect([...received[0]!.body]).toEqual([...bytes]);
  });

  it('resolves (never rejects) for error statuses and does not follow redirects', async () => {
    const limited = await transport.request({ method: 'GET', url: `${url}/limited`, headers: {} });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('3');
    const redirect = await transport.request({
      method: 'GET',
      url: `${url}/redirect`,
      headers: { authorization: 'Bearer sk_never_forwarded' },
    });
    expect(redirect.status).toBe(302);
    expect(received).toHaveLength(2);
  });

  it('rejects a timeout as TimeoutError and a refused connection without the request headers', async () => {
    const slow = transport.request({ method: 'GET', url: `${url}/slow`, headers: {}, timeoutMs: 50 });
    await expect(slow).rejects.toMatchObject({ name: 'TimeoutError' });
    const refused = await transport
      .request({ method: 'GET', url: 'http://127.0.0.1:9/', headers: { authorization: 'Bearer sk_secret_in_header' } })
      .catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(JSON.stringify(refused, Object.getOwnPropertyNames(refused))).not.toContain('sk_secret_in_header');
    expect(Object.keys(refused as object)).not.toContain('config');
  });

  it('sleeps on a timer and stops early when its signal aborts', async () => {
    const started = Date.now();
    await transport.sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const sleeping = transport.sleep(10_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/**
 * A loopback HTTP proxy in front of the simulator that rewrites the JSON answers of create requests, to play an API
 * that answers differently from the simulator (no `webhook` echo, another spelling of the URL) without changing it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Gets a create answer (POST /api/v1/<template>/videos) and returns the JSON to answer instead. */
export type CreateAnswerRewrite = (answer: Record<string, unknown>) => Record<string, unknown>;

const CREATE_PATH = /^\/api\/v1\/[a-z]+\/videos\/?$/;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function createAnswerProxy(
  target: string,
  rewrite: CreateAnswerRewrite,
): Promise<{ url: string; close: () => Promise<void> }> {
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    const answer = await fetch(new URL(req.url ?? '/', target), {
      method: req.method,
      headers,
      body: body.length > 0 ? body : undefined,
    });
    let payload = Buffer.from(await answer.arrayBuffer());
    const path = new URL(req.url ?? '/', target).pathname;
    if (req.method === 'POST' && CREATE_PATH.test(path) && answer.ok) {
      payload = Buffer.from(JSON.stringify(rewrite(JSON.parse(payload.toString('utf8')))));
    }
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
    });
    res.writeHead(answer.status, { ...out, 'content-length': String(payload.length) });
    res.end(payload);
  };
  const server = createServer((req, res) => {
    forward(req, res).catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The create answer without the `webhook` echo the reference never promises. */
export const withoutWebhookEcho: CreateAnswerRewrite = ({ webhook: _webhook, ...rest }) => rest;

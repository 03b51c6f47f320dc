/** `trending webhook verify` exit codes and reasons, and `trending webhook listen` as a live receiver. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhookDelivery } from '@trending/core';
import { ensureBuilt, json, runCli, startCli } from './helpers';

const SECRET = 'whsec_cli_webhook_test_5c1e';
const OLD_SECRET = 'whsec_cli_webhook_old_77aa';
const PAYLOAD = JSON.stringify({
  event: 'trending.story.v001.completed',
  video_id: 10001,
  template: 'story',
  status: 'completed',
  render_url: 'http://127.0.0.1/render.mp4',
  error: null,
});

beforeAll(() => ensureBuilt());

function verifyArgs(headers: Record<string, string>, extra: string[] = []): string[] {
  return [
    'webhook',
    'verify',
    '--timestamp',
    headers['x-trending-timestamp']!,
    '--signature',
    headers['x-trending-signature-v1']!,
    ...extra,
  ];
}

describe('trending webhook verify', () => {
  it('exits 0 for a genuine delivery and names the event', async () => {
    const headers = signWebhookDelivery(SECRET, Date.now(), PAYLOAD);
    const result = await runCli([...verifyArgs(headers), '--secret', SECRET], { input: PAYLOAD, secrets: [SECRET] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('valid: trending.story.v001.completed (v1)');
  });

  it('exits 1 with signature_mismatch for a tampered body', async () => {
    const headers = signWebhookDelivery(SECRET, Date.now(), PAYLOAD);
    const tampered = PAYLOAD.replace('10001', '10002');
    const result = await runCli([...verifyArgs(headers), '--secret', SECRET, '--json'], {
      input: tampered,
      secrets: [SECRET],
    });
    expect(result.code).toBe(1);
    expect(json(result)).toMatchObject({ valid: false, reason: 'signature_mismatch' });
  });

  it('exits 1 with signature_mismatch for the wrong secret, and the reason on stderr', async () => {
    const headers = signWebhookDelivery('whsec_someone_else', Date.now(), PAYLOAD);
    const result = await runCli([...verifyArgs(headers), '--secret', SECRET], { input: PAYLOAD, secrets: [SECRET] });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^invalid: signature_mismatch: /m);
  });

  it('exits 1 with timestamp_too_old beyond 300 s, and accepts 290 s', async () => {
    const stale = signWebhookDelivery(SECRET, Date.now() - 301_000, PAYLOAD);
    const rejected = await runCli([...verifyArgs(stale), '--json'], {
      input: PAYLOAD,
      env: { TRENDING_WEBHOOK_SECRET: SECRET },
      secrets: [SECRET],
    });
    expect(rejected.code).toBe(1);
    expect(json(rejected)).toMatchObject({ valid: false, reason: 'timestamp_too_old' });
    const recent = signWebhookDelivery(SECRET, Date.now() - 290_000, PAYLOAD);
    const accepted = await runCli(verifyArgs(recent), {
      input: PAYLOAD,
      env: { TRENDING_WEBHOOK_SECRET: SECRET },
      secrets: [SECRET],
    });
    expect(accepted.code).toBe(0);
  });

  it('rejects a legacy-only signature unless --allow-legacy', async () => {
    const { 'x-trending-signature': legacy } = signWebhookDelivery(SECRET, Date.now(), PAYLOAD);
    const args = ['webhook', 'verify', '--secret', SECRET, '--legacy-signature', legacy];
    const rejected = await runCli([...args, '--json'], { input: PAYLOAD, secrets: [SECRET] });
    expect(rejected.code).toBe(1);
    expect(json(rejected)).toMatchObject({ valid: false, reason: 'legacy_signature_not_allowed' });
    const allowed = await runCli([...args, '--allow-legacy', '--json'], { input: PAYLOAD, secrets: [SECRET] });
    expect(allowed.code).toBe(0);
    expect(json(allowed)).toMatchObject({ valid: true, scheme: 'legacy' });
  });

  it('accepts the previous secret during a rotation overlap and says so', async () => {
    const headers = signWebhookDelivery(OLD_SECRET, Date.now(), PAYLOAD);
    const result = await runCli([...verifyArgs(headers), '--secret', SECRET, '--secret', OLD_SECRET], {
      input: PAYLOAD,
      secrets: [SECRET, OLD_SECRET],
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('matched secret #2');
  });

  it('takes a comma-separated rotation list from TRENDING_WEBHOOK_SECRET', async () => {
    const headers = signWebhookDelivery(OLD_SECRET, Date.now(), PAYLOAD);
    const result = await runCli(verifyArgs(headers), {
      input: PAYLOAD,
      env: { TRENDING_WEBHOOK_SECRET: `${SECRET},${OLD_SECRET}` },
      secrets: [SECRET, OLD_SECRET],
    });
    expect(result.code).toBe(0);
  });

  it('is a usage error (exit 2) without a secret or a signature', async () => {
    expect(
      (await runCli(['webhook', 'verify', '--signature', 'sha256=00', '--timestamp', '1'], { input: PAYLOAD })).code,
    ).toBe(2);
    expect((await runCli(['webhook', 'verify', '--secret', SECRET], { input: PAYLOAD, secrets: [SECRET] })).code).toBe(
      2,
    );
  });
});

describe('trending webhook listen', () => {
  it('verifies, answers 401 to bad signatures, drops repeated deliveries, prints JSON lines and forwards', async () => {
    const forwarded: { headers: IncomingHttpHeaders; body: string }[] = [];
    const target = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => (body += d));
      req.on('end', () => {
        forwarded.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    const forwardUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;

    const listener = startCli(['webhook', 'listen', '--port', '0', '--count', '2', '--forward', forwardUrl], {
      env: { TRENDING_WEBHOOK_SECRET: SECRET },
      secrets: [SECRET],
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /listening on (http:\S+)/.exec(listener.output().stderr);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 50);
      listener.child.on('exit', () => reject(new Error(`listener exited: ${listener.output().stderr}`)));
    });

    const deliver = (body: string, secret: string, delivery: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-trending-delivery': delivery,
          'x-trending-event': JSON.parse(body).event,
          ...signWebhookDelivery(secret, Date.now(), body),
        },
        body,
      });

    const first = await deliver(PAYLOAD, SECRET, 'dlv_1');
    expect(first.status).toBe(200);
    const forged = await deliver(PAYLOAD, 'whsec_forger', 'dlv_forged');
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'signature_mismatch' });
    const repeat = await deliver(PAYLOAD, SECRET, 'dlv_1');
    expect(await repeat.json()).toMatchObject({ duplicate: true });
    const failed = JSON.stringify({
      event: 'trending.list.v001.failed',
      video_id: 10009,
      template: 'list',
      error: { code: 'render_failed' },
    });
    expect((await deliver(failed, SECRET, 'dlv_2')).status).toBe(200);

    const result = await listener.done;
    target.close();
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => [e.delivery_id, e.event])).toEqual([
      ['dlv_1', 'trending.story.v001.completed'],
      ['dlv_2', 'trending.list.v001.failed'],
    ]);
    expect(events[0]).toMatchObject({ scheme: 'v1', payload: { video_id: 10001 } });
    expect(result.stderr).toContain('rejected a delivery (401 signature_mismatch)');
    // Forwarded untouched: the same bytes and the signature headers, so the next hop can verify too.
    expect(forwarded.map((f) => f.body)).toEqual([PAYLOAD, failed]);
    expect(forwarded[0]!.headers['x-trending-signature-v1']).toMatch(/^sha256=/);
    expect(forwarded[0]!.headers['x-trending-delivery']).toBe('dlv_1');
  });
});

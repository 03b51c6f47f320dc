/** downloadFile against servers that stall: the download ends with an error naming the video, never hangs. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile } from '../src/download';

const dir = mkdtempSync(join(tmpdir(), 'trending-download-'));
const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/render.mp4`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const chunk = Buffer.alloc(1000, 7);

describe('downloadFile', () => {
  it('gives up on a server that stops sending half-way, naming the video, and leaves no file', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '5000' });
      res.write(chunk); // ...and then nothing more.
    });
    const path = join(dir, 'stalled.mp4');
    const started = Date.now();
    const error = await downloadFile(url, path, { what: 'story video 10001', idleTimeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'download_timeout',
      message: 'Downloading story video 10001: the server sent nothing for 0.3 s.',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('gives up on a server that never answers', async () => {
    const url = await serve(() => {
      // Accepts the request and never responds.
    });
    const path = join(dir, 'silent.mp4');
    const error = await downloadFile(url, path, { what: 'rants video 7', responseTimeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'download_timeout',
      message: 'Downloading rants video 7: no response within 0.3 s.',
    });
    expect(existsSync(path)).toBe(false);
  });

  it('finishes a slow download whose pauses are each shorter than the idle timeout', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(chunk);
        if (++sent === 12) {
          clearInterval(timer);
          res.end();
        }
      }, 200);
    });
    const path = join(dir, 'slow.mp4');
    // 12 chunks 200 ms apart: 2.4 s in all, longer than the idle timeout, which only limits each pause. Each pause is
    // a tenth of the timeout, so a loaded machine that delays a timer by a second still finishes.
    const started = Date.now();
    const file = await downloadFile(url, path, { idleTimeoutMs: 2_000 });
    expect(Date.now() - started).toBeGreaterThan(2_000);
    expect(file).toEqual({ path, bytes: 12_000 });
    expect(readFileSync(path).equals(Buffer.concat(Array.from({ length: 12 }, () => chunk)))).toBe(true);
  }, 15_000);

  it('still stops at once when the caller aborts', async () => {
    const url = await serve(() => {});
    const controller = new AbortController();
    const download = downloadFile(url, join(dir, 'aborted.mp4'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(download).rejects.toMatchObject({ name: 'CanceledError' });
  });
});

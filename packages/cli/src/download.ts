/**
 * Saving a rendered MP4. render_url is a short-lived signed URL, so it is fetched without the API key (a plain axios
 * instance, not the client's transport) and streamed to disk, never held in memory. A server that never answers, or
 * stops sending half-way, ends the download with an error naming the video instead of hanging the command.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import axios from 'axios';
import { TrendingError } from '@trending/core';

export interface DownloadedFile {
  path: string;
  bytes: number;
}

export interface DownloadOptions {
  /** Stops the download (Ctrl-C). */
  signal?: AbortSignal;
  /** What is downloaded, for errors: "story video 10001". */
  what?: string;
  /** From the request to the response headers, connecting included. */
  responseTimeoutMs?: number;
  /** The longest wait for the next bytes of the body. */
  idleTimeoutMs?: number;
}

export const DOWNLOAD_RESPONSE_TIMEOUT_MS = 30_000;
export const DOWNLOAD_IDLE_TIMEOUT_MS = 30_000;

const HINT = 'The render URL is short-lived: run the command again to fetch a fresh one.';

function timeoutError(what: string, problem: string): TrendingError {
  return new TrendingError({
    code: 'download_timeout',
    message: `Downloading ${what}: ${problem}.`,
    hint: HINT,
    retryable: true,
  });
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export async function downloadFile(url: string, path: string, options: DownloadOptions = {}): Promise<DownloadedFile> {
  const what = options.what ?? 'the render';
  const responseTimeoutMs = options.responseTimeoutMs ?? DOWNLOAD_RESPONSE_TIMEOUT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? DOWNLOAD_IDLE_TIMEOUT_MS;
  // One controller for the caller's signal and our own timeouts; `timedOut` tells the two apart afterwards.
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forwardAbort();
  else options.signal?.addEventListener('abort', forwardAbort, { once: true });
  let timedOut: TrendingError | undefined;

  try {
    const responseTimer = setTimeout(() => {
      timedOut = timeoutError(what, `no response within ${seconds(responseTimeoutMs)}`);
      controller.abort(timedOut);
    }, responseTimeoutMs);
    let res;
    try {
      res = await axios.get<Readable>(url, {
        responseType: 'stream',
        validateStatus: () => true,
        signal: controller.signal,
      });
    } catch (error) {
      throw timedOut ?? error;
    } finally {
      clearTimeout(responseTimer);
    }
    if (res.status !== 200) {
      res.data.resume();
      throw new TrendingError({
        code: 'download_failed',
        message: `Downloading ${what} answered HTTP ${res.status}.`,
        status: res.status,
        hint: HINT,
        retryable: res.status >= 500,
      });
    }
    await mkdir(dirname(path), { recursive: true });
    // A partial file under the final name would look like a finished video.
    const partial = `${path}.part`;
    const body = res.data;
    let idleTimer: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        timedOut = timeoutError(what, `the server sent nothing for ${seconds(idleTimeoutMs)}`);
        body.destroy(timedOut);
      }, idleTimeoutMs);
    };
    const watchdog = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        armIdle();
        done(null, chunk);
      },
    });
    try {
      armIdle();
      await pipeline(body, watchdog, createWriteStream(partial));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw timedOut ?? error;
    } finally {
      clearTimeout(idleTimer);
    }
  } finally {
    options.signal?.removeEventListener('abort', forwardAbort);
  }
  return { path, bytes: (await stat(path)).size };
}

/**
 * Saving a rendered MP4. render_url is a short-lived signed URL, so it is fetched without the API key (a plain axios
 * instance, not the client's transport) and streamed to disk, never held in memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import axios from 'axios';
import { TrendingError } from '@trending/core';

export interface DownloadedFile {
  path: string;
  bytes: number;
}

export async function downloadFile(url: string, path: string, signal?: AbortSignal): Promise<DownloadedFile> {
  const res = await axios.get<Readable>(url, { responseType: 'stream', validateStatus: () => true, signal });
  if (res.status !== 200) {
    res.data.resume();
    throw new TrendingError({
      code: 'download_failed',
      message: `Downloading the render answered HTTP ${res.status}.`,
      status: res.status,
      hint: 'The render URL is short-lived: run the command again to fetch a fresh one.',
      retryable: res.status >= 500,
    });
  }
  await mkdir(dirname(path), { recursive: true });
  // A partial file under the final name would look like a finished video.
  const partial = `${path}.part`;
  try {
    await pipeline(res.data, createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { path, bytes: (await stat(path)).size };
}

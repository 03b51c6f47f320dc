/**
 * String formats beyond a field's type: webhook URLs (https on 443 to a public host; loopback only for a dev API),
 * event patterns, https URLs and direct video-file URLs, with the host classes they need.
 */
import { LIBRARY_VIDEO_FILE } from '../catalogue/helpers';
import type { HelperFieldFormat } from '../catalogue/types';

const VIDEO_EXTENSIONS = LIBRARY_VIDEO_FILE.extensions;

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Loopback in every spelling the URL parser leaves: names, 127/8, ::1 and its IPv4-mapped forms. */
function isLoopbackHost(host: string): boolean {
  const v4 = mappedIpv4(host) ?? host;
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(v4) || host === '[::1]';
}

/**
 * `[::ffff:10.0.0.1]` reaches 10.0.0.1; the URL parser writes it `[::ffff:a00:1]`, so both spellings are read back
 * to dotted IPv4 and judged as IPv4.
 */
function mappedIpv4(host: string): string | undefined {
  const dotted = /^\[::ffff:(\d+\.\d+\.\d+\.\d+)\]$/i.exec(host);
  if (dotted) return dotted[1];
  const hex = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/i.exec(host);
  if (!hex) return undefined;
  const [high, low] = [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** "We reject loopback, private-network, metadata, .local, and .internal hosts" (loopback is judged apart). */
function isPrivateHost(host: string): boolean {
  const v4 = mappedIpv4(host) ?? host;
  return (
    /^(10|0)\./.test(v4) ||
    /^192\.168\./.test(v4) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(v4) ||
    /^169\.254\./.test(v4) ||
    /^\[(f[cd]|fe[89ab])/i.test(host) ||
    host === '[::]' ||
    host.endsWith('.local') ||
    host.endsWith('.internal')
  );
}

/** The reference lets a local dev host call back over loopback ("HTTP callbacks back to the configured Studio dev host"). */
export function isDevHost(baseUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(baseUrl).hostname.toLowerCase());
  } catch {
    return false;
  }
}

function webhookUrlProblem(text: string, devHost: boolean): string | undefined {
  const url = parseUrl(text);
  if (url === undefined) return 'must be an absolute URL such as https://example.com/webhooks/trending';
  const host = url.hostname.toLowerCase();
  if (isLoopbackHost(host)) {
    if (!devHost) {
      return `must be a public host: Trending rejects loopback addresses such as ${host}; use a public https:// address`;
    }
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must be an http(s) URL';
  }
  if (url.protocol !== 'https:') {
    return 'must use https:// (plain http is accepted only for loopback callbacks to a local dev API such as the simulator)';
  }
  if (url.port !== '') return `must use the standard https port 443, not ${url.port}`;
  if (isPrivateHost(host)) {
    return `must be a public host: Trending rejects private-network, metadata, .local and .internal hosts (got ${host})`;
  }
  return undefined;
}

const EVENT_PATTERN = /^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*$/;

export interface FormatOptions {
  /** The API is a loopback dev host (the simulator): loopback webhook URLs are allowed. */
  devHost?: boolean;
}

export function formatProblem(
  format: HelperFieldFormat,
  text: string,
  options: FormatOptions = {},
): string | undefined {
  switch (format) {
    case 'webhookUrl':
      return webhookUrlProblem(text, options.devHost === true);
    case 'eventPattern':
      return EVENT_PATTERN.test(text)
        ? undefined
        : `must be an event name or pattern such as trending.story.v001.* (got ${JSON.stringify(text)})`;
    case 'httpsUrl':
      return parseUrl(text)?.protocol === 'https:' ? undefined : 'must be an https:// URL';
    case 'videoUrl': {
      const url = parseUrl(text);
      if (url?.protocol !== 'https:') return 'must be a direct https:// URL to a video file';
      const extension = url.pathname.split('.').pop()?.toLowerCase() ?? '';
      return VIDEO_EXTENSIONS.includes(extension)
        ? undefined
        : `must point directly at a ${VIDEO_EXTENSIONS.map((e) => `.${e}`).join('/')} file (social posts and web pages are not supported)`;
    }
  }
}

/**
 * String formats beyond a field's type: webhook URLs (https on 443 to a public host; plain http only on loopback),
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

/** The local simulator and dev setups call back over plain http on these. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]';
}

/** Hosts the reference says the API refuses as webhook targets (besides loopback). */
function isPrivateHost(host: string): boolean {
  return (
    /^(10|0)\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^\[(f[cd]|fe[89ab])/i.test(host) ||
    host.endsWith('.local') ||
    host.endsWith('.internal')
  );
}

function webhookUrlProblem(text: string): string | undefined {
  const url = parseUrl(text);
  if (url === undefined) return 'must be an absolute URL such as https://example.com/webhooks/trending';
  const host = url.hostname.toLowerCase();
  if (isLoopbackHost(host)) {
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must be an http(s) URL';
  }
  if (url.protocol !== 'https:') {
    return 'must use https:// (plain http is accepted only for loopback development hosts such as the local simulator)';
  }
  if (url.port !== '') return `must use the standard https port 443, not ${url.port}`;
  if (isPrivateHost(host)) {
    return `must be a public host: the API rejects private-network, link-local/metadata, .local and .internal hosts (got ${host})`;
  }
  return undefined;
}

const EVENT_PATTERN = /^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*$/;

export function formatProblem(format: HelperFieldFormat, text: string): string | undefined {
  switch (format) {
    case 'webhookUrl':
      return webhookUrlProblem(text);
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

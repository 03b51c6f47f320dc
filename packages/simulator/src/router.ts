/**
 * A small route table: `:name` segments become params. Each route declares how it authenticates and how its body
 * is read, so the server applies auth, size caps, rate limits and chaos in one place.
 */
import type { Ctx, Reply } from './http';

export type AuthMode =
  /** API key from headers only, membership gates, rate limit. */
  | 'key'
  /** API key from headers, but plan gates are reported rather than enforced (readiness). */
  | 'key-ungated'
  /** API key from headers or the JSON body's api_key (triggers/videos only). */
  | 'key-or-body'
  /** Signed trigger headers over the raw body. */
  | 'signed'
  | 'none';

export interface Route {
  method: string;
  path: string;
  auth: AuthMode;
  /** `json`: the server reads (and caps) the body first; `stream`: the handler reads it (multipart uploads). */
  body: 'json' | 'stream' | 'none';
  handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

interface Compiled extends Route {
  segments: string[];
}

export class Router {
  private readonly routes: Compiled[] = [];

  add(routes: readonly Route[]): this {
    for (const r of routes) this.routes.push({ ...r, segments: r.path.split('/').filter(Boolean) });
    return this;
  }

  /** `allowed` lists the methods of routes whose path matched when the method did not (for 405). */
  match(method: string, path: string): { route: Compiled; params: Record<string, string> } | { allowed: string[] } {
    const parts = path.split('/').filter(Boolean);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
      allowed.push(route.method);
    }
    return { allowed };
  }
}

/** A final `*name` segment takes the rest of the path (at least one segment). */
function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  const rest = pattern[pattern.length - 1]?.startsWith('*') ? pattern.length - 1 : -1;
  if (rest >= 0 ? parts.length <= rest : pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? '';
    const v = parts[i] ?? '';
    if (i === rest) {
      params[p.slice(1)] = parts.slice(i).join('/');
      break;
    }
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return null;
      }
    } else if (p !== v) return null;
  }
  return params;
}

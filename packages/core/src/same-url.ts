/**
 * Whether two spellings of a URL address the same endpoint. The reference does not promise that a create answer
 * echoes a webhook URL in the exact characters it was sent, so an echo is compared as a URL: scheme and host case and
 * a default port (by the URL parser), percent-encoding (each path segment and query parameter decoded), query
 * parameter order and a trailing slash make no difference. The fragment never reaches a server and is left out.
 */

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function normalisedUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const segments = url.pathname.replace(/\/+$/, '').split('/').map(decoded);
  const query = [...url.searchParams].sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b)));
  return JSON.stringify([url.protocol, url.username, url.password, url.hostname, url.port, segments, query]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text that is not a URL on either side is compared as it is (trimmed). */
export function sameUrl(a: string, b: string): boolean {
  const [left, right] = [normalisedUrl(a), normalisedUrl(b)];
  return left !== undefined && right !== undefined ? left === right : a.trim() === b.trim();
}

/**
 * Whether two spellings of a URL address the same endpoint. The API echoes the webhook URL it keeps for a run, and
 * nothing in the reference promises it echoes the exact characters it was sent: a server may lowercase the host, drop
 * the default port, re-encode the path, reorder the query or add a trailing slash. So the echo is compared with the
 * callback URL after both are put in one canonical form.
 */

/** Decoded and re-encoded, so `%7E`, `%7e` and `~` are one spelling while an encoded `/` stays apart from a separator. */
function canonicalPart(part: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(part));
  } catch {
    return part;
  }
}

function canonical(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  // The URL parser already lowercases the scheme and host and drops the scheme's default port.
  const path = url.pathname.split('/').map(canonicalPart).join('/').replace(/\/+$/, '');
  const query = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) =>
      pair
        .split('=')
        .map((p) => canonicalPart(p.replace(/\+/g, ' ')))
        .join('='),
    )
    .sort()
    .join('&');
  // The fragment never reaches a server, so it is left out.
  return `${url.protocol}//${url.username}:${url.password}@${url.host}${path}?${query}`;
}

export function sameUrl(a: string, b: string): boolean {
  const [left, right] = [canonical(a), canonical(b)];
  return left !== undefined && right !== undefined ? left === right : a.trim() === b.trim();
}

/**
 * Where a run's webhook may point: "Webhook URL rules: use a public https:// endpoint on standard port 443 in
 * production. We reject loopback, private-network, metadata, .local, and .internal hosts. For local/dev smoke runs,
 * HTTP callbacks back to the configured Studio dev host are still allowed." Hosts are judged by name or literal
 * address only: the simulator resolves no DNS, so a public-looking name that resolves privately passes.
 */
import { BlockList, isIP } from 'node:net';
import type { Rule } from './rule';

const PUBLIC_HTTPS = 'use a public https:// endpoint on standard port 443 in production.';
const REJECTED_HOSTS = 'We reject loopback, private-network, metadata, .local, and .internal hosts.';
const DEV_HOST = 'For local/dev smoke runs, HTTP callbacks back to the configured Studio dev host are still allowed.';

/** The dev host the suites here point their receivers at: loopback, any port, http or https. */
export const DEFAULT_WEBHOOK_DEV_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

/** IPv4 ranges also match their IPv4-mapped IPv6 forms (::ffff:10.0.0.1), which BlockList checks itself. */
function blockList(ranges: readonly [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [net, prefix, family] of ranges) list.addSubnet(net, prefix, family);
  return list;
}

const LOOPBACK = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);

const PRIVATE_NETWORK = blockList([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
]);

/** Cloud metadata endpoints; the address is link-local too, the name ends in .internal too. */
const METADATA_HOSTS = ['169.254.169.254', 'metadata.google.internal'];

function normalHost(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

function addressIn(list: BlockList, host: string): boolean {
  const family = isIP(host);
  return family !== 0 && list.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why `url` may not receive webhooks, or undefined when it may. */
export function webhookUrlProblem(url: unknown, devHosts: readonly string[]): string | undefined {
  if (typeof url !== 'string') return 'must be a URL string';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute https:// URL';
  }
  const host = normalHost(parsed.hostname);
  const http = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  if (http && devHosts.some((dev) => normalHost(dev) === host)) return undefined;
  if (parsed.protocol !== 'https:') return 'must be an https:// URL';
  if (parsed.port !== '' && parsed.port !== '443') return 'must use the standard https port 443';
  if (METADATA_HOSTS.includes(host)) return 'must not point at a cloud metadata host';
  if (host === 'localhost' || host.endsWith('.localhost') || addressIn(LOOPBACK, host)) {
    return 'must not point at a loopback host';
  }
  if (addressIn(PRIVATE_NETWORK, host)) return 'must not point at a private-network or link-local address';
  if (host.endsWith('.local')) return 'must not point at a .local host';
  if (host.endsWith('.internal')) return 'must not point at an .internal host';
  return undefined;
}

export const WEBHOOK_RULES: readonly Rule[] = [
  {
    path: 'webhook.url',
    reference: `Webhook URL rules: ${PUBLIC_HTTPS} ${REJECTED_HOSTS} ${DEV_HOST}`,
    check: (value, _body, ctx) => webhookUrlProblem(value, ctx.webhookDevHosts),
  },
];

/**
 * webhook.url on a create body, judged as production judges it: "We reject loopback, private-network, metadata,
 * .local, and .internal hosts". A local/dev API (the simulator, on loopback) still allows callbacks to its own host.
 */
import { accepted, invalid, type CreateCase, type Expectation } from '../case';

const RULES = 'Webhook URL rules: use a public https:// endpoint on standard port 443 in production.';
const REJECT = 'We reject loopback, private-network, metadata, .local, and .internal hosts.';
const DEV_HOST = 'For local/dev smoke runs, HTTP callbacks back to the configured Studio dev host are still allowed.';

function url(id: string, reference: string, webhookUrl: string, expect: Expectation, onDevHost?: Expectation) {
  const out: CreateCase = {
    kind: 'create',
    id: `webhook-url.${id}`,
    template: 'story',
    body: { prompt: 'A short scary story about a hotel keycard.', webhook: { url: webhookUrl } },
    reference,
    expect,
  };
  if (onDevHost) out.onDevHost = onDevHost;
  return out;
}

const REFUSED = invalid('webhook.url');

export const webhookUrlCases: CreateCase[] = [
  url('public-https', RULES, 'https://example.com/webhooks/trending', accepted),
  url('public-https-443', RULES, 'https://example.com:443/webhooks/trending', accepted),
  url('public-http', RULES, 'http://example.com/webhooks/trending', REFUSED),
  url('public-other-port', RULES, 'https://example.com:8443/webhooks/trending', REFUSED),
  // Loopback is the dev host's own address: refused in production, allowed by a local/dev API.
  url('loopback-ipv4', REJECT, 'http://127.0.0.1:8080/webhooks/trending', REFUSED, accepted),
  url('loopback-localhost', REJECT, 'http://localhost:3000/webhooks/trending', REFUSED, accepted),
  url('loopback-https', REJECT, 'https://localhost/webhooks/trending', REFUSED, accepted),
  url('loopback-ipv6', REJECT, 'http://[::1]:8080/webhooks/trending', REFUSED, accepted),
  url('dev-host', DEV_HOST, 'http://127.0.0.1:4010/webhooks/trending', REFUSED, accepted),
  url('private-10', REJECT, 'https://10.0.0.5/webhooks/trending', REFUSED),
  url('private-192-168', REJECT, 'https://192.168.1.20/webhooks/trending', REFUSED),
  url('private-172-16', REJECT, 'https://172.16.0.1/webhooks/trending', REFUSED),
  url('metadata-ip', REJECT, 'https://169.254.169.254/latest/meta-data', REFUSED),
  url('metadata-internal', REJECT, 'https://metadata.google.internal/computeMetadata/v1', REFUSED),
  url('dot-local', REJECT, 'https://printer.local/webhooks/trending', REFUSED),
  url('dot-internal', REJECT, 'https://hooks.corp.internal/webhooks/trending', REFUSED),
];

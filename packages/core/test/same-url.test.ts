import { sameUrl } from '../src/same-url';

describe('sameUrl: a webhook echo against the URL that was sent', () => {
  const url = 'https://hooks.zapier.com/hooks/callback/123/abc~def/?b=2&a=1';

  it.each([
    ['scheme and host case', 'HTTPS://Hooks.Zapier.COM/hooks/callback/123/abc~def/?b=2&a=1'],
    ['the default port', 'https://hooks.zapier.com:443/hooks/callback/123/abc~def/?b=2&a=1'],
    ['percent-encoding', 'https://hooks.zapier.com/hooks/%63allback/123/abc%7Edef/?b=%32&a=1'],
    ['query order', 'https://hooks.zapier.com/hooks/callback/123/abc~def/?a=1&b=2'],
    ['no trailing slash', 'https://hooks.zapier.com/hooks/callback/123/abc~def?b=2&a=1'],
    ['a fragment', 'https://hooks.zapier.com/hooks/callback/123/abc~def/?b=2&a=1#x'],
  ])('the same endpoint despite %s', (_, other) => {
    expect(sameUrl(other, url)).toBe(true);
  });

  it.each([
    ['another path', 'https://hooks.zapier.com/hooks/callback/124/abc~def/?b=2&a=1'],
    ['another host', 'https://hooks.zapier.test/hooks/callback/123/abc~def/?b=2&a=1'],
    ['another port', 'https://hooks.zapier.com:8443/hooks/callback/123/abc~def/?b=2&a=1'],
    ['another scheme', 'http://hooks.zapier.com/hooks/callback/123/abc~def/?b=2&a=1'],
    ['another query value', 'https://hooks.zapier.com/hooks/callback/123/abc~def/?b=3&a=1'],
    ['an encoded slash for a separator', 'https://hooks.zapier.com/hooks/callback/123%2Fabc~def/?b=2&a=1'],
    ['path case', 'https://hooks.zapier.com/hooks/Callback/123/abc~def/?b=2&a=1'],
  ])('another endpoint: %s', (_, other) => {
    expect(sameUrl(other, url)).toBe(false);
  });

  it('text that is not a URL is compared as it is', () => {
    expect(sameUrl('not a url', 'not a url')).toBe(true);
    expect(sameUrl('not a url', url)).toBe(false);
  });
});

describe('sameUrl: a resume URL with its token', () => {
  const sent = 'http://127.0.0.1:5678/webhook-waiting/41/trending?signature=abc&x=1';

  it.each([
    ['percent-encoding', 'http://127.0.0.1:5678/webhook-waiting/%34%31/%74rending?signature=%61bc&x=1'],
    ['query parameter order', 'http://127.0.0.1:5678/webhook-waiting/41/trending?x=1&signature=abc'],
  ])('the same despite %s', (_, echoed) => {
    expect(sameUrl(echoed, sent)).toBe(true);
  });

  it.each([
    ['another execution', 'http://127.0.0.1:5678/webhook-waiting/42/trending?signature=abc&x=1'],
    ['another token', 'http://127.0.0.1:5678/webhook-waiting/41/trending?signature=abd&x=1'],
    ['an encoded slash', 'http://127.0.0.1:5678/webhook-waiting%2F41/trending?signature=abc&x=1'],
  ])('differs for %s', (_, echoed) => {
    expect(sameUrl(echoed, sent)).toBe(false);
  });
});

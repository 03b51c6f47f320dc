/**
 * The harness's own assertions: a secret hidden where JSON.stringify does not look (an Error's message, stack or
 * cause) is still found.
 */
import { expectNoSecrets, PRO } from './harness';

describe('expectNoSecrets', () => {
  it('finds a secret in an error message, in a nested cause and in a plain object', () => {
    expect(() => expectNoSecrets(new Error(`bad key ${PRO}`))).toThrow();
    const outer = new Error('request failed', { cause: new Error(`Authorization: Bearer ${PRO}`) });
    expect(() => expectNoSecrets(outer)).toThrow();
    expect(() => expectNoSecrets({ items: [{ json: { error: { cause: new Error(PRO) } } }] })).toThrow();
    expect(() => expectNoSecrets(new Error('clean'))).not.toThrow();
  });
});

/**
 * The interface the products expose today: the Trending node, the Trending Trigger and the Zapier app definition
 * (imported read-only, from source like every test; collect.ts says how function input fields are read).
 */
import { Trending } from '../../nodes/Trending/Trending.node';
import App from '../../packages/zapier/src/index';
import { TrendingTrigger } from '../../triggers/TrendingTrigger/TrendingTrigger.node';
import { n8nInterface, zapierInterface, type AnyNode, type PinnedInterface, type ZapierApp } from './collect';

/** `trending` and `app` let a test check a fixture copy in place of the product. */
export function currentInterface(
  trending: AnyNode = new Trending(),
  app: ZapierApp = App as unknown as ZapierApp,
): PinnedInterface {
  return { ...n8nInterface(trending), ...n8nInterface(new TrendingTrigger()), ...zapierInterface(app) };
}

/**
 * Test harness of the n8n unit suites (not a vitest setup file): the simulator, the Trending node run through the fake
 * n8n context of ./context.ts, and assertions shared by the suites (no secret in output, MP4 bytes).
 */
import { startSimulator, type SimulatorHandle } from '@trending/simulator';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { Trending } from '../../nodes/Trending/Trending.node';
import { executeContext, type ContextOptions, type FakeExecute, type RecordedRequest } from './context';

export const PRO = 'sk_test_pro';

export async function startSim(): Promise<SimulatorHandle> {
  return await startSimulator({ speed: 1000, rateLimitPerMinute: 0 });
}

export function apiCredentials(sim: SimulatorHandle, apiKey = PRO): Record<string, ICredentialDataDecryptedObject> {
  return { trendingApi: { apiKey, baseUrl: sim.url } };
}

export const node = new Trending();

export function run(
  sim: SimulatorHandle,
  parameters: INodeParameters | ((itemIndex: number) => INodeParameters),
  extra: Partial<ContextOptions> = {},
): { ctx: FakeExecute; result: Promise<Awaited<ReturnType<Trending['execute']>>> } {
  const ctx = executeContext({
    nodeType: node,
    parameters,
    credentials: apiCredentials(sim),
    ...extra,
  });
  return { ctx, result: node.execute.call(ctx) };
}

export async function runOk(
  sim: SimulatorHandle,
  parameters: INodeParameters | ((itemIndex: number) => INodeParameters),
  extra: Partial<ContextOptions> = {},
) {
  const { ctx, result } = run(sim, parameters, extra);
  const [items] = await result;
  return { ctx, items: items ?? [] };
}

/** What a failing run threw. */
export async function runError(
  sim: SimulatorHandle,
  parameters: INodeParameters,
  extra: Partial<ContextOptions> = {},
): Promise<Error & { description?: string; context?: Record<string, unknown>; httpCode?: string }> {
  const { result } = run(sim, parameters, extra);
  try {
    await result;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the node to fail');
}

export function apiRequests(requests: RecordedRequest[], path: string): RecordedRequest[] {
  return requests.filter((r) => new URL(r.url).pathname === path);
}

/** Secrets that must never appear in node output or errors. */
export const SECRETS = [PRO, 'sk_test_poor', 'sk_test_starter', 'sk_test_storyonly', 'whsec_trigger_test'];

/** JSON of a value with every Error in it spelled out (message, stack and description are not enumerable). */
function fullText(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner instanceof Error
      ? Object.fromEntries(
          Object.getOwnPropertyNames(inner).map((name) => [name, (inner as unknown as Record<string, unknown>)[name]]),
        )
      : inner,
  );
}

export function expectNoSecrets(value: unknown, extra: string[] = []): void {
  const text = fullText(value);
  for (const secret of [...SECRETS, ...extra]) expect(text).not.toContain(secret);
}

export function isMp4(base64: string): boolean {
  const bytes = Buffer.from(base64, 'base64');
  return bytes.length > 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}

/**
 * What every e2e file needs: the simulator on loopback, a fresh n8n user folder with the packed package installed,
 * and the test credentials imported (encrypted by n8n with the instance's key). Disposed in reverse order.
 */
import {
  DEFAULT_API_KEYS,
  DEFAULT_TRIGGER,
  startSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from '@trending/simulator';
import { inject } from 'vitest';
import { type CredentialJson, type ExecuteOutput, loadFixture, N8nInstance } from './harness';

/** Obvious test values (the simulator's documented fake keys and a made-up signing secret). */
export const SIGNING_SECRET = 'whsec_e2e_signing_secret_not_real';

/** The slice of GET /_sim/state the tests read. */
export interface SimState {
  accounts: Array<{ id: number; balance: number; held_credits: number; available_credits: number }>;
  videos: Array<{
    video_id: number;
    template: string;
    account_id: number;
    status: string;
    charged_credits: number;
    preview_only: boolean;
    webhook: { url: string; events: string[] | null; secret_set: boolean } | null;
  }>;
  deliveries: Array<{
    id: string;
    event: string;
    video_id: number;
    url: string;
    signed: boolean;
    status: string;
    attempts: unknown[];
  }>;
}

export interface E2eContext {
  sim: SimulatorHandle;
  n8n: N8nInstance;
  state(): SimState;
  dispose(): Promise<void>;
}

/** Something on loopback in front of the simulator (a proxy that changes its answers), which n8n is given instead. */
export interface ApiFront {
  url: string;
  close(): Promise<void>;
}

export async function e2eContext(
  name: string,
  simOptions: SimulatorOptions = {},
  front?: (sim: SimulatorHandle) => Promise<ApiFront>,
): Promise<E2eContext> {
  const sim = await startSimulator({ speed: 100, ...simOptions });
  let n8n: N8nInstance | undefined;
  let api: ApiFront | undefined;
  try {
    api = front ? await front(sim) : undefined;
    n8n = await N8nInstance.create({ install: inject('n8n'), pkg: inject('pkg'), name });
    await n8n.importCredentials(
      loadFixture<CredentialJson[]>('credentials', {
        SIM_URL: api?.url ?? sim.url,
        API_KEY: DEFAULT_API_KEYS.pro,
        SIGNING_SECRET,
        TRIGGER_ID: DEFAULT_TRIGGER.id,
        TRIGGER_SECRET: DEFAULT_TRIGGER.secret,
      }),
    );
  } catch (e) {
    await n8n?.dispose();
    await api?.close();
    await sim.close();
    throw e;
  }
  const instance = n8n;
  const apiFront = api;
  return {
    sim,
    n8n: instance,
    state: () => sim.state() as unknown as SimState,
    async dispose() {
      try {
        await instance.dispose();
      } finally {
        await apiFront?.close();
        await sim.close();
      }
    },
  };
}

/** The run ended successfully; otherwise the node error n8n recorded, so a failure says why. */
export function expectRunSucceeded(out: ExecuteOutput): void {
  const error = out.run.data.resultData.error as { message?: string; description?: string } | undefined;
  const nodeErrors = Object.entries(out.run.data.resultData.runData)
    .filter(([, runs]) => runs.some((r) => r.error))
    .map(
      ([node, runs]) =>
        `${node}: ${runs.map((r) => `${r.error?.message ?? ''} ${r.error?.description ?? ''}`).join('; ')}`,
    );
  expect({ error: error ? `${error.message ?? ''} ${error.description ?? ''}` : null, nodeErrors }).toEqual({
    error: null,
    nodeErrors: [],
  });
  if (out.run.status !== undefined) expect(out.run.status).toBe('success');
}

/** Skipped outside `npm run test:e2e` (its config sets TRENDING_N8N_E2E), so the unit run never boots n8n. */
export const describeE2e: typeof describe = describe.runIf(!!process.env.TRENDING_N8N_E2E) as typeof describe;

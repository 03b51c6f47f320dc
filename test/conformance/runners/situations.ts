/**
 * The account and video states the error cases need, made on a running simulator with ordinary API requests and its
 * /_sim control API (through the handle). The clock is frozen (a tiny speed), so a state holds until advance().
 */
import { randomUUID } from 'node:crypto';

import type { SimulatorHandle } from '@trending/simulator';

import type { Situation } from '../case';

export interface Prepared {
  /** The video `{video_id}` stands for. */
  videoId?: number;
}

async function create(sim: SimulatorHandle, template: string, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${sim.url}/api/v1/${template}/videos`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${sim.keys.pro}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { video_id?: number };
  if (!res.ok || typeof json.video_id !== 'number') {
    throw new Error(`setup create of ${template} failed: ${res.status} ${JSON.stringify(json)}`);
  }
  return json.video_id;
}

/** Far beyond any run's length in API seconds: every step of a small run is done. */
const UNTIL_DONE = 3_000;

export async function prepare(sim: SimulatorHandle, situation: Situation | undefined): Promise<Prepared> {
  switch (situation) {
    case undefined:
      return {};
    case 'completedPreview': {
      const videoId = await create(sim, 'story', { preview_only: true, script: { images_requested: 2 } });
      sim.advance(UNTIL_DONE);
      return { videoId };
    }
    // A finished preview's List script has its narration attached.
    case 'listScriptReady':
    case 'listNarrationAttached': {
      const videoId = await create(sim, 'list', {
        preview_only: true,
        prompt: 'ocean facts',
        script: { item_count: 2 },
      });
      sim.advance(UNTIL_DONE);
      return { videoId };
    }
    case 'listRunActive': {
      const videoId = await create(sim, 'list', { prompt: 'ocean facts', script: { item_count: 3 } });
      // Past the queue (3 s) and the script step (20 s): the script exists, the run goes on.
      sim.advance(3 + 20 + 1);
      return { videoId };
    }
    case 'storageFull':
      sim.updateAccount({ api_key: sim.keys.pro, storage_quota_bytes: 1_000, storage_used_bytes: 1_000 });
      return {};
    case 'rateLimitedKey': {
      // A bucket of one request per minute, spent here.
      sim.configure({ rateLimitPerMinute: 1 });
      await fetch(`${sim.url}/api/v1/voice-actors`, { headers: { authorization: `Bearer ${sim.keys.pro}` } });
      return {};
    }
  }
}

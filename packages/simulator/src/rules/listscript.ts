/** List Step-2 script writes: a full save by PUT or PATCH, optimistic locking, locked audio, active runs. */
import type { Stated } from './rule';

/** Both verbs save the whole script: a key left out is not kept from the stored script. */
export const FULL_SAVE: Stated<readonly string[]> = {
  value: ['PUT', 'PATCH'],
  reference:
    'PUT /api/v1/list/videos/{video_id}/script or PATCH /api/v1/list/videos/{video_id}/script — save full ordered script edits',
};

export const VERSION_CONFLICT: Stated<string> = {
  value: 'script_version_conflict',
  reference:
    'Optimistic lock support: send expected_updated_at in write payloads (or send If-Match with prior ETag). Stale writes return 409 script_version_conflict.',
};

export const AUDIO_LOCKED: Stated<string> = {
  value: 'audio_locked',
  reference: 'When narration is attached, updates require reset_audio=true; otherwise API returns 409 audio_locked.',
};

export const RUN_ACTIVE: Stated<string> = {
  value: 'pipeline_run_active',
  reference: 'While a pipeline run is queued or running, updates return 409 pipeline_run_active.',
};

export const CTA_MODES: Stated<readonly string[]> = {
  value: ['suggest', 'apply'],
  reference: 'CTA helper endpoint with mode=suggest|apply',
};

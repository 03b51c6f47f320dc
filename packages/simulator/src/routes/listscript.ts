/**
 * List Step-2 script editing. Writes are refused while a run is queued or running (pipeline_run_active), when stale
 * (If-Match / expected_updated_at -> script_version_conflict) and, once narration is attached, without
 * reset_audio=true (audio_locked). PUT and PATCH are the same full save (src/rules/listscript.ts).
 */
import { requireNoActiveRun } from '../create';
import { ApiError, fieldError } from '../errors';
import { header, jsonBody, ok, type Ctx, type Reply } from '../http';
import { CTA_SUGGESTIONS, etagOf, parseFullScript, scriptView, updatedAtIso } from '../listscript';
import { isRecord } from '../paths';
import type { Route } from '../router';
import { AUDIO_LOCKED, CTA_MODES, FULL_SAVE, VERSION_CONFLICT } from '../rules/listscript';
import type { ListScript, Video } from '../video';
import { findVideo } from './videos';

function scriptOf(video: Video): ListScript {
  if (!video.list) {
    throw new ApiError(
      409,
      'script_not_ready',
      'The script is not generated yet; wait for the script step (or the script.generated event).',
    );
  }
  return video.list;
}

function answer(ctx: Ctx, video: Video, script: ListScript, extra: Record<string, unknown> = {}): Reply {
  const etag = etagOf(script);
  return ok(
    { video_id: video.id, ...extra, script: scriptView(script), narration_attached: script.narrationAttached, etag },
    200,
    { etag },
  );
}

function getScript(ctx: Ctx): Reply {
  const video = findVideo(ctx, 'list');
  return answer(ctx, video, scriptOf(video));
}

/** The checks every write makes, in the order a client can act on them. */
function guardWrite(ctx: Ctx, video: Video, script: ListScript, body: Record<string, unknown>): void {
  requireNoActiveRun(video, 'A pipeline run is queued or running; edit the script after it finishes.');
  const current = etagOf(script);
  const ifMatch = header(ctx, 'if-match')?.trim().replace(/^W\//, '');
  const expected = body.expected_updated_at;
  const staleEtag = ifMatch !== undefined && ifMatch !== '*' && ifMatch !== current;
  const staleTime =
    expected !== undefined && (typeof expected !== 'string' || Date.parse(expected) !== script.updatedAt);
  if (staleEtag || staleTime) {
    throw new ApiError(
      409,
      VERSION_CONFLICT.value,
      'The script changed since you read it; fetch it again and re-apply your edits.',
      {
        current_updated_at: updatedAtIso(script),
        current_etag: current,
      },
    );
  }
  if (script.narrationAttached && body.reset_audio !== true) {
    throw new ApiError(
      409,
      AUDIO_LOCKED.value,
      'Narration is attached to this script; send reset_audio=true to edit it (the narration will be regenerated).',
    );
  }
}

function commit(ctx: Ctx, video: Video, script: ListScript, body: Record<string, unknown>): void {
  const now = ctx.sim.apiNow();
  script.updatedAt = Math.max(now, script.updatedAt + 1);
  if (body.reset_audio === true) script.narrationAttached = false;
  ctx.sim.emitSide(video, 'script.updated', now, { script_updated_at: updatedAtIso(script) });
}

/** PUT and PATCH alike: the body is the whole script, so whatever it leaves out is saved empty. */
function save(ctx: Ctx): Reply {
  const video = findVideo(ctx, 'list');
  const script = scriptOf(video);
  const body = jsonBody(ctx);
  const edits = isRecord(body.script) ? body.script : body;
  const saved = parseFullScript(script, edits);
  guardWrite(ctx, video, script, body);
  Object.assign(script, saved);
  commit(ctx, video, script, body);
  return answer(ctx, video, script);
}

/** Placement and count are the simulator's keys (the reference names "placement controls" only). */
const PLACEMENTS = ['end', 'start', 'middle'];

function ctas(ctx: Ctx): Reply {
  const video = findVideo(ctx, 'list');
  const script = scriptOf(video);
  const body = jsonBody(ctx);
  if (typeof body.mode !== 'string' || !CTA_MODES.value.includes(body.mode)) {
    throw fieldError('mode', `mode must be one of: ${CTA_MODES.value.join(', ')}`);
  }
  const placement = body.placement ?? 'end';
  if (typeof placement !== 'string' || !PLACEMENTS.includes(placement)) {
    throw fieldError('placement', `placement must be one of: ${PLACEMENTS.join(', ')}`);
  }
  const count = body.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw fieldError('count', 'count must be an integer of at least 1');
  }
  // More than the simulator has to suggest gives all of them: no maximum is stated.
  const suggestions = CTA_SUGGESTIONS.slice(0, count);
  if (body.mode === 'suggest') return answer(ctx, video, script, { mode: 'suggest', suggestions });
  guardWrite(ctx, video, script, body);
  const kept = body.replace_existing === true ? script.lines.filter((l) => l.type !== 'cta') : script.lines;
  const added = suggestions.map((s) => ({
    id: script.nextLineId++,
    type: 'cta' as const,
    text: s.text,
    cta_meta: s.cta_meta,
  }));
  const middle = Math.ceil(kept.length / 2);
  script.lines =
    placement === 'start'
      ? [...added, ...kept]
      : placement === 'middle'
        ? [...kept.slice(0, middle), ...added, ...kept.slice(middle)]
        : [...kept, ...added];
  script.ctas = [
    ...(body.replace_existing === true ? [] : script.ctas),
    ...added.map((a) => ({ text: a.text, placement })),
  ];
  commit(ctx, video, script, body);
  return answer(ctx, video, script, { mode: 'apply', applied: added.length });
}

const SCRIPT = '/api/v1/list/videos/:video_id/script';

export const listScriptRoutes: readonly Route[] = [
  { method: 'GET', path: SCRIPT, auth: 'key', body: 'none', handler: getScript },
  ...FULL_SAVE.value.map((method) => ({
    method,
    path: SCRIPT,
    auth: 'key' as const,
    body: 'json' as const,
    handler: save,
  })),
  { method: 'POST', path: `${SCRIPT}/ctas`, auth: 'key', body: 'json', handler: ctas },
];

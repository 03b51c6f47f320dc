/**
 * List Step-2 script editing. Writes are refused while a run is queued or running (pipeline_run_active), when stale
 * (If-Match / expected_updated_at -> script_version_conflict) and, once narration is attached, without
 * reset_audio=true (audio_locked).
 */
import { validateListScriptCtaRequest, validateListScriptUpdate, type ListScriptCtaInput } from '@trending/core';
import { requireNoActiveRun } from '../create';
import { ApiError, fieldError, validationFailed } from '../errors';
import { header, jsonBody, ok, type Ctx, type Reply } from '../http';
import { CTA_SUGGESTIONS, etagOf, parseEmojis, parseIntro, parseLines, scriptView, updatedAtIso } from '../listscript';
import type { Route } from '../router';
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
      'script_version_conflict',
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
      'audio_locked',
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

function write(full: boolean) {
  return (ctx: Ctx): Reply => {
    const video = findVideo(ctx, 'list');
    const script = scriptOf(video);
    const body = jsonBody(ctx);
    const violations = validateListScriptUpdate(body);
    if (violations.length > 0) throw validationFailed(violations);
    guardWrite(ctx, video, script, body);
    const edits = (typeof body.script === 'object' && body.script !== null ? body.script : body) as Record<
      string,
      unknown
    >;
    if (full && edits.lines === undefined)
      throw fieldError('script.lines', 'PUT replaces the whole script: send script.lines');
    const lines = edits.lines === undefined ? undefined : parseLines(script, edits.lines);
    const intro = edits.intro === undefined ? undefined : parseIntro(edits.intro);
    const emojis = edits.emoji_suggestions === undefined ? undefined : parseEmojis(edits.emoji_suggestions);
    if (lines) script.lines = lines;
    if (intro !== undefined) script.intro = intro;
    if (emojis) script.emojiSuggestions = emojis;
    commit(ctx, video, script, body);
    return answer(ctx, video, script);
  };
}

function ctas(ctx: Ctx): Reply {
  const video = findVideo(ctx, 'list');
  const script = scriptOf(video);
  const body = jsonBody(ctx);
  const violations = validateListScriptCtaRequest(body as unknown as ListScriptCtaInput);
  if (violations.length > 0) throw validationFailed(violations);
  const placement = body.placement ?? 'end';
  const count = body.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > CTA_SUGGESTIONS.length) {
    throw fieldError('count', `count must be an integer from 1 to ${CTA_SUGGESTIONS.length}`);
  }
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
    ...added.map((a) => ({ text: a.text, placement: placement as string })),
  ];
  commit(ctx, video, script, body);
  return answer(ctx, video, script, { mode: 'apply', applied: added.length });
}

const SCRIPT = '/api/v1/list/videos/:video_id/script';

export const listScriptRoutes: readonly Route[] = [
  { method: 'GET', path: SCRIPT, auth: 'key', body: 'none', handler: getScript },
  { method: 'PUT', path: SCRIPT, auth: 'key', body: 'json', handler: write(true) },
  { method: 'PATCH', path: SCRIPT, auth: 'key', body: 'json', handler: write(false) },
  { method: 'POST', path: `${SCRIPT}/ctas`, auth: 'key', body: 'json', handler: ctas },
];

/** Voice actors and per-account favourites (global or per narrated template). */
import { fieldError, notFound } from '../errors';
import { intParam, jsonBody, ok, type Ctx, type Reply } from '../http';
import type { Route } from '../router';
import { NARRATED_TEMPLATES } from '../rules/voices';
import type { VoiceActor } from '../seeds';
import type { Favorite } from '../sim';

function favoritesOf(ctx: Ctx): Map<number, Favorite> {
  const id = ctx.account?.id ?? 0;
  let map = ctx.sim.favorites.get(id);
  if (!map) ctx.sim.favorites.set(id, (map = new Map()));
  return map;
}

function voiceView(ctx: Ctx, v: VoiceActor): Record<string, unknown> {
  const fav = favoritesOf(ctx).get(v.id);
  return {
    id: v.id,
    name: v.name,
    gender: v.gender,
    age: v.age,
    accent: v.accent,
    preview_url: `${ctx.base}/studio/assets/voices/${v.id}.mp3`,
    is_favorite: fav?.global ?? false,
    favorite_templates: [...(fav?.templates ?? [])].sort(),
  };
}

function list(ctx: Ctx): Reply {
  return ok({ voice_actors: ctx.sim.voiceActors().map((v) => voiceView(ctx, v)) });
}

function favorite(ctx: Ctx): Reply {
  const id = intParam(ctx, 'voice_actor_id');
  const voice = ctx.sim.voiceActors().find((v) => v.id === id);
  if (!voice) throw notFound('The voice actor', 'voice_actor_not_found');
  // `favorite` and `template` are the simulator's keys for "favorite/unfavorite globally or per narrated template".
  const { favorite: on, template } = jsonBody(ctx);
  if (typeof on !== 'boolean') throw fieldError('favorite', 'favorite is required: true or false');
  const perTemplate = template !== undefined && template !== null;
  if (perTemplate && (typeof template !== 'string' || !NARRATED_TEMPLATES.value.includes(template))) {
    throw fieldError('template', `template must be a narrated template: ${NARRATED_TEMPLATES.value.join(', ')}`);
  }
  const favs = favoritesOf(ctx);
  const fav = favs.get(voice.id) ?? { global: false, templates: new Set<string>() };
  if (perTemplate) {
    if (on) fav.templates.add(template);
    else fav.templates.delete(template);
  } else fav.global = on;
  favs.set(voice.id, fav);
  return ok({ voice_actor: voiceView(ctx, voice) });
}

export const voiceRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/v1/voice-actors', auth: 'key', body: 'none', handler: list },
  {
    method: 'POST',
    path: '/api/v1/voice-actors/:voice_actor_id/favorite',
    auth: 'key',
    body: 'json',
    handler: favorite,
  },
];

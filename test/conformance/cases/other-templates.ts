/**
 * DM Story, Confession, Did You Know, Rants, Ranking and List create bodies: prompt minimums and the absence of a
 * maximum, each template's topic_preset list, voice speed 80..200, List's item_count and category rules, Ranking's
 * category presets, the readiness example's request, and options of other templates (accepted: unknown keys pass).
 */
import type { TemplateId } from '@trending/core';
import { accepted, invalid, text, type CreateCase, type Expectation } from '../case';

function create(
  template: TemplateId,
  id: string,
  reference: string,
  body: Record<string, unknown>,
  expect: Expectation,
): CreateCase {
  return { kind: 'create', id: `${template}.${id}`, template, body, reference, expect };
}

const MIN6 = 'prompt (min 6 chars if provided)';

/** The lines that list each template's topic presets, verbatim. */
const TOPIC_PRESETS: Partial<Record<TemplateId, string>> = {
  dmstory:
    'script.topic_preset (optional) — one of: accidental_text, caught_in_a_lie, best_friend_drama, group_chat_exposed, boss_text, mysterious_number, receipt_drop, family_drama, roommate_drama, petty_argument',
  confession:
    'script.topic_preset (optional) — one of: embarrassing, school, friend_drama, relationship, family, work, money, petty, secret, mistake',
  didyouknow: 'script.topic_preset (optional) — one of: animals, food, space, history, science, everyday',
  rants:
    'script.topic_preset (optional) — one of: wholesome, school, friend_drama, relationship, fake_friend, petty_revenge, rich_kid, glow_up, scammer, strict_parents',
};

const RANKING_PRESETS =
  'ranking.category_preset (optional) — one of: bodycam, security_camera, cinematic, animals, cartoon_characters, celebrities, vehicles, funny, cursed, absurd, wholesome, epic, chase, transformation, disaster, asmr';

const SPEED = 'voice.speed_percentage (80–200) and voice.remove_silences (boolean)';

/** The members after "one of: ". */
function members(line: string): string[] {
  return (line.split('one of: ')[1] ?? '').split(', ');
}

const VOICED: TemplateId[] = ['dmstory', 'confession', 'didyouknow', 'rants'];
const MIN6_TEMPLATES: TemplateId[] = ['dmstory', 'confession', 'didyouknow', 'rants', 'ranking'];

const prompts: CreateCase[] = MIN6_TEMPLATES.flatMap((t) => [
  create(t, 'prompt.min', MIN6, { prompt: text(6) }, accepted),
  create(t, 'prompt.below-min', MIN6, { prompt: text(5) }, invalid('prompt')),
  // Only Story documents a maximum (6 to 1000); the others say "min 6 chars if provided" and nothing more.
  create(t, 'prompt.long', MIN6, { prompt: text(1500, 'a long prompt ') }, accepted),
]);

const topics: CreateCase[] = Object.entries(TOPIC_PRESETS).flatMap(([template, line]) => [
  ...members(line).map((preset) =>
    create(template as TemplateId, `topic.${preset}`, line, { script: { topic_preset: preset } }, accepted),
  ),
  create(
    template as TemplateId,
    'topic.unknown',
    line,
    { script: { topic_preset: 'not_a_topic' } },
    invalid('script.topic_preset'),
  ),
]);

const speeds: CreateCase[] = VOICED.flatMap((t) => [
  create(t, 'speed.min', SPEED, { voice: { speed_percentage: 80 } }, accepted),
  create(t, 'speed.below-min', SPEED, { voice: { speed_percentage: 79 } }, invalid('voice.speed_percentage')),
  create(t, 'speed.max', SPEED, { voice: { speed_percentage: 200, remove_silences: true } }, accepted),
  create(t, 'speed.above-max', SPEED, { voice: { speed_percentage: 201 } }, invalid('voice.speed_percentage')),
]);

const ranking: CreateCase[] = [
  ...members(RANKING_PRESETS).map((preset) =>
    create('ranking', `category.${preset}`, RANKING_PRESETS, { ranking: { category_preset: preset } }, accepted),
  ),
  create(
    'ranking',
    'category.unknown',
    RANKING_PRESETS,
    { ranking: { category_preset: 'explosions' } },
    invalid('ranking.category_preset'),
  ),
  create(
    'ranking',
    'background.folder',
    'background.folder_id (integer, optional) — pick from your folder first, then fallback to approved category-based clips.',
    { prompt: 'Top five chase scenes', background: { folder_id: 302 } },
    accepted,
  ),
];

const list: CreateCase[] = [
  create('list', 'prompt.min', 'prompt (min 2 chars if provided)', { prompt: 'ab' }, accepted),
  create('list', 'prompt.below-min', 'prompt (min 2 chars if provided)', { prompt: 'a' }, invalid('prompt')),
  create('list', 'prompt.long', 'prompt (min 2 chars if provided)', { prompt: text(1500, 'ocean facts ') }, accepted),
  create('list', 'prompt.omitted', 'if omitted, we pick a topic.', { script: { item_count: 5 } }, accepted),
  create('list', 'item-count.min', 'script.item_count (1–15)', { script: { item_count: 1 } }, accepted),
  create(
    'list',
    'item-count.below-min',
    'script.item_count (1–15)',
    { script: { item_count: 0 } },
    invalid('script.item_count'),
  ),
  create('list', 'item-count.max', 'script.item_count (1–15)', { script: { item_count: 15 } }, accepted),
  create(
    'list',
    'item-count.above-max',
    'script.item_count (1–15)',
    { script: { item_count: 16 } },
    invalid('script.item_count'),
  ),
  create(
    'list',
    'ctas.off',
    'script.include_ai_ctas (boolean, optional, default true) — set false to disable AI-generated CTA lines.',
    { script: { include_ai_ctas: false } },
    accepted,
  ),
  create(
    'list',
    'category.with-subcategory',
    'script.subcategory (optional) — only valid when a category is selected',
    { script: { category: 'facts', subcategory: 'ocean' } },
    accepted,
  ),
  create(
    'list',
    'subcategory.without-category',
    'script.subcategory (optional) — only valid when a category is selected',
    { script: { subcategory: 'ocean' } },
    invalid('script.subcategory'),
  ),
  create(
    'list',
    'voice-actor',
    'voice.voice_actor_id (integer, optional; fallback default is 233)',
    { voice: { voice_actor_id: 233 } },
    accepted,
  ),
  create(
    'list',
    'background.folder',
    'background.folder_id (integer, optional) — pick from your folder first, then fallback to approved shared ASMR clips.',
    { background: { folder_id: 301 } },
    accepted,
  ),
  create(
    'list',
    'music',
    'music (optional) — enabled, optional music_id/id, optional category, optional volume_percent (default 20)',
    { music: { enabled: true, music_id: 7, category: 'Chill', volume_percent: 20 } },
    accepted,
  ),
];

const didyouknow: CreateCase[] = [
  create(
    'didyouknow',
    'exit-clip',
    'background.exit_enabled (boolean), background.exit_video_id (integer), and optional background.folder_id (integer)',
    { background: { exit_enabled: true, exit_video_id: 77, folder_id: 301 } },
    accepted,
  ),
];

/** The readiness example's request as a create body of its template. */
const readinessRequest: CreateCase[] = [
  create(
    'rants',
    'example.readiness-request',
    'Use this endpoint when you want a quick answer to “can this account create this request right now?” before you spend time on create retries or support debugging.',
    { preview_only: true, prompt: 'A rant about fake friends who only text when they are bored.' },
    accepted,
  ),
];

/** Options documented for one template sent to another: the reference defines no refusal for them. */
const foreign: CreateCase[] = [
  create(
    'dmstory',
    'foreign.item-count',
    'All create endpoints return immediately with a video_id.',
    { prompt: 'A boss texts the wrong group chat', script: { item_count: 5 } },
    accepted,
  ),
  create(
    'dmstory',
    'foreign.voice-actor-id',
    'if you do not set explicit voice actor IDs (where supported), Studio may auto-pick from your saved favorites.',
    { prompt: 'A boss texts the wrong group chat', voice: { voice_actor_id: 101 } },
    accepted,
  ),
  create(
    'ranking',
    'foreign.voice-speed',
    'All create endpoints return immediately with a video_id.',
    { prompt: 'Top five chase scenes', voice: { speed_percentage: 120 } },
    accepted,
  ),
  create(
    'list',
    'foreign.topic-preset',
    'All create endpoints return immediately with a video_id.',
    { prompt: 'ocean facts', script: { topic_preset: 'animals' } },
    accepted,
  ),
  create(
    'confession',
    'foreign.images-requested',
    'All create endpoints return immediately with a video_id.',
    { prompt: 'I broke the office coffee machine', script: { images_requested: 12 } },
    accepted,
  ),
];

export const otherTemplateCases: CreateCase[] = [
  ...prompts,
  ...topics,
  ...speeds,
  ...ranking,
  ...list,
  ...didyouknow,
  ...readinessRequest,
  ...foreign,
];

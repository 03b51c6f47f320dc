import { describe, expect, it } from 'vitest';
import type { TemplateId } from '../src/catalogue/types';
import { bodyFromEntries } from '../src/paths';
import {
  MAX_REQUEST_BYTES,
  formatViolations,
  validateCoverageRequest,
  checkCreateRequest,
  checkTriggerRequest,
  validateCreateRequest,
  validateFavoriteRequest,
  validateLibraryVideoUpload,
  validateLibraryVideoUrl,
  validateFields,
  validateListScriptCtaRequest,
  validateListScriptUpdate,
  validateOutroUpdate,
  validateReferenceImageUpload,
  validateRequestSize,
  validateSlideAnimationRequest,
  type Violation,
} from '../src/validation';
import {
  LIST_CTA_PLACEMENTS,
  LIST_SCRIPT_LINE_FIELDS,
  OUTRO_UPDATE_FIELDS,
  UPLOAD_PROFILES,
} from '../src/catalogue/helpers';

/** `[path, rule]` pairs: a failing case must produce exactly the expected violation and nothing else. */
const codes = (violations: Violation[]): [string, string][] => violations.map((v) => [v.path, v.rule]);

interface RuleCase {
  name: string;
  template: TemplateId;
  /** Flat path -> value entries (nested with bodyFromEntries), or a body as is. */
  pass: Record<string, unknown>;
  fail: Record<string, unknown>;
  path: string;
  rule: string;
  /** The API accepts `fail` (the reference does not forbid it), so it must give exactly this warning and no refusal. */
  warn?: true;
  /** Judged as for a loopback dev API (the simulator), which may call back over loopback. */
  devHost?: true;
}

const long = (n: number): string => 'x'.repeat(n);

// prettier-ignore
const CREATE_RULES: RuleCase[] = [
  // Shared top-level fields
  { name: 'prompt min 6', template: 'story', pass: { prompt: 'abcdef' }, fail: { prompt: 'abcde' }, path: 'prompt', rule: 'minLength' },
  { name: 'Story prompt max 1000', template: 'story', pass: { prompt: long(1000) }, fail: { prompt: long(1001) }, path: 'prompt', rule: 'maxLength' },
  { name: 'other prompts: no maximum, a warning past 1000', template: 'rants', pass: { prompt: long(1000) }, fail: { prompt: long(1001) }, path: 'prompt', rule: 'longPrompt', warn: true },
  { name: 'prompt counts emoji as one character', template: 'story', pass: { prompt: '🎬🎬🎬🎬🎬🎬' }, fail: { prompt: '🎬🎬🎬🎬🎬' }, path: 'prompt', rule: 'minLength' },
  { name: 'List prompt min 2', template: 'list', pass: { prompt: 'ab' }, fail: { prompt: 'a' }, path: 'prompt', rule: 'minLength' },
  { name: 'prompt type', template: 'list', pass: { prompt: 'cats' }, fail: { prompt: 42 }, path: 'prompt', rule: 'type' },
  { name: 'name max 180', template: 'story', pass: { name: long(180) }, fail: { name: long(181) }, path: 'name', rule: 'maxLength' },
  { name: 'preview_only type', template: 'ranking', pass: { preview_only: true }, fail: { preview_only: 'yes' }, path: 'preview_only', rule: 'type' },

  // Story
  { name: 'images_requested min', template: 'story', pass: { 'script.images_requested': 10 }, fail: { 'script.images_requested': 9 }, path: 'script.images_requested', rule: 'min' },
  { name: 'images_requested max', template: 'story', pass: { 'script.images_requested': 30 }, fail: { 'script.images_requested': 31 }, path: 'script.images_requested', rule: 'max' },
  { name: 'images_requested 2 with preview_only', template: 'story', pass: { preview_only: true, 'script.images_requested': 2 }, fail: { preview_only: false, 'script.images_requested': 2 }, path: 'script.images_requested', rule: 'min' },
  { name: 'images_requested min with preview_only', template: 'story', pass: { preview_only: true, 'script.images_requested': 30 }, fail: { preview_only: true, 'script.images_requested': 1 }, path: 'script.images_requested', rule: 'min' },
  { name: 'images_requested integer', template: 'story', pass: { 'script.images_requested': 12 }, fail: { 'script.images_requested': 12.5 }, path: 'script.images_requested', rule: 'type' },
  { name: 'images_requested not a string', template: 'story', pass: { 'script.images_requested': 12 }, fail: { 'script.images_requested': '12' }, path: 'script.images_requested', rule: 'type' },
  { name: 'voice_format enum', template: 'story', pass: { 'script.voice_format': 'narrated' }, fail: { 'script.voice_format': 'chorus' }, path: 'script.voice_format', rule: 'enum' },
  { name: 'narrator_enabled only with dialogue', template: 'story', pass: { 'script.voice_format': 'dialogue', 'script.narrator_enabled': true }, fail: { 'script.voice_format': 'monologue', 'script.narrator_enabled': true }, path: 'script.narrator_enabled', rule: 'usedOnlyWhen', warn: true },
  { name: 'narrator_enabled needs voice_format', template: 'story', pass: { 'script.voice_format': 'dialogue', 'script.narrator_enabled': false }, fail: { 'script.narrator_enabled': true }, path: 'script.narrator_enabled', rule: 'usedOnlyWhen', warn: true },
  { name: 'narrator_enabled type', template: 'story', pass: { 'script.voice_format': 'dialogue', 'script.narrator_enabled': true }, fail: { 'script.voice_format': 'dialogue', 'script.narrator_enabled': 1 }, path: 'script.narrator_enabled', rule: 'type' },
  { name: 'visual_style_preset enum', template: 'story', pass: { 'script.visual_style_preset': 'low_poly_3d' }, fail: { 'script.visual_style_preset': 'cubism' }, path: 'script.visual_style_preset', rule: 'enum' },
  { name: 'visual_style_custom only with custom', template: 'story', pass: { 'script.visual_style_preset': 'custom', 'script.visual_style_custom': 'warm ink wash' }, fail: { 'script.visual_style_preset': 'anime', 'script.visual_style_custom': 'warm ink wash' }, path: 'script.visual_style_custom', rule: 'usedOnlyWhen', warn: true },
  { name: 'visual_style_custom not with the default preset', template: 'story', pass: { 'script.visual_style_preset': 'custom', 'script.visual_style_custom': 'warm ink wash' }, fail: { 'script.visual_style_custom': 'warm ink wash' }, path: 'script.visual_style_custom', rule: 'usedOnlyWhen', warn: true },
  { name: 'visual_style_custom required with custom', template: 'story', pass: { 'script.visual_style_preset': 'custom', 'script.visual_style_custom': 'ink' }, fail: { 'script.visual_style_preset': 'custom' }, path: 'script.visual_style_custom', rule: 'requiredWhen' },
  { name: 'visual_style_custom max 240', template: 'story', pass: { 'script.visual_style_preset': 'custom', 'script.visual_style_custom': long(240) }, fail: { 'script.visual_style_preset': 'custom', 'script.visual_style_custom': long(241) }, path: 'script.visual_style_custom', rule: 'maxLength' },
  { name: 'reuse_story_mode enum', template: 'story', pass: { 'script.reuse_story_mode': 'different' }, fail: { 'script.reuse_story_mode': 'sequel' }, path: 'script.reuse_story_mode', rule: 'enum' },
  { name: 'similar needs reuse_characters_from_video_id', template: 'story', pass: { 'script.reuse_story_mode': 'similar', 'script.reuse_characters_from_video_id': 77 }, fail: { 'script.reuse_story_mode': 'similar' }, path: 'script.reuse_characters_from_video_id', rule: 'requiredWhen' },
  { name: 'continuation needs reuse_characters_from_video_id', template: 'story', pass: { 'script.reuse_story_mode': 'continuation', 'script.reuse_characters_from_video_id': 77 }, fail: { 'script.reuse_story_mode': 'continuation' }, path: 'script.reuse_characters_from_video_id', rule: 'requiredWhen' },
  { name: 'reuse_characters_from_video_id integer', template: 'story', pass: { 'script.reuse_characters_from_video_id': 77 }, fail: { 'script.reuse_characters_from_video_id': 'video-77' }, path: 'script.reuse_characters_from_video_id', rule: 'type' },
  { name: 'reference_images max 9', template: 'story', pass: { 'script.reference_images': Array(9).fill({ asset_id: 1 }) }, fail: { 'script.reference_images': Array(10).fill({ asset_id: 1 }) }, path: 'script.reference_images', rule: 'max' },
  { name: 'reference_images array', template: 'story', pass: { 'script.reference_images': [] }, fail: { 'script.reference_images': { asset_id: 1 } }, path: 'script.reference_images', rule: 'type' },
  { name: 'reference_images item object', template: 'story', pass: { 'script.reference_images': [{ asset_id: 1 }] }, fail: { 'script.reference_images': [501] }, path: 'script.reference_images[0]', rule: 'type' },
  { name: 'reference_images item is not both shapes', template: 'story', pass: { 'script.reference_images': [{ story_id: 456, run_id: 9912 }] }, fail: { 'script.reference_images': [{ asset_id: 501, story_id: 456, run_id: 9912 }] }, path: 'script.reference_images[0]', rule: 'oneOf' },
  { name: 'reference_images story shape needs run_id', template: 'story', pass: { 'script.reference_images': [{ asset_id: 501 }, { story_id: 456, run_id: 1 }] }, fail: { 'script.reference_images': [{ asset_id: 501 }, { story_id: 456 }] }, path: 'script.reference_images[1]', rule: 'oneOf' },
  { name: 'reference_images item needs a shape', template: 'story', pass: { 'script.reference_images': [{ asset_id: 5, alias: 'logo' }] }, fail: { 'script.reference_images': [{ alias: 'logo' }] }, path: 'script.reference_images[0]', rule: 'oneOf' },
  { name: 'reference_images asset_id integer', template: 'story', pass: { 'script.reference_images': [{ asset_id: 5 }] }, fail: { 'script.reference_images': [{ asset_id: '5' }] }, path: 'script.reference_images[0].asset_id', rule: 'type' },
  { name: 'reference_images description max 220', template: 'story', pass: { 'script.reference_images': [{ asset_id: 5, description: long(220) }] }, fail: { 'script.reference_images': [{ asset_id: 5, description: long(221) }] }, path: 'script.reference_images[0].description', rule: 'maxLength' },
  { name: 'reference_instruction max 600', template: 'story', pass: { 'script.reference_instruction': long(600) }, fail: { 'script.reference_instruction': long(601) }, path: 'script.reference_instruction', rule: 'maxLength' },
  { name: 'outro.enabled type', template: 'story', pass: { 'script.outro.enabled': false }, fail: { 'script.outro.enabled': 'on' }, path: 'script.outro.enabled', rule: 'type' },
  { name: 'outro.text max 900', template: 'story', pass: { 'script.outro.text': long(900) }, fail: { 'script.outro.text': long(901) }, path: 'script.outro.text', rule: 'maxLength' },
  { name: 'outro.speaker max 120', template: 'story', pass: { 'script.outro.speaker': 'auto' }, fail: { 'script.outro.speaker': long(121) }, path: 'script.outro.speaker', rule: 'maxLength' },
  { name: 'outro.source_key type', template: 'story', pass: { 'script.outro.source_key': 'outro_12' }, fail: { 'script.outro.source_key': 12 }, path: 'script.outro.source_key', rule: 'type' },
  { name: 'script must be an object', template: 'story', pass: { script: {} }, fail: { script: 'anime please' }, path: 'script', rule: 'type' },

  // Topic presets: each template's own list
  { name: 'dmstory topic_preset', template: 'dmstory', pass: { 'script.topic_preset': 'boss_text' }, fail: { 'script.topic_preset': 'money' }, path: 'script.topic_preset', rule: 'enum' },
  { name: 'confession topic_preset', template: 'confession', pass: { 'script.topic_preset': 'money' }, fail: { 'script.topic_preset': 'boss_text' }, path: 'script.topic_preset', rule: 'enum' },
  { name: 'didyouknow topic_preset', template: 'didyouknow', pass: { 'script.topic_preset': 'space' }, fail: { 'script.topic_preset': 'school' }, path: 'script.topic_preset', rule: 'enum' },
  { name: 'rants topic_preset', template: 'rants', pass: { 'script.topic_preset': 'glow_up' }, fail: { 'script.topic_preset': 'secret' }, path: 'script.topic_preset', rule: 'enum' },
  { name: 'topic_preset is a string', template: 'rants', pass: { 'script.topic_preset': 'school' }, fail: { 'script.topic_preset': 3 }, path: 'script.topic_preset', rule: 'type' },

  // Voice delivery, background, Did You Know exit clip
  { name: 'speed_percentage min 80', template: 'dmstory', pass: { 'voice.speed_percentage': 80 }, fail: { 'voice.speed_percentage': 79 }, path: 'voice.speed_percentage', rule: 'min' },
  { name: 'speed_percentage max 200', template: 'confession', pass: { 'voice.speed_percentage': 200 }, fail: { 'voice.speed_percentage': 201 }, path: 'voice.speed_percentage', rule: 'max' },
  { name: 'remove_silences type', template: 'rants', pass: { 'voice.remove_silences': true }, fail: { 'voice.remove_silences': 'true' }, path: 'voice.remove_silences', rule: 'type' },
  { name: 'background.folder_id integer', template: 'ranking', pass: { 'background.folder_id': 12 }, fail: { 'background.folder_id': 'Gaming' }, path: 'background.folder_id', rule: 'type' },
  { name: 'exit_enabled type', template: 'didyouknow', pass: { 'background.exit_enabled': true }, fail: { 'background.exit_enabled': 'yes' }, path: 'background.exit_enabled', rule: 'type' },
  { name: 'exit_video_id integer', template: 'didyouknow', pass: { 'background.exit_video_id': 9 }, fail: { 'background.exit_video_id': 9.5 }, path: 'background.exit_video_id', rule: 'type' },

  // Ranking
  { name: 'ranking.category_preset enum', template: 'ranking', pass: { 'ranking.category_preset': 'bodycam' }, fail: { 'ranking.category_preset': 'sports' }, path: 'ranking.category_preset', rule: 'enum' },

  // List
  { name: 'item_count min 1', template: 'list', pass: { 'script.item_count': 1 }, fail: { 'script.item_count': 0 }, path: 'script.item_count', rule: 'min' },
  { name: 'item_count max 15', template: 'list', pass: { 'script.item_count': 15 }, fail: { 'script.item_count': 16 }, path: 'script.item_count', rule: 'max' },
  { name: 'include_ai_ctas type', template: 'list', pass: { 'script.include_ai_ctas': false }, fail: { 'script.include_ai_ctas': 'false' }, path: 'script.include_ai_ctas', rule: 'type' },
  { name: 'category type', template: 'list', pass: { 'script.category': 'facts' }, fail: { 'script.category': ['facts'] }, path: 'script.category', rule: 'type' },
  { name: 'subcategory only with category', template: 'list', pass: { 'script.category': 'facts', 'script.subcategory': 'space' }, fail: { 'script.subcategory': 'space' }, path: 'script.subcategory', rule: 'onlyWhen' },
  { name: 'voice_actor_id integer', template: 'list', pass: { 'voice.voice_actor_id': 233 }, fail: { 'voice.voice_actor_id': 'Ava' }, path: 'voice.voice_actor_id', rule: 'type' },

  // Music
  { name: 'music.enabled type', template: 'story', pass: { 'music.enabled': true }, fail: { 'music.enabled': 'on' }, path: 'music.enabled', rule: 'type' },
  { name: 'music.music_id integer', template: 'list', pass: { 'music.music_id': 4 }, fail: { 'music.music_id': 'calm-4' }, path: 'music.music_id', rule: 'type' },
  { name: 'music.id alias integer', template: 'list', pass: { 'music.id': 4 }, fail: { 'music.id': 'calm-4' }, path: 'music.id', rule: 'type' },
  { name: 'music.category type', template: 'dmstory', pass: { 'music.category': 'Dramatic' }, fail: { 'music.category': 5 }, path: 'music.category', rule: 'type' },
  { name: 'music.volume_percent min 0', template: 'rants', pass: { 'music.volume_percent': 0 }, fail: { 'music.volume_percent': -1 }, path: 'music.volume_percent', rule: 'usual', warn: true },
  { name: 'music.volume_percent max 100', template: 'rants', pass: { 'music.volume_percent': 100 }, fail: { 'music.volume_percent': 101 }, path: 'music.volume_percent', rule: 'usual', warn: true },

  // Webhook
  { name: 'webhook.url https', template: 'story', pass: { 'webhook.url': 'https://example.com/hooks/trending' }, fail: { 'webhook.url': 'http://example.com/hooks/trending' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.url http on loopback for a dev API', template: 'story', devHost: true, pass: { 'webhook.url': 'http://localhost:5678/webhook-waiting/1' }, fail: { 'webhook.url': 'ftp://localhost/hook' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.url http on 127.0.0.1 for a dev API', template: 'list', devHost: true, pass: { 'webhook.url': 'http://127.0.0.1:4010/hook' }, fail: { 'webhook.url': 'http://192.168.1.20/hook' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.url absolute', template: 'list', pass: { 'webhook.url': 'https://hooks.example.com/t' }, fail: { 'webhook.url': '/webhooks/trending' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.url port 443', template: 'list', pass: { 'webhook.url': 'https://hooks.example.com:443/t' }, fail: { 'webhook.url': 'https://hooks.example.com:8443/t' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.url no private network', template: 'list', pass: { 'webhook.url': 'https://172.32.0.1/t' }, fail: { 'webhook.url': 'https://10.1.2.3/t' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.url no .internal', template: 'list', pass: { 'webhook.url': 'https://internal.example.com/t' }, fail: { 'webhook.url': 'https://metadata.google.internal/t' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.url no .local', template: 'list', pass: { 'webhook.url': 'https://n8n.example.org/t' }, fail: { 'webhook.url': 'https://n8n.local/t' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.url no metadata address', template: 'list', pass: { 'webhook.url': 'https://8.8.8.8/t' }, fail: { 'webhook.url': 'https://169.254.169.254/latest' }, path: 'webhook.url', rule: 'format' },
  { name: 'webhook.secret type', template: 'rants', pass: { 'webhook.secret': 's3cret' }, fail: { 'webhook.secret': 12345 }, path: 'webhook.secret', rule: 'type' },
  { name: 'webhook.events array', template: 'story', pass: { 'webhook.events': ['trending.story.v001.*'] }, fail: { 'webhook.events': 'trending.story.v001.*' }, path: 'webhook.events', rule: 'type' },
  { name: 'webhook.events items strings', template: 'story', pass: { 'webhook.events': ['trending.*.v001.completed'] }, fail: { 'webhook.events': ['trending.*.v001.completed', 7] }, path: 'webhook.events[1]', rule: 'type' },
  { name: 'webhook.events patterns', template: 'story', pass: { 'webhook.events': ['trending.*.v001.render.*'] }, fail: { 'webhook.events': ['trending story completed'] }, path: 'webhook.events[0]', rule: 'format' },

  // Another template's options
  { name: 'ranking.category_preset is not a story option', template: 'story', pass: { 'script.images_requested': 12 }, fail: { 'ranking.category_preset': 'funny' }, path: 'ranking.category_preset', rule: 'unknownForTemplate', warn: true },
  { name: 'voice.speed_percentage is not a story option', template: 'story', pass: { 'music.volume_percent': 10 }, fail: { 'voice.speed_percentage': 100 }, path: 'voice.speed_percentage', rule: 'unknownForTemplate', warn: true },
  { name: 'background.folder_id is not a story option', template: 'story', pass: { prompt: 'A hotel keycard.' }, fail: { 'background.folder_id': 3 }, path: 'background.folder_id', rule: 'unknownForTemplate', warn: true },
  { name: 'script.topic_preset is not a ranking option', template: 'ranking', pass: { 'ranking.category_preset': 'funny' }, fail: { 'script.topic_preset': 'school' }, path: 'script.topic_preset', rule: 'unknownForTemplate', warn: true },
  { name: 'music is not used by ranking', template: 'ranking', pass: { preview_only: true }, fail: { music: { mood: 'calm' } }, path: 'music', rule: 'unknownForTemplate', warn: true },
  { name: 'music.id is not a ranking option', template: 'ranking', pass: { preview_only: true }, fail: { 'music.id': 3 }, path: 'music.id', rule: 'unknownForTemplate', warn: true },
  { name: 'exit clip is not a rants option', template: 'rants', pass: { 'background.folder_id': 3 }, fail: { 'background.exit_enabled': true }, path: 'background.exit_enabled', rule: 'unknownForTemplate', warn: true },
  { name: 'voice_actor_id is not a dmstory option', template: 'dmstory', pass: { 'voice.speed_percentage': 120 }, fail: { 'voice.voice_actor_id': 233 }, path: 'voice.voice_actor_id', rule: 'unknownForTemplate', warn: true },
  { name: 'item_count is not a story option', template: 'story', pass: { 'script.images_requested': 12 }, fail: { 'script.item_count': 5 }, path: 'script.item_count', rule: 'unknownForTemplate', warn: true },
];

describe('checkCreateRequest: every rule passes, and fails or warns', () => {
  it.each(CREATE_RULES)('$name', ({ template, pass, fail, path, rule, warn, devHost }) => {
    const passed = checkCreateRequest(template, bodyFromEntries(pass), { devHost });
    expect([codes(passed.violations), codes(passed.warnings)]).toEqual([[], []]);
    const failed = checkCreateRequest(template, bodyFromEntries(fail), { devHost });
    const expected = warn ? [[], [[path, rule]]] : [[[path, rule]], []];
    expect([codes(failed.violations), codes(failed.warnings)]).toEqual(expected);
  });
});

describe('webhook URLs: "We reject loopback, private-network, metadata, .local, and .internal hosts"', () => {
  const urlRefusals = (url: string, devHost?: boolean) =>
    codes(validateCreateRequest('story', { webhook: { url } }, { devHost }));
  it.each([
    'http://localhost:5678/webhook-waiting/1',
    'https://127.0.0.1/hook',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
  ])('refuses loopback %s for Trending itself, allows it for a loopback dev API', (url) => {
    expect(urlRefusals(url)).toEqual([['webhook.url', 'format']]);
    expect(urlRefusals(url, true)).toEqual([]);
  });
  it.each(['https://[::ffff:10.0.0.1]/hook', 'https://[::ffff:a00:1]/hook', 'https://[::ffff:192.168.0.9]/hook'])(
    'refuses the IPv4-mapped private address %s even for a dev API',
    (url) => {
      expect(urlRefusals(url, true)).toEqual([['webhook.url', 'format']]);
    },
  );
  it('says what to use instead', () => {
    const [violation] = validateCreateRequest('story', { webhook: { url: 'http://localhost:5678/w' } });
    expect(violation?.message).toMatch(/public https:\/\/ address/);
  });
});

describe('validateCreateRequest', () => {
  it("accepts the reference's own Story example, nulls included", () => {
    const body = {
      name: 'Optional video name',
      prompt: 'Optional story idea (min 6 chars if provided)',
      preview_only: false,
      script: {
        images_requested: 12,
        voice_format: 'dialogue',
        narrator_enabled: false,
        visual_style_preset: 'semi_realistic_painterly',
        visual_style_custom: null,
        reuse_characters_from_video_id: null,
        reuse_story_mode: 'different',
        reference_images: [
          { asset_id: 501, alias: 'logo_ref', description: 'CPALead logo mark' },
          { story_id: 456, run_id: 9912, alias: 'mascot_sheet', description: 'Mascot style reference' },
        ],
        reference_instruction: 'Use @logo_ref on the jersey chest only.',
        outro: { enabled: true, text: 'This story was brought to you by SkyLaunch.', speaker: 'Ava' },
      },
      music: { enabled: true, category: 'Dramatic', volume_percent: 20 },
      webhook: {
        url: 'https://example.com/webhooks/trending',
        secret: 'optional shared secret',
        events: ['trending.story.v001.completed', 'trending.story.v001.failed'],
      },
    };
    expect(validateCreateRequest('story', body)).toEqual([]);
  });

  it('accepts an empty body: every create field is optional', () => {
    for (const template of ['story', 'ranking', 'list'] as const)
      expect(validateCreateRequest(template, {})).toEqual([]);
  });

  it('lets unknown keys through, since the API may grow', () => {
    expect(validateCreateRequest('list', { brand_new: 1, script: { future_option: 'x' } })).toEqual([]);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'prompt', 3]) {
      expect(codes(validateCreateRequest('story', body))).toEqual([['', 'type']]);
    }
  });

  it('lists every violation, in field order', () => {
    const body = bodyFromEntries({
      prompt: 'hey',
      name: long(200),
      'script.images_requested': 40,
      'script.voice_format': 'opera',
      'webhook.url': 'http://example.com',
    });
    expect(codes(validateCreateRequest('story', body))).toEqual([
      ['prompt', 'minLength'],
      ['name', 'maxLength'],
      ['script.images_requested', 'max'],
      ['script.voice_format', 'enum'],
      ['webhook.url', 'format'],
    ]);
  });

  it('explains ranges, lengths and enums in plain words', () => {
    const messages = validateCreateRequest(
      'story',
      bodyFromEntries({ name: long(181), 'script.images_requested': 5, 'script.reuse_story_mode': 'sequel' }),
    ).map((v) => v.message);
    expect(messages).toEqual([
      'name must be at most 180 characters',
      'script.images_requested must be between 10 and 30 (2..30 with preview_only)',
      'script.reuse_story_mode must be one of: different, similar, continuation (got "sequel")',
    ]);
    const [preview] = validateCreateRequest('story', { preview_only: true, script: { images_requested: 1 } });
    expect(preview?.message).toBe('script.images_requested must be between 2 and 30 (with preview_only)');
  });

  it('names the expected type without echoing a possibly secret value', () => {
    const [violation] = validateCreateRequest('story', { webhook: { secret: ['hunter2'] } });
    expect(violation).toEqual({
      path: 'webhook.secret',
      rule: 'type',
      message: 'webhook.secret must be a string, not an array',
    });
  });

  it('warns, naming the templates that own it, about an option sent to the wrong one (unknown keys pass)', () => {
    const check = checkCreateRequest('ranking', { script: { topic_preset: 'school' } });
    expect(check.violations).toEqual([]);
    expect(check.warnings[0]?.message).toBe(
      'script.topic_preset is not a ranking option (it belongs to dmstory, confession, didyouknow, rants), so ranking may ignore it',
    );
    const warned = (body: object) => codes(checkCreateRequest('ranking', body).warnings);
    expect(warned({ voice: { pitch: 3 } })).toEqual([['voice', 'unknownForTemplate']]);
    expect(warned({ script: { outro: { colour: 'red' } } })).toEqual([['script', 'unknownForTemplate']]);
  });

  it('throws for a template that does not exist (a programming error, not a user one)', () => {
    expect(() => validateCreateRequest('tiktok' as TemplateId, {})).toThrow(/story, dmstory/);
  });
});

describe('checkTriggerRequest: refusals', () => {
  const trigger = {
    api_key: 'sk_live_x',
    video_type: 'story',
    idempotency_key: '123e4567-e89b-12d3-a456-426614174000',
    preview_only: false,
    prompt: 'A short scary story about a hotel keycard.',
    webhook: { url: 'https://example.com/webhooks/trending', events: ['trending.story.v001.completed'] },
  };

  it("accepts the reference's trigger example", () => {
    expect(checkTriggerRequest(trigger).violations).toEqual([]);
  });

  it('requires video_type', () => {
    const { video_type: _omit, ...rest } = trigger;
    expect(codes(checkTriggerRequest(rest).violations)).toEqual([['video_type', 'required']]);
  });

  it('requires video_type to be a template', () => {
    expect(codes(checkTriggerRequest({ ...trigger, video_type: 'reel' }).violations)).toEqual([['video_type', 'enum']]);
    expect(codes(checkTriggerRequest({ ...trigger, video_type: 1 }).violations)).toEqual([['video_type', 'type']]);
  });

  it('validates the rest as that template', () => {
    expect(
      codes(checkTriggerRequest({ ...trigger, video_type: 'list', script: { item_count: 20 } }).violations),
    ).toEqual([['script.item_count', 'max']]);
    const foreign = checkTriggerRequest({ ...trigger, ranking: { category_preset: 'funny' } });
    expect([codes(foreign.violations), codes(foreign.warnings)]).toEqual([
      [],
      [['ranking.category_preset', 'unknownForTemplate']],
    ]);
  });

  it('requires a body idempotency_key, when sent, to be a non-empty string', () => {
    expect(codes(checkTriggerRequest({ ...trigger, idempotency_key: 42 }).violations)).toEqual([
      ['idempotency_key', 'type'],
    ]);
    expect(codes(checkTriggerRequest({ ...trigger, idempotency_key: '' }).violations)).toEqual([
      ['idempotency_key', 'type'],
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(codes(checkTriggerRequest('video_type=story').violations)).toEqual([['', 'type']]);
  });
});

describe('validateRequestSize', () => {
  it('accepts exactly 3,145,728 bytes and refuses one more', () => {
    expect(MAX_REQUEST_BYTES).toBe(3_145_728);
    expect(validateRequestSize('a'.repeat(MAX_REQUEST_BYTES))).toEqual([]);
    expect(codes(validateRequestSize('a'.repeat(MAX_REQUEST_BYTES + 1)))).toEqual([['', 'max']]);
    expect(validateRequestSize(new Uint8Array(MAX_REQUEST_BYTES))).toEqual([]);
    expect(validateRequestSize(new Uint8Array(MAX_REQUEST_BYTES + 1))[0]?.message).toMatch(/3145729 bytes.*3145728/);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const accents = 'é'.repeat(MAX_REQUEST_BYTES / 2 + 1);
    expect(codes(validateRequestSize(accents))).toEqual([['', 'max']]);
  });

  it('counts like TextEncoder for every kind of character, lone surrogates included', () => {
    const sample = 'a\u00e9\u20ac🎬\ud800x\udc00';
    const fill = 'a'.repeat(MAX_REQUEST_BYTES - new TextEncoder().encode(sample).length);
    expect(validateRequestSize(fill + sample)).toEqual([]);
    expect(validateRequestSize(`${fill}a${sample}`)).toHaveLength(1);
  });
});

interface HelperCase {
  name: string;
  validate: (body: never) => Violation[];
  pass: unknown;
  fail: unknown;
  expected: [string, string][];
}

// prettier-ignore
const HELPER_RULES: HelperCase[] = [
  { name: 'outro text max 900', validate: validateOutroUpdate, pass: { text: long(900) }, fail: { text: long(901) }, expected: [['text', 'maxLength']] },
  { name: 'outro speaker max 120', validate: validateOutroUpdate, pass: { speaker: 'Ava' }, fail: { speaker: long(121) }, expected: [['speaker', 'maxLength']] },
  { name: 'outro attachments max 4', validate: validateOutroUpdate, pass: { attachment_asset_ids: [1, 2, 3, 4] }, fail: { attachment_asset_ids: [1, 2, 3, 4, 5] }, expected: [['attachment_asset_ids', 'max']] },
  { name: 'outro attachments integers', validate: validateOutroUpdate, pass: { attachment_asset_ids: [501] }, fail: { attachment_asset_ids: ['501'] }, expected: [['attachment_asset_ids[0]', 'type']] },
  { name: 'outro reference slide index', validate: validateOutroUpdate, pass: { reference_slide_index: 0 }, fail: { reference_slide_index: -1 }, expected: [['reference_slide_index', 'min']] },
  { name: 'outro body object', validate: validateOutroUpdate, pass: {}, fail: 'text', expected: [['', 'type']] },
  { name: 'slide_index required', validate: validateSlideAnimationRequest, pass: { slide_index: 0 }, fail: {}, expected: [['slide_index', 'required']] },
  { name: 'slide_index non-negative', validate: validateSlideAnimationRequest, pass: { slide_index: 11 }, fail: { slide_index: -1 }, expected: [['slide_index', 'min']] },
  { name: 'slide_index integer', validate: validateSlideAnimationRequest, pass: { slide_index: 3 }, fail: { slide_index: 1.5 }, expected: [['slide_index', 'type']] },
  { name: 'reference image extension', validate: validateReferenceImageUpload, pass: { fileName: 'logo.WEBP', size: 10 }, fail: { fileName: 'logo.gif', size: 10 }, expected: [['fileName', 'format']] },
  { name: 'reference image mime type', validate: validateReferenceImageUpload, pass: { fileName: 'a.jpeg', mimeType: 'image/jpeg' }, fail: { fileName: 'a.jpeg', mimeType: 'image/gif' }, expected: [['mimeType', 'format']] },
  { name: 'reference image max 3 MB', validate: validateReferenceImageUpload, pass: { fileName: 'a.png', size: 3 * 1024 * 1024 }, fail: { fileName: 'a.png', size: 3 * 1024 * 1024 + 1 }, expected: [['size', 'max']] },
  { name: 'reference image source_url https', validate: validateReferenceImageUpload, pass: { source_url: 'https://cdn.example.com/logo.png' }, fail: { source_url: 'http://cdn.example.com/logo.png' }, expected: [['source_url', 'format']] },
  { name: 'reference image file or url, not both', validate: validateReferenceImageUpload, pass: { fileName: 'a.png' }, fail: { fileName: 'a.png', source_url: 'https://x.example/a.png' }, expected: [['', 'oneOf']] },
  { name: 'reference image needs something', validate: validateReferenceImageUpload, pass: { source_url: 'https://x.example/a' }, fail: {}, expected: [['', 'required']] },
  { name: 'library video extension', validate: validateLibraryVideoUpload, pass: { fileName: 'clip.m4v', size: 1 }, fail: { fileName: 'clip.avi', size: 1 }, expected: [['fileName', 'format']] },
  { name: 'library video max 200 MB', validate: validateLibraryVideoUpload, pass: { fileName: 'clip.mp4', size: 200 * 1024 * 1024 }, fail: { fileName: 'clip.mp4', size: 200 * 1024 * 1024 + 1 }, expected: [['size', 'max']] },
  { name: 'library video mime type', validate: validateLibraryVideoUpload, pass: { fileName: 'clip.mov', size: 5, mimeType: 'video/quicktime' }, fail: { fileName: 'clip.mov', size: 5, mimeType: 'application/octet-stream' }, expected: [['mimeType', 'format']] },
  { name: 'library video needs name and size', validate: validateLibraryVideoUpload, pass: { fileName: 'clip.webm', size: 5 }, fail: { fileName: 'clip.webm' }, expected: [['size', 'required']] },
  { name: 'library video upload_profile', validate: validateLibraryVideoUpload, pass: { fileName: 'c.mp4', size: 5, upload_profile: 'ranking' }, fail: { fileName: 'c.mp4', size: 5, upload_profile: 'story' }, expected: [['upload_profile', 'enum']] },
  { name: 'library video folder_id', validate: validateLibraryVideoUpload, pass: { fileName: 'c.mp4', size: 5, folder_id: 3 }, fail: { fileName: 'c.mp4', size: 5, folder_id: '3' }, expected: [['folder_id', 'type']] },
  { name: 'library URL direct https file', validate: validateLibraryVideoUrl, pass: { url: 'https://cdn.example.com/a/clip.MP4?sig=1' }, fail: { url: 'https://www.tiktok.com/@someone/video/123' }, expected: [['url', 'format']] },
  { name: 'library URL https', validate: validateLibraryVideoUrl, pass: { url: 'https://cdn.example.com/clip.mov' }, fail: { url: 'http://cdn.example.com/clip.mov' }, expected: [['url', 'format']] },
  { name: 'library URL required', validate: validateLibraryVideoUrl, pass: { url: 'https://cdn.example.com/c.webm', name: 'c' }, fail: { name: 'c' }, expected: [['url', 'required']] },
  { name: 'library URL upload_profile', validate: validateLibraryVideoUrl, pass: { url: 'https://c.example/c.mp4', upload_profile: 'background' }, fail: { url: 'https://c.example/c.mp4', upload_profile: 'bg' }, expected: [['upload_profile', 'enum']] },
  { name: 'coverage template required', validate: validateCoverageRequest, pass: { template: 'rants' }, fail: { folder_id: 3 }, expected: [['template', 'required']] },
  { name: 'coverage template takes folders', validate: validateCoverageRequest, pass: { template: 'list', folder_id: 3 }, fail: { template: 'story', folder_id: 3 }, expected: [['template', 'enum']] },
  { name: 'coverage counts', validate: validateCoverageRequest, pass: { template: 'list', required_count: 8, required_total_duration_seconds: 61.5 }, fail: { template: 'list', required_count: 2.5 }, expected: [['required_count', 'type']] },
  { name: 'coverage duration non-negative', validate: validateCoverageRequest, pass: { template: 'list', required_total_duration_seconds: 0 }, fail: { template: 'list', required_total_duration_seconds: -1 }, expected: [['required_total_duration_seconds', 'min']] },
  { name: 'coverage ranking preset', validate: validateCoverageRequest, pass: { template: 'ranking', ranking_category_preset: 'chase' }, fail: { template: 'ranking', ranking_category_preset: 'sports' }, expected: [['ranking_category_preset', 'enum']] },
  // The reference lists ranking_category_preset among coverage's optional fields without restricting it to ranking.
  { name: 'coverage ranking preset accepted for any template', validate: validateCoverageRequest, pass: { template: 'rants', ranking_category_preset: 'chase' }, fail: { template: 'rants', ranking_category_preset: 'sports' }, expected: [['ranking_category_preset', 'enum']] },
  { name: 'favorite required boolean', validate: validateFavoriteRequest, pass: { favorite: false }, fail: { favorite: 'yes' }, expected: [['favorite', 'type']] },
  { name: 'favorite required', validate: validateFavoriteRequest, pass: { favorite: true }, fail: { template: 'list' }, expected: [['favorite', 'required']] },
  { name: 'favorite narrated template', validate: validateFavoriteRequest, pass: { favorite: true, template: 'didyouknow' }, fail: { favorite: true, template: 'ranking' }, expected: [['template', 'enum']] },
  { name: 'CTA mode', validate: validateListScriptCtaRequest, pass: { mode: 'apply', replace_existing: true }, fail: { mode: 'append' }, expected: [['mode', 'enum']] },
  { name: 'CTA mode required', validate: validateListScriptCtaRequest, pass: { mode: 'suggest' }, fail: { replace_existing: true }, expected: [['mode', 'required']] },
  { name: 'CTA replace_existing boolean', validate: validateListScriptCtaRequest, pass: { mode: 'suggest', replace_existing: false }, fail: { mode: 'suggest', replace_existing: 'no' }, expected: [['replace_existing', 'type']] },
  { name: 'CTA placement', validate: validateListScriptCtaRequest, pass: { mode: 'apply', placement: 'middle' }, fail: { mode: 'apply', placement: 'sideways' }, expected: [['placement', 'enum']] },
  { name: 'CTA apply reset_audio boolean', validate: validateListScriptCtaRequest, pass: { mode: 'apply', reset_audio: true }, fail: { mode: 'apply', reset_audio: 'yes' }, expected: [['reset_audio', 'type']] },
  { name: 'slide animation lip_sync boolean', validate: validateSlideAnimationRequest, pass: { slide_index: 0, lip_sync: false }, fail: { slide_index: 0, lip_sync: 'yes' }, expected: [['lip_sync', 'type']] },
  { name: 'script line type', validate: validateListScriptUpdate, pass: { script: { lines: [{ text: 'a', type: 'cta' }] } }, fail: { script: { lines: [{ text: 'a', type: 'title' }] } }, expected: [['script.lines[0].type', 'enum']] },
  { name: 'script line text required', validate: validateListScriptUpdate, pass: { lines: [{ text: 'a' }] }, fail: { lines: [{ type: 'item' }] }, expected: [['lines[0].text', 'required']] },
  { name: 'script lines are objects', validate: validateListScriptUpdate, pass: { script: { intro: 'Hi', lines: [] } }, fail: { script: { lines: ['a'] } }, expected: [['script.lines[0]', 'type']] },
  { name: 'script expected_updated_at string', validate: validateListScriptUpdate, pass: { expected_updated_at: '2026-01-01T00:00:00Z', script: { intro: 'x' } }, fail: { expected_updated_at: 5, script: { intro: 'x' } }, expected: [['expected_updated_at', 'type']] },
  { name: 'script emoji suggestions strings', validate: validateListScriptUpdate, pass: { emoji_suggestions: ['🔥'] }, fail: { emoji_suggestions: [1] }, expected: [['emoji_suggestions[0]', 'type']] },
];

describe('helper-endpoint validators: every rule passes and fails', () => {
  it.each(HELPER_RULES)('$name', ({ validate, pass, fail, expected }) => {
    expect(codes(validate(pass as never))).toEqual([]);
    expect(codes(validate(fail as never))).toEqual(expected);
  });

  it('states file limits in megabytes', () => {
    const [tooBig] = validateLibraryVideoUpload({ fileName: 'clip.mp4', size: 250 * 1024 * 1024 });
    expect(tooBig?.message).toBe('size is 250 MB; a library video may be at most 200 MB (209715200 bytes)');
  });
});

describe("helper fields are the validators' rules (one source)", () => {
  it('validateFields checks any body against helper fields', () => {
    expect(codes(validateFields(LIST_SCRIPT_LINE_FIELDS, { text: 'a', type: 'cta' }))).toEqual([]);
    expect(codes(validateFields(LIST_SCRIPT_LINE_FIELDS, { type: 'x' }, 'line'))).toEqual([
      ['type', 'enum'],
      ['text', 'required'],
    ]);
    expect(validateFields(OUTRO_UPDATE_FIELDS, [], 'outro update')[0]?.message).toBe(
      'the outro update must be a JSON object, not an array',
    );
  });

  it('every bound of OUTRO_UPDATE_FIELDS is what validateOutroUpdate enforces', () => {
    for (const field of OUTRO_UPDATE_FIELDS) {
      if (field.max === undefined) continue;
      const over = field.type === 'string' ? long(field.max + 1) : Array.from({ length: field.max + 1 }, (_, i) => i);
      expect(codes(validateOutroUpdate({ [field.path]: over }))).toEqual([
        [field.path, field.type === 'string' ? 'maxLength' : 'max'],
      ]);
    }
  });

  it('every enum option of the helper fields passes, and nothing else does', () => {
    for (const placement of LIST_CTA_PLACEMENTS) {
      expect(validateListScriptCtaRequest({ mode: 'apply', placement })).toEqual([]);
    }
    for (const upload_profile of UPLOAD_PROFILES) {
      expect(validateLibraryVideoUrl({ url: 'https://c.example/c.mp4', upload_profile })).toEqual([]);
    }
  });
});

describe('formatViolations', () => {
  it('gives one line per violation', () => {
    const violations = validateCreateRequest('list', { prompt: 'a', script: { item_count: 0 } });
    expect(formatViolations(violations)).toBe(
      'prompt must be at least 2 characters\nscript.item_count must be between 1 and 15',
    );
    expect(formatViolations([])).toBe('');
  });
});

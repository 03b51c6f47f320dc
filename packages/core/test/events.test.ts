import { describe, expect, it } from 'vitest';
import type { TemplateId } from '../src/catalogue/types';
import {
  DEFAULT_EVENT_PATTERNS,
  EVENT_SUFFIXES,
  eventName,
  isEventAllowed,
  matchesEventPattern,
  parseEventName,
  templateEvents,
} from '../src/events';
import { runEndEvents } from '../src/events';

const TEMPLATES: TemplateId[] = ['story', 'dmstory', 'confession', 'didyouknow', 'rants', 'ranking', 'list'];

describe('matchesEventPattern', () => {
  // `*` spans dots; the rest is literal, case-sensitive and must cover the whole name.
  it.each<[string, string, boolean]>([
    // The reference's allowlist examples.
    ['trending.story.v001.*', 'trending.story.v001.completed', true],
    ['trending.story.v001.*', 'trending.story.v001.render.completed', true],
    ['trending.story.v001.*', 'trending.story.v001.slide_animation.in_progress', true],
    ['trending.story.v001.*', 'trending.list.v001.completed', false],
    ['trending.*.v001.completed', 'trending.didyouknow.v001.completed', true],
    ['trending.*.v001.completed', 'trending.story.v001.failed', false],
    // The literal tail `.v001.completed` must end the name, so the default never takes in the opt-in render events.
    ['trending.*.v001.completed', 'trending.story.v001.render.completed', false],
    ['trending.*.v001.completed', 'trending.story.v001.slide_animation.completed', false],
    ['trending.*.v001.render.*', 'trending.ranking.v001.render.started', true],
    ['trending.*.v001.render.*', 'trending.ranking.v001.render.failed', true],
    ['trending.*.v001.render.*', 'trending.ranking.v001.completed', false],
    // A suffix-only pattern is where spanning dots matters: it reaches into every sub-lifecycle.
    ['*.completed', 'trending.story.v001.render.completed', true],
    ['*.completed', 'trending.story.v001.outro_image.completed', true],
    ['*', 'trending.list.v001.script.updated', true],
    ['trending.*', 'trending.rants.v001.progress', true],
    // Whole-string: no implicit prefix or suffix match.
    ['trending.story.v001', 'trending.story.v001.completed', false],
    ['story.v001.completed', 'trending.story.v001.completed', false],
    ['trending.story.v001.completed', 'trending.story.v001.completed.extra', false],
    // Case-sensitive.
    ['trending.story.v001.Completed', 'trending.story.v001.completed', false],
    ['TRENDING.*', 'trending.story.v001.completed', false],
    // Regex metacharacters are literal: `.` is not "any character", `?`, `+`, `(` are themselves.
    ['trending.story.v001.completed', 'trendingXstoryXv001Xcompleted', false],
    ['trending.story.v00?.completed', 'trending.story.v001.completed', false],
    ['trending.story.v001.(completed|failed)', 'trending.story.v001.completed', false],
    ['trending.story.v001.(completed|failed)', 'trending.story.v001.(completed|failed)', true],
    ['trending.story+.v001.*', 'trending.storyy.v001.completed', false],
    ['trending.[a-z]*.v001.completed', 'trending.story.v001.completed', false],
    // Several stars, backtracking, and the empty cases.
    ['trending.*.v001.*.completed', 'trending.story.v001.slide_animation.completed', true],
    ['trending.*.v001.*.completed', 'trending.story.v001.completed', false],
    ['**', '', true],
    ['', '', true],
    ['', 'trending.story.v001.completed', false],
  ])('%s vs %s -> %s', (pattern, name, expected) => {
    expect(matchesEventPattern(pattern, name)).toBe(expected);
  });

  it('stays fast on a pathological pattern', () => {
    const name = 'a'.repeat(2000);
    const pattern = '*a'.repeat(30) + 'b';
    const started = performance.now();
    expect(matchesEventPattern(pattern, name)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('isEventAllowed', () => {
  it('uses the API default (terminal run events only) when the allowlist is omitted or empty', () => {
    for (const allowlist of [undefined, []]) {
      expect(isEventAllowed('trending.story.v001.completed', allowlist)).toBe(true);
      expect(isEventAllowed('trending.list.v001.failed', allowlist)).toBe(true);
      expect(isEventAllowed('trending.story.v001.progress', allowlist)).toBe(false);
      expect(isEventAllowed('trending.story.v001.render.completed', allowlist)).toBe(false);
      expect(isEventAllowed('trending.story.v001.slide_animation.completed', allowlist)).toBe(false);
      expect(isEventAllowed('trending.list.v001.script.generated', allowlist)).toBe(false);
    }
  });

  it('the default lets through exactly the terminal events of every template', () => {
    for (const template of TEMPLATES) {
      const allowed = templateEvents(template).filter((name) => isEventAllowed(name));
      expect(allowed).toEqual([eventName(template, 'completed'), eventName(template, 'failed')]);
    }
  });

  it('matches any pattern of a given allowlist, and only those', () => {
    const allowlist = ['trending.story.v001.*', 'trending.*.v001.completed', 'trending.*.v001.failed'];
    expect(isEventAllowed('trending.story.v001.progress', allowlist)).toBe(true);
    expect(isEventAllowed('trending.rants.v001.completed', allowlist)).toBe(true);
    expect(isEventAllowed('trending.rants.v001.progress', allowlist)).toBe(false);
  });

  it('treats a non-empty allowlist as replacing the default', () => {
    expect(isEventAllowed('trending.story.v001.completed', ['trending.story.v001.progress'])).toBe(false);
  });

  it('exposes the default patterns as documented', () => {
    expect(DEFAULT_EVENT_PATTERNS).toEqual(['trending.*.v001.completed', 'trending.*.v001.failed']);
  });
});

describe('event names', () => {
  it('builds trending.{template}.v001.{suffix}', () => {
    expect(eventName('story', 'render.completed')).toBe('trending.story.v001.render.completed');
  });

  it.each([
    ['trending.story.v001.completed', { template: 'story', version: 'v001', suffix: 'completed' }],
    [
      'trending.story.v001.slide_animation.in_progress',
      { template: 'story', version: 'v001', suffix: 'slide_animation.in_progress' },
    ],
    ['trending.didyouknow.v002.render.failed', { template: 'didyouknow', version: 'v002', suffix: 'render.failed' }],
  ])('parses %s', (name, parsed) => {
    expect(parseEventName(name)).toEqual(parsed);
  });

  it.each([
    ['trending.story.completed'],
    ['trending.story.v001.'],
    ['Trending.story.v001.completed'],
    ['trending.story.v001.completed '],
    ['trending.*.v001.completed'],
    ['xtrending.story.v001.completed'],
  ])('does not parse %j', (name) => {
    expect(parseEventName(name)).toBeUndefined();
  });

  it('round-trips every event of every template', () => {
    for (const template of TEMPLATES) {
      for (const name of templateEvents(template)) {
        const parsed = parseEventName(name);
        expect(parsed && eventName(parsed.template, parsed.suffix)).toBe(name);
      }
    }
  });
});

describe('templateEvents', () => {
  it('gives Story its slide-animation and outro-image events, and List its script events', () => {
    const story = templateEvents('story');
    expect(story).toHaveLength(16);
    expect(story).toContain('trending.story.v001.slide_animation.deleted');
    expect(story).toContain('trending.story.v001.outro_image.queued');
    expect(story).not.toContain('trending.story.v001.script.generated');

    const list = templateEvents('list');
    expect(list).toHaveLength(10);
    expect(list).toContain('trending.list.v001.script.updated');
    expect(list.some((name) => name.includes('slide_animation'))).toBe(false);
  });

  it('gives every other template the run and render events only', () => {
    for (const template of ['dmstory', 'confession', 'didyouknow', 'rants', 'ranking'] as const) {
      expect(templateEvents(template)).toEqual([
        `trending.${template}.v001.queued`,
        `trending.${template}.v001.started`,
        `trending.${template}.v001.progress`,
        `trending.${template}.v001.completed`,
        `trending.${template}.v001.failed`,
        `trending.${template}.v001.render.started`,
        `trending.${template}.v001.render.completed`,
        `trending.${template}.v001.render.failed`,
      ]);
    }
  });

  it('covers every documented suffix across templates', () => {
    const suffixes = new Set(TEMPLATES.flatMap(templateEvents).map((name) => parseEventName(name)?.suffix));
    expect([...suffixes].sort()).toEqual([...EVENT_SUFFIXES].sort());
    expect(EVENT_SUFFIXES).toHaveLength(18);
  });
});

describe('runEndEvents', () => {
  it('is the completed and failed events of one template, both terminal', async () => {
    expect(runEndEvents('story')).toEqual(['trending.story.v001.completed', 'trending.story.v001.failed']);
    expect(runEndEvents('list').map((name) => parseEventName(name)?.suffix)).toEqual(['completed', 'failed']);
  });
});

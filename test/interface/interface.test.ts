/**
 * Saved workflows and Zaps keep working: every n8n parameter and Zapier input key in snapshot.json is still there with
 * its type, default and option values (rules in compare.ts, README "Changing parameters and input keys").
 * Additions pass and are printed; record them with `UPDATE_INTERFACE=1 npx vitest run test/interface`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { format, resolveConfig } from 'prettier';
import { Trending } from '../../nodes/Trending/Trending.node';
import App from '../../packages/zapier/src/index';
import type { PinnedInterface, ZapierApp } from './collect';
import { compareInterfaces, serialise } from './compare';
import { currentInterface } from './current';

const SNAPSHOT = resolve(__dirname, 'snapshot.json');
const REGENERATE = 'UPDATE_INTERFACE=1 npx vitest run test/interface';

function pinned(path = SNAPSHOT): PinnedInterface {
  return JSON.parse(readFileSync(path, 'utf8')) as PinnedInterface;
}

/** A copy of the Trending node whose parameters went through `edit` (the product itself is untouched). */
function editedTrending(edit: (properties: INodeProperties[]) => INodeProperties[], version = 1): INodeType {
  const node = new Trending();
  const copy = structuredClone({
    ...node.description,
    properties: node.description.properties,
  }) as typeof node.description;
  return { description: { ...copy, version, properties: edit(copy.properties) } };
}

function renamed(from: string, to: string) {
  return (properties: INodeProperties[]) => properties.map((p) => (p.name === from ? { ...p, name: to } : p));
}

describe('the pinned interface (test/interface/snapshot.json)', () => {
  const current = currentInterface();
  const { breaking, added } = compareInterfaces(pinned(), current);

  // Regenerating records additions only: a breaking change fails below and leaves the snapshot as it was.
  beforeAll(async () => {
    if (process.env.UPDATE_INTERFACE !== '1' || breaking.length > 0) return;
    const options = { ...(await resolveConfig(SNAPSHOT)), filepath: SNAPSHOT };
    writeFileSync(SNAPSHOT, await format(serialise(current), options));
  });

  it('keeps every pinned name, type, default and option value', () => {
    if (added.length > 0 && process.env.UPDATE_INTERFACE !== '1') {
      console.log(`New in the interface (safe; record them with \`${REGENERATE}\`):\n  ${added.join('\n  ')}`);
    }
    expect(breaking, 'a breaking change needs a new node version (n8n) or a new major app version (Zapier)').toEqual(
      [],
    );
  });

  it('pins both nodes and the Zapier app, nested parameters included', () => {
    const keys = Object.keys(pinned());
    expect(keys).toContain('n8n trending v1 story/create prompt');
    expect(keys).toContain('n8n trending v1 story/get videoId');
    expect(keys.some((k) => k.startsWith('n8n trendingTrigger v1 '))).toBe(true);
    expect(keys.some((k) => /^n8n trending v1 story\/create options\.\w+/.test(k))).toBe(true);
    expect(keys).toContain('zapier v0 creates/create_story_video prompt');
    // A dynamic field generated offline, for each template the driving field offers.
    expect(keys).toContain('zapier v0 searches/estimate_cost [template=story] prompt');
  });
});

describe('the pinned-interface check', () => {
  let dir: string;
  let fixture: string;
  beforeEach(() => {
    // A temporary copy of the committed snapshot: the check reads it as it reads the real one.
    dir = mkdtempSync(join(tmpdir(), 'interface-'));
    fixture = join(dir, 'snapshot.json');
    writeFileSync(fixture, readFileSync(SNAPSHOT, 'utf8'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a renamed parameter', () => {
    const node = editedTrending(renamed('videoId', 'videoIdentifier'));
    const { breaking } = compareInterfaces(pinned(fixture), currentInterface(node));
    expect(breaking).toContain('n8n trending v1 story/get videoId: removed or renamed');
  });

  it('passes the same rename in a new node version while version 1 keeps its parameters', () => {
    const v2 = editedTrending(renamed('videoId', 'videoIdentifier'), 2);
    const versioned = { nodeVersions: { 1: new Trending(), 2: v2 } };
    const snapshot = currentInterface(versioned);
    expect(compareInterfaces(pinned(fixture), snapshot).breaking).toEqual([]);
    expect(snapshot['n8n trending v2 story/get videoIdentifier']).toBeDefined();
  });

  it('passes an added parameter and names it', () => {
    const extra: INodeProperties = { displayName: 'Note', name: 'note', type: 'string', default: '' };
    const node = editedTrending((properties) => [...properties, extra]);
    const { breaking, added } = compareInterfaces(pinned(fixture), currentInterface(node));
    expect(breaking).toEqual([]);
    expect(added).toContain('n8n trending v1 story/create note: new');
  });

  it('fails on a type change, a new default and a removed option value', () => {
    const node = editedTrending((properties) =>
      properties.map((p) => {
        if (p.name === 'videoId') return { ...p, type: 'number' as const, default: 0 };
        if (p.name === 'resource')
          return { ...p, options: p.options?.filter((o) => 'value' in o && o.value !== 'list') };
        return p;
      }),
    );
    const { breaking } = compareInterfaces(pinned(fixture), currentInterface(node));
    expect(breaking).toContain('n8n trending v1 story/get videoId: type string became number');
    expect(breaking).toContain('n8n trending v1 story/get videoId: default "" became 0');
    expect(breaking).toContain('n8n trending v1 account/checkReadiness resource: option values removed: list');
  });

  it('fails on a renamed Zapier input key unless the app moves to a new major version', () => {
    const app = App as unknown as ZapierApp;
    const story = app.creates!['create_story_video']!;
    const inputFields = story.operation.inputFields!.map((f) =>
      typeof f === 'object' && f.key === 'prompt' ? { ...f, key: 'idea' } : f,
    );
    const edited = { ...story, operation: { ...story.operation, inputFields } };
    const copy: ZapierApp = { ...app, creates: { ...app.creates, create_story_video: edited } };

    const sameMajor = compareInterfaces(pinned(fixture), currentInterface(undefined, copy));
    expect(sameMajor.breaking).toEqual(['zapier v0 creates/create_story_video prompt: removed or renamed']);

    const nextMajor = compareInterfaces(pinned(fixture), currentInterface(undefined, { ...copy, version: '1.0.0' }));
    expect(nextMajor.breaking).toEqual([]);
  });
});

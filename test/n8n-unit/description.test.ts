/**
 * The node's parameters are generated from core's catalogue: every field of every template is reachable, with the
 * catalogue's types, ranges, options, conditions and dynamic sources.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
  DEFAULT_EVENT_PATTERNS,
  eventName,
  fieldRules,
  optionLabel,
  OUTRO_UPDATE_FIELDS,
  TEMPLATE_IDS,
  TEMPLATES,
  UPLOAD_PROFILES,
} from '../../packages/core/src';
import { binaryPropertyProperty } from '../../nodes/Trending/actions/shared';
import { fieldBindings, LOAD_OPTIONS_METHOD } from '../../nodes/Trending/helpers/fields';
import { Trending } from '../../nodes/Trending/Trending.node';
import { TrendingTrigger } from '../../triggers/TrendingTrigger/TrendingTrigger.node';

const node = new Trending();
/** Hints start with a capital, as the node shows them (a rule such as "at least 6 characters" starts a sentence). */
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const properties = node.description.properties;

function createProperty(template: string, name: string): INodeProperties | undefined {
  return properties.find(
    (p) =>
      p.name === name &&
      (p.displayOptions?.show?.resource as string[] | undefined)?.includes(template) &&
      (p.displayOptions?.show?.operation as string[] | undefined)?.includes('create'),
  );
}

describe('Trending node description', () => {
  it('is an action node usable as an AI tool, with light and dark icons', () => {
    expect(node.description.usableAsTool).toBe(true);
    expect(node.description.icon).toEqual({ light: 'file:trending.svg', dark: 'file:trending.dark.svg' });
    expect(node.description.name).toBe('trending');
  });

  it.each(TEMPLATE_IDS)('shows every catalogue field of %s on Create', (template) => {
    for (const binding of fieldBindings(TEMPLATES[template])) {
      const { field } = binding;
      if (binding.kind === 'top') {
        const property = createProperty(template, binding.param);
        expect(property, `${template} ${field.path}`).toBeDefined();
        expect(property!.displayName).toBe(field.label);
      } else if (binding.kind === 'collection') {
        const collection = createProperty(template, binding.collection);
        expect(collection?.type, `${template} ${field.path}`).toBe('collection');
        const option = (collection!.options as INodeProperties[]).find((o) => o.name === binding.option);
        expect(option, `${template} ${field.path}`).toBeDefined();
        expect(option!.displayName).toBe(field.label);
      } else if (binding.kind === 'webhookSecret') {
        // A secret never sits in a plain parameter: it comes from the Webhook Signing credential.
        const credential = node.description.credentials?.find((c) => c.name === 'trendingWebhookSigningApi');
        expect(credential?.displayOptions?.show?.sendWebhook).toEqual([true]);
      } else {
        expect(createProperty(template, binding.param), `${template} ${field.path}`).toBeDefined();
      }
    }
  });

  it('maps enums to options, ranges to min/max and dynamic sources to dropdowns', () => {
    const slides = createProperty('story', 'scriptImagesRequested')!;
    expect(slides.type).toBe('number');
    // 10..30 normally, 2..30 with Preview Only: the box allows the widest range, core enforces the exact one.
    expect(slides.typeOptions).toMatchObject({ minValue: 2, maxValue: 30 });
    expect(slides.default).toBe(12);

    const style = createProperty('story', 'scriptVisualStylePreset')!;
    expect(style.type).toBe('options');
    expect((style.options as Array<{ value: string }>).map((o) => o.value)).toEqual(
      TEMPLATES.story.fields.find((f) => f.path === 'script.visual_style_preset')!.options,
    );

    const topic = createProperty('dmstory', 'scriptTopicPreset')!;
    expect((topic.options as Array<{ value: string }>)[0]!.value).toBe('');
    expect(topic.default).toBe('');

    const voice = (createProperty('list', 'voice')!.options as INodeProperties[]).find(
      (o) => o.name === 'voiceActorId',
    )!;
    expect(voice.typeOptions?.loadOptionsMethod).toBe(LOAD_OPTIONS_METHOD.voiceActors);
    const folder = (createProperty('rants', 'background')!.options as INodeProperties[]).find(
      (o) => o.name === 'folderId',
    )!;
    expect(folder.typeOptions?.loadOptionsMethod).toBe('getLibraryFolders');

    // onlyWhen becomes displayOptions: a sibling inside the collection, or a top-level parameter with "/".
    const script = createProperty('story', 'script')!.options as INodeProperties[];
    expect(script.find((o) => o.name === 'narratorEnabled')!.displayOptions).toEqual({
      show: { voiceFormat: ['dialogue'] },
    });
    expect(script.find((o) => o.name === 'visualStyleCustom')!.displayOptions).toEqual({
      show: { '/scriptVisualStylePreset': ['custom'] },
    });
    // object[] becomes a multi-value fixed collection with the item fields.
    const refs = script.find((o) => o.name === 'referenceImages')!;
    expect(refs.type).toBe('fixedCollection');
    expect(refs.typeOptions).toMatchObject({ multipleValues: true, maxAllowedFields: 9 });
  });

  it("hints state each field's rules in core's words (fieldRules), with labels for the fields they depend on", () => {
    expect(createProperty('story', 'scriptImagesRequested')!.hint).toBe('10 to 30; 2 to 30 when Preview Only is true');
    expect(createProperty('story', 'prompt')!.hint).toBe('6 to 1000 characters');
    const script = createProperty('story', 'script')!.options as INodeProperties[];
    expect(script.find((o) => o.name === 'visualStyleCustom')!.hint).toBe(
      'At most 240 characters; used only when Visual Style is custom; required when Visual Style is custom',
    );
    // Enum choices and defaults are not repeated: n8n shows them in the field.
    expect(createProperty('story', 'scriptVisualStylePreset')!.hint).toBeUndefined();
    const field = TEMPLATES.story.fields.find((f) => f.path === 'script.images_requested')!;
    expect(createProperty('story', 'scriptImagesRequested')!.hint).toBe(
      fieldRules({ ...field, default: undefined }, { name: () => 'Preview Only' }).join('; '),
    );
  });

  it('enum labels and webhook event choices come from core (optionLabel, eventName)', () => {
    const style = createProperty('story', 'scriptVisualStylePreset')!;
    for (const option of style.options as Array<{ name: string; value: string }>) {
      expect(option.name).toBe(optionLabel(option.value));
    }
    const events = createProperty('rants', 'webhookEvents')!;
    expect((events.options as Array<{ value: string }>)[0]!.value).toBe(eventName('rants', '*'));
  });

  it("Start Video's fields are each template's common catalogue fields (prompt, name, preview only)", () => {
    const startVideo = (name: string, videoType: string) =>
      properties.find(
        (p) =>
          p.name === name &&
          (p.displayOptions?.show?.operation as string[] | undefined)?.includes('startVideo') &&
          (p.displayOptions?.show?.videoType as string[] | undefined)?.includes(videoType),
      );
    for (const template of TEMPLATE_IDS) {
      const prompt = TEMPLATES[template].fields.find((f) => f.path === 'prompt')!;
      expect(startVideo('triggerPrompt', template)).toMatchObject({
        displayName: prompt.label,
        description: prompt.description,
        hint: capitalised(fieldRules(prompt).join('; ')),
      });
      expect(startVideo('triggerPreviewOnly', template)).toMatchObject({ type: 'boolean', default: false });
      expect(startVideo('triggerName', template)).toMatchObject({ type: 'string' });
    }
  });

  it("Update Outro's settings and the Library upload options are core's helper-field records", () => {
    const outro = properties.find((p) => p.name === 'outro')!.options as INodeProperties[];
    expect(outro.map((o) => o.name).sort()).toEqual(OUTRO_UPDATE_FIELDS.map((f) => f.path).sort());
    for (const field of OUTRO_UPDATE_FIELDS) {
      const option = outro.find((o) => o.name === field.path)!;
      expect(option.description).toContain(field.description);
    }
    expect(outro.find((o) => o.name === 'text')!.hint).toBe('At most 900 characters');
    expect(outro.find((o) => o.name === 'speaker')!.hint).toBe('At most 120 characters');
    expect(outro.find((o) => o.name === 'attachment_asset_ids')).toMatchObject({
      type: 'multiOptions',
      typeOptions: { loadOptionsMethod: 'getReferenceImages' },
      hint: 'At most 4 items',
    });

    const upload = properties.find(
      (p) => p.name === 'uploadOptions' && (p.displayOptions?.show?.operation as string[]).includes('uploadVideo'),
    )!.options as INodeProperties[];
    const profile = upload.find((o) => o.name === 'uploadProfile')!;
    expect((profile.options as Array<{ value: string }>).map((o) => o.value)).toEqual([...UPLOAD_PROFILES]);
    expect(upload.find((o) => o.name === 'folderId')!.typeOptions?.loadOptionsMethod).toBe('getLibraryFolders');
  });

  it('has every load-options method the generated dropdowns name', () => {
    for (const method of Object.values(LOAD_OPTIONS_METHOD)) {
      expect(typeof (node.methods.loadOptions as Record<string, unknown>)[method]).toBe('function');
    }
  });

  it("declares a restart webhook for Wait via Webhook, on its own path suffix (not a Wait node's empty one)", () => {
    expect(node.description.webhooks).toEqual([
      expect.objectContaining({ httpMethod: 'POST', path: 'trending', restartWebhook: true }),
    ]);
  });
});

describe('Trending Trigger description', () => {
  const trigger = new TrendingTrigger();
  it('is a trigger, not a tool, without fake webhook registration', () => {
    expect(trigger.description.name).toBe('trendingTrigger');
    expect(trigger.description.inputs).toEqual([]);
    expect(trigger.description.usableAsTool).toBeUndefined();
    expect((trigger as unknown as { webhookMethods?: unknown }).webhookMethods).toBeUndefined();
    expect(trigger.description.properties.find((p) => p.type === 'notice')?.displayName).toMatch(/Production URL/);
  });

  it("filters by default on what Trending sends without an events list (core's DEFAULT_EVENT_PATTERNS)", () => {
    const events = trigger.description.properties.find((p) => p.name === 'events')!;
    expect(events.default).toBe(DEFAULT_EVENT_PATTERNS.join(', '));
  });

  it("puts the MP4 in the same kind of binary field parameter as the Trending node's", () => {
    const field = trigger.description.properties.find((p) => p.name === 'binaryPropertyName')!;
    expect(field).toEqual(binaryPropertyProperty({ fetchFinalStatus: [true], download: [true] }));
  });
});

describe('package manifest', () => {
  it('lists every node, each with light and dark icons and a codex file naming its type', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '../..');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
    const sources = manifest.n8n.nodes.map((built) => built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
    expect(sources).toEqual(['nodes/Trending/Trending.node.ts', 'triggers/TrendingTrigger/TrendingTrigger.node.ts']);
    for (const [source, description] of [
      [sources[0]!, node.description],
      [sources[1]!, new TrendingTrigger().description],
    ] as const) {
      const codex = JSON.parse(readFileSync(join(root, source.replace(/\.ts$/, '.json')), 'utf8')) as { node: string };
      expect(codex.node).toBe(`n8n-nodes-trending.${description.name}`);
      const icon = description.icon as { light: string; dark: string };
      for (const file of [icon.light, icon.dark]) {
        expect(existsSync(join(root, source, '..', file.replace(/^file:/, '')))).toBe(true);
      }
    }
  });
});

/**
 * Zapier input fields generated from core's catalogue, and the way back: Zapier's inputData (strings when mapped from
 * earlier steps) into a typed, nested create body. A template's fields are never listed here by hand.
 */
import {
  TEMPLATE_IDS,
  bodyFromEntries,
  coerceFieldValue,
  fieldRules,
  findField,
  getTemplate,
  optionLabel,
  type DynamicSource,
  type FieldSpec,
  type TemplateId,
} from '@trending/core';
import type { InputFieldGroup, PlainInputField } from 'zapier-platform-core';

/** The hidden trigger behind each kind of dynamic dropdown (see triggers/dropdowns.ts). */
export const DROPDOWN_TRIGGER: Readonly<Record<DynamicSource, string>> = {
  voiceActors: 'voice_actors',
  libraryFolders: 'library_folders',
  characterSources: 'character_sources',
  referenceImages: 'reference_images',
  outroSources: 'outro_sources',
};

export const ADVANCED_GROUP: InputFieldGroup = { key: 'advanced', label: 'Advanced Options' };

/**
 * The webhook fields are the app's own: it points them at Zapier's callback URL with a secret it derives, so a Zap
 * user never types a signing secret into a step (Zapier's publishing check D001 rejects secret-like inputs).
 */
function isUserField(field: FieldSpec): boolean {
  return !field.path.startsWith('webhook.');
}

export function userFields(template: TemplateId): FieldSpec[] {
  return getTemplate(template).fields.filter(isUserField);
}

/** Long free text gets a multi-line box. */
const TEXTAREA_MIN_LENGTH = 256;

function inputField(template: TemplateId, field: FieldSpec, key = field.path): PlainInputField {
  const out: PlainInputField = { key, label: field.label, helpText: helpText(template, field), required: false };
  switch (field.type) {
    case 'integer':
      out.type = 'integer';
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'enum':
      out.type = 'string';
      out.choices = (field.options ?? []).map((value) => ({ value, label: optionLabel(value), sample: value }));
      break;
    case 'string[]':
      out.type = 'string';
      out.list = true;
      break;
    case 'object[]': {
      // Line items: Zapier passes an array of objects keyed by the children's keys. Zapier ignores (and its schema
      // rejects) help text on the parent, so the parent's explanation leads the first child's help text.
      const children = (field.items ?? []).map((item) => inputField(template, item));
      const first = children[0];
      if (first) first.helpText = `${out.helpText} ${first.helpText ?? ''}`.trim().slice(0, 1000);
      delete out.helpText;
      out.children = children;
      break;
    }
    case 'string':
      out.type = (field.max ?? 0) >= TEXTAREA_MIN_LENGTH ? 'text' : 'string';
      break;
  }
  if (field.source) out.dynamic = `${DROPDOWN_TRIGGER[field.source]}.id.name`;
  if (field.advanced) out.group = ADVANCED_GROUP.key;
  return out;
}

export function templateInputFields(template: TemplateId): PlainInputField[] {
  return userFields(template).map((field) => inputField(template, field));
}

/**
 * The catalogue's description plus the field's rules in core's words (fieldRules, as every face and docs/fields.md
 * say them), other fields named by their bold Zap-editor label. An enum's "one of" is left out: its dropdown lists
 * the choices. Zapier caps help text at 1000 characters.
 */
function helpText(template: TemplateId, field: FieldSpec): string {
  const name = (path: string) => `**${findField(template, path)?.label ?? path}**`;
  const rules = fieldRules(field.type === 'enum' ? { ...field, options: undefined } : field, { name });
  // A rule the description already says as a sentence is said once, in the rules.
  const said = new Set(rules.map(plain));
  const description = field.description
    .split(/(?<=\.)\s+/)
    .filter((sentence) => !said.has(plain(sentence)))
    .join(' ');
  const shown = rules.map((rule) =>
    rule === `default ${String(field.default)}` ? `default ${defaultLabel(field)}` : rule,
  );
  const text = rules.length > 0 ? `${description} Rules: ${shown.join('; ')}.` : description;
  return inZapierTerms(field, text).slice(0, 1000);
}

/** A default as the Zap editor shows the value: an option by its label, yes/no for a boolean. */
function defaultLabel(field: FieldSpec): string {
  if (field.type === 'boolean') return field.default ? 'Yes' : 'No';
  if (field.type === 'enum') return optionLabel(String(field.default));
  return String(field.default);
}

function plain(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\.$/, '').trim().toLowerCase();
}

/**
 * The catalogue describes fields for API developers: an item's keys (`{asset_id}`, `story_id + run_id`), the answer's
 * `render_url`, the API's list endpoints as "helpers". In the Zap editor those are the item's field labels, the Video
 * File output, and the field's dropdown.
 */
function inZapierTerms(field: FieldSpec, text: string): string {
  const items = new Map([field, ...(field.items ?? [])].map((f) => [f.path.split('.').pop()!, f.label]));
  const label = (key: string) => (items.has(key) ? `**${items.get(key)}**` : key);
  return text
    .replace(
      /\{([a-z_, ]+)\}/g,
      (_all, keys: string) =>
        `(${keys
          .split(',')
          .map((k) => label(k.trim()))
          .join(' and ')})`,
    )
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, label)
    .replace(/render_url stays null/g, 'Video File stays empty')
    .replace(/\brender_url\b/g, 'Video File')
    .replace(
      / ?\((?:upload one or )?list (?:them|yours) with the [a-z-]+ helper\)/g,
      field.source ? ' (the dropdown lists them)' : '',
    );
}

/** A dropdown of the seven templates, for the actions that act on any video. */
export function templateField(helpTextOverride?: string): PlainInputField {
  return {
    key: 'template',
    label: 'Template',
    type: 'string',
    required: true,
    helpText: helpTextOverride ?? 'The video type the video was created with (a video belongs to its template).',
    choices: TEMPLATE_IDS.map((id) => ({ value: id, label: getTemplate(id).label, sample: id })),
  };
}

/** The label of a (possibly nested) field path, for error messages. */
export function labelResolver(template: TemplateId): (path: string) => string | undefined {
  return (path) => {
    const direct = findField(template, path);
    if (direct) return direct.label;
    // A line item's field: "script.reference_images.asset_id".
    const parent = userFields(template).find((f) => f.items && path.startsWith(`${f.path}.`));
    const item = parent?.items?.find((i) => `${parent.path}.${i.path}` === path);
    return parent && item ? `${parent.label} > ${item.label}` : undefined;
  };
}

/**
 * inputData to a create body. Zapier sends mapped values as text and typed fields as numbers/booleans; both go
 * through core's coerceFieldValue so "12", 12 and " 12 " mean the same. Every unusable value is reported at once.
 */
export function bodyFromInput(
  template: TemplateId,
  inputData: Readonly<Record<string, unknown>>,
): { body: Record<string, unknown>; problems: string[] } {
  const entries: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of userFields(template)) {
    try {
      const value = coerceInput(field, inputData[field.path]);
      if (value !== undefined) entries[field.path] = value;
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { body: bodyFromEntries(entries), problems };
}

function coerceInput(field: FieldSpec, raw: unknown): unknown {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (field.type === 'object[]' && Array.isArray(raw)) return lineItems(field, raw);
  // A list field's array becomes "a,b", which core splits back into items.
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || Array.isArray(raw)) {
    return coerceFieldValue(field, String(raw));
  }
  // Anything else (an object where text was expected) is left for core's validation to describe.
  return raw;
}

/** Line items: each child coerced by its own spec; rows the user left completely empty are dropped. */
function lineItems(field: FieldSpec, rows: readonly unknown[]): Record<string, unknown>[] | undefined {
  const items: Record<string, unknown>[] = [];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const item: Record<string, unknown> = {};
    for (const child of field.items ?? []) {
      const value = coerceInput(
        { ...child, label: `${field.label} > ${child.label}`, path: `${field.path}.${child.path}` },
        (row as Record<string, unknown>)[child.path],
      );
      if (value !== undefined) item[child.path] = value;
    }
    if (Object.keys(item).length > 0) items.push(item);
  }
  return items.length > 0 ? items : undefined;
}

export const VIDEO_ID_FIELD: PlainInputField = {
  key: 'video_id',
  label: 'Video ID',
  type: 'integer',
  required: true,
  helpText: 'The `video_id` a Create step returned (also shown in the video URL on the Trending dashboard).',
};

/**
 * One of the app's own inputs (not from the catalogue) read with core's coercion, so "yes", "true" and true mean the
 * same everywhere. A value that cannot be read is collected in `problems`, so the user sees every issue at once.
 */
export function readInput(
  inputData: Readonly<Record<string, unknown>>,
  key: string,
  label: string,
  type: 'integer' | 'boolean' | 'string',
  problems: string[],
): unknown {
  const raw = inputData[key];
  if (raw === undefined || raw === null) return undefined;
  try {
    return coerceFieldValue({ path: key, label, type, description: '' }, String(raw));
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

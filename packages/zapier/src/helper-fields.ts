/**
 * Zapier input fields for the helper actions (Update List Script, Upload Story Reference Image, Favorite Voice Actor),
 * generated from core's helper catalogue as the n8n node builds its helper properties: label, type, choices, dropdown,
 * description and rules are core's, so a limit core does not know is never promised here. A step adds only what is
 * its own: a different key, whether Zapier asks for the field (a step may take one of two), a Zapier default, a
 * multi-line box, a sentence on how the step uses it, or (where the step behaves unlike the bare endpoint) its own
 * description.
 */
import { fieldRules, getTemplate, isTemplateId, optionLabel, type HelperFieldSpec } from '@trending/core';
import type { PlainInputField } from 'zapier-platform-core';
import { DROPDOWN_TRIGGER } from './fields';

export interface HelperFieldOptions {
  key?: string;
  required?: boolean;
  default?: string;
  /** How this step uses the field, after the description. */
  note?: string;
  /** A box of several lines for prose the catalogue sets no long limit on (an intro, a script line). */
  multiline?: boolean;
  /** Instead of core's description, where the step does more than the endpoint (a read-modify-write). */
  description?: string;
  /** Line items: the children shown, by path and in order, each with its own options. */
  children?: Readonly<Record<string, HelperFieldOptions>>;
}

/** The field `path` of `fields` (one of core's helper lists) as a Zapier input field. */
export function helperField(
  fields: readonly HelperFieldSpec[],
  path: string,
  options: HelperFieldOptions = {},
): PlainInputField {
  const field = fields.find((f) => f.path === path);
  if (field === undefined) throw new Error(`core's helper catalogue has no field ${path}`);
  const out: PlainInputField = {
    key: options.key ?? field.path,
    label: field.label,
    required: options.required ?? field.required === true,
    helpText: helpText(field, fields, options),
  };
  if (options.default !== undefined) out.default = options.default;
  if (field.type === 'integer' || field.type === 'number' || field.type === 'boolean') out.type = field.type;
  else if (field.type === 'integer[]') Object.assign(out, { type: 'integer', list: true });
  else if (field.type === 'string[]') Object.assign(out, { type: 'string', list: true });
  else if (field.type === 'enum') {
    out.type = 'string';
    out.choices = (field.options ?? []).map((value) => ({ value, label: choiceLabel(value), sample: value }));
  } else if (field.type === 'object[]') {
    // Zapier ignores help text on a line-item parent: its explanation leads the first child's.
    const items = field.items ?? [];
    const children = Object.entries(options.children ?? {}).map(([child, o]) => helperField(items, child, o));
    if (children[0]) children[0].helpText = `${out.helpText} ${children[0].helpText ?? ''}`.trim().slice(0, 1000);
    delete out.helpText;
    out.children = children;
  } else out.type = options.multiline || (field.max ?? 0) >= 256 ? 'text' : 'string';
  if (field.source) out.dynamic = `${DROPDOWN_TRIGGER[field.source]}.id.name`;
  return out;
}

/** A template by its name, any other option as core labels it. */
function choiceLabel(value: string): string {
  return isTemplateId(value) ? getTemplate(value).label : optionLabel(value);
}

/** Description, the step's note, then core's rules (other fields by their bold label, a default as the editor shows it). */
function helpText(field: HelperFieldSpec, siblings: readonly HelperFieldSpec[], options: HelperFieldOptions): string {
  const name = (path: string) => `**${siblings.find((f) => f.path === path)?.label ?? path}**`;
  const rules = fieldRules({ ...field, options: undefined, default: undefined }, { name });
  if (field.default !== undefined) rules.push(`default ${shownDefault(field)}`);
  const text = [options.description ?? field.description, options.note].filter(Boolean).join(' ');
  return (rules.length > 0 ? `${text} Rules: ${rules.join('; ')}.` : text).slice(0, 1000);
}

function shownDefault(field: HelperFieldSpec): string {
  if (field.type === 'boolean') return field.default ? 'Yes' : 'No';
  return field.type === 'enum' ? choiceLabel(String(field.default)) : String(field.default);
}

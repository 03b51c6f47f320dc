/**
 * One catalogue field (a template's, or a helper endpoint's) as an n8n property: type, bounds, choices, dropdown
 * source, conditions and the rules hint all come from core (layout rules in fields.ts).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { fieldRules, optionLabel, type FieldSpec, type HelperFieldSpec, type TemplateSpec } from '../core';
import { camelCase, LOAD_OPTIONS_METHOD } from './fields';

function widestRange(field: FieldSpec): { min?: number; max?: number } {
  const mins = [field.min, field.rangeWhen?.min].filter((n): n is number => typeof n === 'number');
  const maxs = [field.max, field.rangeWhen?.max].filter((n): n is number => typeof n === 'number');
  return {
    min: mins.length > 0 ? Math.min(...mins) : undefined,
    max: maxs.length > 0 ? Math.max(...maxs) : undefined,
  };
}

function enumOptions(field: FieldSpec, withUnset: boolean): INodePropertyOptions[] {
  const options = (field.options ?? []).map((value) => ({ name: optionLabel(value), value }));
  return withUnset ? [{ name: 'Not Set (Trending Decides)', value: '' }, ...options] : options;
}

/**
 * A field's rules (range, conditional range, conditions, item shape) in core's words, as the property's hint. The
 * default and an enum's choices are left out: n8n shows those in the field itself.
 */
function rulesHint(field: HelperFieldSpec, template?: TemplateSpec): string | undefined {
  const label = (path: string) => template?.fields.find((f) => f.path === path)?.label ?? path;
  const rules = fieldRules(
    { ...field, default: undefined, options: field.type === 'enum' ? undefined : field.options },
    { name: label },
  );
  if (rules.length === 0) return undefined;
  const text = rules.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One catalogue field as an n8n property. `topLevel` fields get values that send nothing when left alone; fields in
 * collections exist only once the user adds them, so they start at the field's default (or lower bound).
 */
export function toProperty(
  field: FieldSpec,
  name: string,
  topLevel: boolean,
  siblings: Map<string, string>,
  template?: TemplateSpec,
): INodeProperties {
  const base = { displayName: field.label, name, description: field.description };
  let property: INodeProperties;
  if (field.source) {
    property = {
      ...base,
      type: 'options',
      typeOptions: { loadOptionsMethod: LOAD_OPTIONS_METHOD[field.source] },
      default: '',
      description: `${field.description} Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
    };
  } else {
    switch (field.type) {
      case 'integer': {
        const { min, max } = widestRange(field);
        const typeOptions: INodeProperties['typeOptions'] = { numberPrecision: 0 };
        if (min !== undefined) typeOptions.minValue = min;
        if (max !== undefined) typeOptions.maxValue = max;
        const fallback = topLevel ? 0 : (min ?? 0);
        property = { ...base, type: 'number', typeOptions, default: (field.default as number | undefined) ?? fallback };
        break;
      }
      case 'boolean':
        property = { ...base, type: 'boolean', default: (field.default as boolean | undefined) ?? false };
        break;
      case 'enum': {
        const unset = topLevel && field.default === undefined;
        const fallback = unset ? '' : (field.options?.[0] ?? '');
        property = {
          ...base,
          type: 'options',
          options: enumOptions(field, unset),
          default: (field.default as string | undefined) ?? fallback,
        };
        break;
      }
      case 'string[]':
        property = {
          ...base,
          type: 'string',
          default: '',
          description: `${field.description} Separate several values with commas.`,
        };
        break;
      case 'object[]':
        property = {
          ...base,
          type: 'fixedCollection',
          placeholder: `Add ${field.label}`,
          typeOptions: { multipleValues: true, ...(field.max !== undefined ? { maxAllowedFields: field.max } : {}) },
          default: {},
          options: [
            {
              displayName: field.label,
              name: 'values',
              values: (field.items ?? []).map((item) =>
                toProperty(item, camelCase(item.path), false, new Map(), template),
              ),
            },
          ],
        };
        break;
      default: {
        const long = (field.max ?? 0) >= 240;
        property = { ...base, type: 'string', default: (field.default as string | undefined) ?? '' };
        if (long) property.typeOptions = { rows: 3 };
      }
    }
  }
  const hint = rulesHint(field, template);
  if (hint) property.hint = hint;
  // A field the API refuses ("only valid when") or ignores ("only used when") outside its condition is hidden there.
  const condition = field.onlyWhen ?? field.usedOnlyWhen;
  if (condition?.equals) {
    const target = siblings.get(condition.path);
    if (target !== undefined) property.displayOptions = { show: { [target]: [...condition.equals] } };
  }
  return property;
}

const EXPRESSION_LINK = '<a href="https://docs.n8n.io/code/expressions/">expression</a>';

/**
 * A field of a helper endpoint (core's OUTRO_UPDATE_FIELDS, LIBRARY_TARGET_FIELDS, ...) as an n8n property named
 * `name`: type, bounds, choices, dropdown source, description and rules hint all come from core.
 */
export function helperFieldProperty(field: HelperFieldSpec, name: string): INodeProperties {
  const base = { displayName: field.label, name, description: field.description };
  let property: INodeProperties;
  if (field.source) {
    const multiple = field.type.endsWith('[]');
    property = {
      ...base,
      displayName: multiple ? `${field.label.replace(/s$/, '')} Names or IDs` : `${field.label} Name or ID`,
      type: multiple ? 'multiOptions' : 'options',
      typeOptions: { loadOptionsMethod: LOAD_OPTIONS_METHOD[field.source] },
      default: multiple ? [] : '',
      description: `${field.description} Choose from the list, or specify ${multiple ? 'IDs' : 'an ID'} using an ${EXPRESSION_LINK}.`,
    };
  } else if (field.type === 'boolean') {
    property = { ...base, type: 'boolean', default: (field.default as boolean | undefined) ?? false };
  } else if (field.type === 'integer' || field.type === 'number') {
    const typeOptions: INodeProperties['typeOptions'] = field.type === 'integer' ? { numberPrecision: 0 } : {};
    if (field.min !== undefined) typeOptions.minValue = field.min;
    if (field.max !== undefined) typeOptions.maxValue = field.max;
    property = {
      ...base,
      type: 'number',
      typeOptions,
      default: (field.default as number | undefined) ?? field.min ?? 0,
    };
  } else if (field.type === 'enum') {
    const options = (field.options ?? []).map((value) => ({ name: optionLabel(value), value }));
    property = {
      ...base,
      type: 'options',
      options,
      default: (field.default as string | undefined) ?? options[0]?.value ?? '',
    };
  } else {
    property = { ...base, type: 'string', default: (field.default as string | undefined) ?? '' };
    if ((field.max ?? 0) >= 240) property.typeOptions = { rows: 3 };
  }
  const hint = rulesHint(field);
  if (hint) property.hint = hint;
  return property;
}

/**
 * Parameter values back into a create body's path -> value entries, typed as the catalogue says.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { coerceFieldValue, type FieldSpec, type TemplateSpec } from '../core';
import { camelCase, fieldBindings } from './fields';

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A parameter value as the field's type: expressions may hand over text ("12", "yes"). */
export function typed(field: FieldSpec, value: unknown): unknown {
  if (isBlank(value)) return undefined;
  if (typeof value === 'string' && field.type !== 'string') return coerceFieldValue(field, value);
  if (field.source && field.type === 'integer' && typeof value === 'string') return coerceFieldValue(field, value);
  return value;
}

function objectItems(field: FieldSpec, raw: unknown): IDataObject[] | undefined {
  const entries = (raw as { values?: IDataObject[] } | undefined)?.values;
  if (!Array.isArray(entries) || entries.length === 0) return undefined;
  return entries.map((entry) => {
    const item: IDataObject = {};
    for (const sub of field.items ?? []) {
      let value = typed(sub, entry[camelCase(sub.path)]);
      // IDs are never 0: an untouched number box in an item means "not this kind of reference".
      if (sub.type === 'integer' && sub.default === undefined && value === 0) value = undefined;
      if (value !== undefined) item[sub.path] = value as IDataObject[string];
    }
    return item;
  });
}

/**
 * The flat path -> value entries of one item's create parameters (top-level and collections; webhook settings are
 * read by the create operation because they involve a credential).
 */
export function readTemplateEntries(
  ctx: IExecuteFunctions,
  itemIndex: number,
  template: TemplateSpec,
): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  const collections = new Map<string, IDataObject>();
  for (const binding of fieldBindings(template)) {
    let raw: unknown;
    if (binding.kind === 'top') {
      raw = ctx.getNodeParameter(binding.param, itemIndex, '');
    } else if (binding.kind === 'collection') {
      let values = collections.get(binding.collection);
      if (!values) {
        values = ctx.getNodeParameter(binding.collection, itemIndex, {}) as IDataObject;
        collections.set(binding.collection, values);
      }
      raw = values[binding.option];
    } else {
      continue;
    }
    const value = binding.field.type === 'object[]' ? objectItems(binding.field, raw) : typed(binding.field, raw);
    if (value !== undefined) entries[binding.field.path] = value;
  }
  return entries;
}

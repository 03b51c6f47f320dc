/**
 * JSON parameters (Additional Body, Request, Script) read as objects, and the merge of such an escape hatch over the
 * generated fields.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

/** A JSON parameter (object expected); empty means none. Names the parameter when the text is not JSON. */
export function jsonObjectParameter(
  ctx: IExecuteFunctions,
  name: string,
  label: string,
  itemIndex: number,
): IDataObject {
  const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
  if (raw === '' || raw === undefined || raw === null) return {};
  const value = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: Symbol.for('invalid') }) : raw;
  if (value === Symbol.for('invalid')) {
    throw new NodeOperationError(ctx.getNode(), `${label} is not valid JSON`, {
      itemIndex,
      description: 'Write a JSON object, for example {"script": {"images_requested": 12}}.',
    });
  }
  if (!isPlainObject(value)) {
    throw new NodeOperationError(ctx.getNode(), `${label} must be a JSON object`, { itemIndex });
  }
  return value as IDataObject;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The escape hatch wins over the fields, key by key, at any depth; core validates the result. */
export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : value;
  }
  return out;
}

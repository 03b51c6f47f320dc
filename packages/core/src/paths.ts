/**
 * Dot paths (`script.images_requested`) between flat inputs (n8n parameters, Zapier fields, CLI flags, CSV columns) and
 * nested create bodies, and the one place where a face's text input becomes a field's typed value.
 */
import { getTemplate } from './catalogue';
import type { FieldSpec, TemplateId } from './catalogue/types';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Paths come from users (CLI flags, CSV headers), so they must not reach Object.prototype. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

function segmentsOf(path: string): string[] {
  const segments = path.split('.');
  for (const segment of segments) {
    if (segment === '' || FORBIDDEN_SEGMENTS.has(segment)) {
      throw new Error(`Invalid field path ${JSON.stringify(path)}`);
    }
  }
  return segments;
}

/** Own properties only; a numeric segment indexes an array. Undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let current = obj;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      current = current[Number(segment)];
    } else if (isPlainObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Creates missing objects on the way; refuses to replace a non-object that is in the way rather than drop it. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segments = segmentsOf(path);
  const last = segments.pop() as string;
  let current = obj;
  for (const segment of segments) {
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (next === undefined) {
      const created: Record<string, unknown> = {};
      current[segment] = created;
      current = created;
    } else if (isPlainObject(next)) {
      current = next;
    } else {
      throw new Error(`Cannot set ${path}: ${segment} already holds a ${describeType(next)}, not an object`);
    }
  }
  current[last] = value;
}

/** Empty inputs mean "not set": faces send nothing so the API applies its own default. */
export function bodyFromEntries(entries: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(entries)) {
    if (value === undefined || value === '') continue;
    setPath(body, path, value);
  }
  return body;
}

/** The inverse of bodyFromEntries: arrays (and everything that is not a plain object) are leaves. */
export function flattenBody(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const walk = (node: Readonly<Record<string, unknown>>, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isPlainObject(value)) walk(value, path);
      else flat[path] = value;
    }
  };
  walk(body, '');
  return flat;
}

/** Also finds a field by one of its aliases (`music.id`). */
export function findField(template: TemplateId, path: string): FieldSpec | undefined {
  const fields = getTemplate(template).fields;
  return fields.find((f) => f.path === path) ?? fields.find((f) => f.aliases?.includes(path));
}

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

/**
 * Turns text from a CLI flag, CSV cell or Zapier input into the field's type. A blank input is "not set" (undefined).
 * Throws an Error naming the field when the text cannot be that type; ranges and enums are left to validation.
 */
export function coerceFieldValue(field: FieldSpec, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  const fail = (expected: string): never => {
    throw new Error(`${field.label} (${field.path}) must be ${expected}, got ${JSON.stringify(raw)}`);
  };
  switch (field.type) {
    case 'string':
      return raw;
    case 'enum':
      // Forgive case ("Anime" for anime); an unknown value passes through for validation to list the options.
      return field.options?.find((o) => o.toLowerCase() === text.toLowerCase()) ?? text;
    case 'integer': {
      const n = Number(text);
      if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(n)) fail('a whole number');
      return n;
    }
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return fail('true/false, yes/no or 1/0');
    }
    case 'string[]': {
      if (!text.startsWith('[')) {
        return text
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
      }
      const parsed = parseJson(text);
      if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
        fail('comma-separated text or a JSON array of strings');
      }
      return parsed;
    }
    case 'object[]': {
      const parsed = parseJson(text);
      if (isPlainObject(parsed)) return [parsed];
      if (!Array.isArray(parsed) || !parsed.every(isPlainObject)) fail('a JSON array of objects');
      return parsed;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

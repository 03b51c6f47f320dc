/**
 * Field-level errors, read once for every face: core's own refusals (`{ violations: [{ path, message }] }`) and the
 * API's 422 details, each with the catalogue's label when the catalogue knows the field, and the line a face writes
 * for one under its own name for the field.
 */
import { TEMPLATE_IDS, getTemplate } from './catalogue/templates';
import type { HelperFieldSpec, TemplateId } from './catalogue/types';
import { withoutCredentials } from './outputs';

/** One field-level problem, from the API's 422 details or from core's own check. */
export interface FieldError {
  /** As the API or core named it: `script.reference_images.0.asset_id`. */
  path: string;
  /** The same path without item positions, as the catalogue names the field: `script.reference_images.asset_id`. */
  fieldPath: string;
  /** The item's position counted from 1 when the path names one item of a list. */
  itemNumber?: number;
  /** The catalogue's label when the catalogue knows the field (an item's field: "Reference Images > Asset ID"). */
  label?: string;
  message: string;
}

/** Where to look up labels: the fields of the failing request (a helper endpoint's) and its template, if known. */
export interface LabelScope {
  template?: TemplateId;
  fields?: readonly HelperFieldSpec[];
}

/**
 * Core's own refusals carry `{ violations: [{ path, message }] }`. The reference says only that a 422's details hold
 * "field-level messages": read as `{ path: message | [messages] }`, every other value skipped.
 */
export function fieldErrors(details: unknown, fromApi: boolean, scope: LabelScope = {}): FieldError[] {
  if (!isRecord(details)) return [];
  const pairs: [string, string][] = [];
  if (Array.isArray(details.violations)) {
    for (const v of details.violations) {
      if (isRecord(v) && typeof v.path === 'string' && typeof v.message === 'string') pairs.push([v.path, v.message]);
    }
  } else if (fromApi) {
    // An API that repeats the request back in its details must not have a credential read out as a field's message
    // (the cost: a refused webhook.secret gets no field line).
    for (const [path, value] of Object.entries(withoutCredentials(details) as Record<string, unknown>)) {
      for (const message of Array.isArray(value) ? value : [value]) {
        if (typeof message === 'string' && message !== '') pairs.push([path, message]);
      }
    }
  }
  return pairs.map(([path, message]) => fieldError(path, message, scope));
}

const POSITION = /\[(\d+)\]|\.(\d+)(?=\.|$)/g;

function fieldError(path: string, message: string, scope: LabelScope): FieldError {
  const fieldPath = path.replace(POSITION, '');
  const position = /\[(\d+)\]|\.(\d+)(?=\.|$)/.exec(path);
  const label = fieldPath === '' ? undefined : catalogueLabel(fieldPath, scope);
  return {
    path,
    fieldPath,
    ...(position && { itemNumber: Number(position[1] ?? position[2]) + 1 }),
    ...(label !== undefined && { label }),
    message,
  };
}

/**
 * The catalogue's label for a field path (positions already dropped): the request's own fields first, then its
 * template's, then any template's, as a path means the same field wherever it appears. An item's field reads
 * "List Label > Item Label".
 */
export function catalogueLabel(fieldPath: string, scope: LabelScope = {}): string | undefined {
  const lists: (readonly HelperFieldSpec[])[] = [];
  if (scope.fields) lists.push(scope.fields);
  const templates = scope.template
    ? [scope.template, ...TEMPLATE_IDS.filter((t) => t !== scope.template)]
    : TEMPLATE_IDS;
  for (const id of templates) lists.push(getTemplate(id).fields);
  for (const fields of lists) {
    const label = labelIn(fields, fieldPath);
    if (label !== undefined) return label;
  }
  return undefined;
}

function labelIn(fields: readonly HelperFieldSpec[], path: string): string | undefined {
  for (const field of fields) {
    if (field.path === path || field.aliases?.includes(path)) return field.label;
    if (field.items && path.startsWith(`${field.path}.`)) {
      const item = labelIn(field.items, path.slice(field.path.length + 1));
      if (item !== undefined) return `${field.label} > ${item}`;
    }
  }
  return undefined;
}

/**
 * One field's line under the name a face gives it: a message that starts with the path (core's and the API's usually
 * do, sometimes with only the item-relative part) reads "Slides must be between 10 and 30"; any other reads
 * "Slides: message".
 */
export function fieldLine(field: FieldError, name: string): string {
  const message = withoutEndpoints(field.message);
  const segments = field.path.split('.');
  for (let start = 0; start < segments.length; start++) {
    const lead = segments.slice(start).join('.');
    if (lead !== '' && message.startsWith(`${lead} `)) return name + message.slice(lead.length);
  }
  return `${name}: ${message}`;
}

/**
 * Text without the endpoints it names: "(see GET /api/v1/...)" asides and whole sentences that send the reader to an
 * endpoint go, since each face names the operation, action or command that reads it.
 */
export function withoutEndpoints(text: string): string {
  return text
    .replace(/ \((?:see )?(?:GET|POST|PUT|PATCH|DELETE) \/[^)]*\)/g, '')
    .replace(/\s*[^.:]*\b(?:GET|POST|PUT|PATCH|DELETE) \/api\/[^\s]*[^.]*\.?/g, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

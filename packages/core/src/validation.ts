/**
 * Local validation against the catalogue, so a face can list every problem with a request before anything is sent
 * (and before credits are held). Helper-endpoint bodies are checked with the same rule engine.
 */
import { TEMPLATE_IDS, getTemplate, isTemplateId } from './catalogue';
import {
  COVERAGE_FIELDS,
  FAVORITE_FIELDS,
  LIBRARY_TARGET_FIELDS,
  LIBRARY_VIDEO_FILE,
  LIBRARY_VIDEO_URL_FIELDS,
  LIST_CTA_FIELDS,
  LIST_SCRIPT_FIELDS,
  LIST_SCRIPT_WRITE_FIELDS,
  OUTRO_UPDATE_FIELDS,
  REFERENCE_IMAGE_FILE,
  REFERENCE_IMAGE_URL_FIELDS,
  SLIDE_ANIMATION_FIELDS,
  type ListCtaMode,
  type ListCtaPlacement,
} from './catalogue/helpers';
import type { Condition, FieldSpec, HelperFieldSpec, TemplateId, UploadFileKind } from './catalogue/types';
import { getPath } from './paths';

/**
 * `rule` is a short machine code: type, required, min, max, minLength, maxLength, enum, onlyWhen, requiredWhen, oneOf,
 * unknownForTemplate, format. `path` is the dot path of the offending value ('' for the whole body).
 */
export interface Violation {
  path: string;
  rule: string;
  message: string;
}

/** The API's default request-body cap. */
export const MAX_REQUEST_BYTES = 3_145_728;

/** What validation reads of a field: template FieldSpecs and helper-endpoint HelperFieldSpecs both are Rules. */
type Rule = Pick<
  HelperFieldSpec,
  | 'path'
  | 'type'
  | 'options'
  | 'min'
  | 'max'
  | 'format'
  | 'required'
  | 'onlyWhen'
  | 'requiredWhen'
  | 'rangeWhen'
  | 'itemOneOf'
  | 'aliases'
> & { items?: readonly Rule[] };

/** Conditions are judged on what the API will use: the sent value, else the field's documented default. */
interface Context {
  body: Record<string, unknown>;
  defaults: ReadonlyMap<string, unknown>;
}

const NO_DEFAULTS: ReadonlyMap<string, unknown> = new Map();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' || typeof value === 'undefined' ? `an ${typeof value}` : `a ${typeof value}`;
}

/** null counts as "not sent": the reference's own examples send null for unset options. */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function isPresent(value: unknown): boolean {
  return isSet(value) && value !== '';
}

function holds(condition: Condition, ctx: Context): boolean {
  const sent = getPath(ctx.body, condition.path);
  if (condition.present !== undefined && isPresent(sent) !== condition.present) return false;
  if (condition.equals !== undefined) {
    const value = isSet(sent) ? sent : ctx.defaults.get(condition.path);
    if (!condition.equals.some((allowed) => allowed === value)) return false;
  }
  return true;
}

function describeCondition(condition: Condition): string {
  if (condition.present !== undefined) return `${condition.path} is ${condition.present ? 'set' : 'not set'}`;
  return `${condition.path} is ${(condition.equals ?? []).map(String).join(' or ')}`;
}

function isTrueFlag(condition: Condition): boolean {
  return condition.equals?.length === 1 && condition.equals[0] === true;
}

/** Characters as the API counts them (code points), so an emoji is one character, not two UTF-16 units. */
function charCount(text: string): number {
  let count = text.length;
  for (let i = 1; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const previous = text.charCodeAt(i - 1);
    if (unit >= 0xdc00 && unit <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff) count--;
  }
  return count;
}

function list(values: readonly string[]): string {
  return values.join(', ');
}

function checkRange(out: Violation[], rule: Rule, value: number, path: string, ctx: Context): void {
  const alt = rule.rangeWhen;
  const altActive = alt !== undefined && holds(alt.when, ctx);
  const min = altActive ? (alt.min ?? rule.min) : rule.min;
  const max = altActive ? (alt.max ?? rule.max) : rule.max;
  const below = min !== undefined && value < min;
  if (!below && (max === undefined || value <= max)) return;
  let bound: string;
  if (min !== undefined && max !== undefined) bound = `between ${min} and ${max}`;
  else if (min !== undefined) bound = `at least ${min}`;
  else bound = `at most ${max}`;
  let note = '';
  if (alt !== undefined) {
    const when = isTrueFlag(alt.when) ? `with ${alt.when.path}` : `when ${describeCondition(alt.when)}`;
    note = altActive ? ` (${when})` : ` (${alt.min ?? rule.min}..${alt.max ?? rule.max} ${when})`;
  }
  out.push({ path, rule: below ? 'min' : 'max', message: `${path} must be ${bound}${note}` });
}

function checkFormat(out: Violation[], format: Rule['format'], value: string, path: string): void {
  const problem = format === undefined ? undefined : formatProblem(format, value);
  if (problem !== undefined) out.push({ path, rule: 'format', message: `${path} ${problem}` });
}

function checkString(out: Violation[], rule: Rule, value: string, path: string): void {
  const chars = charCount(value);
  if (rule.min !== undefined && chars < rule.min) {
    out.push({ path, rule: 'minLength', message: `${path} must be at least ${rule.min} characters` });
  } else if (rule.max !== undefined && chars > rule.max) {
    out.push({ path, rule: 'maxLength', message: `${path} must be at most ${rule.max} characters` });
  }
  checkFormat(out, rule.format, value, path);
}

function checkEnum(out: Violation[], options: readonly string[], value: unknown, path: string): void {
  if (typeof value === 'string' && options.includes(value)) return;
  const got = typeof value === 'string' ? JSON.stringify(value) : typeName(value);
  out.push({
    path,
    rule: typeof value === 'string' ? 'enum' : 'type',
    message: `${path} must be one of: ${list(options)} (got ${got})`,
  });
}

/** Strings are never echoed here: a wrongly typed value may be a secret. */
function typeViolation(path: string, expected: string, value: unknown): Violation {
  return { path, rule: 'type', message: `${path} must be ${expected}, not ${typeName(value)}` };
}

function checkValue(out: Violation[], rule: Rule, value: unknown, path: string, ctx: Context): void {
  switch (rule.type) {
    case 'string':
      if (typeof value !== 'string') out.push(typeViolation(path, 'a string', value));
      else checkString(out, rule, value, path);
      return;
    case 'integer':
    case 'number':
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (rule.type === 'integer' && !Number.isInteger(value))
      ) {
        out.push(typeViolation(path, rule.type === 'integer' ? 'an integer' : 'a number', value));
      } else checkRange(out, rule, value, path, ctx);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(typeViolation(path, 'true or false', value));
      return;
    case 'enum':
      checkEnum(out, rule.options ?? [], value, path);
      return;
    case 'string[]':
    case 'integer[]':
    case 'object[]':
      checkArray(out, rule, value, path);
      return;
  }
}

function checkArray(out: Violation[], rule: Rule, value: unknown, path: string): void {
  const itemType = rule.type === 'string[]' ? 'strings' : rule.type === 'integer[]' ? 'integers' : 'objects';
  if (!Array.isArray(value)) {
    out.push(typeViolation(path, `an array of ${itemType}`, value));
    return;
  }
  if (rule.min !== undefined && value.length < rule.min) {
    out.push({ path, rule: 'min', message: `${path} must have at least ${rule.min} items` });
  } else if (rule.max !== undefined && value.length > rule.max) {
    out.push({ path, rule: 'max', message: `${path} must have at most ${rule.max} items` });
  }
  value.forEach((item: unknown, index) => {
    const itemPath = `${path}[${index}]`;
    if (rule.type === 'string[]') {
      if (typeof item !== 'string') out.push(typeViolation(itemPath, 'a string', item));
      else if (rule.options !== undefined) checkEnum(out, rule.options, item, itemPath);
      else checkFormat(out, rule.format, item, itemPath);
    } else if (rule.type === 'integer[]') {
      if (!Number.isInteger(item)) out.push(typeViolation(itemPath, 'an integer', item));
    } else if (!isRecord(item)) {
      out.push(typeViolation(itemPath, 'an object', item));
    } else {
      checkRules(out, rule.items ?? [], { body: item, defaults: NO_DEFAULTS }, itemPath);
      if (rule.itemOneOf !== undefined) checkOneOf(out, rule.itemOneOf, item, itemPath);
    }
  });
}

/** Exactly one group must be complete, and no key of another group may be sent alongside it. */
function checkOneOf(
  out: Violation[],
  groups: readonly (readonly string[])[],
  item: Record<string, unknown>,
  path: string,
): void {
  const keys = [...new Set(groups.flat())];
  const sent = keys.filter((key) => isSet(item[key]));
  if (groups.some((group) => group.length === sent.length && group.every((key) => sent.includes(key)))) return;
  const shapes = groups.map((group) => `{${list(group)}}`).join(' or ');
  out.push({
    path,
    rule: 'oneOf',
    message: `${path} must have exactly one of ${shapes} (it has ${sent.length > 0 ? `{${list(sent)}}` : 'none'})`,
  });
}

function checkRules(out: Violation[], rules: readonly Rule[], ctx: Context, prefix = ''): void {
  for (const rule of rules) {
    const path = prefix === '' ? rule.path : `${prefix}.${rule.path}`;
    const value = getPath(ctx.body, rule.path);
    for (const alias of rule.aliases ?? []) {
      const aliased = getPath(ctx.body, alias);
      if (isSet(aliased)) checkValue(out, rule, aliased, prefix === '' ? alias : `${prefix}.${alias}`, ctx);
    }
    if (!isPresent(value)) {
      if (rule.required === true) {
        out.push({ path, rule: 'required', message: `${path} is required` });
      } else if (rule.requiredWhen !== undefined && holds(rule.requiredWhen, ctx)) {
        out.push({
          path,
          rule: 'requiredWhen',
          message: `${path} is required when ${describeCondition(rule.requiredWhen)}`,
        });
      }
    }
    if (!isSet(value)) continue;
    checkValue(out, rule, value, path, ctx);
    if (rule.onlyWhen !== undefined && !holds(rule.onlyWhen, ctx)) {
      out.push({ path, rule: 'onlyWhen', message: `${path} is only used when ${describeCondition(rule.onlyWhen)}` });
    }
  }
}

function checkBody(out: Violation[], rules: readonly Rule[], body: unknown, what: string): void {
  if (!isRecord(body)) {
    out.push({ path: '', rule: 'type', message: `the ${what} must be a JSON object, not ${typeName(body)}` });
    return;
  }
  checkRules(out, rules, { body, defaults: NO_DEFAULTS });
}

// ---- Create requests ------------------------------------------------------------------------------------------------

interface Foreign {
  path: string;
  owners: readonly TemplateId[];
}

interface TemplatePlan {
  fields: readonly FieldSpec[];
  defaults: ReadonlyMap<string, unknown>;
  /** The objects this template's fields live in (`script`, `script.outro`). */
  groups: readonly string[];
  /** Paths that other templates take and this one does not. */
  foreignLeaves: readonly Foreign[];
  foreignGroups: readonly Foreign[];
}

function leavesOf(template: TemplateId): Set<string> {
  return new Set(getTemplate(template).fields.flatMap((f) => [f.path, ...(f.aliases ?? [])]));
}

function groupsOf(leaves: Iterable<string>): Set<string> {
  const groups = new Set<string>();
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    for (let i = 1; i < parts.length; i++) groups.add(parts.slice(0, i).join('.'));
  }
  return groups;
}

function foreignPaths(template: TemplateId, pick: (t: TemplateId) => Set<string>, mine: Set<string>): Foreign[] {
  const owners = new Map<string, TemplateId[]>();
  for (const other of TEMPLATE_IDS) {
    if (other === template) continue;
    for (const path of pick(other)) {
      if (mine.has(path)) continue;
      owners.set(path, [...(owners.get(path) ?? []), other]);
    }
  }
  return [...owners].map(([path, by]) => ({ path, owners: by }));
}

function makePlan(template: TemplateId): TemplatePlan {
  const fields = getTemplate(template).fields;
  const leaves = leavesOf(template);
  const groups = groupsOf(leaves);
  const mine = new Set([...leaves, ...groups]);
  return {
    fields,
    defaults: new Map(fields.filter((f) => f.default !== undefined).map((f) => [f.path, f.default])),
    groups: [...groups],
    foreignLeaves: foreignPaths(template, leavesOf, mine),
    foreignGroups: foreignPaths(template, (t) => groupsOf(leavesOf(t)), mine),
  };
}

const PLANS: ReadonlyMap<TemplateId, TemplatePlan> = new Map(TEMPLATE_IDS.map((t) => [t, makePlan(t)]));

/** An id outside the catalogue reaches makePlan, which throws naming the allowed ones. */
function planFor(template: TemplateId): TemplatePlan {
  return PLANS.get(template) ?? makePlan(template);
}

/** Unknown keys pass (the API may grow), but another template's option sent here is almost always a mistake. */
function checkForeign(out: Violation[], template: TemplateId, plan: TemplatePlan, body: Record<string, unknown>): void {
  const reported: string[] = [];
  for (const { path, owners } of plan.foreignLeaves) {
    if (!isSet(getPath(body, path))) continue;
    reported.push(path);
    const message = `${path} is not a ${template} option (it belongs to ${list(owners)})`;
    out.push({ path, rule: 'unknownForTemplate', message });
  }
  for (const { path, owners } of plan.foreignGroups) {
    const covered = reported.some((done) => done.startsWith(`${path}.`) || path.startsWith(`${done}.`));
    if (covered || !isSet(getPath(body, path))) continue;
    reported.push(path);
    const message = `${path} is not used by ${template} (only by ${list(owners)})`;
    out.push({ path, rule: 'unknownForTemplate', message });
  }
}

/** Every problem with a create body for `template`, in field order; an empty list means it is valid. */
export function validateCreateRequest(template: TemplateId, body: unknown): Violation[] {
  const out: Violation[] = [];
  if (!isRecord(body)) {
    out.push({
      path: '',
      rule: 'type',
      message: `the ${template} request body must be a JSON object, not ${typeName(body)}`,
    });
    return out;
  }
  const plan = planFor(template);
  for (const group of plan.groups) {
    const value = getPath(body, group);
    if (isSet(value) && !isRecord(value)) out.push(typeViolation(group, 'an object', value));
  }
  checkRules(out, plan.fields, { body, defaults: plan.defaults });
  checkForeign(out, template, plan, body);
  return out;
}

/** A body for POST /api/v1/triggers/*: `video_type` picks the template; the rest is that template's create body. */
export function validateTriggerRequest(body: unknown): Violation[] {
  const out: Violation[] = [];
  if (!isRecord(body)) {
    out.push({
      path: '',
      rule: 'type',
      message: `the trigger request body must be a JSON object, not ${typeName(body)}`,
    });
    return out;
  }
  const videoType = body.video_type;
  if (!isPresent(videoType)) {
    out.push({ path: 'video_type', rule: 'required', message: `video_type is required: one of ${list(TEMPLATE_IDS)}` });
  } else {
    checkEnum(out, TEMPLATE_IDS, videoType, 'video_type');
  }
  const key = body.idempotency_key;
  if (isSet(key) && (typeof key !== 'string' || key === '')) {
    out.push(typeViolation('idempotency_key', 'a non-empty string', key));
  }
  if (isTemplateId(videoType)) out.push(...validateCreateRequest(videoType, body));
  return out;
}

/** UTF-8 length without encoding a possibly 3 MB string just to measure it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function validateRequestSize(body: string | Uint8Array): Violation[] {
  const bytes = typeof body === 'string' ? utf8Length(body) : body.byteLength;
  if (bytes <= MAX_REQUEST_BYTES) return [];
  return [
    {
      path: '',
      rule: 'max',
      message: `the request body is ${bytes} bytes; the API accepts at most ${MAX_REQUEST_BYTES} bytes (3 MB)`,
    },
  ];
}

// ---- Formats --------------------------------------------------------------------------------------------------------

const VIDEO_EXTENSIONS = LIBRARY_VIDEO_FILE.extensions;

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The local simulator and dev setups call back over plain http on these. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]';
}

/** Hosts the reference says the API refuses as webhook targets (besides loopback). */
function isPrivateHost(host: string): boolean {
  return (
    /^(10|0)\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^\[(f[cd]|fe[89ab])/i.test(host) ||
    host.endsWith('.local') ||
    host.endsWith('.internal')
  );
}

function webhookUrlProblem(text: string): string | undefined {
  const url = parseUrl(text);
  if (url === undefined) return 'must be an absolute URL such as https://example.com/webhooks/trending';
  const host = url.hostname.toLowerCase();
  if (isLoopbackHost(host)) {
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must be an http(s) URL';
  }
  if (url.protocol !== 'https:') {
    return 'must use https:// (plain http is accepted only for loopback development hosts such as the local simulator)';
  }
  if (url.port !== '') return `must use the standard https port 443, not ${url.port}`;
  if (isPrivateHost(host)) {
    return `must be a public host: the API rejects private-network, link-local/metadata, .local and .internal hosts (got ${host})`;
  }
  return undefined;
}

const EVENT_PATTERN = /^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*$/;

function formatProblem(format: NonNullable<Rule['format']>, text: string): string | undefined {
  switch (format) {
    case 'webhookUrl':
      return webhookUrlProblem(text);
    case 'eventPattern':
      return EVENT_PATTERN.test(text)
        ? undefined
        : `must be an event name or pattern such as trending.story.v001.* (got ${JSON.stringify(text)})`;
    case 'httpsUrl':
      return parseUrl(text)?.protocol === 'https:' ? undefined : 'must be an https:// URL';
    case 'videoUrl': {
      const url = parseUrl(text);
      if (url?.protocol !== 'https:') return 'must be a direct https:// URL to a video file';
      const extension = url.pathname.split('.').pop()?.toLowerCase() ?? '';
      return VIDEO_EXTENSIONS.includes(extension)
        ? undefined
        : `must point directly at a ${VIDEO_EXTENSIONS.map((e) => `.${e}`).join('/')} file (social posts and web pages are not supported)`;
    }
  }
}

// ---- Helper endpoints -----------------------------------------------------------------------------------------------

/** PUT /api/v1/story/videos/{id}/outro (OUTRO_UPDATE_FIELDS). */
export function validateOutroUpdate(body: unknown): Violation[] {
  const out: Violation[] = [];
  checkBody(out, OUTRO_UPDATE_FIELDS, body, 'outro update');
  return out;
}

/** POST /api/v1/story/videos/{id}/slide-animations (SLIDE_ANIMATION_FIELDS). */
export function validateSlideAnimationRequest(body: unknown): Violation[] {
  const out: Violation[] = [];
  checkBody(out, SLIDE_ANIMATION_FIELDS, body, 'slide animation request');
  return out;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function checkFile(out: Violation[], input: Record<string, unknown>, kind: UploadFileKind): void {
  const { fileName, mimeType, size } = input;
  if (isSet(fileName)) {
    const extension = typeof fileName === 'string' ? (fileName.split('.').pop()?.toLowerCase() ?? '') : '';
    if (typeof fileName !== 'string') out.push(typeViolation('fileName', 'a string', fileName));
    else if (!fileName.includes('.') || !kind.extensions.includes(extension)) {
      out.push({
        path: 'fileName',
        rule: 'format',
        message: `fileName must end in ${kind.extensions.map((e) => `.${e}`).join(', ')} for a ${kind.what}`,
      });
    }
  }
  if (isSet(mimeType)) {
    const base = typeof mimeType === 'string' ? (mimeType.split(';')[0] ?? '').trim().toLowerCase() : '';
    if (!kind.mimeTypes.includes(base)) {
      out.push({
        path: 'mimeType',
        rule: 'format',
        message: `mimeType must be one of ${list(kind.mimeTypes)} for a ${kind.what}`,
      });
    }
  }
  if (isSet(size)) {
    if (typeof size !== 'number' || !Number.isInteger(size)) {
      out.push(typeViolation('size', 'an integer number of bytes', size));
    } else if (size < 1) {
      out.push({ path: 'size', rule: 'min', message: 'size must be at least 1 byte' });
    } else if (size > kind.maxBytes) {
      out.push({
        path: 'size',
        rule: 'max',
        message: `size is ${megabytes(size)}; a ${kind.what} may be at most ${megabytes(kind.maxBytes)} (${kind.maxBytes} bytes)`,
      });
    }
  }
}

export type ReferenceImageUploadInput =
  { fileName?: string; mimeType?: string; size?: number } | { source_url: string };

/** POST /api/v1/story/reference-images: one jpg/png/webp file up to 3 MB, or a direct https source_url. */
export function validateReferenceImageUpload(upload: ReferenceImageUploadInput): Violation[] {
  const out: Violation[] = [];
  const input: unknown = upload;
  if (!isRecord(input)) {
    checkBody(out, [], input, 'reference image upload');
    return out;
  }
  const hasUrl = isSet(input.source_url);
  const hasFile = ['fileName', 'mimeType', 'size'].some((key) => isSet(input[key]));
  if (hasUrl && hasFile) {
    out.push({
      path: '',
      rule: 'oneOf',
      message: 'send either a file or a source_url for a reference image, not both',
    });
  } else if (!hasUrl && !hasFile) {
    out.push({ path: '', rule: 'required', message: 'a reference image upload needs a file or a source_url' });
  }
  if (hasUrl) checkRules(out, REFERENCE_IMAGE_URL_FIELDS, ctxOf(input));
  checkFile(out, input, REFERENCE_IMAGE_FILE);
  return out;
}

function ctxOf(body: Record<string, unknown>): Context {
  return { body, defaults: NO_DEFAULTS };
}

export interface LibraryVideoUploadInput {
  fileName: string;
  mimeType?: string;
  size: number;
  name?: string;
  folder_id?: number;
  upload_profile?: string;
}

/** POST /api/v1/library/videos (multipart). Studio also probes the file (a video stream, >= 500 px wide, >= 10 s). */
export function validateLibraryVideoUpload(upload: LibraryVideoUploadInput): Violation[] {
  const out: Violation[] = [];
  const input: unknown = upload;
  if (!isRecord(input)) {
    checkBody(out, [], input, 'library video upload');
    return out;
  }
  for (const key of ['fileName', 'size']) {
    if (!isSet(input[key])) out.push({ path: key, rule: 'required', message: `${key} is required` });
  }
  checkFile(out, input, LIBRARY_VIDEO_FILE);
  checkRules(out, LIBRARY_TARGET_FIELDS, ctxOf(input));
  return out;
}

export interface LibraryVideoUrlInput {
  url: string;
  name?: string;
  folder_id?: number;
  upload_profile?: string;
}

/** POST /api/v1/library/video-urls: a direct https link to the file itself. */
export function validateLibraryVideoUrl(input: LibraryVideoUrlInput): Violation[] {
  const out: Violation[] = [];
  checkBody(out, LIBRARY_VIDEO_URL_FIELDS, input, 'library video URL import');
  return out;
}

export interface CoverageInput {
  template: string;
  folder_id?: number;
  required_count?: number;
  required_total_duration_seconds?: number;
  ranking_category_preset?: string;
}

/** POST /api/v1/library/folders/coverage (COVERAGE_FIELDS); only templates with background folders take part. */
export function validateCoverageRequest(body: CoverageInput): Violation[] {
  const out: Violation[] = [];
  checkBody(out, COVERAGE_FIELDS, body, 'coverage request');
  return out;
}

export interface FavoriteInput {
  favorite: boolean;
  template?: string;
}

/** POST /api/v1/voice-actors/{id}/favorite (FAVORITE_FIELDS): globally, or for one narrated template. */
export function validateFavoriteRequest(body: FavoriteInput): Violation[] {
  const out: Violation[] = [];
  checkBody(out, FAVORITE_FIELDS, body, 'favorite request');
  return out;
}

export interface ListScriptCtaInput {
  mode: ListCtaMode;
  placement?: ListCtaPlacement;
  replace_existing?: boolean;
  [key: string]: unknown;
}

/** POST /api/v1/list/videos/{id}/script/ctas (LIST_CTA_FIELDS, and LIST_SCRIPT_WRITE_FIELDS for `apply`). */
export function validateListScriptCtaRequest(body: ListScriptCtaInput): Violation[] {
  const out: Violation[] = [];
  checkBody(out, [...LIST_CTA_FIELDS, ...LIST_SCRIPT_WRITE_FIELDS], body, 'CTA request');
  return out;
}

/**
 * PUT or PATCH /api/v1/list/videos/{id}/script: the edits in `script` (LIST_SCRIPT_FIELDS; or at the top level, as
 * the API also accepts) and LIST_SCRIPT_WRITE_FIELDS. PUT also needs `lines`, which the API checks.
 */
export function validateListScriptUpdate(body: unknown): Violation[] {
  const out: Violation[] = [];
  checkBody(out, LIST_SCRIPT_WRITE_FIELDS, body, 'script update');
  if (!isRecord(body)) return out;
  const nested = isRecord(body.script);
  checkRules(
    out,
    LIST_SCRIPT_FIELDS,
    ctxOf(nested ? (body.script as Record<string, unknown>) : body),
    nested ? 'script' : '',
  );
  return out;
}

/** Any body against a list of helper fields (e.g. one List script line against LIST_SCRIPT_LINE_FIELDS). */
export function validateFields(fields: readonly HelperFieldSpec[], body: unknown, what = 'request body'): Violation[] {
  const out: Violation[] = [];
  checkBody(out, fields, body, what);
  return out;
}

/** One line per violation, ready to follow "The request is invalid:" in an error message. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => v.message).join('\n');
}

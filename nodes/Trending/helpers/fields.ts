/**
 * n8n properties GENERATED from core's template catalogue, and the reverse mapping from parameter values back to a
 * create body. Nothing here names a template field: adding a field to a template in core adds it to the node.
 *
 * Layout rules:
 * - a field that is not `advanced` is a top-level parameter named by the camelCase of its path
 *   (`script.images_requested` -> `scriptImagesRequested`), unless it is an optional number without a default (a
 *   number box always holds a value, and sending one the user never chose would change the video): those go to the
 *   collection of their group like advanced fields;
 * - other fields are options of one collection per first path segment (`script` -> "Script Options"), named by the
 *   camelCase of the rest of the path (`script.voice_format` -> `voiceFormat`);
 * - the `webhook` group is the node's "Send Webhook" settings: URL and events come from the catalogue, the secret from
 *   the Trending Webhook Signing credential (a secret never sits in a plain parameter);
 * - enums are option lists, ranges are minValue/maxValue (the widest range any condition allows; core enforces the
 *   exact one), `onlyWhen` and `usedOnlyWhen` equality conditions become displayOptions, dynamic `source`s are loadOptions dropdowns.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
  coerceFieldValue,
  eventName,
  fieldRules,
  optionLabel,
  templateEvents,
  TEMPLATE_IDS,
  TEMPLATES,
  type DynamicSource,
  type FieldSpec,
  type HelperFieldSpec,
  type TemplateId,
  type TemplateSpec,
} from '../core';

export const LOAD_OPTIONS_METHOD: Record<DynamicSource, string> = {
  voiceActors: 'getVoiceActors',
  libraryFolders: 'getLibraryFolders',
  characterSources: 'getCharacterSources',
  referenceImages: 'getReferenceImages',
  outroSources: 'getOutroSources',
};

const WEBHOOK_GROUP = 'webhook';
const ROOT_COLLECTION = 'additionalFields';

export function camelCase(path: string): string {
  return path
    .split(/[._]/)
    .filter(Boolean)
    .map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/** Where a catalogue field lives in the node's parameters. */
export type FieldBinding =
  | { kind: 'top'; field: FieldSpec; param: string }
  | { kind: 'collection'; field: FieldSpec; collection: string; option: string }
  | { kind: 'webhookUrl' | 'webhookEvents' | 'webhookSecret'; field: FieldSpec; param: string };

function groupOf(path: string): string | undefined {
  const dot = path.indexOf('.');
  return dot < 0 ? undefined : path.slice(0, dot);
}

function needsCollection(field: FieldSpec): boolean {
  if (field.advanced) return true;
  return field.type === 'integer' && field.default === undefined && field.source === undefined;
}

export function fieldBindings(template: TemplateSpec): FieldBinding[] {
  return template.fields.map((field): FieldBinding => {
    const group = groupOf(field.path);
    if (group === WEBHOOK_GROUP) {
      if (field.path === 'webhook.url') return { kind: 'webhookUrl', field, param: 'webhookUrl' };
      if (field.path === 'webhook.events') return { kind: 'webhookEvents', field, param: 'webhookEvents' };
      return { kind: 'webhookSecret', field, param: 'trendingWebhookSigningApi' };
    }
    if (!needsCollection(field)) return { kind: 'top', field, param: camelCase(field.path) };
    if (group === undefined)
      return { kind: 'collection', field, collection: ROOT_COLLECTION, option: camelCase(field.path) };
    return { kind: 'collection', field, collection: group, option: camelCase(field.path.slice(group.length + 1)) };
  });
}

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
export function rulesHint(field: HelperFieldSpec, template?: TemplateSpec): string | undefined {
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
function toProperty(
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

const COLLECTION_TITLES: Record<string, string> = { [ROOT_COLLECTION]: 'Additional Fields' };

function collectionTitle(name: string): string {
  return COLLECTION_TITLES[name] ?? `${optionLabel(name)} Options`;
}

/** Every create parameter of one template, shown for `resource = template.id` and the given operations. */
export function templateFieldProperties(template: TemplateSpec, operations: string[]): INodeProperties[] {
  const bindings = fieldBindings(template);
  const show = { resource: [template.id], operation: operations };
  const topParams = new Map<string, string>();
  for (const b of bindings) if (b.kind === 'top') topParams.set(b.field.path, b.param);

  const top: INodeProperties[] = [];
  const collections = new Map<string, INodeProperties[]>();
  for (const binding of bindings) {
    if (binding.kind === 'top') {
      const property = toProperty(binding.field, binding.param, true, topParams, template);
      property.displayOptions = { show: { ...show, ...(property.displayOptions?.show ?? {}) } };
      top.push(property);
    } else if (binding.kind === 'collection') {
      // Inside a collection, `/param` reaches a top-level parameter and a bare name a sibling option.
      const siblings = new Map<string, string>();
      for (const [path, param] of topParams) siblings.set(path, `/${param}`);
      for (const other of bindings) {
        if (other.kind === 'collection' && other.collection === binding.collection)
          siblings.set(other.field.path, other.option);
      }
      const options = collections.get(binding.collection) ?? [];
      options.push(toProperty(binding.field, binding.option, false, siblings, template));
      collections.set(binding.collection, options);
    }
  }

  const grouped: INodeProperties[] = [...collections.entries()].map(([name, options]) => ({
    displayName: collectionTitle(name),
    name,
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: { show },
    options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
  }));
  return [...top, ...grouped];
}

/** The webhook settings of a create: URL and events from the catalogue, the secret from the signing credential. */
export function webhookProperties(template: TemplateSpec): INodeProperties[] {
  const show = { resource: [template.id], operation: ['create'] };
  const url = template.fields.find((f) => f.path === 'webhook.url');
  const events = template.fields.find((f) => f.path === 'webhook.events');
  if (!url) return [];
  return [
    {
      displayName: 'Send Webhook',
      name: 'sendWebhook',
      type: 'boolean',
      default: false,
      description:
        "Whether Trending should POST this video's events to a URL of yours (for example a Trending Trigger's production URL), signed with the Trending Webhook Signing credential",
      displayOptions: { show },
    },
    {
      displayName: url.label,
      name: 'webhookUrl',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'https://your-n8n.example.com/webhook/.../trending',
      description: url.description,
      displayOptions: { show: { ...show, sendWebhook: [true] } },
    },
    ...(events
      ? [
          {
            displayName: events.label,
            name: 'webhookEvents',
            type: 'multiOptions' as const,
            default: [],
            description: `${events.description} Leave empty for the default`,
            options: [
              { name: `All ${template.label} Events`, value: eventName(template.id, '*') },
              ...templateEvents(template.id).map((name) => ({
                name: optionLabel(name.split('.').slice(3).join(' ')),
                value: name,
              })),
            ],
            displayOptions: { show: { ...show, sendWebhook: [true] } },
          },
        ]
      : []),
  ];
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A parameter value as the field's type: expressions may hand over text ("12", "yes"). */
function typed(field: FieldSpec, value: unknown): unknown {
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

export function allTemplates(): TemplateSpec[] {
  return TEMPLATE_IDS.map((id) => TEMPLATES[id]);
}

/** The seven templates as dropdown options (by label, as n8n wants them sorted). */
export function templateOptions(): INodePropertyOptions[] {
  return allTemplates()
    .map((template) => ({ name: template.label, value: template.id, description: template.description }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The top-level create fields every template has (prompt, name, preview_only), in catalogue order. */
export function commonFieldPaths(): string[] {
  const [first = [], ...others] = allTemplates().map((template) =>
    fieldBindings(template)
      .filter((binding) => binding.kind === 'top')
      .map((binding) => binding.field.path),
  );
  return first.filter((path) => others.every((paths) => paths.includes(path)));
}

function prefixedName(prefix: string, path: string): string {
  const name = camelCase(path);
  return prefix + name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The common fields for an operation that picks its template with a parameter (Start Video's Video Type): one
 * property per template and field, named `<prefix><Field>` (`triggerPrompt`), shown for that template, so each keeps
 * its own text and limits.
 */
export function commonFieldProperties(
  prefix: string,
  templateParameter: string,
  show: Record<string, string[]>,
): INodeProperties[] {
  const paths = commonFieldPaths();
  return allTemplates().flatMap((template) =>
    paths.flatMap((path) => {
      const field = template.fields.find((f) => f.path === path);
      if (!field) return [];
      const property = toProperty(field, prefixedName(prefix, path), true, new Map(), template);
      property.displayOptions = { show: { ...show, [templateParameter]: [template.id] } };
      return [property];
    }),
  );
}

/** The path -> value entries of the common fields written by commonFieldProperties. */
export function readCommonEntries(
  ctx: IExecuteFunctions,
  itemIndex: number,
  template: TemplateSpec,
  prefix: string,
): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const path of commonFieldPaths()) {
    const field = template.fields.find((f) => f.path === path);
    if (!field) continue;
    const value = typed(field, ctx.getNodeParameter(prefixedName(prefix, path), itemIndex, ''));
    if (value !== undefined) entries[path] = value;
  }
  return entries;
}

export function isTemplateResource(resource: string): resource is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(resource);
}

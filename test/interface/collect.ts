/**
 * What saved workflows and Zaps depend on, read from the products themselves: every n8n parameter a (resource,
 * operation) shows, by node and version, and every Zapier input key, by action and app major version. Nothing here
 * calls the network: a Zapier input field that is a function is run offline for each choice of the field that drives
 * it (Template), and pinned as one `dynamic` entry when it needs the account.
 */
import type {
  INodeProperties,
  INodePropertyCollection,
  INodePropertyOptions,
  INodeType,
  INodeTypeDescription,
} from 'n8n-workflow';

/** One pinned name: what must not change under it without a new node version (n8n) or a new major (Zapier). */
export interface PinnedEntry {
  type: string;
  /** Option values (n8n options/multiOptions, fixedCollection groups) or Zapier choice values; removals break. */
  values?: string[];
  /** n8n only: a saved workflow omits a parameter left at its default, so a new default changes what it runs. */
  default?: unknown;
}

/** Keys read like `n8n trending v1 story/create options.voiceActorId` or `zapier v0 creates/create_story_video prompt`. */
export type PinnedInterface = Record<string, PinnedEntry>;

/** A node as n8n loads it: a plain node, or a versioned node holding one description per version. */
export type AnyNode = INodeType | { nodeVersions: Record<number, INodeType> };

type Context = { resource: string; operation: string };

function versionsOf(description: INodeTypeDescription): number[] {
  return Array.isArray(description.version) ? description.version : [description.version];
}

function descriptionsOf(node: AnyNode): Array<{ version: number; description: INodeTypeDescription }> {
  const types = 'nodeVersions' in node ? Object.values(node.nodeVersions) : [node];
  return types.flatMap((type) =>
    versionsOf(type.description).map((version) => ({ version, description: type.description })),
  );
}

/**
 * Whether displayOptions let a property show where these facts hold (`@version`, and resource and operation when
 * known); conditions on other parameters are ignored, so a parameter shown only for some values still counts.
 */
function shows(property: INodeProperties, facts: Record<string, unknown>): boolean {
  const { show = {}, hide = {} } = property.displayOptions ?? {};
  for (const [key, value] of Object.entries(facts)) {
    if (show[key] && !show[key]!.includes(value as never)) return false;
    if (hide[key]?.includes(value as never)) return false;
  }
  return true;
}

/** Every (resource, operation) the node offers; a node without resources has one unnamed context. */
function contextsOf(properties: INodeProperties[], version: number): Array<Context | undefined> {
  const resource = properties.find((p) => p.name === 'resource' && shows(p, { '@version': version }));
  if (!resource) return [undefined];
  return (resource.options as INodePropertyOptions[]).flatMap((r) => {
    const facts = { '@version': version, resource: String(r.value) };
    const operations = properties.filter((p) => p.name === 'operation' && shows(p, facts));
    return operations.flatMap((p) =>
      (p.options as INodePropertyOptions[]).map((o) => ({ resource: String(r.value), operation: String(o.value) })),
    );
  });
}

function entryOf(property: INodeProperties): PinnedEntry {
  const entry: PinnedEntry = { type: property.type, default: property.default ?? null };
  if (property.type === 'options' || property.type === 'multiOptions' || property.type === 'fixedCollection') {
    const options = (property.options ?? []) as Array<INodePropertyOptions | INodePropertyCollection>;
    const values = options.map((o) => String('value' in o ? o.value : o.name));
    // Options from a loadOptions method are the account's data, not part of the interface.
    if (!property.typeOptions?.loadOptionsMethod) entry.values = values.sort();
  }
  return entry;
}

function nestedOf(property: INodeProperties): Array<[string, INodeProperties]> {
  const options = property.options ?? [];
  if (property.type === 'collection') return (options as INodeProperties[]).map((child) => [child.name, child]);
  if (property.type === 'fixedCollection') {
    return (options as INodePropertyCollection[]).flatMap((group) =>
      (group.values ?? []).map((child): [string, INodeProperties] => [`${group.name}.${child.name}`, child]),
    );
  }
  return [];
}

function addProperty(into: PinnedInterface, prefix: string, name: string, property: INodeProperties): void {
  // A notice holds no value; nothing is saved under its name.
  if (property.type === 'notice') return;
  const key = `${prefix} ${name}`;
  const entry = entryOf(property);
  // Two same-named parameters in one (resource, operation) would be one saved value read two ways.
  if (into[key] && JSON.stringify(into[key]) !== JSON.stringify(entry))
    throw new Error(`${key} is declared twice, differently`);
  into[key] = entry;
  for (const [childName, child] of nestedOf(property)) addProperty(into, prefix, `${name}.${childName}`, child);
}

export function n8nInterface(node: AnyNode): PinnedInterface {
  const out: PinnedInterface = {};
  for (const { version, description } of descriptionsOf(node)) {
    for (const context of contextsOf(description.properties, version)) {
      const where = context ? ` ${context.resource}/${context.operation}` : '';
      const prefix = `n8n ${description.name} v${version}${where}`;
      for (const property of description.properties) {
        if (shows(property, { '@version': version, ...context })) addProperty(out, prefix, property.name, property);
      }
    }
  }
  return out;
}

interface ZapierField {
  key: string;
  altersDynamicFields?: boolean;
  type?: string;
  list?: boolean;
  choices?: Array<{ value: string } | string> | Record<string, string>;
  children?: ZapierField[];
}

type DynamicFields = (z: unknown, bundle: { inputData: Record<string, unknown> }) => unknown;

interface ZapierAction {
  key: string;
  operation: { inputFields?: Array<ZapierField | DynamicFields> };
}

export interface ZapierApp {
  version: string;
  creates?: Record<string, ZapierAction>;
  searches?: Record<string, ZapierAction>;
  triggers?: Record<string, ZapierAction>;
}

function choiceValues(choices: ZapierField['choices']): string[] | undefined {
  if (!choices) return undefined;
  const values = Array.isArray(choices)
    ? choices.map((c) => (typeof c === 'string' ? c : String(c.value)))
    : Object.keys(choices);
  return values.sort();
}

function addZapierField(into: PinnedInterface, prefix: string, field: ZapierField, parent = ''): void {
  const key = `${parent}${field.key}`;
  const entry: PinnedEntry = { type: `${field.type ?? 'string'}${field.list ? '[]' : ''}` };
  const values = choiceValues(field.choices);
  if (values) entry.values = values;
  if (field.children) entry.type = 'line items';
  into[`${prefix} ${key}`] = entry;
  for (const child of field.children ?? []) addZapierField(into, prefix, child, `${key}.`);
}

/** The major version a Zap is pinned to: Zapier moves Zaps across minor versions, not across majors. */
export function zapierMajor(app: ZapierApp): number {
  return Number(app.version.split('.')[0]);
}

/** A z that refuses the network: a dynamic field that needs the account is not pinned. */
const OFFLINE_Z = new Proxy(
  {},
  {
    get() {
      throw new Error('offline');
    },
  },
);

/**
 * The fields a function field returns for each choice of an earlier field that alters dynamic fields (e.g. Template:
 * the chosen template's fields), when it returns them at once without the network; otherwise one `dynamic` entry.
 */
function addDynamicFields(
  into: PinnedInterface,
  prefix: string,
  fields: Array<ZapierField | DynamicFields>,
  index: number,
): void {
  const dynamic = fields[index] as DynamicFields;
  const drivers = fields
    .slice(0, index)
    .filter((f): f is ZapierField => typeof f === 'object' && !!f.altersDynamicFields);
  const inputs = drivers.flatMap((f) => (choiceValues(f.choices) ?? []).map((value) => ({ [f.key]: value })));
  for (const inputData of inputs) {
    let result: unknown;
    try {
      result = dynamic(OFFLINE_Z, { inputData });
    } catch {
      result = undefined;
    }
    if (!Array.isArray(result)) {
      // A promise (or a failure) means it reads the account: not part of the pinned interface.
      if (result instanceof Promise) result.catch(() => undefined);
      into[`${prefix} (dynamic field ${index})`] = { type: 'dynamic' };
      return;
    }
    const when = Object.entries(inputData).map(([key, value]) => `${key}=${String(value)}`);
    for (const field of result as ZapierField[]) addZapierField(into, `${prefix} [${when.join(',')}]`, field);
  }
  if (inputs.length === 0) into[`${prefix} (dynamic field ${index})`] = { type: 'dynamic' };
}

export function zapierInterface(app: ZapierApp): PinnedInterface {
  const out: PinnedInterface = {};
  const major = zapierMajor(app);
  for (const kind of ['creates', 'searches', 'triggers'] as const) {
    for (const action of Object.values(app[kind] ?? {})) {
      const prefix = `zapier v${major} ${kind}/${action.key}`;
      const fields = action.operation.inputFields ?? [];
      fields.forEach((field, index) => {
        if (typeof field === 'function') addDynamicFields(out, prefix, fields, index);
        else addZapierField(out, prefix, field);
      });
    }
  }
  return out;
}

/**
 * A template's create parameters: top-level fields, one collection per group, and the Send Webhook settings.
 */
import type { INodeProperties } from 'n8n-workflow';

import { eventName, optionLabel, templateEvents, type TemplateSpec } from '../core';
import { toProperty } from './fieldProperty';
import { fieldBindings, ROOT_COLLECTION } from './fields';

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

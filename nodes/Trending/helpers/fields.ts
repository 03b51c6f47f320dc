/**
 * Where each field of core's template catalogue lives in the node's parameters. The properties are GENERATED from these
 * bindings (fieldProperty.ts, templateProperties.ts, commonFields.ts) and read back into a create body by
 * templateEntries.ts. Nothing here names a template field: adding a field to a template in core adds it to the node.
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
import type { INodePropertyOptions } from 'n8n-workflow';

import { TEMPLATE_IDS, TEMPLATES, type DynamicSource, type FieldSpec, type TemplateSpec } from '../core';

export const LOAD_OPTIONS_METHOD: Record<DynamicSource, string> = {
  voiceActors: 'getVoiceActors',
  libraryFolders: 'getLibraryFolders',
  characterSources: 'getCharacterSources',
  referenceImages: 'getReferenceImages',
  outroSources: 'getOutroSources',
};

const WEBHOOK_GROUP = 'webhook';
export const ROOT_COLLECTION = 'additionalFields';

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

export function allTemplates(): TemplateSpec[] {
  return TEMPLATE_IDS.map((id) => TEMPLATES[id]);
}

/** The seven templates as dropdown options (by label, as n8n wants them sorted). */
export function templateOptions(): INodePropertyOptions[] {
  return allTemplates()
    .map((template) => ({ name: template.label, value: template.id, description: template.description }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

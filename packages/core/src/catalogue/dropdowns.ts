/**
 * What each dynamic dropdown (a field's `source`) lists: the endpoint, the item key whose value the field takes, and
 * how an item is labelled. Every face's dropdown (n8n's loadOptions, Zapier's hidden triggers) reads these, so a
 * voice, folder or saved outro reads the same everywhere.
 */
import type { ListResult, TrendingClient } from '../client';
import type { EndpointId } from '../endpoints';
import { deepFreeze } from './freeze';
import type { DynamicSource } from './types';

type Item = Readonly<Record<string, unknown>>;

export interface DropdownSpec {
  /** The list endpoint, and the TrendingClient method that reads it. */
  endpoint: EndpointId;
  lister:
    'listVoiceActors' | 'listLibraryFolders' | 'listCharacterSources' | 'listReferenceImages' | 'listOutroSources';
  /** The item keys that may hold the value, in order (the first present wins). */
  valueKeys: readonly string[];
  /** What the user picks from. */
  label(item: Item, value: string | number): string;
  /** A second line, where the face shows one. */
  description?(item: Item): string | undefined;
}

export interface DropdownChoice {
  value: string | number;
  label: string;
  description?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function shortened(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}

export const DROPDOWNS: Readonly<Record<DynamicSource, DropdownSpec>> = deepFreeze({
  voiceActors: {
    endpoint: 'voiceActors.list',
    lister: 'listVoiceActors',
    valueKeys: ['id'],
    // "Ava (female, young adult, American) ★": enough to choose a voice without opening its preview.
    label: (voice, id) => {
      const traits = [voice.gender, voice.age, voice.accent].map(text).filter(Boolean).join(', ');
      const favorite = voice.is_favorite === true || voice.favorite === true ? ' ★' : '';
      return `${text(voice.name) ?? `Voice ${id}`}${traits ? ` (${traits})` : ''}${favorite}`;
    },
    description: (voice) => (text(voice.preview_url) ? `Preview: ${text(voice.preview_url)}` : undefined),
  },
  libraryFolders: {
    endpoint: 'library.folders.list',
    lister: 'listLibraryFolders',
    valueKeys: ['id', 'folder_id'],
    label: (folder, id) => text(folder.name) ?? `Folder ${id}`,
  },
  characterSources: {
    endpoint: 'story.characterSources.list',
    lister: 'listCharacterSources',
    valueKeys: ['video_id', 'id'],
    label: (source, id) => `${text(source.name) ?? text(source.title) ?? 'Story'} (video ${id})`,
    description: (source) => text(source.character_sheet_url),
  },
  referenceImages: {
    endpoint: 'story.referenceImages.list',
    lister: 'listReferenceImages',
    valueKeys: ['asset_id'],
    label: (image, id) => {
      const alias = text(image.alias_suggestion);
      return `${text(image.name) ?? `Image ${id}`}${alias ? ` (@${alias})` : ''}`;
    },
  },
  outroSources: {
    endpoint: 'story.outroSources.list',
    lister: 'listOutroSources',
    valueKeys: ['key'],
    // The key is what create takes; the name or the line itself is what a user recognises.
    label: (outro, key) => {
      const shown = text(outro.name) ?? text(outro.text);
      return shown ? `${shortened(shown, 60)} (${key})` : String(key);
    },
    description: (outro) => text(outro.text),
  },
} satisfies Record<DynamicSource, DropdownSpec>);

/** One listed item as a choice, or undefined when it carries no usable value. */
export function dropdownChoice(source: DynamicSource, item: Item): DropdownChoice | undefined {
  const spec = DROPDOWNS[source];
  const raw = spec.valueKeys.map((key) => item[key]).find((v) => v !== undefined && v !== null && v !== '');
  if (typeof raw !== 'number' && typeof raw !== 'string') return undefined;
  const description = spec.description?.(item);
  return { value: raw, label: spec.label(item, raw), ...(description !== undefined && { description }) };
}

/** Lists a source's first page through the client and turns its items into choices. */
export async function listDropdown(client: TrendingClient, source: DynamicSource): Promise<DropdownChoice[]> {
  const { items }: ListResult<Item> = await client[DROPDOWNS[source].lister]();
  return items.map((item) => dropdownChoice(source, item)).filter((c): c is DropdownChoice => c !== undefined);
}

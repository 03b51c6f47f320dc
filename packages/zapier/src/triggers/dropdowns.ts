/**
 * Hidden triggers behind the dynamic dropdowns (`dynamic: '<key>.id.name'`). One trigger per helper endpoint serves
 * every action that has such a field, and each returns `id` (the value sent) and `name` (what the user picks from).
 */
import type { TrendingClient } from '@trending/core';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard } from '../errors';
import { DROPDOWN_TRIGGER } from '../fields';
import { clientFor } from '../transport';

/** Zapier hands a dropdown's value to the action as text; the action's field coercion turns it back into a number. */
type Choice = { id: string; name: string };

type Item = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** "Ava (female, young adult, American)": enough to choose a voice without opening its preview. */
function voiceLabel(voice: Item): string {
  const traits = [voice.gender, voice.age, voice.accent].map(str).filter(Boolean);
  return `${str(voice.name) ?? `Voice ${String(voice.id)}`}${traits.length ? ` (${traits.join(', ')})` : ''}`;
}

function dropdown(
  key: string,
  noun: string,
  about: string,
  list: (client: TrendingClient) => Promise<{ items: Item[] }>,
  toChoice: (item: Item) => Choice | undefined,
  sample: Choice,
) {
  const perform = async (z: ZObject, bundle: Bundle): Promise<Choice[]> => {
    const { items } = await list(clientFor(z, bundle));
    return items.map(toChoice).filter((choice): choice is Choice => choice !== undefined);
  };
  return defineTrigger({
    key,
    noun,
    display: {
      label: `List ${noun}s`,
      description: `Triggers when a ${noun.toLowerCase()} is added; powers the ${about} dropdown.`,
      hidden: true,
    },
    operation: {
      type: 'polling',
      perform: guard(perform),
      sample,
      outputFields: [
        { key: 'id', label: 'ID' },
        { key: 'name', label: 'Name', type: 'string' },
      ],
    },
  });
}

export const voiceActors = dropdown(
  DROPDOWN_TRIGGER.voiceActors,
  'Voice Actor',
  'Voice Actor',
  (client) => client.listVoiceActors(),
  (v) => (v.id === undefined ? undefined : { id: String(v.id), name: voiceLabel(v) }),
  { id: '233', name: 'Ava (female, young adult, American)' },
);

export const libraryFolders = dropdown(
  DROPDOWN_TRIGGER.libraryFolders,
  'Library Folder',
  'Background Folder',
  (client) => client.listLibraryFolders(),
  (f) => (f.id === undefined ? undefined : { id: String(f.id), name: str(f.name) ?? `Folder ${String(f.id)}` }),
  { id: '42', name: 'Minecraft parkour' },
);

export const characterSources = dropdown(
  DROPDOWN_TRIGGER.characterSources,
  'Character Source',
  'Reuse Characters From Video',
  (client) => client.listCharacterSources(),
  (s) =>
    s.video_id === undefined
      ? undefined
      : { id: String(s.video_id), name: `${str(s.name) ?? 'Story'} (video ${String(s.video_id)})` },
  { id: '12345', name: 'The hotel keycard (video 12345)' },
);

export const referenceImages = dropdown(
  DROPDOWN_TRIGGER.referenceImages,
  'Reference Image',
  'Reference Image',
  (client) => client.listReferenceImages(),
  (r) =>
    r.asset_id === undefined
      ? undefined
      : {
          id: String(r.asset_id),
          name: `${str(r.name) ?? `Image ${String(r.asset_id)}`}${str(r.alias_suggestion) ? ` (@${str(r.alias_suggestion)})` : ''}`,
        },
  { id: '501', name: 'Team logo (@team_logo)' },
);

export const outroSources = dropdown(
  DROPDOWN_TRIGGER.outroSources,
  'Outro Source',
  'Saved Outro',
  (client) => client.listOutroSources(),
  (o) => {
    const key = str(o.key);
    if (key === undefined) return undefined;
    const text = str(o.text);
    return { id: key, name: text ? `${text.length > 60 ? `${text.slice(0, 57)}...` : text} (${key})` : key };
  },
  { id: 'outro_skylaunch', name: 'This story was brought to you by SkyLaunch. (outro_skylaunch)' },
);

export const dropdownTriggers = { voiceActors, libraryFolders, characterSources, referenceImages, outroSources };

/**
 * Hidden triggers behind the dynamic dropdowns (`dynamic: '<key>.id.name'`). One trigger per helper endpoint serves
 * every action that has such a field, and each returns `id` (the value sent) and `name` (what the user picks from).
 */
import { listDropdown, type DynamicSource } from '@trending/core';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard } from '../errors';
import { DROPDOWN_TRIGGER } from '../fields';
import { clientFor } from '../transport';

/** Zapier hands a dropdown's value to the action as text; the action's field coercion turns it back into a number. */
type Choice = { id: string; name: string };

/** What is listed and how each item is labelled is core's (DROPDOWNS); the trigger's own words are Zapier's. */
function dropdown(source: DynamicSource, noun: string, about: string, sample: Choice) {
  const perform = async (z: ZObject, bundle: Bundle): Promise<Choice[]> =>
    (await listDropdown(clientFor(z, bundle), source)).map(({ value, label }) => ({ id: String(value), name: label }));
  return defineTrigger({
    key: DROPDOWN_TRIGGER[source],
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

/** Zapier's words for each dropdown's trigger: its noun, the field it powers, and a sample choice. */
const TRIGGERS: Readonly<Record<DynamicSource, readonly [noun: string, about: string, sample: Choice]>> = {
  voiceActors: ['Voice Actor', 'Voice Actor', { id: '233', name: 'Ava (female, young adult, American)' }],
  libraryFolders: ['Library Folder', 'Background Folder', { id: '42', name: 'Minecraft parkour' }],
  characterSources: [
    'Character Source',
    'Reuse Characters From Video',
    { id: '12345', name: 'The hotel keycard (video 12345)' },
  ],
  referenceImages: ['Reference Image', 'Reference Image', { id: '501', name: 'Team logo (@team_logo)' }],
  outroSources: [
    'Outro Source',
    'Saved Outro',
    { id: 'outro_skylaunch', name: 'This story was brought to you by SkyLaunch. (outro_skylaunch)' },
  ],
};

export const dropdownTriggers = Object.fromEntries(
  Object.entries(TRIGGERS).map(([source, [noun, about, sample]]) => [
    source,
    dropdown(source as DynamicSource, noun, about, sample),
  ]),
);

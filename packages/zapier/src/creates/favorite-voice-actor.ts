/** Favorite Voice Actor: favorites (or unfavorites) a voice globally or for one narrated template. */
import { FAVORITE_FIELDS, type TemplateId } from '@trending/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard, inputError } from '../errors';
import { DROPDOWN_TRIGGER, readInput } from '../fields';
import { helperField } from '../helper-fields';
import { clientFor } from '../transport';

async function perform(z: ZObject, bundle: Bundle) {
  const problems: string[] = [];
  const voiceActorId = readInput(bundle.inputData, 'voice_actor_id', 'Voice Actor', 'integer', problems);
  const favorite = readInput(bundle.inputData, 'favorite', 'Favorite', 'boolean', problems) ?? true;
  // Core's validation rejects anything but a narrated template, with the list of allowed ones.
  const template =
    typeof bundle.inputData.template === 'string' && bundle.inputData.template !== ''
      ? bundle.inputData.template
      : undefined;
  if (voiceActorId === undefined && problems.length === 0) problems.push('Voice Actor is required');
  if (problems.length > 0) throw inputError(z, problems);
  const answer = await clientFor(z, bundle).favoriteVoiceActor(voiceActorId as number, {
    favorite: favorite as boolean,
    template: template as TemplateId | undefined,
  });
  return {
    id: voiceActorId,
    voice_actor_id: voiceActorId,
    favorite,
    template: template ?? null,
    request_id: typeof answer.request_id === 'string' ? answer.request_id : null,
  };
}

export const favoriteVoiceActor = defineCreate({
  key: 'favorite_voice_actor',
  noun: 'Voice Actor',
  display: {
    label: 'Favorite Voice Actor',
    description:
      'Favorites or unfavorites a voice. Narrated videos without an explicit voice prefer favorites: template favorites first, then global ones.',
  },
  operation: {
    inputFields: [
      {
        key: 'voice_actor_id',
        label: 'Voice Actor',
        type: 'integer',
        required: true,
        dynamic: `${DROPDOWN_TRIGGER.voiceActors}.id.name`,
        helpText: 'The voice to favorite.',
      },
      helperField(FAVORITE_FIELDS, 'favorite', {
        required: false,
        default: 'true',
        note: 'Leave empty to favorite it.',
      }),
      helperField(FAVORITE_FIELDS, 'template'),
    ],
    perform: guard(perform),
    sample: { id: 233, voice_actor_id: 233, favorite: true, template: null, request_id: 'req_3f9d2c1b' },
    outputFields: [
      { key: 'id', label: 'ID', type: 'integer' },
      { key: 'voice_actor_id', label: 'Voice Actor ID', type: 'integer' },
      { key: 'favorite', label: 'Favorite', type: 'boolean' },
      { key: 'template', label: 'Template', type: 'string' },
      { key: 'request_id', label: 'Request ID', type: 'string' },
    ],
  },
});

/**
 * The Trending node's parameters: resources, operations (with descriptions written for people and AI agents alike),
 * and every operation's parameters.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { accountDescription } from './account';
import { libraryDescription } from './library';
import { listExtraDescription } from './list';
import * as startVideo from './signedTrigger/startVideo.operation';
import { storyExtraDescription } from './story';
import * as abort from './video/abort.operation';
import * as create from './video/create.operation';
import * as get from './video/get.operation';
import * as render from './video/render.operation';
import { voiceActorDescription } from './voiceActor';
import { allTemplates } from '../helpers/fields';

function op(name: string, value: string, description: string, action: string): INodePropertyOptions {
  return { name, value, description, action };
}

function videoOps(label: string): INodePropertyOptions[] {
  const a = label.toLowerCase();
  return [
    op('Abort', 'abort', `Cancel an active ${label} run`, `Abort a ${a} video`),
    op(
      'Create',
      'create',
      `Start a ${label} video from a prompt and options; optionally wait until it is rendered and download the MP4`,
      `Create a ${a} video`,
    ),
    op('Get', 'get', `Get the status, progress, ETA and render URL of a ${label} video`, `Get a ${a} video`),
    op('Render', 'render', `Render a preview-only ${label} video into the final MP4`, `Render a ${a} video`),
  ];
}

const STORY_EXTRAS: INodePropertyOptions[] = [
  op(
    'Animate Slide',
    'animateSlide',
    'Animate one slide of a Story (10 credits per second; lip-synced by default)',
    'Animate a story slide',
  ),
  op(
    'Delete Slide Animation',
    'deleteSlideAnimation',
    'Discard one slide animation and keep the still image',
    'Delete a story slide animation',
  ),
  op(
    'Generate Outro Image',
    'generateOutroImage',
    'Generate the outro image from the current outro settings (charges credits)',
    'Generate a story outro image',
  ),
  op(
    'Get Outro',
    'getOutro',
    'Read the outro line, speaker, reference slide and image state of a Story',
    'Get a story outro',
  ),
  op(
    'List Character Sources',
    'listCharacterSources',
    'List past Story videos whose characters can be reused',
    'List story character sources',
  ),
  op(
    'List Outro Sources',
    'listOutroSources',
    'List saved outros that can be reused on create',
    'List story outro sources',
  ),
  op(
    'List Reference Images',
    'listReferenceImages',
    'List saved reference images (asset IDs and alias suggestions)',
    'List story reference images',
  ),
  op(
    'List Slide Animations',
    'listSlideAnimations',
    'List per-slide animation options, status and credit estimates',
    'List story slide animations',
  ),
  op(
    'Update Outro',
    'updateOutro',
    'Change the outro line, speaker, image prompt or attachments of a Story',
    'Update a story outro',
  ),
  op(
    'Upload Reference Image',
    'uploadReferenceImage',
    'Upload a jpg/png/webp (max 3 MB) or import it from a URL',
    'Upload a story reference image',
  ),
];

const LIST_EXTRAS: INodePropertyOptions[] = [
  op('Apply CTAs', 'applyCtas', 'Add call-to-action lines to a List script', 'Apply CTAs to a list script'),
  op('Get Script', 'getScript', 'Read the editable List script (intro, lines, CTAs) and its ETag', 'Get a list script'),
  op(
    'Suggest CTAs',
    'suggestCtas',
    'Suggest call-to-action lines for a List script without saving them',
    'Suggest CTAs for a list script',
  ),
  op(
    'Update Script',
    'updateScript',
    'Save an edited List script, refusing if someone else changed it since it was read',
    'Update a list script',
  ),
];

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
  return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

const resourceProperty: INodeProperties = {
  displayName: 'Resource',
  name: 'resource',
  type: 'options',
  noDataExpression: true,
  default: 'story',
  options: byName([
    ...allTemplates().map((template) => ({
      name: template.label,
      value: template.id,
      description: template.description,
    })),
    { name: 'Account', value: 'account', description: 'Check readiness and estimate credits before creating' },
    { name: 'Library', value: 'library', description: 'Background folders and clip uploads' },
    { name: 'Signed Trigger', value: 'signedTrigger', description: 'Start a video with a signed trigger (no API key)' },
    { name: 'Voice Actor', value: 'voiceActor', description: 'Narration voices and favorites' },
  ]),
};

const operationProperties: INodeProperties[] = [
  ...allTemplates().map((template): INodeProperties => ({
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: 'create',
    displayOptions: { show: { resource: [template.id] } },
    options: byName([
      ...videoOps(template.label),
      ...(template.id === 'story' ? STORY_EXTRAS : []),
      ...(template.id === 'list' ? LIST_EXTRAS : []),
    ]),
  })),
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: 'checkReadiness',
    displayOptions: { show: { resource: ['account'] } },
    options: [
      op(
        'Check Readiness',
        'checkReadiness',
        'Find out whether the account can create a request now: plan, template access, credit shortfall',
        'Check account readiness',
      ),
      op(
        'Estimate Cost',
        'estimateCost',
        'Quote the credits a create request would cost',
        'Estimate the cost of a video',
      ),
    ],
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: 'list',
    displayOptions: { show: { resource: ['voiceActor'] } },
    options: [
      op(
        'Favorite',
        'favorite',
        'Favorite or unfavorite a voice, for all narrated templates or one',
        'Favorite a voice actor',
      ),
      op('List', 'list', 'List narration voices with name, gender, age, accent and preview URL', 'List voice actors'),
    ],
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: 'listFolders',
    displayOptions: { show: { resource: ['library'] } },
    options: [
      op(
        'Check Folder Coverage',
        'checkFolderCoverage',
        'Check whether a folder has enough clips for a template before creating',
        'Check library folder coverage',
      ),
      op(
        'Get Upload',
        'getUpload',
        'Get the processing status of an uploaded or imported clip',
        'Get a library upload',
      ),
      op(
        'Import Video URL',
        'importVideoUrl',
        'Import a clip from a direct HTTPS file URL',
        'Import a library video from a URL',
      ),
      op('List Folders', 'listFolders', 'List your Library folders with clip counts', 'List library folders'),
      op(
        'Upload Video',
        'uploadVideo',
        'Upload a clip (MP4/MOV/WebM/M4V, max 200 MB) from a binary field',
        'Upload a library video',
      ),
    ],
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: 'startVideo',
    displayOptions: { show: { resource: ['signedTrigger'] } },
    options: [
      op(
        'Start Video',
        'startVideo',
        'Start any template through a signed trigger, without an API key',
        'Start a video with a signed trigger',
      ),
    ],
  },
];

const videoIdForGetAbort: INodeProperties[] = [...get.description, ...abort.description];

/** Every parameter of the node, in display order. */
export const properties: INodeProperties[] = [
  resourceProperty,
  ...operationProperties,
  ...create.description,
  ...videoIdForGetAbort,
  ...render.description,
  ...storyExtraDescription,
  ...listExtraDescription,
  ...accountDescription,
  ...voiceActorDescription,
  ...libraryDescription,
  ...startVideo.description,
];

/**
 * Story helper endpoints: reusable characters, reference images, outros and per-slide animations.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutroUpdate } from '../../core';
import { jsonObjectParameter, toItems } from '../../helpers/common';
import { apiClient } from '../../transport';
import { binaryPropertyProperty, readVideoId, videoIdProperty, type OperationModule } from '../shared';

const resource = ['story'];
const on = (operation: string | string[]) => ({
  show: { resource, operation: Array.isArray(operation) ? operation : [operation] },
});

/** The upload answer carries the asset either at the top or under `reference_image`: output it flat. */
function flatUpload(result: unknown): IDataObject {
  const { reference_image: nested, ...rest } = result as IDataObject;
  return { ...rest, ...((nested as IDataObject | undefined) ?? {}) };
}

function single(json: unknown, itemIndex: number): INodeExecutionData[] {
  return [{ json: json as IDataObject, pairedItem: { item: itemIndex } }];
}

export const listCharacterSources: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listCharacterSources()).items, itemIndex);
  },
};

export const listReferenceImages: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listReferenceImages()).items, itemIndex);
  },
};

export const uploadReferenceImage: OperationModule = {
  description: [
    {
      displayName: 'Image Source',
      name: 'imageSource',
      type: 'options',
      default: 'binary',
      options: [
        {
          name: 'Binary File',
          value: 'binary',
          description: 'A jpg, png or webp file (max 3 MB) from an earlier node',
        },
        { name: 'URL', value: 'url', description: 'A direct HTTPS link to the image' },
      ],
      displayOptions: on('uploadReferenceImage'),
    },
    {
      ...binaryPropertyProperty(
        { resource, operation: ['uploadReferenceImage'], imageSource: ['binary'] },
        'Name of the binary field holding the image',
      ),
      displayName: 'Input Binary Field',
      hint: 'The name of the input binary field containing the image',
    },
    {
      displayName: 'Image URL',
      name: 'sourceUrl',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'https://example.com/logo.png',
      description: 'Direct HTTPS URL of a jpg, png or webp image',
      displayOptions: { show: { resource, operation: ['uploadReferenceImage'], imageSource: ['url'] } },
    },
    {
      displayName: 'Name',
      name: 'imageName',
      type: 'string',
      default: '',
      description: 'Optional name to find the image by later (its alias suggestion derives from it)',
      displayOptions: on('uploadReferenceImage'),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const source = this.getNodeParameter('imageSource', itemIndex) as string;
    const name = (this.getNodeParameter('imageName', itemIndex, '') as string) || undefined;
    if (source === 'url') {
      const sourceUrl = String(this.getNodeParameter('sourceUrl', itemIndex)).trim();
      return single(flatUpload(await client.uploadReferenceImage({ sourceUrl, name })), itemIndex);
    }
    const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
    const binary = this.helpers.assertBinaryData(itemIndex, property);
    const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
    const result = await client.uploadReferenceImage({
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      fileName: binary.fileName ?? `reference.${(binary.fileExtension ?? 'png').toLowerCase()}`,
      mimeType: binary.mimeType,
      name,
    });
    return single(flatUpload(result), itemIndex);
  },
};

export const listOutroSources: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return toItems((await client.listOutroSources()).items, itemIndex);
  },
};

export const getOutro: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return single(await client.getOutro(readVideoId(this, itemIndex)), itemIndex);
  },
};

export const updateOutro: OperationModule = {
  description: [
    {
      displayName: 'Outro Settings',
      name: 'outro',
      type: 'collection',
      placeholder: 'Add Setting',
      default: {},
      displayOptions: on('updateOutro'),
      options: [
        {
          displayName: 'Attachment Names or IDs',
          name: 'attachment_asset_ids',
          type: 'multiOptions',
          typeOptions: { loadOptionsMethod: 'getReferenceImages' },
          default: [],
          description:
            'Up to 4 saved Story reference images to attach to the outro image. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
        },
        {
          displayName: 'Enabled',
          name: 'enabled',
          type: 'boolean',
          default: true,
          description: 'Whether the story has an outro',
        },
        {
          displayName: 'Image Prompt',
          name: 'image_prompt',
          type: 'string',
          default: '',
          description: 'What the outro image should show',
        },
        {
          displayName: 'Reference Slide Index',
          name: 'reference_slide_index',
          type: 'number',
          typeOptions: { minValue: 0, numberPrecision: 0 },
          default: 0,
          description: 'Which slide (0-based) the outro image takes its look from',
        },
        {
          displayName: 'Speaker',
          name: 'speaker',
          type: 'string',
          default: 'auto',
          description: 'Who says the outro line: a character name (max 120 characters) or auto',
        },
        {
          displayName: 'Text',
          name: 'text',
          type: 'string',
          typeOptions: { rows: 3 },
          default: '',
          description: 'The outro line (max 900 characters)',
        },
      ],
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const settings = this.getNodeParameter('outro', itemIndex, {}) as IDataObject;
    const body: OutroUpdate = { ...settings } as OutroUpdate;
    if (Array.isArray(settings.attachment_asset_ids)) {
      body.attachment_asset_ids = (settings.attachment_asset_ids as unknown[]).map(Number);
    }
    return single(await client.updateOutro(readVideoId(this, itemIndex), body), itemIndex);
  },
};

export const generateOutroImage: OperationModule = {
  description: [
    {
      displayName: 'This generates an image and charges credits each time it runs',
      name: 'outroImageNotice',
      type: 'notice',
      default: '',
      displayOptions: on('generateOutroImage'),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return single(await client.generateOutroImage(readVideoId(this, itemIndex)), itemIndex);
  },
};

export const listSlideAnimations: OperationModule = {
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    return single(await client.listSlideAnimations(readVideoId(this, itemIndex)), itemIndex);
  },
};

const slideIndexProperty = (operation: string): INodeProperties => ({
  displayName: 'Slide Index',
  name: 'slideIndex',
  type: 'number',
  typeOptions: { minValue: 0, numberPrecision: 0 },
  required: true,
  default: 0,
  description: 'Which slide (0-based, as listed by List Slide Animations)',
  displayOptions: on(operation),
});

export const animateSlide: OperationModule = {
  description: [
    {
      displayName:
        'Animating a slide costs 10 credits per second of that slide. Check the estimate with List Slide Animations first.',
      name: 'animateNotice',
      type: 'notice',
      default: '',
      displayOptions: on('animateSlide'),
    },
    slideIndexProperty('animateSlide'),
    {
      displayName: 'Additional Body (JSON)',
      name: 'additionalBody',
      type: 'json',
      default: '{}',
      description: 'Extra request fields as JSON (for example to turn narration lip-sync off)',
      displayOptions: on('animateSlide'),
    },
  ],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const extra = jsonObjectParameter(this, 'additionalBody', 'Additional Body (JSON)', itemIndex);
    const slideIndex = this.getNodeParameter('slideIndex', itemIndex) as number;
    return single(
      await client.animateSlide(readVideoId(this, itemIndex), { ...extra, slide_index: slideIndex }),
      itemIndex,
    );
  },
};

export const deleteSlideAnimation: OperationModule = {
  description: [slideIndexProperty('deleteSlideAnimation')],
  async execute(this: IExecuteFunctions, itemIndex: number) {
    const client = await apiClient(this, itemIndex);
    const slideIndex = this.getNodeParameter('slideIndex', itemIndex) as number;
    if (!Number.isInteger(slideIndex) || slideIndex < 0) {
      throw new NodeOperationError(this.getNode(), 'Slide Index must be a whole number, 0 or more', { itemIndex });
    }
    return single(await client.deleteSlideAnimation(readVideoId(this, itemIndex), slideIndex), itemIndex);
  },
};

export const STORY_VIDEO_ID_OPERATIONS = [
  'getOutro',
  'updateOutro',
  'generateOutroImage',
  'listSlideAnimations',
  'animateSlide',
  'deleteSlideAnimation',
];

export const storyExtraOperations: Record<string, OperationModule> = {
  listCharacterSources,
  listReferenceImages,
  uploadReferenceImage,
  listOutroSources,
  getOutro,
  updateOutro,
  generateOutroImage,
  listSlideAnimations,
  animateSlide,
  deleteSlideAnimation,
};

export const storyExtraDescription: INodeProperties[] = [
  videoIdProperty(resource, STORY_VIDEO_ID_OPERATIONS),
  ...Object.values(storyExtraOperations).flatMap((operation) => operation.description),
];

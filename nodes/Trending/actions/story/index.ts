/**
 * Story helper endpoints: reusable characters, reference images, outros and per-slide animations.
 */
import type { INodeProperties } from 'n8n-workflow';
import { videoIdProperty, type OperationModule } from '../shared';
import { resource } from './common';
import { listCharacterSources } from './listCharacterSources.operation';
import { listReferenceImages } from './listReferenceImages.operation';
import { uploadReferenceImage } from './uploadReferenceImage.operation';
import { listOutroSources } from './listOutroSources.operation';
import { getOutro } from './getOutro.operation';
import { updateOutro } from './updateOutro.operation';
import { generateOutroImage } from './generateOutroImage.operation';
import { listSlideAnimations } from './listSlideAnimations.operation';
import { animateSlide } from './animateSlide.operation';
import { deleteSlideAnimation } from './deleteSlideAnimation.operation';

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

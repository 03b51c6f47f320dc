/**
 * Story helper endpoints: reusable characters, reference images, outros and per-slide animations. These are the Story
 * resource's operations beyond the video operations every template has (../video).
 */
import type { INodeProperties } from 'n8n-workflow';
import { videoIdOperations, videoIdProperty, type OperationModule } from '../shared';
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

export const storyExtraOperations: OperationModule[] = [
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
];

export const storyExtraParameters: INodeProperties[] = [
  videoIdProperty(resource, videoIdOperations(storyExtraOperations)),
  ...storyExtraOperations.flatMap((operation) => operation.description),
];

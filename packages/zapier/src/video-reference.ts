/** The (template, video ID) pair that names an existing video, read from the Template and Video ID inputs. */
import { isTemplateId, type TemplateId } from '@trending/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { inputError } from './errors';
import { VIDEO_ID_FIELD, readInput } from './fields';

export function videoReference(
  z: ZObject,
  bundle: Pick<Bundle, 'inputData'>,
): { template: TemplateId; videoId: number } {
  const problems: string[] = [];
  const template = bundle.inputData.template;
  if (!isTemplateId(template))
    problems.push(`Template must be one of the video types, got ${JSON.stringify(template ?? '')}`);
  const videoId = readInput(bundle.inputData, VIDEO_ID_FIELD.key, 'Video ID', 'integer', problems);
  if (videoId === undefined && problems.length === 0) problems.push('Video ID is required');
  if (typeof videoId === 'number' && videoId <= 0) problems.push(`Video ID must be a positive number, got ${videoId}`);
  if (problems.length > 0 || !isTemplateId(template) || typeof videoId !== 'number') throw inputError(z, problems);
  return { template, videoId };
}

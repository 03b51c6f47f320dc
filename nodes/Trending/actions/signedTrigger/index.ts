/**
 * Signed Trigger: start a video without an API key.
 */
import type { ResourceModule } from '../shared';
import * as startVideo from './startVideo.operation';

export const signedTrigger: ResourceModule = {
  option: {
    name: 'Signed Trigger',
    value: 'signedTrigger',
    description: 'Start a video with a signed trigger (no API key)',
  },
  defaultOperation: 'startVideo',
  operations: [startVideo],
  parameters: startVideo.description,
};

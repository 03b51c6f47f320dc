/**
 * Voice Actor: the narration voices and the account's favorites.
 */
import type { ResourceModule } from '../shared';
import { list } from './list.operation';
import { favorite } from './favorite.operation';

const operations = [list, favorite];

export const voiceActor: ResourceModule = {
  option: { name: 'Voice Actor', value: 'voiceActor', description: 'Narration voices and favorites' },
  defaultOperation: 'list',
  operations,
  parameters: operations.flatMap((operation) => operation.description),
};

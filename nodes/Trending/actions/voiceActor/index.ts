import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../shared';
import { list } from './list.operation';
import { favorite } from './favorite.operation';

export const voiceActorOperations: Record<string, OperationModule> = { list, favorite };

export const voiceActorDescription: INodeProperties[] = Object.values(voiceActorOperations).flatMap(
  (o) => o.description,
);

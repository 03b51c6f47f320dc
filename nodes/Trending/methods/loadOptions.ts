/**
 * Dropdowns for the catalogue's dynamic sources (core names them; helpers/fields.ts maps each to one of these). What
 * each lists and how an item is labelled is core's (DROPDOWNS), shared with the Zapier app; the method names stay as
 * they are, because saved workflows reference them.
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isTrendingError, listDropdown, type DynamicSource } from '../core';
import { apiClient } from '../transport';

async function load(ctx: ILoadOptionsFunctions, source: DynamicSource): Promise<INodePropertyOptions[]> {
  try {
    const choices = await listDropdown(await apiClient(ctx), source);
    return choices.map(({ value, label, description }) => ({ name: label, value, description }));
  } catch (error) {
    const message = isTrendingError(error) ? `${error.message} ${error.hint}` : (error as Error).message;
    throw new NodeOperationError(ctx.getNode(), `Could not load the list from Trending: ${message}`);
  }
}

export async function getVoiceActors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(this, 'voiceActors');
}

export async function getLibraryFolders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(this, 'libraryFolders');
}

export async function getCharacterSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(this, 'characterSources');
}

export async function getReferenceImages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(this, 'referenceImages');
}

export async function getOutroSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(this, 'outroSources');
}

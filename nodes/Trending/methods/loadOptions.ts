/**
 * Dropdowns for the catalogue's dynamic sources (core names them; helpers/fields.ts maps each to one of these).
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isTrendingError, type ListResult, type TrendingClient } from '../core';
import { apiClient } from '../transport';

type Lister<T> = (client: TrendingClient) => Promise<ListResult<T>>;

async function load<T>(
  ctx: ILoadOptionsFunctions,
  list: Lister<T>,
  toOption: (item: T) => INodePropertyOptions | undefined,
): Promise<INodePropertyOptions[]> {
  try {
    const client = await apiClient(ctx);
    const { items } = await list(client);
    return items.map(toOption).filter((option): option is INodePropertyOptions => option !== undefined);
  } catch (error) {
    const message = isTrendingError(error) ? `${error.message} ${error.hint}` : (error as Error).message;
    throw new NodeOperationError(ctx.getNode(), `Could not load the list from Trending: ${message}`);
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function idOf(value: unknown): string | number | undefined {
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : undefined;
}

export async function getVoiceActors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(
    this,
    async (client) => await client.listVoiceActors(),
    (actor) => {
      const id = idOf(actor.id);
      if (id === undefined) return undefined;
      const traits = [actor.gender, actor.age, actor.accent].map(text).filter(Boolean).join(', ');
      const favorite = actor.is_favorite === true || actor.favorite === true ? ' ★' : '';
      return {
        name: `${text(actor.name) ?? `Voice ${id}`}${traits ? ` (${traits})` : ''}${favorite}`,
        value: id,
        description: text(actor.preview_url) ? `Preview: ${actor.preview_url as string}` : undefined,
      };
    },
  );
}

export async function getLibraryFolders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(
    this,
    async (client) => await client.listLibraryFolders(),
    (folder) => {
      const id = idOf(folder.id ?? folder.folder_id);
      if (id === undefined) return undefined;
      return { name: text(folder.name) ?? `Folder ${id}`, value: id };
    },
  );
}

export async function getCharacterSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(
    this,
    async (client) => await client.listCharacterSources(),
    (source) => {
      const id = idOf(source.video_id ?? source.id);
      if (id === undefined) return undefined;
      const name = text(source.name) ?? text(source.title) ?? `Story ${id}`;
      return { name: `${name} (#${id})`, value: id, description: text(source.character_sheet_url) };
    },
  );
}

export async function getReferenceImages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(
    this,
    async (client) => await client.listReferenceImages(),
    (image) => {
      const id = idOf(image.asset_id);
      if (id === undefined) return undefined;
      const alias = text(image.alias_suggestion);
      return { name: `${text(image.name) ?? `Image ${id}`}${alias ? ` (@${alias})` : ''}`, value: id };
    },
  );
}

export async function getOutroSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await load(
    this,
    async (client) => await client.listOutroSources(),
    (source) => {
      const key = text(source.key);
      if (key === undefined) return undefined;
      return { name: text(source.name) ?? text(source.text) ?? key, value: key, description: text(source.text) };
    },
  );
}

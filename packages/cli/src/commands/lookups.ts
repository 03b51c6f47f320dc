/** `trending voices` and `trending folders`: the IDs other fields ask for (voice.voice_actor_id, background.folder_id). */
import { type Command } from 'commander';
import { withoutCredentials, type TrendingClient } from '@trending/core';
import { clientFor } from '../context';
import { formatTable, type Output } from '../output';

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** A command that lists items as a table of the given columns (the whole items under --json). */
function registerList<Item extends object>(
  program: Command,
  out: Output,
  lookup: {
    name: string;
    description: string;
    columns: readonly (keyof Item & string)[];
    list: (client: TrendingClient) => Promise<{ items: Item[]; raw: { request_id?: string } }>;
  },
): void {
  program
    .command(lookup.name)
    .description(lookup.description)
    .action(async (_flags: object, cmd: Command) => {
      const { items, raw } = await lookup.list(clientFor(cmd, out));
      out.result(
        formatTable(
          lookup.columns,
          items.map((item) => lookup.columns.map((column) => text(item[column]))),
        ),
      );
      out.data({ items: withoutCredentials(items), request_id: raw.request_id });
    });
}

export function registerLookups(program: Command, out: Output): void {
  registerList(program, out, {
    name: 'voices',
    description: 'list selectable narrated voices (for voice.voice_actor_id)',
    columns: ['id', 'name', 'gender', 'age', 'accent'],
    list: (client) => client.listVoiceActors(),
  });
  registerList(program, out, {
    name: 'folders',
    description: 'list your Library folders (for background.folder_id)',
    columns: ['id', 'name'],
    list: (client) => client.listLibraryFolders(),
  });
}

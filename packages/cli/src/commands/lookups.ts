/** `trending voices` and `trending folders`: the IDs other fields ask for (voice.voice_actor_id, background.folder_id). */
import { type Command } from 'commander';
import { clientFor } from '../context';
import { formatTable, type Output } from '../output';

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export function registerLookups(program: Command, out: Output): void {
  program
    .command('voices')
    .description('list selectable narrated voices (for voice.voice_actor_id)')
    .action(async (_flags: object, cmd: Command) => {
      const { items, raw } = await clientFor(cmd, out).listVoiceActors();
      out.result(
        formatTable(
          ['id', 'name', 'gender', 'age', 'accent'],
          items.map((v) => [text(v.id), text(v.name), text(v.gender), text(v.age), text(v.accent)]),
        ),
      );
      out.data({ items, request_id: raw.request_id });
    });

  program
    .command('folders')
    .description('list your Library folders (for background.folder_id)')
    .action(async (_flags: object, cmd: Command) => {
      const { items, raw } = await clientFor(cmd, out).listLibraryFolders();
      out.result(
        formatTable(
          ['id', 'name'],
          items.map((f) => [text(f.id), text(f.name)]),
        ),
      );
      out.data({ items, request_id: raw.request_id });
    });
}

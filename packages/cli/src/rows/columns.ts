/**
 * Which column feeds which field. Headers are matched to catalogue paths (`prompt`, `script.images_requested`), with
 * a few spreadsheet-friendly names (`template`, `preview`), and `--map column=path` overrides any of it.
 */
import { TEMPLATES, TEMPLATE_IDS } from '@trending/core';
import { UsageError } from '../errors';

/** The trigger body's own key for the template. */
export const TEMPLATE_PATH = 'video_type';

const FRIENDLY: Readonly<Record<string, string>> = {
  template: TEMPLATE_PATH,
  type: TEMPLATE_PATH,
  video_type: TEMPLATE_PATH,
  preview: 'preview_only',
  title: 'name',
  idea: 'prompt',
};

/** Every path any template has: a column matching one of them needs no --map. */
const KNOWN_PATHS: ReadonlySet<string> = new Set(
  TEMPLATE_IDS.flatMap((id) => TEMPLATES[id].fields.flatMap((f) => [f.path, ...(f.aliases ?? [])])),
);

/** "Images Requested" and "images_requested" are the same header to a person. */
export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, '_');
}

export interface ColumnPlan {
  /** Column -> path; columns absent here are not sent. */
  paths: Map<string, string>;
  /** Columns that match nothing, so the user can --map or ignore them knowingly. */
  ignored: string[];
}

/** `--map "Video Idea=prompt"`; an empty path (`--map notes=`) ignores the column on purpose. */
export function parseMaps(pairs: readonly string[]): Map<string, string> {
  const maps = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--map expects column=path, got ${JSON.stringify(pair)}`);
    const path = pair.slice(eq + 1).trim();
    if (path !== '' && path !== TEMPLATE_PATH && !KNOWN_PATHS.has(path)) {
      throw new UsageError(
        `--map ${pair}: ${path} is not a field path of any template (see trending create <template> --help)`,
      );
    }
    maps.set(normaliseHeader(pair.slice(0, eq)), path);
  }
  return maps;
}

export function planColumns(
  columns: readonly string[],
  maps: ReadonlyMap<string, string>,
  idColumn?: string,
): ColumnPlan {
  const paths = new Map<string, string>();
  const ignored: string[] = [];
  const id = idColumn === undefined ? undefined : normaliseHeader(idColumn);
  for (const column of columns) {
    const key = normaliseHeader(column);
    const path = maps.has(key) ? maps.get(key) : (FRIENDLY[key] ?? (KNOWN_PATHS.has(key) ? key : undefined));
    if (path) paths.set(column, path);
    // The id column identifies the row; it is only sent when it also names a field.
    else if (key !== id && !maps.has(key)) ignored.push(column);
  }
  if (id !== undefined && !columns.some((c) => normaliseHeader(c) === id)) {
    throw new UsageError(`--id-column ${idColumn}: no such column (columns: ${columns.join(', ')})`);
  }
  return { paths, ignored };
}

export function idCell(cells: Readonly<Record<string, unknown>>, idColumn: string): string | undefined {
  const id = normaliseHeader(idColumn);
  const column = Object.keys(cells).find((c) => normaliseHeader(c) === id);
  const value = column === undefined ? undefined : cells[column];
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
  return text === '' ? undefined : text;
}

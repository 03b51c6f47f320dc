/**
 * Rows from a spreadsheet export (CSV, parsed by csv-parse) or JSON Lines, each with the line it came from so every
 * report can point at it. A row that cannot be read is reported with its line and the others carry on.
 */
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { flattenBody } from '@trending/core';
import { UsageError } from '../errors';
import { readBytes } from '../input';

export type RowFormat = 'csv' | 'jsonl';

export interface RawRow {
  /** 1-based position among the data rows (the header is not a row). */
  row: number;
  /** 1-based line of the file where the row starts. */
  line: number;
  /** Column (CSV header, or flattened JSON path) -> cell. CSV cells are text; JSON cells keep their JSON type. */
  cells: Record<string, unknown>;
}

export interface UnreadableRow {
  line: number;
  message: string;
}

export interface RowsFile {
  format: RowFormat;
  columns: string[];
  rows: RawRow[];
  unreadable: UnreadableRow[];
}

export function detectFormat(source: string, bytes: Buffer, given?: string): RowFormat {
  if (given !== undefined) {
    if (given !== 'csv' && given !== 'jsonl') throw new UsageError(`--format expects csv or jsonl, got ${given}`);
    return given;
  }
  const ext = extname(source).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  // stdin or an unknown extension: a JSON Lines file starts with an object.
  return bytes.toString('utf8').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export async function readRows(source: string, format?: string): Promise<RowsFile> {
  const bytes = await readBytes(source);
  const detected = detectFormat(source, bytes, format);
  return detected === 'csv' ? readCsv(bytes, extname(source).toLowerCase() === '.tsv' ? '\t' : ',') : readJsonl(bytes);
}

interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

function readCsv(bytes: Buffer, delimiter: string): RowsFile {
  const unreadable: UnreadableRow[] = [];
  let columns: string[] = [];
  let records: CsvRecord[];
  try {
    records = parse(bytes, {
      bom: true,
      delimiter,
      columns: (header: string[]) => (columns = header.map((h) => h.trim())),
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) unreadable.push({ line: Number(error.lines), message: error.message });
        return undefined;
      },
    }) as unknown as CsvRecord[];
  } catch (error) {
    throw new UsageError(`cannot read the CSV header: ${(error as Error).message}`);
  }
  const rows = records.map(({ record, info }, index) => ({
    row: index + 1,
    // csv-parse reports the line where a record ends; line breaks inside quoted cells move its start up.
    line: info.lines - lineBreaksIn(record),
    cells: record as Record<string, unknown>,
  }));
  return { format: 'csv', columns, rows, unreadable };
}

/** csv-parse counts every CR and LF inside a quoted cell as a line. */
function lineBreaksIn(record: Record<string, string>): number {
  let count = 0;
  for (const value of Object.values(record)) for (const ch of value) if (ch === '\n' || ch === '\r') count++;
  return count;
}

function readJsonl(bytes: Buffer): RowsFile {
  const rows: RawRow[] = [];
  const unreadable: UnreadableRow[] = [];
  const columns = new Set<string>();
  const lines = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\n');
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      unreadable.push({ line, message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      unreadable.push({ line, message: 'a JSON Lines row must be an object' });
      return;
    }
    const cells = flattenBody(parsed as Record<string, unknown>);
    for (const column of Object.keys(cells)) columns.add(column);
    rows.push({ row: rows.length + 1, line, cells });
  });
  return { format: 'jsonl', columns: [...columns], rows, unreadable };
}

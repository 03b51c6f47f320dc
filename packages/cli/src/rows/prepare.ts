/**
 * One raw row -> the trigger body it stands for, its Idempotency-Key, and everything wrong with it. Flag values
 * (--prompt, --set, ...) are defaults for every row; a non-empty cell wins.
 */
import {
  bodyFromEntries,
  checkTriggerRequest,
  isTemplateId,
  type TemplateId,
  type TriggerVideoBody,
  type Violation,
} from '@trending/core';
import { coerceEntries, withWebhookSecret } from '../body';
import { describeFrom, inWords } from '../checks';
import { rowKey, type RowKeyScope } from '../idempotency';
import { TEMPLATE_PATH, idCell, type ColumnPlan } from './columns';
import type { RawRow } from './read';

export interface PreparedRow {
  row: number;
  line: number;
  template?: TemplateId;
  body?: TriggerVideoBody;
  /** Undefined only when the row is too broken to identify. */
  key?: string;
  /** The --id-column value the key was derived from, when there is one. */
  id?: string;
  violations: Violation[];
  /** What the API accepts but is probably a mistake, naming the column or flag: printed, never a refusal. */
  warnings: string[];
}

export interface PrepareOptions {
  plan: ColumnPlan;
  /** From the flags: flat path -> text, applied to every row. */
  defaults: Readonly<Record<string, string>>;
  /** How each default was set (`--prompt`, `--set music.volume_percent`, `--body name`), for messages. */
  defaultNames?: ReadonlyMap<string, string>;
  /** Defaults from the --body file: typed JSON, sent as given where no template documents the path. */
  bodyPaths?: ReadonlySet<string>;
  /** The API is a loopback dev host (the simulator), which takes loopback webhook URLs. */
  devHost?: boolean;
  template?: string;
  idColumn?: string;
  webhookSecret?: string;
  /** Where the rows go and the user's --key-prefix: part of every row's key. */
  keyScope: RowKeyScope;
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export function prepareRow(raw: RawRow, options: PrepareOptions): PreparedRow {
  const { plan, defaults } = options;
  const entries: Record<string, unknown> = { ...defaults };
  const columnOf = new Map<string, string>();
  for (const [column, path] of plan.paths) {
    const value = raw.cells[column];
    if (isBlank(value)) continue;
    entries[path] = value;
    columnOf.set(path, column);
  }
  const named = new Map(options.defaultNames);
  for (const [path, column] of columnOf) named.set(path, `column ${column} (${path})`);
  if (options.webhookSecret && !named.has('webhook.secret')) named.set('webhook.secret', '--webhook-secret');
  const describe = describeFrom(named);

  const prepared: PreparedRow = { row: raw.row, line: raw.line, violations: [], warnings: [] };
  const templateValue = entries[TEMPLATE_PATH] ?? options.template;
  delete entries[TEMPLATE_PATH];
  const templateText = typeof templateValue === 'string' ? templateValue.trim().toLowerCase() : templateValue;
  if (!isTemplateId(templateText)) {
    prepared.violations.push({
      path: TEMPLATE_PATH,
      rule: templateValue === undefined ? 'required' : 'enum',
      message:
        templateValue === undefined
          ? 'no template: add a template (or video_type) column or pass --template'
          : `${describe(TEMPLATE_PATH)}: unknown template ${JSON.stringify(templateValue)}`,
    });
    return prepared;
  }
  prepared.template = templateText;

  const asIs = new Set([...(options.bodyPaths ?? [])].filter((path) => !columnOf.has(path)));
  const { values, violations } = coerceEntries(
    templateText,
    withWebhookSecret(entries, options.webhookSecret),
    describe,
    asIs,
  );
  const body = { ...bodyFromEntries(values), video_type: templateText } as TriggerVideoBody;
  prepared.body = body;
  const check = checkTriggerRequest(body, { devHost: options.devHost });
  prepared.violations = [...violations, ...check.violations.map((v) => ({ ...v, message: inWords(v, describe) }))];
  prepared.warnings = check.warnings.map((w) => inWords(w, describe));
  const id = options.idColumn === undefined ? undefined : idCell(raw.cells, options.idColumn);
  if (options.idColumn !== undefined && id === undefined) {
    prepared.violations.push({
      path: options.idColumn,
      rule: 'required',
      message: `the id column ${options.idColumn} is empty`,
    });
    return prepared;
  }
  prepared.id = id;
  prepared.key = rowKey({ id, template: templateText, body }, options.keyScope);
  return prepared;
}

/**
 * The fields every template has (prompt, name, preview_only) for an operation that picks its template with a parameter
 * (Start Video's Video Type), and reading them back.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TemplateSpec } from '../core';
import { toProperty } from './fieldProperty';
import { allTemplates, camelCase, fieldBindings } from './fields';
import { typed } from './templateEntries';

/** The top-level create fields every template has (prompt, name, preview_only), in catalogue order. */
function commonFieldPaths(): string[] {
  const [first = [], ...others] = allTemplates().map((template) =>
    fieldBindings(template)
      .filter((binding) => binding.kind === 'top')
      .map((binding) => binding.field.path),
  );
  return first.filter((path) => others.every((paths) => paths.includes(path)));
}

function prefixedName(prefix: string, path: string): string {
  const name = camelCase(path);
  return prefix + name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The common fields for an operation that picks its template with a parameter (Start Video's Video Type): one
 * property per template and field, named `<prefix><Field>` (`triggerPrompt`), shown for that template, so each keeps
 * its own text and limits.
 */
export function commonFieldProperties(
  prefix: string,
  templateParameter: string,
  show: Record<string, string[]>,
): INodeProperties[] {
  const paths = commonFieldPaths();
  return allTemplates().flatMap((template) =>
    paths.flatMap((path) => {
      const field = template.fields.find((f) => f.path === path);
      if (!field) return [];
      const property = toProperty(field, prefixedName(prefix, path), true, new Map(), template);
      property.displayOptions = { show: { ...show, [templateParameter]: [template.id] } };
      return [property];
    }),
  );
}

/** The path -> value entries of the common fields written by commonFieldProperties. */
export function readCommonEntries(
  ctx: IExecuteFunctions,
  itemIndex: number,
  template: TemplateSpec,
  prefix: string,
): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const path of commonFieldPaths()) {
    const field = template.fields.find((f) => f.path === path);
    if (!field) continue;
    const value = typed(field, ctx.getNodeParameter(prefixedName(prefix, path), itemIndex, ''));
    if (value !== undefined) entries[path] = value;
  }
  return entries;
}

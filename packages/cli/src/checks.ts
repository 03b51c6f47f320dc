/**
 * Core's request check in the command line's words. Core's messages start with the field's path; a CLI user set that
 * field through a flag, a --body file or a CSV column, so the message names that instead. Warnings (what the API
 * accepts but is probably a mistake) go to stderr and never stop the command; refusals stop it before anything is sent.
 */
import { validationError, type CreateCheck, type Violation } from '@trending/core';
import type { Output } from './output';

/** How a path was set, e.g. `--webhook-url`, `--set script.images_requested`, `column "Idea" (prompt)`. */
export type Describe = (path: string) => string;

/**
 * The name of the setting that holds `path`: the setting itself, or the one holding the object or list it is inside
 * (`script.reference_images[0].alias` was set by whatever set `script.reference_images`). Unknown paths stay as
 * they are: a field nobody set (a missing required one) has no other name.
 */
export function describeFrom(named: ReadonlyMap<string, string>): Describe {
  return (path) => {
    for (let end = path.length; end > 0; end--) {
      if (end < path.length && path[end] !== '.' && path[end] !== '[') continue;
      const name = named.get(path.slice(0, end));
      if (name !== undefined) return name + path.slice(end);
    }
    return path;
  };
}

/** A violation's message with its leading path replaced by how the user set it. */
export function inWords(violation: Violation, describe: Describe): string {
  const { path, message } = violation;
  const name = describe(path);
  if (path === '' || name === path) return message;
  return message.startsWith(`${path} `) ? `${name}${message.slice(path.length)}` : `${name}: ${message}`;
}

/** Warnings to stderr, one line each; refusals thrown as validation_failed (exit 1), in the same words. */
export function applyCheck(out: Output, check: CreateCheck, describe: Describe, where = ''): void {
  for (const warning of check.warnings) out.warn(`${where}${inWords(warning, describe)}`);
  if (check.violations.length > 0) {
    throw validationError(check.violations.map((v) => ({ ...v, message: inWords(v, describe) })));
  }
}

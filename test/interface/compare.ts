/**
 * The rule the pinned interface enforces: a name saved workflows or Zaps use keeps its type, its default (n8n) and
 * every option value, or the change comes with a new n8n node version (the old version's parameters stay, so they
 * remain pinned) or a new major Zapier app version (Zaps stay on the old major until their owners move them).
 */
import { isDeepStrictEqual } from 'node:util';
import type { PinnedEntry, PinnedInterface } from './collect';

export interface Comparison {
  /** Changes that would silently drop or reinterpret a saved value. */
  breaking: string[];
  /** New names and new option values: safe, recorded by regenerating the snapshot. */
  added: string[];
}

const ZAPIER_MAJOR = /^zapier v(\d+) /;

function zapierMajorOf(key: string): number | undefined {
  const match = ZAPIER_MAJOR.exec(key);
  return match ? Number(match[1]) : undefined;
}

function entryChanges(key: string, was: PinnedEntry, now: PinnedEntry): Comparison {
  const breaking: string[] = [];
  const added: string[] = [];
  if (was.type !== now.type) breaking.push(`${key}: type ${was.type} became ${now.type}`);
  if ('default' in was && !isDeepStrictEqual(was.default, now.default)) {
    breaking.push(`${key}: default ${JSON.stringify(was.default)} became ${JSON.stringify(now.default)}`);
  }
  const removed = (was.values ?? []).filter((v) => !(now.values ?? []).includes(v));
  if (removed.length) breaking.push(`${key}: option values removed: ${removed.join(', ')}`);
  const extra = (now.values ?? []).filter((v) => !(was.values ?? []).includes(v));
  if (extra.length) added.push(`${key}: new option values: ${extra.join(', ')}`);
  return { breaking, added };
}

export function compareInterfaces(pinned: PinnedInterface, current: PinnedInterface): Comparison {
  const breaking: string[] = [];
  const added: string[] = [];
  const currentMajor = Math.max(-1, ...Object.keys(current).map((k) => zapierMajorOf(k) ?? -1));
  for (const [key, was] of Object.entries(pinned)) {
    const major = zapierMajorOf(key);
    // Zaps on an older major keep running that published version; the new major may change its inputs.
    if (major !== undefined && major < currentMajor) continue;
    const now = current[key];
    if (!now) {
      breaking.push(`${key}: removed or renamed`);
      continue;
    }
    const changes = entryChanges(key, was, now);
    breaking.push(...changes.breaking);
    added.push(...changes.added);
  }
  for (const key of Object.keys(current)) if (!(key in pinned)) added.push(`${key}: new`);
  return { breaking, added };
}

/** The snapshot as committed (then formatted by Prettier): keys sorted, so a regeneration's diff shows only what changed. */
export function serialise(snapshot: PinnedInterface): string {
  const sorted = Object.fromEntries(
    Object.keys(snapshot)
      .sort()
      .map((key) => [key, snapshot[key]]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

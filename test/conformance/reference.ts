/**
 * The API reference, the only truth the corpus answers to. CI checks the repository out with `shared/` as a sibling
 * of the clone, so it is found relative to the repository root's parent.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

export const REFERENCE_PATH = resolve(repoRoot, '..', 'shared/reference/trending-video-api.txt');

export function readReference(): string {
  return readFileSync(REFERENCE_PATH, 'utf8');
}

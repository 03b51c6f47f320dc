/**
 * Helper-endpoint bodies, each against its field list in catalogue/helpers.ts: Story outro and slide animations,
 * Library coverage, voice favourites, List script writes and CTAs.
 */
import {
  COVERAGE_FIELDS,
  FAVORITE_FIELDS,
  LIST_CTA_FIELDS,
  LIST_SCRIPT_FIELDS,
  LIST_SCRIPT_WRITE_FIELDS,
  OUTRO_UPDATE_FIELDS,
  SLIDE_ANIMATION_FIELDS,
  type ListCtaMode,
  type ListCtaPlacement,
} from '../catalogue/helpers';
import { checkRules, ctxOf, isRecord, validateFields, type Violation } from './engine';

/** PUT /api/v1/story/videos/{id}/outro (OUTRO_UPDATE_FIELDS). */
export function validateOutroUpdate(body: unknown): Violation[] {
  return validateFields(OUTRO_UPDATE_FIELDS, body, 'outro update');
}

/** POST /api/v1/story/videos/{id}/slide-animations (SLIDE_ANIMATION_FIELDS). */
export function validateSlideAnimationRequest(body: unknown): Violation[] {
  return validateFields(SLIDE_ANIMATION_FIELDS, body, 'slide animation request');
}

export interface CoverageInput {
  template: string;
  folder_id?: number;
  required_count?: number;
  required_total_duration_seconds?: number;
  ranking_category_preset?: string;
}

/** POST /api/v1/library/folders/coverage (COVERAGE_FIELDS); only templates with background folders take part. */
export function validateCoverageRequest(body: CoverageInput): Violation[] {
  return validateFields(COVERAGE_FIELDS, body, 'coverage request');
}

export interface FavoriteInput {
  favorite: boolean;
  template?: string;
}

/** POST /api/v1/voice-actors/{id}/favorite (FAVORITE_FIELDS): globally, or for one narrated template. */
export function validateFavoriteRequest(body: FavoriteInput): Violation[] {
  return validateFields(FAVORITE_FIELDS, body, 'favorite request');
}

export interface ListScriptCtaInput {
  mode: ListCtaMode;
  placement?: ListCtaPlacement;
  replace_existing?: boolean;
  [key: string]: unknown;
}

/** POST /api/v1/list/videos/{id}/script/ctas (LIST_CTA_FIELDS, and LIST_SCRIPT_WRITE_FIELDS for `apply`). */
export function validateListScriptCtaRequest(body: ListScriptCtaInput): Violation[] {
  return validateFields([...LIST_CTA_FIELDS, ...LIST_SCRIPT_WRITE_FIELDS], body, 'CTA request');
}

/**
 * PUT or PATCH /api/v1/list/videos/{id}/script: the edits in `script` (LIST_SCRIPT_FIELDS; or at the top level, as
 * the API also accepts) and LIST_SCRIPT_WRITE_FIELDS. PUT also needs `lines`, which the API checks.
 */
export function validateListScriptUpdate(body: unknown): Violation[] {
  const out = validateFields(LIST_SCRIPT_WRITE_FIELDS, body, 'script update');
  if (!isRecord(body)) return out;
  const nested = isRecord(body.script);
  checkRules(
    out,
    LIST_SCRIPT_FIELDS,
    ctxOf(nested ? (body.script as Record<string, unknown>) : body),
    nested ? 'script' : '',
  );
  return out;
}

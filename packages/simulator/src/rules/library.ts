/** Library folders, coverage preflight and uploads: what the reference says is refused and how. */
import type { Stated } from './rule';

export const COVERAGE_FIELDS: Stated<string> = {
  value: 'template',
  reference:
    'accepts template + optional folder_id, required_count, required_total_duration_seconds, and ranking_category_preset',
};

export const FOLDER_OWNED: Stated<string> = {
  value: 'invalid_background_folder_id',
  reference: 'Folder ID must belong to your account, or create returns 422 invalid_background_folder_id.',
};

export const INVALID_RANKING_PRESET: Stated<string> = {
  value: 'invalid_ranking_category_preset',
  reference: 'For ranking, invalid preset keys return 422 invalid_ranking_category_preset.',
};

export const LIBRARY_FOLDER_OWNED: Stated<string> = {
  value: 'invalid_library_folder_id',
  reference:
    'Library video upload/import returns 422 invalid_library_folder_id when folder_id is not owned by the caller',
};

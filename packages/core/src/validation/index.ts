/**
 * Local validation against the catalogue, so a face can list every problem with a request before anything is sent
 * (and before credits are held). Helper-endpoint bodies are checked with the same rule engine.
 */
import type { Violation } from './engine';

export { validateFields, type Violation } from './engine';
export {
  checkCreateRequest,
  checkTriggerRequest,
  validateCreateRequest,
  type CreateCheck,
  type CreateCheckOptions,
} from './create';
export { isDevHost } from './formats';
export {
  MAX_REQUEST_BYTES,
  validateLibraryVideoUpload,
  validateLibraryVideoUrl,
  validateReferenceImageUpload,
  validateRequestSize,
  type LibraryVideoUploadInput,
  type LibraryVideoUrlInput,
  type ReferenceImageUploadInput,
} from './files';
export {
  validateCoverageRequest,
  validateFavoriteRequest,
  validateListScriptCtaRequest,
  validateListScriptUpdate,
  validateOutroUpdate,
  validateSlideAnimationRequest,
  type CoverageInput,
  type FavoriteInput,
  type ListScriptCtaInput,
} from './helpers';

/** One line per violation, ready to follow "The request is invalid:" in an error message. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => v.message).join('\n');
}

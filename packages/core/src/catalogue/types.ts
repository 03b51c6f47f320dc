/**
 * The template catalogue's vocabulary. Every face derives its inputs from these records (n8n properties, Zapier input
 * fields, CLI flags, README tables), and core's validator enforces them, so a field is described exactly once.
 */

export type TemplateId = 'story' | 'dmstory' | 'confession' | 'didyouknow' | 'rants' | 'ranking' | 'list';

export type FieldType = 'string' | 'integer' | 'boolean' | 'enum' | 'string[]' | 'object[]';

/** A value condition on another field of the same request, by its JSON path. */
export interface Condition {
  path: string;
  /** Holds when the other field equals one of these. */
  equals?: readonly (string | number | boolean)[];
  /** Holds when the other field is present (not undefined/null/''). */
  present?: boolean;
}

export interface FieldSpec {
  /** JSON path in the create body, dot-separated: `script.images_requested`. */
  path: string;
  type: FieldType;
  /** Title Case label for UIs. */
  label: string;
  /** One or two sentences, plain text, written for people and AI agents alike. */
  description: string;
  /** For `enum` (and `string[]` whose items are constrained). */
  options?: readonly string[];
  /** Inclusive bounds: value for numbers, length for strings, item count for arrays. */
  min?: number;
  max?: number;
  /** The API's own default (documentation only: faces send nothing when the user leaves a field empty). */
  default?: string | number | boolean;
  /** Shown in an "additional fields"/advanced group rather than at the top level. */
  advanced?: boolean;
  /** The API refuses the field unless this condition holds ("only valid when"). */
  onlyWhen?: Condition;
  /**
   * The API ignores the field unless this condition holds ("only used when"): sending it otherwise is accepted and
   * draws a warning, since it is probably a mistake.
   */
  usedOnlyWhen?: Condition;
  /** The field must be sent when this condition holds. */
  requiredWhen?: Condition;
  /** A range the reference does not state but a value outside is probably a mistake: a warning, never a refusal. */
  usual?: { min: number; max: number };
  /** A different inclusive range applies when a condition holds (e.g. 2..30 slides with preview_only). */
  rangeWhen?: { when: Condition; min?: number; max?: number };
  /** Values can be picked from a helper endpoint (faces build dynamic dropdowns from it). */
  source?: DynamicSource;
  /** For `object[]`: the fields of each item (paths relative to the item). */
  items?: readonly FieldSpec[];
  /** For `object[]`: each item must carry exactly one of these groups of keys. */
  itemOneOf?: readonly (readonly string[])[];
  /** A syntax the string (or each `string[]` item) must follow beyond its type. */
  format?: FieldFormat;
  /** Other paths the API accepts for this same value (`music.id` for `music.music_id`): validated, never offered. */
  aliases?: readonly string[];
}

/**
 * `webhookUrl`: https on port 443 and a public host (plain http only on loopback dev hosts);
 * `eventPattern`: a dotted event name where `*` is a wildcard.
 */
export type FieldFormat = 'webhookUrl' | 'eventPattern';

export type DynamicSource = 'voiceActors' | 'libraryFolders' | 'characterSources' | 'referenceImages' | 'outroSources';

export interface TemplateSpec {
  id: TemplateId;
  /** Display name: "Did You Know". */
  label: string;
  /** One line for UIs and AI agents. */
  description: string;
  /** Narrated templates take voice/music options and may auto-pick favourite voices. */
  narrated: boolean;
  fields: readonly FieldSpec[];
}

/** Helper-endpoint bodies also take plain numbers and integer lists (asset IDs). */
export type HelperFieldType = FieldType | 'number' | 'integer[]';

/** `httpsUrl`: any https:// URL; `videoUrl`: a direct https link to an .mp4/.mov/.webm/.m4v file. */
export type HelperFieldFormat = FieldFormat | 'httpsUrl' | 'videoUrl';

/**
 * A field of a helper-endpoint body (outro update, slide animation, library upload, coverage, favourite, List script
 * and CTA requests): a FieldSpec with the wider types above and `required`. Paths are relative to the request body
 * (or, inside `items`, to one item). Every FieldSpec is also a HelperFieldSpec, so `fieldRules` describes both.
 */
export interface HelperFieldSpec extends Omit<FieldSpec, 'type' | 'format' | 'items'> {
  type: HelperFieldType;
  format?: HelperFieldFormat;
  /** The request is refused without it. */
  required?: boolean;
  items?: readonly HelperFieldSpec[];
}

/** What an upload endpoint accepts as a file: the same data checks the file locally and describes it in UIs. */
export interface UploadFileKind {
  /** In messages: "a reference image". */
  what: string;
  /** Lower case, without the dot. */
  extensions: readonly string[];
  mimeTypes: readonly string[];
  maxBytes: number;
}

/** Create-body references the caller must own; refused with 422 validation_failed naming the field. */

export const OWNED_REUSE_SOURCE = {
  path: 'script.reuse_characters_from_video_id',
  reference:
    'script.reuse_characters_from_video_id (integer) — optional. Use characters from one of your past Story videos.',
  message:
    'script.reuse_characters_from_video_id must be one of your Story videos with a character sheet (see GET /api/v1/story/character-sources)',
} as const;

export const OWNED_REFERENCE_IMAGE = {
  reference:
    '{asset_id, alias?, description?} (saved reference image) or {story_id, run_id, alias?, description?} (previous Story run image you own)',
  message: {
    asset: 'is not one of your saved reference images (see GET /api/v1/story/reference-images)',
    story: 'is not one of your Story videos',
  },
} as const;

export const OWNED_OUTRO_SOURCE = {
  path: 'script.outro.source_key',
  reference: 'reuse a saved Story outro by passing a key from GET /api/v1/story/outro-sources.',
  message: 'script.outro.source_key is not one of your saved outros (see GET /api/v1/story/outro-sources)',
} as const;

/** Outro attachments: "Attachment IDs come from existing Story reference-image assets". */
export const OWNED_OUTRO_ATTACHMENTS = {
  path: 'attachment_asset_ids',
  reference: 'Attachment IDs come from existing Story reference-image assets',
} as const;

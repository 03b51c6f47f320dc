/**
 * Update List Script: saves edits to a List video's script (its intro and ordered lines) with optimistic locking, so an
 * edit based on an old copy fails with "someone else changed it" instead of silently overwriting newer work.
 *
 * The reference gives PUT and PATCH one meaning, "save full ordered script edits", and promises nothing for a write
 * that carries only the intro: it may drop the lines. So the save is core's editListScript, a read-modify-write: the
 * current script is read, the fields the user filled in replace their parts of it, and the whole script goes back with
 * expected_updated_at (the user's Script Updated At, else the version just read).
 */
import { LIST_SCRIPT_FIELDS, LIST_SCRIPT_LINE_TYPES, LIST_SCRIPT_WRITE_FIELDS } from '@trending/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { guard, inputError } from '../errors';
import { readInput } from '../fields';
import { helperField } from '../helper-fields';
import { clientFor } from '../transport';
import { videoReference } from '../video-reference';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Line items: one row per script line, in order; rows without text are dropped. */
function linesFrom(value: unknown, problems: string[]): { text: string; type: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const lines: { text: string; type: string }[] = [];
  value.forEach((row: Record<string, unknown>, index) => {
    const lineText = text(row?.text);
    if (lineText === undefined) return;
    const type = text(row.type)?.trim().toLowerCase() ?? 'item';
    if (!(LIST_SCRIPT_LINE_TYPES as readonly string[]).includes(type)) {
      problems.push(
        `Lines > Type (line ${index + 1}) must be ${LIST_SCRIPT_LINE_TYPES.join(' or ')}, got ${JSON.stringify(row.type)}`,
      );
    }
    lines.push({ text: lineText, type });
  });
  return lines.length > 0 ? lines : undefined;
}

async function perform(z: ZObject, bundle: Bundle) {
  const { videoId } = videoReference(z, { inputData: { ...bundle.inputData, template: 'list' } });
  const problems: string[] = [];
  const intro = text(bundle.inputData.intro);
  const lines = linesFrom(bundle.inputData.lines, problems);
  const expectedUpdatedAt = text(bundle.inputData.expected_updated_at)?.trim();
  if (expectedUpdatedAt !== undefined && Number.isNaN(Date.parse(expectedUpdatedAt))) {
    problems.push(`Script Updated At must be a date and time (ISO 8601), got ${JSON.stringify(expectedUpdatedAt)}`);
  }
  if (intro === undefined && lines === undefined)
    problems.push('Fill in Intro, Lines, or both: there is nothing to save.');
  const resetAudio = readInput(bundle.inputData, 'reset_audio', 'Reset Audio', 'boolean', problems);
  if (problems.length > 0) throw inputError(z, problems);

  const edits: Record<string, unknown> = {};
  if (intro !== undefined) edits.intro = intro;
  if (lines !== undefined) edits.lines = lines;
  const saved = await clientFor(z, bundle).editListScript(videoId, edits, {
    expectedUpdatedAt,
    resetAudio: resetAudio === true,
  });
  const savedLines = Array.isArray(saved.script.lines) ? (saved.script.lines as Record<string, unknown>[]) : [];
  return {
    id: videoId,
    video_id: videoId,
    intro: typeof saved.script.intro === 'string' ? saved.script.intro : null,
    lines: savedLines.map((line) => ({ text: line.text ?? null, type: line.type ?? null })),
    line_count: savedLines.length,
    script_updated_at: saved.script.updated_at ?? null,
    etag: saved.etag ?? null,
    request_id: saved.requestId ?? null,
  };
}

export const updateListScript = defineCreate({
  key: 'update_list_script',
  noun: 'List Script',
  display: {
    label: 'Update List Script',
    description:
      "Saves edits to a List video's script (intro and lines); what you leave empty is kept. The save fails if someone else changed the script since the version it is based on.",
  },
  operation: {
    inputFields: [
      {
        key: 'video_id',
        label: 'Video ID',
        type: 'integer',
        required: true,
        helpText: 'The `video_id` of a List video whose script has been generated.',
      },
      helperField(LIST_SCRIPT_FIELDS, 'intro', { multiline: true, note: 'Leave empty to keep the current intro.' }),
      helperField(LIST_SCRIPT_FIELDS, 'lines', {
        note: 'One line item per script line, in order: they replace all current lines (leave Lines empty to keep them).',
        // A row left without text is dropped, so Zapier does not insist on one.
        children: { text: { required: false, multiline: true }, type: {} },
      }),
      helperField(LIST_SCRIPT_WRITE_FIELDS, 'expected_updated_at', {
        description:
          'The `updated_at` of the script version your edits are based on (ISO 8601). If the script was saved again since, nothing is saved and the step says someone else changed it. ' +
          'Leave empty to base the edits on the script as this step reads it just before saving.',
      }),
      helperField(LIST_SCRIPT_WRITE_FIELDS, 'reset_audio'),
    ],
    perform: guard(perform),
    sample: {
      id: 12345,
      video_id: 12345,
      intro: 'Here are 5 things about octopuses you never knew.',
      lines: [{ text: 'Item 1: octopuses have three hearts.', type: 'item' }],
      line_count: 1,
      script_updated_at: '2026-01-27T03:12:45Z',
      etag: '"5d41402abc4b2a76b971"',
      request_id: 'req_3f9d2c1b',
    },
    outputFields: [
      { key: 'id', label: 'ID', type: 'integer' },
      { key: 'video_id', label: 'Video ID', type: 'integer' },
      { key: 'intro', label: 'Intro', type: 'string' },
      { key: 'lines[]text', label: 'Line Text', type: 'string' },
      { key: 'lines[]type', label: 'Line Type', type: 'string' },
      { key: 'line_count', label: 'Line Count', type: 'integer' },
      { key: 'script_updated_at', label: 'Script Updated At', type: 'datetime' },
      { key: 'etag', label: 'ETag', type: 'string' },
      { key: 'request_id', label: 'Request ID', type: 'string' },
    ],
  },
});

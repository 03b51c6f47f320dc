/**
 * Core's warnings for a create request (what the API accepts but is probably a mistake: a field that is ignored
 * without its condition, an unusual value, a very long prompt) as a Create step outputs them: in the words of the Zap
 * editor ("Music Volume Percent is 150, ..." rather than "music.volume_percent is 150, ...").
 */
import type { CreateCheck, TemplateId } from '@trending/core';
import type { PlainOutputField } from 'zapier-platform-core';
import { inFieldWords } from './field-words';
import { labelResolver } from './fields';

export function warningMessages(template: TemplateId, warnings: CreateCheck['warnings']): string[] {
  const labelFor = labelResolver(template);
  return warnings.map(({ path, message }) => inFieldWords(message, path, labelFor));
}

export const REQUEST_WARNINGS_FIELD: PlainOutputField = {
  key: 'request_warnings',
  label: 'Request Warnings',
  type: 'string',
  list: true,
};

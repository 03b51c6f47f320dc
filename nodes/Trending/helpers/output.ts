/**
 * What the node puts in its output items from API answers: the documented fields core picks, never the answer spread
 * whole. n8n stores every output item in its database and passes it to later nodes, so a field an API might repeat
 * back (webhook.secret, an Authorization value, the resume token in webhook.url) must never reach it.
 */
import type { IDataObject } from 'n8n-workflow';

import { createOutput, statusOutput, type TemplateId } from '../core';

/** `template` first (the table view's first column), and the one this node ran, whatever the answer says. */
function underTemplate(template: TemplateId, picked: object): IDataObject {
  return Object.assign({ template }, picked, { template }) as IDataObject;
}

/** A create or signed-trigger start answer. */
export function acceptedJson(template: TemplateId, answer: unknown): IDataObject {
  return underTemplate(template, createOutput(answer));
}

/** A status, render or abort answer. */
export function statusJson(template: TemplateId, answer: unknown): IDataObject {
  return underTemplate(template, statusOutput(answer));
}

/**
 * The Trending app for Zapier: one Create step per template (generated from core's catalogue), the video helpers,
 * an API Request action for any other endpoint, three searches, and hidden triggers that feed the dynamic dropdowns.
 */
import zapier, { defineApp } from 'zapier-platform-core';
import { TEMPLATE_IDS } from '@trending/core';
import { addApiKey, authentication } from './authentication';
import { abortVideo } from './creates/abort-video';
import { apiRequest } from './creates/api-request';
import { createVideoAction } from './creates/create-video';
import { favoriteVoiceActor } from './creates/favorite-voice-actor';
import { renderVideo } from './creates/render-video';
import { updateListScript } from './creates/update-list-script';
import { uploadReferenceImage } from './creates/upload-reference-image';
import { hydrators } from './hydrators';
import { checkReadiness } from './searches/check-readiness';
import { estimateCost } from './searches/estimate-cost';
import { findVideo } from './searches/find-video';
import { dropdownTriggers } from './triggers/dropdowns';

// Zapier needs the app's own version; package.json is one level up from both src/ (tests) and dist/ (runtime).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

const creates = Object.fromEntries(
  [
    ...TEMPLATE_IDS.map(createVideoAction),
    renderVideo,
    abortVideo,
    uploadReferenceImage,
    updateListScript,
    favoriteVoiceActor,
    apiRequest,
  ].map((create) => [create.key, create]),
);

const app = defineApp({
  version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [addApiKey],
  creates,
  searches: Object.fromEntries([findVideo, estimateCost, checkReadiness].map((search) => [search.key, search])),
  triggers: Object.fromEntries(Object.values(dropdownTriggers).map((trigger) => [trigger.key, trigger])),
  hydrators,
});

export default app;

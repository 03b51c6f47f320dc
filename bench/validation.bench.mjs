// How fast core validates create bodies: faces validate every item (CSV rows, n8n items) before sending it.
// Build core first:  npx tsc -p packages/core/tsconfig.build.json  then:  node bench/validation.bench.mjs
// Prints one JSON line per case, then one human line. Numbers are reported, never judged.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { TextEncoder } from 'node:util';
import core from '../packages/core/dist/index.js';

const { validateCreateRequest } = core;
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 250);
const ROUNDS = 5;

const text = (n) => 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(Math.ceil(n / 57)).slice(0, n);
const webhook = {
  url: 'https://example.com/webhooks/trending',
  secret: 'whsec_0123456789abcdef',
  events: ['trending.story.v001.*', 'trending.*.v001.completed', 'trending.*.v001.failed'],
};

const CASES = [
  {
    name: 'story-typical',
    template: 'story',
    body: {
      prompt: 'A short scary story about a hotel keycard.',
      preview_only: false,
      script: { images_requested: 12, visual_style_preset: 'anime' },
      webhook,
    },
  },
  {
    name: 'story-maximal',
    template: 'story',
    body: {
      name: text(180),
      prompt: text(1000),
      preview_only: true,
      script: {
        images_requested: 30,
        voice_format: 'dialogue',
        narrator_enabled: true,
        visual_style_preset: 'custom',
        visual_style_custom: text(240),
        reuse_characters_from_video_id: 4242,
        reuse_story_mode: 'continuation',
        reference_images: Array.from({ length: 9 }, (_, i) =>
          i % 2 === 0
            ? { asset_id: 500 + i, alias: `ref_${i}`, description: text(220) }
            : { story_id: 456, run_id: 9900 + i, alias: `ref_${i}`, description: text(220) },
        ),
        reference_instruction: text(600),
        outro: { enabled: true, text: text(900), speaker: text(120), source_key: 'outro_sky_launch' },
      },
      music: { enabled: true, music_id: 17, category: 'Dramatic', volume_percent: 35 },
      webhook: {
        ...webhook,
        events: [...webhook.events, 'trending.story.v001.slide_animation.*', 'trending.story.v001.outro_image.*'],
      },
    },
  },
  {
    name: 'list',
    template: 'list',
    body: {
      prompt: 'Ten facts about octopuses',
      preview_only: false,
      script: { item_count: 10, category: 'facts', subcategory: 'animals', include_ai_ctas: false },
      voice: { voice_actor_id: 233 },
      background: { folder_id: 12 },
      music: { enabled: true, category: 'Upbeat', volume_percent: 20 },
      webhook,
    },
  },
];

function measure(template, body) {
  for (let i = 0; i < 2000; i++) validateCreateRequest(template, body);
  const rates = [];
  for (let round = 0; round < ROUNDS; round++) {
    let iterations = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      for (let i = 0; i < 500; i++) validateCreateRequest(template, body);
      iterations += 500;
      elapsed = performance.now() - start;
    }
    rates.push((iterations / elapsed) * 1000);
  }
  return rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

const environment = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', date: new Date().toISOString() };
const results = [];
for (const { name, template, body } of CASES) {
  const violations = validateCreateRequest(template, body);
  if (violations.length > 0) {
    // A body that fails validation would measure the error path, not the one faces take for valid input.
    throw new Error(`bench body ${name} is invalid: ${JSON.stringify(violations)}`);
  }
  const opsPerSec = measure(template, body);
  const result = {
    bench: 'validateCreateRequest',
    case: name,
    template,
    bodyBytes: new TextEncoder().encode(JSON.stringify(body)).length,
    validationsPerSec: Math.round(opsPerSec),
    microsecondsPerRequest: Number((1e6 / opsPerSec).toFixed(2)),
    rounds: ROUNDS,
    roundMs: ROUND_MS,
    ...environment,
  };
  results.push(result);
  console.log(JSON.stringify(result));
}
console.log(
  `validateCreateRequest (median of ${ROUNDS}): ` +
    results
      .map((r) => `${r.case} ${r.validationsPerSec.toLocaleString('en-US')}/s (${r.microsecondsPerRequest} µs)`)
      .join(', ') +
    ` | Node ${environment.node}, ${environment.cpu}, ${environment.date}`,
);

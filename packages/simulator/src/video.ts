/**
 * What the simulator keeps per video: its request, its runs (the pipeline run, then any render-later runs), and the
 * template-specific state that helper endpoints read and change (Story assets/outro/animations, List script).
 */
import type { Hold } from './credits';
import type { TemplateId } from './rules/templates';

/** `status (example: queued, running, completed, failed)`: an aborted run ends failed (pipeline_error.code aborted). */
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface Step {
  name: string;
  label: string;
  durationMs: number;
  credits: number;
  /** Ledger event name the step's credits are captured under, e.g. `story.v001.script.generate`. */
  chargeEvent: string;
  /** Slides for Story's slide step (captured one by one); 1 elsewhere. */
  units: number;
}

export interface PipelineError {
  code: string;
  message: string;
  step: string;
  category: string;
  retryable: boolean;
  hint: string;
}

export interface Failure {
  code: string;
  step: string;
}

export interface Run {
  id: string;
  kind: 'pipeline' | 'render';
  status: RunStatus;
  steps: Step[];
  stepIndex: number;
  queuedAt: number;
  queueWaitMs: number;
  processingStartedAt: number | null;
  stepStartedAt: number | null;
  finishedAt: number | null;
  /** Measured duration of each finished step, ms. */
  stepMeasuredMs: (number | null)[];
  /** Units of the current step already captured (Story slides). */
  unitsDone: number;
  hold: Hold;
  error: PipelineError | null;
  renderJobId: number | null;
}

export interface WebhookConfig {
  url: string;
  secret: string | null;
  events: string[] | null;
}

export interface BackgroundSelection {
  folderId: number | null;
  requiredClips: number;
  folderClips: number;
  fallbackClips: number;
  underfillStrategy: 'auto_fill' | 'error';
  fallbackPool: string;
  warnings: { code: string; message: string }[];
}

export interface OutroConfig {
  enabled: boolean;
  text: string | null;
  speaker: string;
  imagePrompt: string | null;
  referenceSlideIndex: number | null;
  attachmentAssetIds: number[];
  sourceKey: string | null;
}

export interface OutroImageJob {
  runId: number;
  status: 'queued' | 'completed' | 'failed';
  queuedAt: number;
  finishAt: number;
  credits: number;
  hold: Hold;
  fail: boolean;
}

export interface SlideAnimation {
  slideIndex: number;
  status: 'queued' | 'in_progress' | 'completed' | 'failed';
  seconds: number;
  credits: number;
  lipSync: boolean;
  hold: Hold;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  fail: boolean;
}

export interface StoryState {
  slides: number;
  referenceImages: Record<string, unknown>[];
  outro: OutroConfig;
  outroImage: OutroImageJob | null;
  animations: Map<number, SlideAnimation>;
}

export interface ListLine {
  id: number;
  /** `item` or `cta` as the simulator writes them; a saved script keeps whatever type string was sent. */
  type: string;
  text: string;
  cta_meta: Record<string, unknown> | null;
}

export interface ListScript {
  intro: string;
  lines: ListLine[];
  ctas: unknown[];
  emojiSuggestions: string[];
  updatedAt: number;
  narrationAttached: boolean;
  nextLineId: number;
}

export interface Video {
  id: number;
  template: TemplateId;
  accountId: number;
  name: string | null;
  request: Record<string, unknown>;
  previewOnly: boolean;
  createdAt: number;
  idempotencyKey: string;
  source: 'api' | 'trigger_api_key' | 'trigger_signed';
  webhook: WebhookConfig | null;
  /** The pipeline run first, then render-later runs; the last one is what poll reports. */
  runs: Run[];
  /** Where the pipeline (or a later render) fails on purpose, from a magic word, folder policy or failNext. */
  failure: Failure | null;
  /** Side jobs told to fail on purpose: `slide_animation_failed`, `outro_image_failed`. */
  sideFailures: Set<string>;
  render: { jobId: number; runId: string; renderedAt: number } | null;
  background: BackgroundSelection | null;
  story: StoryState | null;
  list: ListScript | null;
  /** The create answer, replayed verbatim for the same Idempotency-Key. */
  createResponse: Record<string, unknown>;
}

export function currentRun(video: Video): Run {
  const run = video.runs[video.runs.length - 1];
  if (!run) throw new Error(`video ${video.id} has no run`);
  return run;
}

export function pipelineRun(video: Video): Run {
  const run = video.runs[0];
  if (!run) throw new Error(`video ${video.id} has no run`);
  return run;
}

export function isActive(run: Run): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/** Whether the pipeline run has finished the named step (so its output exists). */
export function stepDone(run: Run, name: string): boolean {
  const index = run.steps.findIndex((s) => s.name === name);
  if (index < 0) return false;
  return run.stepMeasuredMs[index] !== null && run.stepMeasuredMs[index] !== undefined;
}

/**
 * Runs move through their template's steps on the API clock. `advanceRun` is called with "now" on every tick and
 * every request, so it can cross several steps at once; each transition is stamped with the time it happened, not
 * the time it was noticed, which keeps timestamps, ETAs and webhook `occurred_at` honest at any speed.
 */
import type { Account } from './accounts';
import type { Ledger } from './credits';
import { PRICES, estimate, listItems, storySlides } from './pricing';
import { ABORTED_RUN } from './rules/statuses';
import type { TemplateId } from './rules/templates';
import { pipelineRun, type Failure, type PipelineError, type Run, type Step, type Video } from './video';

const SECOND = 1000;
export const QUEUE_WAIT_MS = 3 * SECOND;
/** Story one-click waits this long per slide. */
export const SLIDE_MS = 8 * SECOND;

export const STEP_LABELS: Readonly<Record<string, string>> = {
  script: 'Writing script',
  character_sheet: 'Designing characters',
  slides: 'Generating slides',
  narration: 'Recording narration',
  transcription: 'Timing captions',
  background: 'Selecting background clips',
  metadata: 'Writing title and description',
  render: 'Rendering video',
};

/** What the agent says while a step runs (`agent_status_message`). */
export const STEP_MESSAGES: Readonly<Record<string, string>> = {
  script: 'Drafting the script and the scene plan.',
  character_sheet: 'Sketching the character sheet so every slide keeps the same faces.',
  slides: 'Painting the slides in order, keeping continuity with the previous scene.',
  narration: 'Casting voices and recording the narration.',
  transcription: 'Aligning captions with the narration audio.',
  background: 'Picking background clips: your folder first, then the fallback pool.',
  metadata: 'Writing title ideas and a description; the shortest title becomes the default.',
  render: 'Rendering the final MP4.',
};

/** Which step a failure code belongs to when a magic word does not say. */
const FAILURE_STEPS: Readonly<Record<string, string>> = {
  script_generation_failed: 'script',
  character_sheet_generation_failed: 'character_sheet',
  slide_generation_failed: 'slides',
  narration_failed: 'narration',
  transcription_failed: 'transcription',
  background_folder_underfilled: 'background',
  metadata_failed: 'metadata',
  render_failed: 'render',
};

/** Failure codes that affect a side job (slide animation, outro image) rather than the pipeline. */
export const SIDE_FAILURE_CODES = new Set(['slide_animation_failed', 'outro_image_failed']);

interface ErrorInfo {
  message: string;
  category: string;
  retryable: boolean;
  hint: string;
}

const NEW_RUN = 'Start a new run with a new Idempotency-Key';

const ERROR_INFO: Readonly<Record<string, ErrorInfo>> = {
  script_generation_failed: {
    message: 'The script could not be generated.',
    category: 'generation',
    retryable: true,
    hint: `${NEW_RUN}; a different prompt may help.`,
  },
  character_sheet_generation_failed: {
    message: 'The character sheet could not be generated; image generation is under heavy load.',
    category: 'generation_load',
    retryable: true,
    hint: `${NEW_RUN} in a few minutes.`,
  },
  slide_generation_failed: {
    message: 'A slide could not be generated after 2 attempts; image generation is under heavy load.',
    category: 'generation_load',
    retryable: true,
    hint: `${NEW_RUN} in a few minutes.`,
  },
  narration_failed: {
    message: 'The narration could not be recorded.',
    category: 'audio',
    retryable: true,
    hint: `${NEW_RUN}.`,
  },
  background_folder_underfilled: {
    message: 'The background folder has too few eligible clips and its underfill strategy is error.',
    category: 'background',
    retryable: false,
    hint: 'Add clips to the folder, pick another folder, or switch the folder to auto-fill.',
  },
  render_failed: {
    message: 'The render failed.',
    category: 'render',
    retryable: true,
    hint: 'Render again with a new Idempotency-Key.',
  },
};

function errorFor(code: string, step: string): PipelineError {
  const info = ERROR_INFO[code] ?? {
    message: 'The pipeline stopped with an error.',
    category: 'internal',
    retryable: false,
    hint: 'Contact support with the request_id if this keeps happening.',
  };
  return { code, step, ...info };
}

function step(
  template: TemplateId,
  name: string,
  seconds: number,
  credits: number,
  chargeEvent: string,
  units = 1,
): Step {
  return {
    name,
    label: STEP_LABELS[name] ?? name,
    durationMs: seconds * SECOND,
    credits,
    chargeEvent: `${template}.v001.${chargeEvent}`,
    units,
  };
}

/** The steps of a pipeline run; their credits add up to exactly the cost estimate of the same request. */
export function pipelineSteps(template: TemplateId, request: unknown): Step[] {
  const e = estimate(template, request);
  const render = step(template, 'render', template === 'story' ? 60 : 45, PRICES.render, 'render');
  const tail = [
    step(template, 'metadata', 5, e.metadata_credits, 'metadata.generate'),
    ...(e.preview_only ? [] : [render]),
  ];
  if (template === 'story') {
    const slides = storySlides(request);
    return [
      step(template, 'script', 30, e.script_credits, 'script.generate'),
      step(template, 'character_sheet', 25, 0, 'character_sheet.generate'),
      step(template, 'slides', (SLIDE_MS / SECOND) * slides, e.image_credits, 'image.generate', slides),
      step(template, 'narration', 20, e.narration_credits, 'narration.generate'),
      step(template, 'transcription', 8, e.transcription_credits, 'transcription'),
      ...tail,
    ];
  }
  if (template === 'ranking') {
    return [
      step(template, 'script', 15, e.script_credits, 'script.generate'),
      step(template, 'background', 20, 0, 'background.select'),
      ...tail,
    ];
  }
  const narration = template === 'list' ? 10 + 3 * listItems(request) : 20;
  return [
    step(template, 'script', 20, e.script_credits, 'script.generate'),
    step(template, 'narration', narration, e.narration_credits, 'narration.generate'),
    step(template, 'transcription', 8, e.transcription_credits, 'transcription'),
    step(template, 'background', 10, 0, 'background.select'),
    ...tail,
  ];
}

export function renderSteps(template: TemplateId): Step[] {
  return [step(template, 'render', template === 'story' ? 60 : 45, PRICES.render, 'render')];
}

/** `[sim:fail:CODE]` or `[sim:fail:CODE@STEP]` anywhere in the prompt. */
const MAGIC = /\[sim:fail:([a-z0-9_]+)(?:@([a-z_]+))?\]/g;

export function parseMagicWords(prompt: unknown): {
  failure: (Omit<Failure, 'step'> & { step?: string }) | null;
  side: Set<string>;
} {
  const side = new Set<string>();
  let failure: { code: string; step?: string } | null = null;
  if (typeof prompt !== 'string') return { failure, side };
  for (const match of prompt.matchAll(MAGIC)) {
    const [, code = '', at] = match;
    if (SIDE_FAILURE_CODES.has(code)) side.add(code);
    else failure ??= at ? { code, step: at } : { code };
  }
  return { failure, side };
}

/** Resolves where a failure happens in `steps`: its own step, the named one, or the middle step. */
export function resolveFailure(f: { code: string; step?: string }, steps: readonly Step[]): Failure {
  const wanted = f.step ?? FAILURE_STEPS[f.code];
  if (wanted) return { code: f.code, step: wanted };
  const middle = steps[Math.floor((steps.length - 1) / 2)];
  return { code: f.code, step: middle?.name ?? 'script' };
}

export interface PipelineHost {
  readonly ledger: Ledger;
  account(id: number): Account;
  emit(video: Video, run: Run, suffix: string, at: number, extra?: Record<string, unknown>): void;
  /** Story/List side effects of a finished step (script generated, narration attached, render recorded). */
  stepFinished(video: Video, run: Run, step: Step, at: number): void;
}

export function advanceRun(host: PipelineHost, video: Video, run: Run, now: number): void {
  for (;;) {
    if (run.status === 'queued') {
      const start = run.queuedAt + run.queueWaitMs;
      if (now < start) return;
      run.status = 'running';
      run.processingStartedAt = start;
      run.stepStartedAt = start;
      run.stepIndex = 0;
      host.emit(video, run, 'started', start);
      enterStep(host, video, run, start);
      continue;
    }
    if (run.status !== 'running' || run.stepStartedAt === null) return;
    const current = run.steps[run.stepIndex];
    if (!current) return;
    const start = run.stepStartedAt;
    const end = start + current.durationMs;
    const failAt = video.failure?.step === current.name ? start + Math.floor(current.durationMs / 2) : null;
    captureUnits(host, video, run, current, Math.min(now, failAt ?? end));
    if (failAt !== null && now >= failAt) {
      failRun(host, video, run, errorFor(video.failure?.code ?? 'internal_error', current.name), failAt);
      return;
    }
    if (now < end) return;
    captureUnits(host, video, run, current, end);
    run.stepMeasuredMs[run.stepIndex] = current.durationMs;
    host.stepFinished(video, run, current, end);
    if (current.name === 'render') {
      host.emit(video, run, 'render.completed', end, {
        render_job_id: run.renderJobId,
        render_job_status: 'completed',
      });
    }
    run.stepIndex += 1;
    run.unitsDone = 0;
    const next = run.steps[run.stepIndex];
    if (!next) {
      completeRun(host, video, run, end);
      return;
    }
    run.stepStartedAt = end;
    host.emit(video, run, 'progress', end, { from_step: current.name, to_step: next.name });
    enterStep(host, video, run, end);
  }
}

function enterStep(host: PipelineHost, video: Video, run: Run, at: number): void {
  if (run.steps[run.stepIndex]?.name === 'render') {
    host.emit(video, run, 'render.started', at, { render_job_id: run.renderJobId, render_job_status: 'started' });
  }
}

/** Captures credits unit by unit (Story slides), so a failure at slide 5 charges exactly four slides. */
function captureUnits(host: PipelineHost, video: Video, run: Run, current: Step, until: number): void {
  const start = run.stepStartedAt ?? until;
  const perUnit = current.durationMs / current.units;
  const done = Math.min(current.units, Math.floor((until - start) / perUnit));
  if (done <= run.unitsDone) return;
  const perUnitCredits = current.credits / current.units;
  const credits = Math.round(perUnitCredits * done) - Math.round(perUnitCredits * run.unitsDone);
  run.unitsDone = done;
  host.ledger.capture(host.account(video.accountId), run.hold, credits, current.chargeEvent, start + done * perUnit);
}

function completeRun(host: PipelineHost, video: Video, run: Run, at: number): void {
  run.status = 'completed';
  run.finishedAt = at;
  host.ledger.release(run.hold, at);
  host.emit(video, run, 'completed', at);
}

export function failRun(host: PipelineHost, video: Video, run: Run, error: PipelineError, at: number): void {
  run.status = 'failed';
  run.finishedAt = at;
  run.error = error;
  host.ledger.release(run.hold, at);
  if (error.step === 'render') {
    host.emit(video, run, 'render.failed', at, { render_job_id: run.renderJobId, render_job_status: 'failed' });
  }
  host.emit(video, run, 'failed', at);
}

/**
 * The reference documents only the statuses queued, running, completed and failed and only the terminal events
 * `*.completed` and `*.failed`, so an aborted run ends `failed` with pipeline_error.code `aborted` and sends the
 * `failed` event (if the run's allowlist admits it; the default does).
 */
export function abortRun(host: PipelineHost, video: Video, run: Run, at: number): void {
  run.status = ABORTED_RUN.value.status;
  run.finishedAt = at;
  const stepName = run.steps[run.stepIndex]?.name ?? 'queued';
  run.error = {
    code: ABORTED_RUN.value.code,
    message: 'The run was aborted on request.',
    step: run.processingStartedAt === null ? 'queued' : stepName,
    category: 'aborted',
    retryable: false,
    hint: `${NEW_RUN} to try again.`,
  };
  host.ledger.release(run.hold, at);
  host.emit(video, run, ABORTED_RUN.value.event, at);
}

/** Remaining API milliseconds of the current step and of the whole run. */
export function remainingMs(run: Run, now: number): { step: number; pipeline: number } {
  if (run.status === 'queued') {
    const wait = Math.max(0, run.queuedAt + run.queueWaitMs - now);
    const total = run.steps.reduce((sum, s) => sum + s.durationMs, 0);
    return { step: wait, pipeline: wait + total };
  }
  if (run.status !== 'running' || run.stepStartedAt === null) return { step: 0, pipeline: 0 };
  const current = run.steps[run.stepIndex];
  const stepLeft = Math.max(0, run.stepStartedAt + (current?.durationMs ?? 0) - now);
  const rest = run.steps.slice(run.stepIndex + 1).reduce((sum, s) => sum + s.durationMs, 0);
  return { step: stepLeft, pipeline: stepLeft + rest };
}

/** How many Story slides exist now (finished slide step, or the ones captured so far). */
export function slidesDone(video: Video): number {
  const run = pipelineRun(video);
  const index = run.steps.findIndex((s) => s.name === 'slides');
  if (index < 0) return 0;
  if (run.stepMeasuredMs[index] != null) return run.steps[index]?.units ?? 0;
  return run.stepIndex === index ? run.unitsDone : 0;
}

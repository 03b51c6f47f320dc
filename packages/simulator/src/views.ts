/**
 * The poll answer (GET /api/v1/{template}/videos/{id}) and the pieces other answers share. Every ETA is the honest
 * remaining simulated time in API seconds, computed from the same step plan that drives the run.
 */
import { iso } from './clock';
import { backgroundSummary } from './library';
import { STEP_MESSAGES, remainingMs, slidesDone } from './pipeline';
import { defaultEvents } from './rules/events';
import { animationClipPath, outroImagePath } from './sidejobs';
import type { Sim } from './sim';
import { currentRun, isActive, pipelineRun, stepDone, type Run, type Video } from './video';

export const RETENTION_DAYS = 7;

export function pollPath(video: Video): string {
  return `/api/v1/${video.template}/videos/${video.id}`;
}

export function controlUrls(base: string, video: Video): Record<string, string> {
  const poll = base + pollPath(video);
  return { poll, start_render: `${poll}/render`, abort: `${poll}/abort` };
}

/** `{ enabled, url, events }` as the reference's create answer shows it; `signed` only with answerExtras. */
export function webhookView(video: Video, extras: boolean): Record<string, unknown> {
  const hook = video.webhook;
  if (!hook) return { enabled: false, url: null, events: [] };
  const events = hook.events ?? defaultEvents(video.template);
  return { enabled: true, url: hook.url, events, ...(extras ? { signed: hook.secret !== null } : {}) };
}

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));
const ceilSeconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

function retention(renderedAt: number): Record<string, unknown> {
  return {
    keep_days: RETENTION_DAYS,
    expires_at: iso(renderedAt + RETENTION_DAYS * 86_400_000),
    notice: `The rendered file is kept for ${RETENTION_DAYS} days; render_url itself is short-lived, so download promptly and store your own copy.`,
    admin_exempt: false,
  };
}

function stepPosition(run: Run): { current: string; label: string; number: number } {
  const step = run.steps[run.stepIndex];
  switch (run.status) {
    case 'queued':
      return { current: 'queued', label: 'Queued', number: 0 };
    case 'running':
      return { current: step?.name ?? 'queued', label: step?.label ?? 'Queued', number: run.stepIndex + 1 };
    case 'completed':
      return { current: 'completed', label: 'Completed', number: run.steps.length };
    case 'failed':
      return {
        current: run.error?.step ?? 'failed',
        label: 'Failed',
        number: run.processingStartedAt === null ? 0 : run.stepIndex + 1,
      };
  }
}

function progressPercent(run: Run, now: number): number {
  if (run.status === 'completed') return 100;
  if (run.processingStartedAt === null) return 0;
  const total = run.steps.reduce((s, st) => s + st.durationMs, 0);
  const end = run.finishedAt ?? now;
  return Math.min(99, Math.floor(((end - run.processingStartedAt) / total) * 100));
}

function statusDetail(video: Video, run: Run, now: number): string {
  switch (run.status) {
    case 'queued':
      return `Waiting for a worker (about ${ceilSeconds(remainingMs(run, now).step)}s).`;
    case 'running': {
      const step = run.steps[run.stepIndex];
      if (step?.name === 'slides')
        return `Generating slide ${Math.min(step.units, run.unitsDone + 1)} of ${step.units}.`;
      return `${step?.label ?? 'Working'} (step ${run.stepIndex + 1} of ${run.steps.length}).`;
    }
    case 'completed':
      return video.render
        ? 'The video is rendered and ready to download.'
        : 'The preview is ready; render it to get the MP4.';
    case 'failed':
      return run.error?.message ?? 'The run stopped.';
  }
}

function timing(video: Video, run: Run, now: number): Record<string, unknown> {
  const steps = run.steps.map((s, i) => {
    const measured = run.stepMeasuredMs[i];
    const isCurrent = i === run.stepIndex && run.stepStartedAt !== null;
    let status = measured != null ? 'completed' : 'pending';
    if (isCurrent && run.status === 'running') status = 'running';
    if (isCurrent && run.status === 'failed') status = run.status;
    return {
      step: s.name,
      label: s.label,
      status,
      measured_seconds:
        measured != null ? seconds(measured) : status === 'running' ? seconds(now - (run.stepStartedAt ?? now)) : null,
      average_seconds: seconds(s.durationMs),
    };
  });
  const out: Record<string, unknown> = {
    queue_wait_seconds: queueWait(run, now),
    active_processing_seconds: activeProcessing(run, now),
    steps,
  };
  if (video.template === 'story') {
    const slidesStep = pipelineRun(video).steps.find((s) => s.name === 'slides');
    const perSlide = slidesStep ? seconds(slidesStep.durationMs / slidesStep.units) : null;
    out.slides = {
      count: video.story?.slides ?? 0,
      completed: slidesDone(video),
      measured_average_seconds: slidesDone(video) > 0 ? perSlide : null,
      average_seconds: perSlide,
    };
  }
  return out;
}

function queueWait(run: Run, now: number): number {
  return seconds((run.processingStartedAt ?? run.finishedAt ?? now) - run.queuedAt);
}

function activeProcessing(run: Run, now: number): number {
  return run.processingStartedAt === null ? 0 : seconds((run.finishedAt ?? now) - run.processingStartedAt);
}

function storyProgress(video: Video): Record<string, unknown> {
  const run = pipelineRun(video);
  const total = video.story?.slides ?? 0;
  const done = slidesDone(video);
  const failedHere = run.status === 'failed' && run.error?.step === 'slides' ? 1 : 0;
  const slidesRunning = run.status === 'running' && run.steps[run.stepIndex]?.name === 'slides';
  return {
    slides_total: total,
    slides_completed: done,
    slides_failed: failedHere,
    current_slide: slidesRunning ? done + 1 : null,
    character_sheet_ready: stepDone(run, 'character_sheet'),
    narration_ready: stepDone(run, 'narration'),
  };
}

export function outroView(sim: Sim, video: Video): Record<string, unknown> {
  const story = video.story;
  if (!story) return {};
  const job = story.outroImage;
  return {
    enabled: story.outro.enabled,
    text: story.outro.text,
    speaker: story.outro.speaker,
    source_key: story.outro.sourceKey,
    image_prompt: story.outro.imagePrompt,
    reference_slide_index: story.outro.referenceSlideIndex,
    attachment_asset_ids: story.outro.attachmentAssetIds,
    image: job
      ? {
          status: job.status,
          run_id: job.runId,
          image_url: job.status === 'completed' ? sim.baseUrl + outroImagePath(video, job.runId) : null,
          charged_credits: job.status === 'completed' ? job.credits : 0,
        }
      : { status: 'none', run_id: null, image_url: null, charged_credits: 0 },
  };
}

function storyAssets(sim: Sim, video: Video): Record<string, unknown> {
  const story = video.story;
  const run = pipelineRun(video);
  const base = `${sim.baseUrl}/studio/assets/story/${video.id}`;
  const done = slidesDone(video);
  const aliases = (story?.referenceImages ?? []).map((r, i) =>
    typeof r.alias === 'string' ? r.alias : `ref_${i + 1}`,
  );
  const animations = [...(story?.animations.values() ?? [])];
  const count = (status: string) => animations.filter((a) => a.status === status).length;
  return {
    character_sheet_url: stepDone(run, 'character_sheet') ? `${base}/character-sheet.png` : null,
    reference_images: (story?.referenceImages ?? []).map((r, i) => ({
      alias: aliases[i],
      asset_id: r.asset_id ?? null,
      story_id: r.story_id ?? null,
      run_id: r.run_id ?? null,
      description: r.description ?? null,
      image_url: `${base}/references/${i}.png`,
    })),
    slide_attachment_plan: Array.from({ length: story?.slides ?? 0 }, (_, i) => ({
      slide_index: i,
      reference_aliases: aliases.length > 0 && i % 3 === 0 ? aliases : [],
    })),
    slides: Array.from({ length: story?.slides ?? 0 }, (_, i) => {
      const anim = story?.animations.get(i);
      return {
        slide_index: i,
        status:
          i < done
            ? 'completed'
            : run.status === 'failed' && i === done && run.error?.step === 'slides'
              ? 'failed'
              : 'pending',
        image_url: i < done ? `${base}/slides/${i}.png` : null,
        animation_url: anim?.status === 'completed' ? sim.baseUrl + animationClipPath(video, i) : null,
      };
    }),
    narration_audio_url: stepDone(run, 'narration') && isActive(run) ? `${base}/narration.mp3` : null,
    outro: outroView(sim, video),
    slide_animations: {
      total: animations.length,
      queued: count('queued'),
      in_progress: count('in_progress'),
      completed: count('completed'),
      failed: count('failed'),
    },
  };
}

export function videoView(sim: Sim, video: Video): Record<string, unknown> {
  const now = sim.apiNow();
  const run = currentRun(video);
  const position = stepPosition(run);
  const remaining = remainingMs(run, now);
  const terminal = !isActive(run);
  const renderUrl = video.render && run.status === 'completed' ? sim.renderUrl(video.render.jobId) : null;
  const renderRetention = video.render && renderUrl ? retention(video.render.renderedAt) : null;
  const step = run.steps[run.stepIndex];
  const base = sim.baseUrl;
  // Beyond the reference's poll fields: the render job, the webhook echo and created_at, only with answerExtras.
  const extras = sim.config.answerExtras;
  const view: Record<string, unknown> = {
    video_id: video.id,
    pipeline_run_id: run.id,
    template: video.template,
    template_version: 'v001',
    name: video.name,
    status: run.status,
    preview_only: video.previewOnly,
    current_step: position.current,
    step_label: position.label,
    status_detail: statusDetail(video, run, now),
    step_number: position.number,
    total_steps: run.steps.length,
    progress_percent: progressPercent(run, now),
    eta_seconds: terminal ? 0 : ceilSeconds(remaining.step),
    step_eta_seconds: terminal ? 0 : ceilSeconds(remaining.step),
    pipeline_eta_seconds: terminal ? 0 : ceilSeconds(remaining.pipeline),
    agent_status_message:
      run.status === 'running'
        ? (STEP_MESSAGES[step?.name ?? ''] ?? null)
        : run.status === 'queued'
          ? 'Waiting for a free worker.'
          : statusDetail(video, run, now),
    queue_wait_seconds: queueWait(run, now),
    active_processing_seconds: activeProcessing(run, now),
    step_elapsed_seconds: run.status === 'running' && run.stepStartedAt !== null ? seconds(now - run.stepStartedAt) : 0,
    queue_started_at: iso(run.queuedAt),
    processing_started_at: run.processingStartedAt === null ? null : iso(run.processingStartedAt),
    processing_finished_at: run.finishedAt === null ? null : iso(run.finishedAt),
    step_started_at: run.stepStartedAt === null ? null : iso(run.stepStartedAt),
    timing: timing(video, run, now),
    dashboard_url: `${base}/dashboard/videos/${video.id}`,
    preview_url: `${base}/studio/${video.template}/${video.id}/preview`,
    requires_auth_for_preview: true,
    control_urls: controlUrls(base, video),
    render: {
      render_url: renderUrl,
      retention: renderRetention,
      ...(extras
        ? {
            render_job_id: run.renderJobId ?? video.render?.jobId ?? null,
            status: run.renderJobId === null ? (video.render ? 'completed' : 'not_requested') : renderJobStatus(run),
          }
        : {}),
    },
    retention: renderRetention,
    pipeline_error: run.status === 'failed' ? run.error : null,
    ...(extras ? { webhook: webhookView(video, true), created_at: iso(video.createdAt) } : {}),
  };
  if (video.template === 'story') {
    const slides = video.story?.slides ?? 0;
    view.story_progress = storyProgress(video);
    view.long_running_notice =
      slides >= 20 && isActive(pipelineRun(video))
        ? `This Story has ${slides} slides; slide-heavy runs take longer. Keep polling or wait for the webhook.`
        : null;
    view.assets = storyAssets(sim, video);
  } else if (video.background) {
    view.background_selection_summary = backgroundSummary(video.background);
    view.warnings = video.background.warnings;
  }
  return view;
}

function renderJobStatus(run: Run): string {
  const index = run.steps.findIndex((s) => s.name === 'render');
  if (run.stepMeasuredMs[index] != null) return 'completed';
  if (run.status === 'failed' && run.error?.step === 'render') return 'failed';
  if (run.status === 'running' && run.stepIndex === index) return 'rendering';
  return run.status === 'failed' ? 'cancelled' : 'pending';
}

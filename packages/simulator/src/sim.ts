/**
 * The simulator's whole state and its clock-driven behaviour, independent of HTTP: accounts, videos and their runs,
 * the credit ledger, Library and Story assets, webhook deliveries and the request log. Routes read and change it;
 * `tick` moves everything that runs on the API clock up to "now".
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { defaultAccounts, defaultTriggers, keyHint, type Account, type Trigger } from './accounts';
import { Chaos } from './chaos';
import { MAX_API_TIME_MS, SimClock, iso } from './clock';
import {
  ConfigError,
  DEFAULT_STORAGE_QUOTA_BYTES,
  initialConfig,
  mergeConfig,
  type SimConfig,
  type SimulatorOptions,
} from './config';
import { Ledger } from './credits';
import { generateListScript } from './listscript';
import { advanceRun, type PipelineHost } from './pipeline';
import { RateLimiter } from './ratelimit';
import { signedRenderUrl } from './renders';
import { RequestLog } from './requestlog';
import { eventAllowed, eventName } from './rules/events';
import {
  VOICE_ACTORS,
  seedFolders,
  seedOutroSources,
  seedReferenceImages,
  type LibraryFolder,
  type OutroSource,
  type ReferenceImage,
} from './seeds';
import { advanceAnimations, advanceOutroImages, type QueuedAnimation } from './sidejobs';
import { Dispatcher } from './webhooks';
import { currentRun, isActive, type Run, type Step, type Video } from './video';
import type { LibraryAsset } from './library';

export interface Favorite {
  global: boolean;
  templates: Set<string>;
}

export class Sim implements PipelineHost {
  config: SimConfig;
  readonly clock: SimClock;
  readonly chaos: Chaos;
  readonly rateLimiter = new RateLimiter();
  readonly requestLog = new RequestLog();
  readonly renderKey: string;
  baseUrl = '';

  ledger!: Ledger;
  dispatcher!: Dispatcher;
  accounts!: Account[];
  triggers!: Map<string, Trigger>;
  videos!: Map<number, Video>;
  /** `${accountId}|${scope}|${key}` -> video id (create, triggers) or stored answer (render). */
  idempotency!: Map<string, number | Record<string, unknown>>;
  folders!: LibraryFolder[];
  referenceImages!: ReferenceImage[];
  outroSources!: OutroSource[];
  libraryAssets!: Map<number, LibraryAsset>;
  favorites!: Map<number, Map<number, Favorite>>;
  renders!: Map<number, { videoId: number; runId: string }>;
  animationQueue!: QueuedAnimation[];
  outroJobs!: Set<Video>;
  private active!: Set<Video>;
  private counters!: { video: number; asset: number; referenceImage: number; renderJob: number; outroRun: number };

  constructor(private readonly options: SimulatorOptions) {
    this.config = initialConfig(options);
    this.clock = new SimClock(this.config.speed);
    this.chaos = new Chaos(options.seed ?? 1);
    this.renderKey = options.renderSigningKey ?? randomBytes(32).toString('hex');
    this.reset();
  }

  /** Back to the startup state: seeded accounts and assets, no videos, deliveries or logged requests. */
  reset(): void {
    const now = this.clock?.now() ?? Date.now();
    this.dispatcher?.close();
    this.config = initialConfig(this.options);
    this.clock.setSpeed(this.config.speed);
    this.chaos.reset();
    this.rateLimiter.clear();
    this.requestLog.clear();
    this.ledger = new Ledger();
    this.dispatcher = new Dispatcher({
      apiNow: () => this.clock.now(),
      duplicates: () => this.config.duplicateDeliveries,
      timeoutMs: () => this.config.webhookTimeoutMs,
    });
    this.accounts = defaultAccounts(this.options.storageQuotaBytes ?? DEFAULT_STORAGE_QUOTA_BYTES);
    this.triggers = new Map(defaultTriggers().map((t) => [t.id, t]));
    this.videos = new Map();
    this.idempotency = new Map();
    this.folders = seedFolders();
    this.referenceImages = seedReferenceImages(now);
    this.outroSources = seedOutroSources(now);
    this.libraryAssets = new Map();
    this.favorites = new Map();
    this.renders = new Map();
    this.animationQueue = [];
    this.outroJobs = new Set();
    this.active = new Set();
    this.counters = { video: 10_001, asset: 900, referenceImage: 600, renderJob: 70_001, outroRun: 80_001 };
  }

  configure(patch: Record<string, unknown>): SimConfig {
    this.tick();
    this.config = mergeConfig(this.config, patch);
    this.clock.setSpeed(this.config.speed);
    return this.config;
  }

  /** Refuses (ConfigError on `seconds`) a jump that is not a finite number >= 0 or would pass the clock's ceiling. */
  advance(seconds: number): void {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      throw new ConfigError('seconds', 'seconds must be a finite number >= 0');
    }
    const room = (MAX_API_TIME_MS - this.clock.now()) / 1000;
    if (seconds > room) {
      throw new ConfigError(
        'seconds',
        `seconds must be at most ${Math.floor(room)} (the API clock stops at year 9999)`,
      );
    }
    this.tick();
    this.clock.advance(seconds);
    this.tick();
  }

  apiNow(): number {
    return this.clock.now();
  }

  nextId(kind: keyof Sim['counters']): number {
    return this.counters[kind]++;
  }

  account(id: number): Account {
    const account = this.accounts.find((a) => a.id === id);
    if (!account) throw new Error(`no account ${id}`);
    return account;
  }

  accountByKey(key: string): Account | undefined {
    return this.accounts.find((a) => a.apiKey === key);
  }

  voiceActors(): readonly (typeof VOICE_ACTORS)[number][] {
    return VOICE_ACTORS;
  }

  /** Starts a run: records it, emits `queued`, and lets the clock take it from there. */
  startRun(video: Video, run: Run): void {
    video.runs.push(run);
    this.active.add(video);
    this.emit(video, run, 'queued', run.queuedAt);
  }

  tick(): void {
    const now = this.clock.now();
    for (const video of this.active) {
      const run = currentRun(video);
      advanceRun(this, video, run, now);
      if (!isActive(run)) this.active.delete(video);
    }
    advanceOutroImages(this, now);
    advanceAnimations(this, now);
    this.dispatcher.tick();
  }

  close(): void {
    this.dispatcher.close();
  }

  /** A short-lived signed download URL for a finished render (fresh expiry on every call). */
  renderUrl(renderJobId: number): string {
    const ttlMs = Math.max(
      this.config.renderUrlTtlSeconds * 1000,
      this.config.renderUrlMinRealSeconds * 1000 * this.config.speed,
    );
    const expires = Math.floor((this.clock.now() + ttlMs) / 1000);
    return signedRenderUrl(this.baseUrl, this.renderKey, renderJobId, expires);
  }

  emit(video: Video, run: Run, suffix: string, at: number, extra: Record<string, unknown> = {}): void {
    const hook = video.webhook;
    const name = eventName(video.template, suffix);
    if (!hook || !eventAllowed(name, video.template, hook.events)) return;
    const payload = {
      event: name,
      pipeline_run_id: run.id,
      video_id: video.id,
      template: video.template,
      template_version: 'v001',
      status: run.status,
      preview_only: run.kind === 'pipeline' ? video.previewOnly : false,
      render_url:
        video.render && (run.status === 'completed' || suffix === 'render.completed')
          ? this.renderUrl(video.render.jobId)
          : null,
      occurred_at: iso(at),
      error: run.error ? { code: run.error.code, message: run.error.message, step: run.error.step } : null,
      ...extra,
    };
    this.dispatcher.enqueue(hook.url, hook.secret, name, video.id, payload, at);
  }

  /** Events of side jobs (slide animations, outro images, List script) carry the video's current run. */
  emitSide(video: Video, suffix: string, at: number, extra: Record<string, unknown>): void {
    this.emit(video, currentRun(video), suffix, at, extra);
  }

  stepFinished(video: Video, run: Run, step: Step, at: number): void {
    if (video.template === 'list' && step.name === 'script' && run.kind === 'pipeline') {
      video.list = generateListScript(video, at);
      this.emitSide(video, 'script.generated', at, { script_updated_at: new Date(at).toISOString() });
    }
    if (video.list && step.name === 'narration') video.list.narrationAttached = true;
    if (step.name === 'render' && run.renderJobId !== null) {
      video.render = { jobId: run.renderJobId, runId: run.id, renderedAt: at };
      this.renders.set(run.renderJobId, { videoId: video.id, runId: run.id });
    }
  }

  newRunId(): string {
    return randomUUID();
  }

  /** An account as /_sim shows it (state and POST /_sim/accounts): the key only as a hint, credits with holds applied. */
  accountView(a: Account): Record<string, unknown> {
    return {
      id: a.id,
      name: a.name,
      api_key_hint: keyHint(a.apiKey),
      plan_code: a.planCode,
      api_access: a.apiAccess,
      mcp_access: a.mcpAccess,
      allowed_templates: a.allowedTemplates,
      balance: a.balance,
      held_credits: this.ledger.held(a.id),
      available_credits: this.ledger.available(a),
      storage_quota_bytes: a.storageQuotaBytes,
      storage_used_bytes: a.storageUsedBytes,
    };
  }

  /** What `GET /_sim/state` returns. Keys are shown as hints and webhook secrets not at all. */
  snapshot(): Record<string, unknown> {
    this.tick();
    return {
      now: iso(this.clock.now()),
      base_url: this.baseUrl,
      config: this.config,
      accounts: this.accounts.map((a) => ({
        ...this.accountView(a),
        holds: [...this.ledger.holds.values()].filter((h) => h.accountId === a.id),
        ledger: this.ledger.entries.filter((e) => e.account_id === a.id),
      })),
      triggers: [...this.triggers.values()].map((t) => ({
        id: t.id,
        account_id: t.accountId,
        allowed_cidrs: t.allowedCidrs,
        nonces_seen: t.nonces.size,
      })),
      videos: [...this.videos.values()].map((v) => {
        const run = currentRun(v);
        return {
          video_id: v.id,
          template: v.template,
          account_id: v.accountId,
          source: v.source,
          idempotency_key: v.idempotencyKey,
          status: run.status,
          current_step: run.steps[run.stepIndex]?.name ?? null,
          preview_only: v.previewOnly,
          pipeline_run_ids: v.runs.map((r) => r.id),
          render_job_id: v.render?.jobId ?? null,
          charged_credits: this.ledger.chargedFor(v.id),
          failure: v.failure,
          webhook: v.webhook
            ? { url: v.webhook.url, events: v.webhook.events, secret_set: v.webhook.secret !== null }
            : null,
        };
      }),
      deliveries: this.dispatcher.deliveries.map((d) => ({
        id: d.id,
        event: d.event,
        video_id: d.videoId,
        url: d.url,
        signed: d.secret !== null,
        status: d.status,
        attempts: d.attempts,
        next_attempt_at: d.nextAttemptAt === null ? null : iso(d.nextAttemptAt),
        body: d.body,
      })),
      slide_animations: this.animationQueue.map((q) => ({
        video_id: q.video.id,
        slide_index: q.anim.slideIndex,
        status: q.anim.status,
      })),
      library_assets: [...this.libraryAssets.values()].map((a) => ({
        asset_id: a.id,
        account_id: a.accountId,
        name: a.name,
      })),
      requests_logged: this.requestLog.list().length,
    };
  }
}

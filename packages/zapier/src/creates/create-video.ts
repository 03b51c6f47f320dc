/**
 * One factory for the seven "Create <Template> Video" actions: input fields from core's catalogue, validation by core
 * before anything is sent, and "Wait for the Video" through Zapier's callback (perform returns at once, performResume
 * runs when Trending's webhook reaches the callback URL).
 */
import {
  getTemplate,
  isTrendingError,
  pipelineError,
  requestIdentity,
  runEndEvents,
  waitForCompletion,
  type CreateVideoResponse,
  type StatusGetter,
  type TemplateId,
  type TrendingError,
  type VideoStatus,
} from '@trending/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { callbackSecret, newCallbackNonce, verifyCallback, type CallbackVerdict } from '../callback';
import { callbackTarget, cannotWait, findVideoHint, whereItIs } from '../callback-target';
import { guard, inputError } from '../errors';
import { ADVANCED_GROUP, bodyFromInput, labelResolver, readInput, templateInputFields } from '../fields';
import { IDEMPOTENCY_FIELD, idempotencyKeyFor } from '../idempotency';
import { REQUEST_WARNINGS_FIELD, warningMessages } from '../request-warnings';
import { failingOnAbort, unlessAborted } from '../run-end';
import { MAX_CREDITS_FIELD, guardSpend, readMaxCredits } from '../spend';
import { clientFor } from '../transport';
import { VIDEO_OUTPUT_FIELDS, videoOutput, videoSample, withCreateFields, type VideoOutput } from '../video-output';

/** performResume must finish inside Zapier's 30 s: a genuine terminal delivery needs one poll, rarely a second. */
const RESUME_WAIT_MS = 20_000;

const WAIT_FIELD = {
  key: 'wait_for_video',
  label: 'Wait for the Video',
  type: 'boolean',
  default: 'true',
  required: false,
  helpText:
    'Yes (default): the step pauses until the video has finished rendering (Zapier waits up to 30 days) and then outputs the final video with its MP4 file. ' +
    'No: the step finishes right after the video is started; use **Find Video** later to get the result. ' +
    'When you test this step in the Zap editor it never waits.',
} as const;

/** A Create step's output: the video, and core's warnings about the request in the Zap editor's words. */
interface CreateOutput extends VideoOutput {
  request_warnings: string[];
}

/** What perform hands performResume through bundle.outputData when it waits. */
interface PendingVideo extends CreateOutput {
  callback_nonce: string;
}

export function createVideoAction(template: TemplateId) {
  const spec = getTemplate(template);
  const fieldLabel = labelResolver(template);
  // The only webhook this step sends is Zapier's callback URL, switched on by Wait for the Video, so a refusal of it
  // (a local run's callback URL Trending would not reach) names that field.
  const labels = () => (path: string) =>
    path.startsWith('webhook.') ? `${WAIT_FIELD.label} (the callback URL Zapier gave this step)` : fieldLabel(path);

  const perform = async (z: ZObject, bundle: Bundle): Promise<CreateOutput | PendingVideo> => {
    const { body, problems } = bodyFromInput(template, bundle.inputData);
    const wait = readInput(bundle.inputData, WAIT_FIELD.key, WAIT_FIELD.label, 'boolean', problems) !== false;
    const maxCredits = readMaxCredits(bundle.inputData, problems);
    if (problems.length > 0) throw inputError(z, problems);
    // The key covers what the user asked for, not the per-run webhook, so a replay derives the same key.
    const idempotencyKey = idempotencyKeyFor(bundle, ['create', template], requestIdentity(body));
    const client = clientFor(z, bundle);
    const requestWarnings = warningMessages(template, client.checkCreate(template, body).warnings);
    for (const warning of requestWarnings) z.console.log(`Warning: ${warning}`);
    await guardSpend(z, client, template, body, maxCredits);
    const output = (video: CreateVideoResponse): CreateOutput => ({
      ...videoOutput(z, template, video, idempotencyKey),
      request_warnings: requestWarnings,
    });

    // Callbacks only work in a live Zap: a test in the editor returns the video as it is right after the start.
    const waiting = wait && !bundle.meta?.isLoadingSample;
    const callbackUrl = waiting ? z.generateCallbackUrl() : undefined;
    if (waiting && !callbackUrl) {
      // A live Zap always has one; `zapier-platform invoke` runs locally without.
      z.console.log('Zapier gave no callback URL (a local run?): the video is started without waiting for it.');
    }
    if (!callbackUrl) return output(await client.createVideo(template, body, { idempotencyKey }));
    const nonce = newCallbackNonce();
    const webhook = {
      url: callbackUrl,
      secret: callbackSecret(bundle.authData.api_key ?? '', nonce),
      events: runEndEvents(template),
    };
    const created = await client.createVideo(template, { ...body, webhook }, { idempotencyKey });
    const target = callbackTarget(created, callbackUrl);
    // Once z.generateCallbackUrl() was called, any normal return parks the step until that URL is requested:
    // zapier-platform-core's create-callback-wrapper.js sets `callbackUsed`, and the after-middleware
    // callback-status-catcher.js then marks every returned envelope CALLBACK (a thrown error skips the after-middlewares
    // and ends the step). So perform may only return when a webhook will reach this step's URL; otherwise it must
    // throw. One status read tells whether the run is already over; an aborted run fails the step here, whichever
    // run it is, whether or not an end event follows.
    const current = unlessAborted(await client.getVideo(template, created.video_id));
    if (target === 'here') {
      // This step's own run (its webhook is this step's callback URL), even if it is already over. Returning its final
      // output now would not end the step (Zapier would keep it parked, see above), so:
      // - completed: return the pending output; the run's `.completed` event is on its way to this URL (Trending
      //   retries deliveries) and performResume turns it into the final output with the MP4 file;
      // - failed: throw now exactly what performResume would throw, which ends the step at once (the `.failed` event
      //   that follows finds the step over, which is harmless).
      if (current.status === 'failed') throw pipelineError({ ...current, video_id: created.video_id });
      return { ...output(created), callback_nonce: nonce };
    }
    throw cannotWait(z, template, current, target, idempotencyKey);
  };

  const performResume = async (z: ZObject, bundle: Bundle): Promise<CreateOutput> => {
    const pending = bundle.outputData as Partial<PendingVideo> | undefined;
    const videoId = pending?.video_id;
    if (videoId === undefined) {
      throw new z.errors.Error(
        'The paused step lost track of its video ID; find the video with Find Video.',
        'invalid_resume',
      );
    }
    const verdict: CallbackVerdict = pending?.callback_nonce
      ? verifyCallback(bundle, callbackSecret(bundle.authData.api_key ?? '', pending.callback_nonce), Date.now())
      : { kind: 'unverifiable' };
    logVerdict(z, videoId, verdict);
    const idempotencyKey = pending?.idempotency_key ?? null;
    const requestWarnings = Array.isArray(pending?.request_warnings) ? pending.request_warnings : [];

    // The status GET is the source of truth: the callback only says "look now", and its body is never used. A run
    // that is over is output (or fails the step) whatever the callback was. performResume runs once per callback and
    // cannot park the step again (Zapier documents no way to), so a callback that finds the run unfinished ends the
    // step either way; what differs is how:
    // - verified (Trending signed that the run ended): the status may lag the delivery, so it is polled for up to
    //   20 s; a run still not over after that fails the step (wait_timeout), an inconsistency worth an error;
    // - unverifiable (no signature to check): possibly a genuine delivery racing the status, so it is polled likewise;
    // - rejected (not signed by Trending): one status read, no polling.
    // An unverified callback is not Trending's word that the run ended, so it never fails the step while the video
    // runs on; nor may it end the step as a success, or the Zap's later steps would run without the video. It halts
    // the Zap run (Zapier's "stopped on purpose", not an error), naming the video and Find Video.
    const client = clientFor(z, bundle);
    // An aborted run fails the step whatever its status says: `aborted`, or `failed` with the error code `aborted`.
    const read: StatusGetter = failingOnAbort((t, id, options) => client.getVideo(t, id, options));
    try {
      const status = await waitForCompletion(read, template, videoId, {
        timeoutMs: verdict.kind === 'rejected' ? 0 : RESUME_WAIT_MS,
        clock: client.transport,
      });
      const final = { ...videoOutput(z, template, status, idempotencyKey), request_warnings: requestWarnings };
      return withCreateFields(final, pending);
    } catch (error) {
      // The wait's errors carry the last status it read: undefined when none was read, so nothing to report.
      const last = isWaitTimeout(error) ? error.lastStatus : undefined;
      if (verdict.kind === 'verified' || last === undefined) throw error;
      throw new z.errors.HaltedError(unfinishedMessage(template, last, verdict));
    }
  };

  return defineCreate({
    key: `create_${template}_video`,
    noun: 'Video',
    display: {
      label: `Create ${spec.label} Video`,
      description: `Creates a ${spec.label} video. ${spec.description}`,
    },
    operation: {
      inputFields: [...templateInputFields(template), MAX_CREDITS_FIELD, WAIT_FIELD, IDEMPOTENCY_FIELD],
      inputFieldGroups: [ADVANCED_GROUP],
      perform: guard(
        perform,
        labels,
        'The video may have been started. Running this step again will not create or charge a second one: ' +
          'it sends the same Idempotency Key, and Trending answers with the video already started.',
      ),
      performResume: guard(
        performResume,
        labels,
        'The video keeps running; use Find Video to get it if this step does not finish.',
      ),
      sample: { ...videoSample(template), request_warnings: [] },
      outputFields: [...VIDEO_OUTPUT_FIELDS, REQUEST_WARNINGS_FIELD],
    },
  });
}

function unfinishedMessage(template: TemplateId, status: VideoStatus, verdict: CallbackVerdict): string {
  const why =
    verdict.kind === 'rejected'
      ? "a request to this step's callback URL that was not signed by Trending"
      : "a request to this step's callback URL that carried no signature";
  return (
    `Video ${status.video_id} is not finished: it is still ${status.status}${whereItIs(status)}. ` +
    `This step was resumed by ${why}, and Zapier cannot make it wait again, so the Zap stops here rather than go on without the video. ` +
    `The video keeps running: use ${findVideoHint(template, status.video_id)} to get it once it is done.`
  );
}

function isWaitTimeout(error: unknown): error is TrendingError {
  return isTrendingError(error) && error.code === 'wait_timeout';
}

function logVerdict(z: ZObject, videoId: number, verdict: CallbackVerdict): void {
  if (verdict.kind === 'verified') {
    z.console.log(
      `Callback for video ${videoId} verified (${verdict.eventName}, delivery ${verdict.deliveryId ?? 'n/a'}).`,
    );
  } else if (verdict.kind === 'unverifiable') {
    z.console.log(`Callback for video ${videoId} carried no signature to check; the video's status decides.`);
  } else {
    z.console.log(`Callback for video ${videoId} failed verification (${verdict.reason}); the video's status decides.`);
  }
}

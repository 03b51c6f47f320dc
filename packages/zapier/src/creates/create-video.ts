/**
 * One factory for the seven "Create <Template> Video" actions: input fields from core's catalogue, validation by core
 * before anything is sent, and "Wait for the Video" through Zapier's callback (perform returns at once, performResume
 * runs when Trending's webhook reaches the callback URL).
 */
import {
  getTemplate,
  isTerminalStatus,
  isTrendingError,
  pipelineError,
  requestIdentity,
  runEndEvents,
  waitForCompletion,
  type CreateVideoResponse,
  type StatusGetter,
  type TemplateId,
  type VideoStatus,
} from '@trending/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { callbackSecret, newCallbackNonce, verifyCallback, type CallbackVerdict } from '../callback';
import { guard, inputError } from '../errors';
import { ADVANCED_GROUP, bodyFromInput, labelResolver, readInput, templateInputFields } from '../fields';
import { IDEMPOTENCY_FIELD, idempotencyKeyFor } from '../idempotency';
import { clientFor } from '../transport';
import { VIDEO_OUTPUT_FIELDS, videoOutput, videoSample, type VideoOutput } from '../video-output';

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

/** What perform hands performResume through bundle.outputData when it waits. */
interface PendingVideo extends VideoOutput {
  callback_nonce: string;
}

export function createVideoAction(template: TemplateId) {
  const spec = getTemplate(template);
  const labels = () => labelResolver(template);

  const perform = async (z: ZObject, bundle: Bundle): Promise<VideoOutput | PendingVideo> => {
    const { body, problems } = bodyFromInput(template, bundle.inputData);
    const wait = readInput(bundle.inputData, WAIT_FIELD.key, WAIT_FIELD.label, 'boolean', problems) !== false;
    if (problems.length > 0) throw inputError(z, problems);
    // The key covers what the user asked for, not the per-run webhook, so a replay derives the same key.
    const idempotencyKey = idempotencyKeyFor(bundle, ['create', template], requestIdentity(body));
    // Core's createVideo returns only the body; the API's `Idempotent-Replayed: true` header (the answer is the run an
    // earlier request with this key started) is seen here, on the transport, as the create's response goes by.
    let replayed = false;
    const client = clientFor(z, bundle, (req, res) => {
      if (req.method === 'POST') replayed = res.headers['idempotent-replayed'] === 'true';
    });

    // Callbacks only work in a live Zap: a test in the editor returns the video as it is right after the start.
    const waiting = wait && !bundle.meta?.isLoadingSample;
    const callbackUrl = waiting ? z.generateCallbackUrl() : undefined;
    if (waiting && !callbackUrl) {
      // A live Zap always has one; `zapier-platform invoke` runs locally without.
      z.console.log('Zapier gave no callback URL (a local run?): the video is started without waiting for it.');
    }
    if (!callbackUrl) {
      const created = await client.createVideo(template, body, { idempotencyKey });
      return videoOutput(z, template, created, idempotencyKey);
    }
    const nonce = newCallbackNonce();
    const webhook = {
      url: callbackUrl,
      secret: callbackSecret(bundle.authData.api_key ?? '', nonce),
      events: runEndEvents(template),
    };
    const created = await client.createVideo(template, { ...body, webhook }, { idempotencyKey });
    const ours = callsBackHere(created, callbackUrl, replayed);
    // Once z.generateCallbackUrl() was called, any normal return parks the step until that URL is requested:
    // zapier-platform-core's create-callback-wrapper.js sets `callbackUsed`, and the after-middleware
    // callback-status-catcher.js then marks every returned envelope CALLBACK (a thrown error skips the after-middlewares
    // and ends the step). So perform may only return when a webhook will reach this step's URL; otherwise it must
    // throw. One status read tells whether the run is already over.
    const current = await client.getVideo(template, created.video_id);
    if (ours) {
      // This step's own new video (its webhook is this step's callback URL), even if it is already over: never a
      // "replay". Returning its final output now would not end the step (Zapier would keep it parked, see above), so:
      // - completed: return the pending output; the run's `.completed` event is on its way to this URL (Trending
      //   retries deliveries) and performResume turns it into the final output with the MP4 file;
      // - failed / aborted: throw now exactly what performResume would throw (the pipeline error as a failure of the
      //   step, or `aborted`), which ends the step at once; an aborted run sends no end event this step waits for.
      if (isTerminalStatus(current) && current.status !== 'completed') {
        await waitForCompletion(async () => current, template, created.video_id, {
          timeoutMs: 0,
          clock: client.transport,
        });
      }
      return { ...videoOutput(z, template, created, idempotencyKey), callback_nonce: nonce };
    }
    // A replayed step got an earlier run back under the same key; that run calls an earlier step back (or nothing).
    if (isTerminalStatus(current)) throw alreadyFinished(z, current, idempotencyKey);
    const error = stillRunningElsewhere(z, template, current, idempotencyKey);
    z.console.log(error.message);
    throw error;
  };

  const performResume = async (z: ZObject, bundle: Bundle): Promise<VideoOutput> => {
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

    // The status GET is the source of truth: the callback only says "look now", and its body is never used. A run
    // that is over is output (or fails the step) whatever the callback was. performResume runs once per callback and
    // cannot park the step again (Zapier documents no way to), so a callback that finds the run unfinished ends the
    // step either way; what differs is how:
    // - verified (Trending signed that the run ended): the status may lag the delivery, so it is polled for up to
    //   20 s; a run still not over after that fails the step (wait_timeout), an inconsistency worth an error;
    // - unverifiable (no signature to check): possibly a genuine delivery racing the status, so it is polled likewise;
    // - rejected (not signed by Trending): one status read, no polling.
    // An unverified callback is not Trending's word that the run ended, so it never fails the step while the video
    // runs on: the step ends with the video's current status and a note saying so (Find Video gets the result later).
    const client = clientFor(z, bundle);
    let last: VideoStatus | undefined;
    const read: StatusGetter = async (t, id, options) => (last = await client.getVideo(t, id, options));
    try {
      const status = await waitForCompletion(read, template, videoId, {
        timeoutMs: verdict.kind === 'rejected' ? 0 : RESUME_WAIT_MS,
        clock: client.transport,
      });
      return videoOutput(z, template, status, idempotencyKey);
    } catch (error) {
      if (verdict.kind === 'verified' || last === undefined || !isWaitTimeout(error)) throw error;
      const note = unfinishedNote(template, last, verdict);
      z.console.log(note);
      return videoOutput(z, template, last, idempotencyKey, note);
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
      inputFields: [...templateInputFields(template), WAIT_FIELD, IDEMPOTENCY_FIELD],
      inputFieldGroups: [ADVANCED_GROUP],
      perform: guard(perform, labels),
      performResume: guard(performResume, labels),
      sample: { ...videoSample(template) },
      outputFields: VIDEO_OUTPUT_FIELDS,
    },
  });
}

function alreadyFinished(z: ZObject, status: VideoStatus, idempotencyKey: string): Error {
  const again = 'To make a new video from the same values, map a new value into Idempotency Key.';
  if (status.status === 'failed') {
    const failed = pipelineError(status);
    return new z.errors.Error(`${failed.message} (an earlier run of this step, returned again). ${again}`, failed.code);
  }
  return new z.errors.Error(
    `This step already ran with the same values (Idempotency-Key ${idempotencyKey}): video ${status.video_id} is ${status.status}, ` +
      `so there is nothing to wait for. Use Find Video to get it. ${again}`,
    'already_finished',
  );
}

/**
 * Whether the run's webhook points at this step's callback URL. The API echoes the webhook it keeps for the run; a
 * replay returns the earlier run's, whose URL (or none) belongs to an earlier step, and the echo decides. An answer
 * without the echo decides by the `Idempotent-Replayed: true` header: a replay calls an earlier step back, anything
 * else is the fresh run that registered this step's URL.
 */
function callsBackHere(created: CreateVideoResponse, callbackUrl: string, replayed: boolean): boolean {
  if (created.webhook === undefined) return !replayed;
  return created.webhook?.url === callbackUrl;
}

function whereItIs(status: VideoStatus): string {
  const parts = [status.step_label, typeof status.progress_percent === 'number' ? `${status.progress_percent}%` : null];
  const where = parts.filter(Boolean).join(', ');
  return where ? ` (${where})` : '';
}

function stillRunningElsewhere(z: ZObject, template: TemplateId, status: VideoStatus, idempotencyKey: string): Error {
  return new z.errors.HaltedError(
    `This step already ran with the same values (Idempotency-Key ${idempotencyKey}): video ${status.video_id} is that earlier run's video, still ${status.status}${whereItIs(status)}. ` +
      `Its end is reported to the earlier step, not to this one, so this step does not wait for it. ` +
      `Use Find Video (Template ${getTemplate(template).label}, Video ID ${status.video_id}) to get it once it is done. ` +
      'To make a new video from the same values, map a new value into Idempotency Key.',
  );
}

function unfinishedNote(template: TemplateId, status: VideoStatus, verdict: CallbackVerdict): string {
  const why =
    verdict.kind === 'rejected'
      ? `a request to this step's callback URL that was not signed by Trending (${verdict.message})`
      : "a request to this step's callback URL that carried no signature";
  return (
    `Video ${status.video_id} is not finished: it is still ${status.status}${whereItIs(status)}. ` +
    `This step was resumed by ${why}, and Zapier cannot make it wait again, so this is the video's status now, not its result. ` +
    `The video keeps running: use Find Video (Template ${getTemplate(template).label}, Video ID ${status.video_id}) to get it once it is done.`
  );
}

function isWaitTimeout(error: unknown): boolean {
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

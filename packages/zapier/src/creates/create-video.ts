/**
 * One factory for the seven "Create <Template> Video" actions: input fields from core's catalogue, validation by core
 * before anything is sent, and "Wait for the Video" through Zapier's callback (perform returns at once, performResume
 * runs when Trending's webhook reaches the callback URL).
 */
import { getTemplate, isTerminalStatus, pipelineError, type TemplateId, type VideoStatus } from '@trending/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { callbackEvents, callbackSecret, newCallbackNonce, verifyCallback, type CallbackVerdict } from '../callback';
import { guard, inputError } from '../errors';
import { ADVANCED_GROUP, bodyFromInput, labelResolver, readInput, templateInputFields } from '../fields';
import { IDEMPOTENCY_FIELD, canonicalJson, idempotencyKeyFor } from '../idempotency';
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
    const idempotencyKey = idempotencyKeyFor(bundle, 'create', template, canonicalJson(body));
    const client = clientFor(z, bundle);

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
      events: callbackEvents(template),
    };
    const created = await client.createVideo(template, { ...body, webhook }, { idempotencyKey });
    // A replayed step gets the earlier run back under the same key, and a run that is already over sends no new
    // webhook: waiting would last until Zapier gives up (30 days). One status read tells, and the step ends now.
    const current = await client.getVideo(template, created.video_id);
    if (isTerminalStatus(current)) throw alreadyFinished(z, current, idempotencyKey);
    return { ...videoOutput(z, template, created, idempotencyKey), callback_nonce: nonce };
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

    // The status GET is the source of truth: the callback only says "look now". An unverified callback may still
    // resume the step, but its body is never used, and if the run is not over it is refused instead of waited on.
    const status = await clientFor(z, bundle).waitForCompletion(template, videoId, {
      timeoutMs: RESUME_WAIT_MS,
      onPoll: (current) => {
        if (verdict.kind === 'rejected') {
          throw new z.errors.Error(
            `Ignored a callback for video ${videoId} that was not signed by Trending (${verdict.message}) ` +
              `The video is still ${current.status}: get it later with Find Video.`,
            'callback_not_verified',
          );
        }
      },
    });
    return videoOutput(z, template, status, pending?.idempotency_key ?? null);
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

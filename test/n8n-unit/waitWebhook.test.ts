/**
 * The job list of Wait via webhook in n8n's execution custom data, against the fake's copy of n8n 2.41's limits
 * (10 keys, values cut at 512 characters, an error logged over 255).
 */
import { TEMPLATE_IDS } from '../../packages/core/src';
import {
  decodeJobs,
  encodeJobs,
  jobsKeys,
  MAX_ERROR_CODE_LENGTH,
  safeErrorCode,
  readJobs,
  storeJobs,
  waitCapacity,
  WAIT_WEBHOOK_MAX_ITEMS,
  resumeUrlWithSuffix,
} from '../../nodes/Trending/helpers/waitWebhook';
import { CUSTOM_DATA_LIMITS, executeContext, newExecution, type ExecutionState } from './context';
import { node } from './harness';

const NODE_ID = '3f1a2b4c-5d6e-4f70-8a91-b2c3d4e5f607';

function customDataOf(execution: ExecutionState) {
  return executeContext({ nodeType: node, parameters: {}, execution }).customData;
}

function withOtherKeys(count: number): ExecutionState {
  const execution = newExecution();
  for (let i = 0; i < count; i++) execution.customData[`other_${i}`] = 'x';
  return execution;
}

const LONGEST = Number.MAX_SAFE_INTEGER;

describe('Wait via webhook job list', () => {
  it('keeps 50 videos with the longest possible IDs whole, over several keys of at most 255 characters', () => {
    const execution = withOtherKeys(7);
    const customData = customDataOf(execution);
    const jobs = { template: 'didyouknow' as const, videoIds: [...Array.from({ length: 49 }, () => LONGEST), null] };
    expect(storeJobs(customData, NODE_ID, jobs)).toBe(true);
    expect(readJobs(customData, NODE_ID)).toEqual(jobs);
    expect(execution.customDataErrors).toEqual([]);
    const mine = Object.keys(execution.customData).filter((key) => key.startsWith('trending_wait_'));
    expect(mine.length).toBeGreaterThan(1);
    expect(Object.keys(execution.customData).length).toBeLessThanOrEqual(CUSTOM_DATA_LIMITS.keys);
    for (const key of mine) {
      expect(key.length).toBeLessThanOrEqual(CUSTOM_DATA_LIMITS.keyLength);
      expect(execution.customData[key]!.length).toBeLessThanOrEqual(CUSTOM_DATA_LIMITS.loggedValueLength);
    }
  });

  it('promises only what fits: for any number of keys left, that many items of the longest IDs are kept', () => {
    for (let others = 0; others <= CUSTOM_DATA_LIMITS.keys; others++) {
      const execution = withOtherKeys(others);
      const customData = customDataOf(execution);
      const capacity = waitCapacity(customData, NODE_ID);
      expect(capacity).toBeLessThanOrEqual(WAIT_WEBHOOK_MAX_ITEMS);
      if (capacity === 0) {
        expect(others).toBeGreaterThanOrEqual(CUSTOM_DATA_LIMITS.keys);
        continue;
      }
      for (const template of TEMPLATE_IDS) {
        const jobs = { template, videoIds: Array.from({ length: capacity }, () => LONGEST) };
        expect(storeJobs(customData, NODE_ID, jobs), `${others} keys taken, ${template}`).toBe(true);
        expect(readJobs(customData, NODE_ID)).toEqual(jobs);
      }
      expect(execution.customDataErrors).toEqual([]);
    }
  });

  it("a later run of the node (Loop Over Items) overwrites its own keys, and they do not count as other nodes'", () => {
    const execution = withOtherKeys(8);
    const customData = customDataOf(execution);
    const before = waitCapacity(customData, NODE_ID);
    const big = { template: 'story' as const, videoIds: Array.from({ length: before }, () => LONGEST) };
    expect(storeJobs(customData, NODE_ID, big)).toBe(true);
    expect(waitCapacity(customData, NODE_ID)).toBe(before);
    const small = { template: 'list' as const, videoIds: [7, null, 9] };
    expect(storeJobs(customData, NODE_ID, small)).toBe(true);
    expect(readJobs(customData, NODE_ID)).toEqual(small);
  });

  it('keeps the error code of each item that failed before waiting, and still reads the bare `!` of older lists', () => {
    const jobs = {
      template: 'rants' as const,
      videoIds: [5, null, null, 7],
      errorCodes: [undefined, 'validation_failed', 'wait_timeout', undefined],
    };
    const values = encodeJobs(jobs);
    expect(values).toEqual(['v2:1:rants:5,!validation_failed,!wait_timeout,7']);
    expect(decodeJobs(values)).toEqual(jobs);
    // Written by an older version: failed items without a code.
    expect(decodeJobs(['v2:1:rants:5,!,7'])).toEqual({ template: 'rants', videoIds: [5, null, 7] });
    expect(decodeJobs(['v2:1:rants:5,!,7'])!.errorCodes).toBeUndefined();
    // A failed item without a code is written as before.
    expect(encodeJobs({ template: 'rants', videoIds: [5, null], errorCodes: [undefined, undefined] })).toEqual([
      'v2:1:rants:5,!',
    ]);
    // Anything but [a-z0-9_] in a kept code is refused.
    expect(decodeJobs(['v2:1:rants:5,!bad-code'])).toBeUndefined();
  });

  it('writes only safe, bounded error codes: nothing that could split the list', () => {
    expect(safeErrorCode('Validation-Failed')).toBe('validation_failed');
    expect(safeErrorCode('a,b:c!d')).toBe('a_b_c_d');
    expect(safeErrorCode('x'.repeat(100))).toHaveLength(MAX_ERROR_CODE_LENGTH);
    expect(safeErrorCode('---')).toBeUndefined();
    expect(safeErrorCode(42)).toBeUndefined();
    const jobs = { template: 'story' as const, videoIds: [null, 1], errorCodes: ['weird,code:!', undefined] };
    expect(decodeJobs(encodeJobs(jobs))).toEqual({ ...jobs, errorCodes: ['weird_code', undefined] });
  });

  it('error codes never cost capacity: when they do not fit, they are dropped from the last item back', () => {
    const longCode = 'c'.repeat(MAX_ERROR_CODE_LENGTH);
    for (let others = 0; others < CUSTOM_DATA_LIMITS.keys; others++) {
      const execution = withOtherKeys(others);
      const customData = customDataOf(execution);
      const capacity = waitCapacity(customData, NODE_ID);
      // One video of the longest ID, every other item failed with the longest code.
      const videoIds = Array.from({ length: capacity }, (_, index) => (index === 0 ? LONGEST : null));
      const errorCodes = videoIds.map((id) => (id === null ? longCode : undefined));
      expect(storeJobs(customData, NODE_ID, { template: 'didyouknow', videoIds, errorCodes }), `${others}`).toBe(true);
      const read = readJobs(customData, NODE_ID)!;
      expect(read.videoIds).toEqual(videoIds);
      const kept = read.errorCodes ?? [];
      // The codes kept are the first ones, whole.
      const firstDropped = kept.findIndex((code, index) => index > 0 && code === undefined);
      if (firstDropped > 0) expect(kept.slice(firstDropped).every((code) => code === undefined)).toBe(true);
      expect(kept.filter((code) => code !== undefined).every((code) => code === longCode)).toBe(true);
      expect(execution.customDataErrors).toEqual([]);
      expect(Object.keys(execution.customData).length).toBeLessThanOrEqual(CUSTOM_DATA_LIMITS.keys);
    }
  });

  it('refuses what it did not write', () => {
    const keys = jobsKeys(NODE_ID);
    expect(decodeJobs([undefined])).toBeUndefined();
    expect(decodeJobs(['v1:rants:1,2'])).toBeUndefined();
    expect(decodeJobs(['v2:2:rants:1,2'])).toBeUndefined(); // second part missing
    expect(decodeJobs(['v2:1:nosuchtemplate:1'])).toBeUndefined();
    expect(decodeJobs(['v2:1:rants:zzzzzzzzzzzzzz'])).toBeUndefined();
    expect(keys.every((key) => /^[A-Za-z0-9_]+$/.test(key) && key.length <= CUSTOM_DATA_LIMITS.keyLength)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('resume URL suffix', () => {
  it('inserts the restart webhook path before the query that carries the resume token', () => {
    expect(resumeUrlWithSuffix('https://n8n.example.com/webhook-waiting/42?signature=tok')).toBe(
      'https://n8n.example.com/webhook-waiting/42/trending?signature=tok',
    );
    expect(resumeUrlWithSuffix('https://n8n.example.com/webhook-waiting/42')).toBe(
      'https://n8n.example.com/webhook-waiting/42/trending',
    );
    expect(resumeUrlWithSuffix('https://n8n.example.com/webhook-waiting/42/?signature=a%2Fb')).toBe(
      'https://n8n.example.com/webhook-waiting/42/trending?signature=a%2Fb',
    );
  });
});

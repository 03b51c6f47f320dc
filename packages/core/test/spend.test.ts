import nock from 'nock';
import { TrendingClient } from '../src/client';
import { guardCreateSpend, guardSlideAnimationSpend, slideAnimationCredits } from '../src/spend';
import { nodeTransport, recordingTransport } from './support/node-transport';

const BASE = 'https://api.trending.test';
const client = () =>
  new TrendingClient({ baseUrl: BASE, apiKey: 'tk_test', transport: recordingTransport(nodeTransport(), {}) });
const quote = (total: number) => ({ template: 'story', estimate: { total_credits: total } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('guardCreateSpend', () => {
  it('quotes the create and lets it through at or under the maximum', async () => {
    const scope = nock(BASE)
      .post('/api/v1/cost-estimate', { template: 'story', request: { prompt: 'A hotel keycard.' } })
      .reply(200, quote(183));
    await expect(guardCreateSpend(client(), 'story', { prompt: 'A hotel keycard.' }, 183)).resolves.toEqual({
      credits: 183,
      maxCredits: 183,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses above the maximum with the estimate in the message', async () => {
    nock(BASE).post('/api/v1/cost-estimate').reply(200, quote(183));
    await expect(guardCreateSpend(client(), 'story', {}, 100)).rejects.toMatchObject({
      code: 'spend_limit_exceeded',
      message: 'This story video is estimated at 183 credits, above the maximum of 100: nothing was sent.',
    });
  });

  it('refuses when the estimate has no total (the check cannot be made)', async () => {
    nock(BASE).post('/api/v1/cost-estimate').reply(200, { estimate: {} });
    await expect(guardCreateSpend(client(), 'story', {}, 100)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('refuses a maximum that is not a number of credits', async () => {
    await expect(guardCreateSpend(client(), 'story', {}, -1)).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('guardSlideAnimationSpend', () => {
  const list = {
    slides: [
      { slide_index: 0, duration_seconds: 4, estimated_credits: 40 },
      { slide_index: 1, duration_seconds: 6 },
    ],
  };
  it('reads the per-slide estimate, or derives it at 10 credits per second', () => {
    expect(slideAnimationCredits(list, 0)).toBe(40);
    expect(slideAnimationCredits(list, 1)).toBe(60);
    expect(slideAnimationCredits(list, 2)).toBeUndefined();
  });
  it('allows up to the maximum and refuses above it or without an estimate', () => {
    expect(guardSlideAnimationSpend(list, 1, 60)).toEqual({ credits: 60, maxCredits: 60 });
    expect(() => guardSlideAnimationSpend(list, 1, 59)).toThrow(/slide 1 is estimated at 60 credits/);
    expect(() => guardSlideAnimationSpend(list, 2, 1000)).toThrow(/no credit estimate for slide 2/);
  });
});

describe('editListScript', () => {
  const script = {
    intro: 'Five facts',
    lines: [{ id: 1, type: 'item', text: 'One', audio_url: 'https://x/1.mp3' }],
    emoji_suggestions: ['🔥'],
    updated_at: '2026-12-01T10:00:00.000Z',
  };
  it('reads, then writes the whole script with the edits over it and expected_updated_at, for PATCH too', async () => {
    nock(BASE).get('/api/v1/list/videos/7/script').reply(200, { script });
    const write = nock(BASE)
      .patch('/api/v1/list/videos/7/script', {
        script: { intro: 'Six facts', lines: [{ id: 1, type: 'item', text: 'One' }], emoji_suggestions: ['🔥'] },
        expected_updated_at: '2026-12-01T10:00:00.000Z',
      })
      .reply(200, { script: { ...script, intro: 'Six facts' } });
    const saved = await client().editListScript(7, { intro: 'Six facts' }, { method: 'PATCH' });
    expect(saved.script.intro).toBe('Six facts');
    expect(write.isDone()).toBe(true);
  });
});

/** sendRows on its own, with a stand-in client: every row ends up sent or reported, whatever stops the run. */
import type { CreateVideoResponse, TrendingClient } from '@trending/core';
import { Journal } from '../src/journal';
import type { PreparedRow } from '../src/rows/prepare';
import { sendRows } from '../src/trigger-sender';

function rows(count: number): PreparedRow[] {
  return Array.from({ length: count }, (_, i) => ({
    row: i + 1,
    line: i + 2,
    template: 'rants',
    key: `key-${i + 1}`,
    body: { video_type: 'rants', prompt: `A rant about thing number ${i + 1}` },
    violations: [],
  }));
}

/** A client whose trigger answers at once, and aborts the run when the `abortAfter`-th row is sent. */
function stubClient(controller: AbortController, abortAfter: number) {
  const sent: string[] = [];
  const client = {
    async sendSignedTrigger(input: { idempotencyKey: string }): Promise<CreateVideoResponse> {
      sent.push(input.idempotencyKey);
      if (sent.length === abortAfter) controller.abort();
      await new Promise((resolve) => setImmediate(resolve));
      return { video_id: 1000 + sent.length, status: 'queued' } as CreateVideoResponse;
    },
  } as unknown as TrendingClient;
  return { client, sent };
}

describe('sendRows', () => {
  it.each([1, 3])(
    'reports every row not yet sent as not_sent when interrupted (concurrency %i)',
    async (concurrency) => {
      const controller = new AbortController();
      const { client, sent } = stubClient(controller, 2);
      const outcomes = await sendRows(rows(8), {
        client,
        target: { kind: 'signed', triggerId: 'trg_x', secret: 'whsec_x' },
        journal: Journal.open(undefined),
        concurrency,
        signal: controller.signal,
      });
      expect(outcomes.map((o) => o.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      const accepted = outcomes.filter((o) => o.status === 'accepted');
      const notSent = outcomes.filter((o) => o.status === 'not_sent');
      expect(accepted.map((o) => o.key).sort()).toEqual([...sent].sort());
      expect(notSent).toHaveLength(8 - sent.length);
      expect(notSent.every((o) => o.reason === 'interrupted before it was sent')).toBe(true);
    },
  );
});

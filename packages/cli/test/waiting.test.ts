/**
 * How a wait ends when the run was aborted, on both ways an API can say so: the reference's `failed` with
 * pipeline_error.code `aborted`, and a status `aborted` (read the same way in case the API ever sends it). A fake
 * client stands in for the API, so the second form is tested although the simulator never sends it.
 */
import { PassThrough } from 'node:stream';
import { TrendingError, type TrendingClient, type VideoStatus } from '@trending/core';
import { RunAborted } from '../src/errors';
import { Output } from '../src/output';
import { waitAndReport } from '../src/waiting';

function fakeClient(statuses: Partial<VideoStatus>[]): TrendingClient {
  let polls = 0;
  return {
    getVideo: async () => ({ video_id: 42, ...statuses[Math.min(polls++, statuses.length - 1)] }) as VideoStatus,
    transport: { now: () => Date.now(), sleep: async () => {} },
  } as unknown as TrendingClient;
}

async function waitFor(statuses: Partial<VideoStatus>[]) {
  const stdout = new PassThrough();
  let printed = '';
  stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const out = new Output({ json: false, stdout, stderr: new PassThrough() });
  const error = await waitAndReport(fakeClient(statuses), out, 'rants', 42, { timeout: '60' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, printed };
}

describe('waiting for a run that was aborted', () => {
  it.each([
    [
      'failed with pipeline_error.code aborted',
      { status: 'failed', pipeline_error: { code: 'aborted', message: 'The run was aborted on request.' } },
    ],
    ['status aborted', { status: 'aborted' }],
  ] as const)('reports %s as an aborted run', async (_name, final) => {
    const { error, printed } = await waitFor([{ status: 'running' }, final as Partial<VideoStatus>]);
    expect(error).toBeInstanceOf(RunAborted);
    expect((error as RunAborted).code).toBe('aborted');
    expect((error as RunAborted).message).toMatch(/^Video 42 \(rants\) was aborted before it completed/);
    expect((error as RunAborted).details).toMatchObject({ video_id: 42, template: 'rants', status: final.status });
    expect(printed).toBe('status: aborted\n');
  });

  it('reports any other failure as the failure it is', async () => {
    const { error, printed } = await waitFor([
      { status: 'failed', pipeline_error: { code: 'render_failed', message: 'The render failed.' } },
    ]);
    expect(error).toBeInstanceOf(TrendingError);
    expect(error).not.toBeInstanceOf(RunAborted);
    expect((error as TrendingError).code).toBe('render_failed');
    expect(printed).toBe('');
  });
});

/**
 * Regression: `read ECONNRESET` on 200 MB uploads under load. A test that builds a 200 MB body in the same process as
 * the simulator stalls the event loop for seconds. The simulator used to close idle keep-alive connections after 5 s;
 * after a longer stall both that timer and the client's are overdue, the client writes its upload onto the pooled
 * connection, and the server's overdue timer then destroys it with the request unread: the client sees ECONNRESET.
 * The simulator now leaves closing idle connections to the client.
 */
import { startSimulator, type SimulatorHandle } from '@trending/simulator';
import { head, raw } from './rawhttp';

/** Longer than the simulator's old idle close: keepAliveTimeout 5 s, plus the 1 s Node 20 adds to its own timer. */
const STALL_MS = 6_500;

function blockEventLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // A synchronous stall, like building a 200 MB upload body on a loaded machine.
  }
}

describe('keep-alive connections', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ speed: 0.001, rateLimitPerMinute: 0 });
  });
  afterAll(() => sim.close());

  it('a connection reused right after a long event-loop stall still gets its answer (no ECONNRESET)', async () => {
    const request = head('GET', '/api/v1/library/folders', [['Authorization', 'Bearer sk_test_pro']]);
    const answer = await raw(
      sim.port,
      [
        request,
        { wait: 200 },
        // The next write follows the stall synchronously, before any overdue timer of the server can run.
        { run: () => blockEventLoop(STALL_MS) },
        request,
        'end',
      ],
      10_000,
    );
    expect(answer.error).toBeNull();
    expect(answer.statuses).toEqual([200, 200]);
    expect(answer.text).not.toMatch(/keep-alive: timeout=/i);
  }, 20_000);
});

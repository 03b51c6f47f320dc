/**
 * Raw HTTP/1.1 over `net.connect`, for requests no HTTP client will send: truncated bodies, aborted uploads, bad
 * chunked encoding, huge headers. Everything the server sends back is collected until it closes the connection (or
 * the deadline passes, then we close it).
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** Status codes of every response seen on the connection, in order. */
  statuses: number[];
  /** Everything received, as latin1 text. */
  text: string;
  /** The server closed (or reset) the connection before our deadline. */
  closedByServer: boolean;
  /** A socket error (ECONNRESET, EPIPE), if any. */
  error: string | null;
}

/** Bytes to write, a pause, a synchronous action (`run`), a half-close ('end') or an abort ('destroy'). */
export type Step = string | Buffer | { wait: number } | { run: () => void } | 'end' | 'destroy';

/** Status codes of the HTTP responses in `text`, walking them by Content-Length (the simulator never chunks). */
export function statusesOf(text: string): number[] {
  const statuses: number[] = [];
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\r\n\r\n', at);
    const status = /^HTTP\/1\.[01] (\d{3}) /.exec(text.slice(at, at + 16));
    if (end < 0 || !status) break;
    statuses.push(Number(status[1]));
    const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(at, end + 2));
    at = end + 4 + (length ? Number(length[1]) : 0);
  }
  return statuses;
}

/**
 * Connects, performs the steps (write bytes, wait, half-close with 'end', or abort with 'destroy'), then collects the
 * answer until the server closes the connection or `deadlineMs` passes.
 */
export function raw(port: number, steps: readonly Step[], deadlineMs = 2000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let error: string | null = null;
    let done = false;
    let closedByServer = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      resolve({ statuses: statusesOf(text), text, closedByServer, error });
    };
    const timer = setTimeout(finish, deadlineMs);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => {
      if (!done) closedByServer = true;
      finish();
    });
    socket.on('connect', () => {
      void (async () => {
        for (const step of steps) {
          if (done || socket.destroyed) return;
          if (step === 'end') socket.end();
          else if (step === 'destroy') {
            socket.destroy();
            finish();
            return;
          } else if (typeof step === 'object' && 'run' in step) {
            // From the check phase, so the next loop iteration starts with timers (as after a stalled callback).
            await new Promise((r) => setImmediate(r));
            step.run();
          } else if (typeof step === 'object' && 'wait' in step) {
            await new Promise((r) => setTimeout(r, step.wait));
          } else if (!socket.write(step)) {
            await new Promise<void>((r) => {
              const go = (): void => {
                socket.off('drain', go);
                socket.off('close', go);
                r();
              };
              socket.on('drain', go);
              socket.on('close', go);
            });
          }
        }
      })();
    });
  });
}

/** Request head with CRLFs; `headers` are written as given (so duplicates and odd casing are possible). */
export function head(method: string, path: string, headers: readonly (readonly [string, string])[]): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

// The server side of the harness protocol, shared by every server under test:
// - print `READY <port>` on stdout once listening;
// - stop on SIGTERM/SIGINT, when the parent goes away (IPC disconnect) or after a hard lifetime;
// - on IPC request, CPU-profile exactly the measured window with the inspector.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export type ParentMessage = { type: 'profile-start' } | { type: 'profile-stop'; file: string };
export type ChildMessage = { type: 'profile-started' } | { type: 'profile-written'; file: string } | { type: 'profile-failed'; error: string };

const DEFAULT_MAX_SECONDS = 900;

/** Says the server listens on `port` (the harness waits for this line). */
export function announceReady(port: number): void {
  process.stdout.write(`READY ${port}\n`);
}

/** The port the server should listen on: BENCH_PORT, or 0 for a free one. */
export function requestedPort(): number {
  const port = Number(process.env.BENCH_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`BENCH_PORT is not a port: ${process.env.BENCH_PORT}`);
  return port;
}

/**
 * Runs `close` and exits on any stop signal. Exiting through process.exit (not a kill) matters:
 * it lets `--cpu-prof` write its file and SQLite checkpoint its WAL.
 */
export function stopOnSignal(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(code || 1), 5_000);
    force.unref();
    close().then(
      () => process.exit(code),
      (err: unknown) => {
        console.error(`[${why}] close failed:`, err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // The harness talks over IPC; when it dies (even by SIGKILL) the channel closes and we follow.
  if (process.connected) process.on('disconnect', () => stop('parent gone'));
  // Never outlive a benchmark by much, whatever happens to the parent.
  const maxSeconds = Number(process.env.BENCH_CHILD_MAX_SECONDS ?? DEFAULT_MAX_SECONDS);
  setTimeout(() => {
    console.error(`server under test ran longer than ${maxSeconds} s, exiting`);
    stop('lifetime', 2);
  }, maxSeconds * 1000).unref();
  handleProfilingRequests();
}

function handleProfilingRequests(): void {
  if (!process.connected) return;
  let session: Session | undefined;
  const reply = (message: ChildMessage) => process.send?.(message);
  process.on('message', (message: ParentMessage) => {
    void (async () => {
      try {
        if (message.type === 'profile-start') {
          session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 500 });
          await session.post('Profiler.start');
          reply({ type: 'profile-started' });
        } else if (message.type === 'profile-stop' && session) {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(message.file, JSON.stringify(profile));
          session.disconnect();
          session = undefined;
          reply({ type: 'profile-written', file: message.file });
        }
      } catch (err) {
        reply({ type: 'profile-failed', error: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
}

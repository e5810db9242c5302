import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

// Several server processes on one machine share its port (node:cluster) and its database. The
// platform keeps no state in a process that another must see (sessions, rate limits, job leases,
// the audit chain's head all live in the database), so any worker can serve any request; on
// SQLite the workers take turns at the one write lock (db/group-commit.ts waits for it without
// blocking the event loop). The primary only starts, restarts and stops the workers.

/** A worker that dies this soon after starting is failing to start, not crashing under load. */
const EARLY_EXIT_MS = 10_000;
/** Early exits in a row after which the primary gives up instead of restarting in a loop. */
const MAX_EARLY_EXITS = 3;

export interface Supervisor {
  /** The port the workers listen on, once every one of them listens. */
  listening: Promise<number>;
  /** Stops the workers (SIGTERM, so each closes its server and database) and resolves when all have exited. */
  stop(): Promise<void>;
}

/**
 * Forks `count` workers running this same program, restarts one that exits unexpectedly, and
 * exits the primary with an error when workers keep dying right after they start (a broken
 * configuration would otherwise restart forever).
 */
export function superviseWorkers(count: number, log: Logger, env: NodeJS.ProcessEnv = process.env): Supervisor {
  // The workers accept connections themselves, from the one listening socket. Node's default on
  // Linux has the primary accept them and hand each to a worker in turn; a connection handed to a
  // worker that dies before taking it stays open in the primary, unanswered, for good: a person's
  // submission that never returns. Killing a worker under load left one such connection per kill
  // (platform/cluster.test.ts). A busy worker (SQLite's calls block its event loop) does not
  // accept meanwhile, so the connection goes to one that is free.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  let earlyExits = 0;
  const started = new Map<Worker, number>();

  const fork = () => {
    const worker = cluster.fork(env);
    started.set(worker, Date.now());
    worker.on('listening', () => { earlyExits = 0; });
    worker.on('exit', (code, signal) => {
      const lived = Date.now() - (started.get(worker) ?? 0);
      started.delete(worker);
      if (stopping) return;
      log.error({ workerPid: worker.process.pid, code, signal, livedMs: lived }, 'worker exited; starting another');
      if (lived < EARLY_EXIT_MS && ++earlyExits >= MAX_EARLY_EXITS) {
        log.fatal({ earlyExits }, 'workers keep exiting right after they start; stopping');
        void stop().then(() => process.exit(1));
        return;
      }
      fork();
    });
    return worker;
  };

  // Counted across restarts: a worker that died before it listened is replaced by one that does.
  const listening = new Promise<number>((resolve) => {
    let ready = 0;
    const onListening = (_worker: Worker, address: { port: number }) => {
      if (++ready < count) return;
      cluster.off('listening', onListening);
      resolve(address.port);
    };
    cluster.on('listening', onListening);
  });
  for (let i = 0; i < count; i++) fork();

  const stop = async () => {
    stopping = true;
    const workers = [...started.keys()];
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      if (w.isDead()) return resolve();
      w.once('exit', () => resolve());
      w.kill('SIGTERM');
    })));
  };
  return { listening, stop };
}

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// SQLite in WAL mode copies the log back into the database file (a checkpoint) whenever a commit
// leaves the log over 1,000 pages, and it does so inside that commit, on the connection's thread.
// better-sqlite3 is synchronous, so each checkpoint stopped this process's event loop: under the
// opening-day burst about one commit in a hundred took 10–20 ms instead of ~1 ms, and every
// request in flight waited with it (bench/README.md). A worker thread with a connection of its
// own therefore runs PASSIVE checkpoints, which never block readers or writers and never wait for
// them. The serving connection keeps a far higher threshold (kysely.ts,
// SERVING_AUTOCHECKPOINT_PAGES) rather than none: under a steady stream of writes a passive
// checkpoint never quite catches up with the log's end, and only a checkpoint by the writer lets
// the log start over; when it comes, the worker has copied nearly everything already. Commits are
// as durable as before: they are in the log when they return, whoever copies them back later.

/** How often the worker looks for new log pages to copy back. */
const INTERVAL_MS = 100;

// Plain JavaScript run with `eval`: the worker needs no loader for TypeScript, in the server, its
// tests or the benchmarks alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
let timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // Busy (another checkpoint, a schema change) or gone: the next turn tries again.
    if (err && err.code !== 'SQLITE_BUSY' && err.code !== 'SQLITE_LOCKED') parentPort.postMessage({ error: String(err && err.message) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection (before the serving connection closes). */
  stop(): Promise<void>;
}

/**
 * Starts the background checkpointer of the SQLite database at `file`. `onError` hears of
 * checkpoints that failed for another reason than a busy database; `onExit` of a worker that ended
 * without being stopped (the caller then lets the serving connection checkpoint as by default).
 */
export function startCheckpointer(file: string, hooks: { onError: (message: string) => void; onExit: () => void }): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: INTERVAL_MS } });
  // Never what keeps a process alive: a command that forgets to close its database still ends.
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    worker.on('exit', () => {
      if (!stopping) hooks.onExit();
      resolve();
    });
  });
  worker.on('message', (m: { error?: string }) => {
    if (m.error) hooks.onError(m.error);
  });
  worker.on('error', (err) => hooks.onError(err.message));
  return {
    stop: async () => {
      if (!stopping) {
        stopping = true;
        // Until it has exited the process must not: a closing command would end with its
        // connection open and its last await never answered.
        worker.ref();
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}

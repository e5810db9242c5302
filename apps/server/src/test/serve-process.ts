import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/config';

// `relief serve` in a process of its own, for the tests that need what app.inject cannot give:
// several processes on one database, and processes that die.

const serverEntry = path.join(repoRoot, 'apps/server/src/main.ts');

export interface ServeProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<the port it bound> */
  url: string;
  /** What it has printed so far, both streams. */
  output(): string;
}

/**
 * Starts `relief serve` with `env` on a port of the system's choosing and waits for its started
 * line. The database is the caller's (DATA_DIR, DATABASE_URL); no jobs, warnings only.
 */
export async function startServe(env: Record<string, string>, workers = 1): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry, 'serve'], {
    cwd: repoRoot,
    // No web app (WEB_DIST_DIR without one): these tests load the API.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', JOB_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn', WEB_DIST_DIR: env.DATA_DIR ?? '', ...env, WORKERS: String(workers) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 120 s:\n${output}`)), 120_000);
    child.stdout!.on('data', () => {
      const port = /已启动: http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before it started:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

/** Kills the process at once (SIGKILL: no shutdown of any kind) and waits until it has gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Stops a `relief serve` and any workers it has, at once (SIGKILL): for a test's clean-up. */
export async function stopServe(s: ServeProcess): Promise<void> {
  const workers = s.child.pid ? workerPids(s.child.pid) : [];
  await killHard(s.child);
  for (const pid of workers) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** The worker processes of a `WORKERS=N` primary, by command line: tsx's esbuild service is its child too. */
export function workerPids(primary: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(primary), '-f', 'main.ts'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number).sort();
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

/**
 * Whether process `pid` holds the socket listening on `port` (Linux: /proc). The workers of a
 * primary accept from one shared socket (platform/cluster.ts), and a worker holds it once it
 * listens: the moment it can be given connections, which no answer from another worker shows.
 */
export function holdsListeningSocket(pid: number, port: number): boolean {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  // Columns: sl, local_address, rem_address, st (0A = LISTEN), …, inode (the tenth).
  const inodes = new Set(readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[1]?.endsWith(hexPort) && f[3] === '0A')
    .map((f) => `socket:[${f[9]}]`));
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false; // closed meanwhile
      }
    });
  } catch {
    return false; // no such process
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `probe` every 100 ms until it gives a value. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The benchmark harness: servers under test run as child processes (`node --import tsx <file>`)
// while autocannon loads them from this process, as a load balancer would from another machine.
// On 2 cores the two still share the CPU, which is why every figure is read as a ratio to a bare
// baseline measured in the same run, never as an absolute.
//
// Every run is bounded: a fixed duration per load, a hard lifetime per child, and every child is
// stopped at the end, on Ctrl-C and on errors.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { type CpuPerResponse, type CpuSample, cpuPerResponse, sampleCpu } from './cpu';
import type { ChildMessage, ParentMessage } from './child';
import { formatProfileSummary, type ProfileSummary, summariseProfile } from './profile';

export const benchDir = path.resolve(import.meta.dirname, '..');
export const repoRoot = path.resolve(benchDir, '..');
export const resultsDir = path.join(benchDir, 'results');

// ---------------------------------------------------------------------------------------------
// Settings

export interface Settings {
  /** Measured seconds per load run (BENCH_SECONDS, default 10). */
  seconds: number;
  /** Concurrent connections (BENCH_CONNECTIONS, default 50 or the benchmark's own). */
  connections: number;
  /** Unmeasured seconds before each measured run (BENCH_WARMUP_SECONDS, default 2). */
  warmupSeconds: number;
  /** Baseline/platform pairs, alternated; medians are reported (BENCH_ROUNDS, default 1). */
  rounds: number;
  /** Seconds of the extra profiled platform run when profiling (BENCH_PROFILE_SECONDS, default 5). */
  profileSeconds: number;
}

/** The settings from the environment; `defaults.connections` is a benchmark's own (Benchmark.connections). */
export function readSettings(env: NodeJS.ProcessEnv = process.env, defaults: { connections?: number | undefined } = {}): Settings {
  return {
    seconds: positive(env.BENCH_SECONDS, 10, 'BENCH_SECONDS', 600),
    connections: positive(env.BENCH_CONNECTIONS, defaults.connections ?? 50, 'BENCH_CONNECTIONS', 1000),
    warmupSeconds: positive(env.BENCH_WARMUP_SECONDS, 2, 'BENCH_WARMUP_SECONDS', 60, true),
    rounds: positive(env.BENCH_ROUNDS, 1, 'BENCH_ROUNDS', 10),
    profileSeconds: positive(env.BENCH_PROFILE_SECONDS, 5, 'BENCH_PROFILE_SECONDS', 60),
  };
}

function positive(value: string | undefined, fallback: number, name: string, max: number, zeroOk = false): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1) || n > max) throw new Error(`${name} must be an integer in ${zeroOk ? 0 : 1}..${max}, got "${value}"`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Cleanup: children and load runs end with the benchmark, whatever way it ends.

const cleanups = new Set<() => Promise<void> | void>();
const activeLoads = new Set<autocannon.Instance>();

/** Registers work to do when the run ends or is interrupted; returns a function that unregisters it. */
export function onCleanup(fn: () => Promise<void> | void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Stops running loads and runs every registered cleanup (newest first), once each. */
export async function cleanupAll(): Promise<void> {
  for (const load of activeLoads) load.stop();
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of pending) {
    try {
      await fn();
    } catch (err) {
      console.error('cleanup failed:', err);
    }
  }
}

/** Ctrl-C and SIGTERM stop the load, the children and then this process. */
export function installSignalHandlers(): void {
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping servers under test…`);
    void cleanupAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

// ---------------------------------------------------------------------------------------------
// Servers under test

export interface ServerHandle {
  name: string;
  pid: number;
  /** Whether it runs on a PostgreSQL on this machine, whose CPU then counts as the request's too. */
  localPostgres: boolean;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Starts a CPU profile in the child (inspector, sampling every 0.5 ms). */
  startProfile(): Promise<void>;
  /** Stops the profile and has the child write it to `file`. */
  stopProfile(file: string): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the child has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** Path of the server's entry file relative to bench/src. */
  entry: string;
  /** The checkout of the repository it runs from (default: this one; `--against`: checkout.ts). */
  root?: string;
  env?: Record<string, string>;
  /** How long start-up (migrations, seeding) may take (default 120 s). */
  readyTimeoutSeconds?: number;
  /** Hard lifetime of the child (default: enough for the configured rounds plus margin). */
  maxSeconds?: number;
}

/** Starts a server under test and waits for its `READY <port>` line. */
export async function startServer(options: StartOptions, settings: Settings): Promise<ServerHandle> {
  const readyTimeout = (options.readyTimeoutSeconds ?? 120) * 1000;
  const maxSeconds = options.maxSeconds
    ?? Math.ceil(readyTimeout / 1000 + 120 + (settings.rounds + 1) * (settings.warmupSeconds + Math.max(settings.seconds, settings.profileSeconds) + 10));
  const root = options.root ?? repoRoot;
  const entry = path.join(root, path.relative(repoRoot, benchDir), 'src', options.entry);
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, ...options.env, BENCH_CHILD_MAX_SECONDS: String(maxSeconds) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => stopChild(child, exited);
  const unregister = onCleanup(stop);
  const tail: string[] = [];
  child.stderr!.setEncoding('utf8');
  createInterface({ input: child.stderr! }).on('line', (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    console.error(`  [${options.name}] ${line}`);
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name} did not print READY within ${readyTimeout / 1000} s`)), readyTimeout);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^READY (\d+)$/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      } else {
        console.log(`  [${options.name}] ${line}`);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with code ${code} before it was ready:\n${tail.join('\n')}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    unregister();
    throw err;
  });

  const ask = (message: ParentMessage, expect: ChildMessage['type']) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { child.off('message', listen); reject(new Error(`${options.name}: no ${expect} within 30 s`)); }, 30_000);
      const listen = (reply: ChildMessage) => {
        if (reply.type !== expect && reply.type !== 'profile-failed') return;
        clearTimeout(timer);
        child.off('message', listen);
        if (reply.type === 'profile-failed') reject(new Error(`${options.name}: profiling failed: ${reply.error}`));
        else resolve();
      };
      child.on('message', listen);
      child.send(message);
    });

  const databaseUrl = options.env?.BENCH_DATABASE_URL;
  const handle: ServerHandle = {
    name: options.name,
    pid: child.pid!,
    localPostgres: Boolean(databaseUrl) && ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(databaseUrl!).hostname),
    port,
    url: `http://127.0.0.1:${port}`,
    startProfile: () => ask({ type: 'profile-start' }, 'profile-started'),
    stopProfile: (file) => ask({ type: 'profile-stop', file }, 'profile-written'),
    async stop() {
      serversByPort.delete(port);
      unregister();
      await stop();
    },
  };
  serversByPort.set(port, handle);
  return handle;
}

/** The servers under test by port, so that a load on one also measures what it costs it in CPU. */
const serversByPort = new Map<number, ServerHandle>();

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Load

export interface LoadSpec {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called before every request to vary the path (e.g. random ids). */
  nextPath?: () => string;
  /** Called before every request to vary anything (headers, body: a fresh idempotency key each time). */
  setupRequest?: autocannon.Request['setupRequest'];
  /** Called with every response and the context its setupRequest filled (one request in flight per connection). */
  onResponse?: autocannon.Request['onResponse'];
  /** Seconds before autocannon gives up on a response (default 10). */
  timeoutSeconds?: number;
}

export interface LoadFigures {
  /** 2xx responses in the measured window per second of it. */
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
  /** CPU per 2xx response in the measured window, µs (bench/src/cpu.ts); absent where /proc is not. */
  cpuUsPerResponse?: CpuPerResponse;
}

/** Loads `url` with `spec` for a warm-up, then for the measured duration, and returns the figures. */
export async function runLoad(url: string, spec: LoadSpec, settings: Settings, beforeMeasure?: () => Promise<void>, seconds = settings.seconds): Promise<LoadFigures> {
  return loadOnce(url, spec, settings.connections, seconds, settings.warmupSeconds, beforeMeasure);
}

/**
 * Loads `url` with `spec` on `connections` connections for `warmupSeconds` and then `seconds`,
 * in ONE autocannon run: the measured window uses the connections the warm-up opened. A busy Node
 * server accepts about one new connection per turn of its event loop (measured: 40 connections
 * opened at once against a server busy for 25 ms a turn were accepted over 1.4 s), so a run that
 * opened its connections at the start would mostly time the accept queue of the slower server.
 * Throughput and latency come from the responses that arrive in the measured window; status
 * codes, errors and timeouts count the whole run, warm-up included, so a failure anywhere shows.
 */
export async function loadOnce(url: string, spec: LoadSpec, connections: number, seconds: number, warmupSeconds = 0, beforeMeasure?: () => Promise<void>): Promise<LoadFigures> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`load tests target 127.0.0.1 only, not ${target.hostname}`);
  const latencies: number[] = [];
  let measuring = warmupSeconds <= 0;
  let windowStart = performance.now();
  const server = serversByPort.get(Number(target.port));
  const sample = () => (server ? sampleCpu(server.pid, server.localPostgres) : null);
  let cpuAtStart: CpuSample | null = null;
  const { result, instance } = autocannonRun(url, spec, connections, warmupSeconds + seconds);
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (measuring && statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  let timer: NodeJS.Timeout | undefined;
  if (!measuring) {
    timer = setTimeout(() => {
      void (beforeMeasure?.() ?? Promise.resolve()).then(() => {
        measuring = true;
        windowStart = performance.now();
        cpuAtStart = sample();
      });
    }, warmupSeconds * 1000);
  } else {
    await beforeMeasure?.();
    windowStart = performance.now();
    cpuAtStart = sample();
  }
  const r = await result.finally(() => clearTimeout(timer));
  const cpuAtEnd = sample();
  const measuredSeconds = Math.max((performance.now() - windowStart) / 1000, 0.001);
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => (latencies.length ? round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!, 1) : 0);
  return {
    requestsPerSecond: round(latencies.length / measuredSeconds, 0),
    latencyP50Ms: pct(0.5),
    latencyP99Ms: pct(0.99),
    latencyMeanMs: latencies.length ? round(latencies.reduce((a, b) => a + b, 0) / latencies.length, 2) : 0,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, st]) => [code, Number(st.count)])),
    durationSeconds: round(measuredSeconds, 2),
    ...(cpuAtStart && cpuAtEnd ? { cpuUsPerResponse: cpuPerResponse(cpuAtStart, cpuAtEnd, latencies.length) } : {}),
  };
}

function autocannonRun(url: string, spec: LoadSpec, connections: number, seconds: number): { result: Promise<autocannon.Result>; instance: autocannon.Instance } {
  const request: autocannon.Request = {
    method: spec.method ?? 'GET',
    path: spec.path,
    headers: { ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}), ...spec.headers },
    ...(spec.body !== undefined ? { body: spec.body } : {}),
  };
  const { nextPath } = spec;
  if (spec.onResponse) request.onResponse = spec.onResponse;
  if (spec.setupRequest) request.setupRequest = spec.setupRequest;
  else if (nextPath) {
    request.setupRequest = (req) => {
      req.path = nextPath();
      return req;
    };
  }
  let instance!: autocannon.Instance;
  const result = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url, connections, duration: seconds, timeout: spec.timeoutSeconds ?? 10, requests: [request] }, (err, res) => {
      activeLoads.delete(instance);
      if (err) reject(err);
      else resolve(res);
    });
    activeLoads.add(instance);
  });
  return { result, instance };
}

// ---------------------------------------------------------------------------------------------
// Comparison

export interface Side {
  label: string;
  server: ServerHandle;
  spec: LoadSpec;
}

export interface SideResult {
  label: string;
  /** Medians over the rounds (each figure on its own). */
  median: LoadFigures;
  rounds: LoadFigures[];
}

export interface Comparison {
  baseline: SideResult;
  platform: SideResult;
  /** platform req/s ÷ baseline req/s (medians). */
  ratio: number;
  /** A second bare server some benchmarks also load, and platform req/s ÷ its req/s. */
  reference?: SideResult & { ratio: number };
  /** The platform at another commit (`--against`), loaded in turn with this one's, and how they compare. */
  against?: SideResult & { ratio: number; sha: string; paired: PairedComparison };
  profile?: { file: string; run: LoadFigures; summary: ProfileSummary };
}

export interface CompareOptions {
  name: string;
  settings: Settings;
  /** Profile one extra platform run of settings.profileSeconds (after the measured rounds). */
  profile: boolean;
}

/** Alternates baseline and platform runs for the configured rounds and returns the medians. */
export async function compare(baseline: Side, platform: Side, options: CompareOptions): Promise<Comparison> {
  const { settings } = options;
  const b: LoadFigures[] = [];
  const p: LoadFigures[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const of = settings.rounds > 1 ? ` (round ${round}/${settings.rounds})` : '';
    console.log(`  loading ${baseline.label}${of} — ${settings.warmupSeconds} s warm-up + ${settings.seconds} s, ${settings.connections} connections`);
    b.push(await runLoad(baseline.server.url, baseline.spec, settings));
    console.log(`    ${describeFigures(b.at(-1)!)}`);
    console.log(`  loading ${platform.label}${of}`);
    p.push(await runLoad(platform.server.url, platform.spec, settings));
    console.log(`    ${describeFigures(p.at(-1)!)}`);
  }
  const result: Comparison = {
    baseline: { label: baseline.label, median: medianFigures(b), rounds: b },
    platform: { label: platform.label, median: medianFigures(p), rounds: p },
    ratio: 0,
  };
  result.ratio = rateRatio(result.platform, result.baseline);

  if (options.profile) {
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${options.name}-${timestamp()}.cpuprofile`);
    console.log(`  profiling ${platform.label}: ${settings.warmupSeconds} s warm-up + ${settings.profileSeconds} s under the inspector`);
    const run = await runLoad(platform.server.url, platform.spec, settings, () => platform.server.startProfile(), settings.profileSeconds);
    await platform.server.stopProfile(file);
    result.profile = { file: path.relative(repoRoot, file), run, summary: summariseProfile(JSON.parse(readFileSync(file, 'utf8'))) };
  }
  return result;
}

/** This checkout's platform against another commit's, loaded in turn in the same rounds. */
export interface PairedComparison {
  /** Median over rounds of this checkout's req/s ÷ the other's, less one (+0.05: 5% more). */
  rateChange: number;
  /** Median over rounds of this checkout's server CPU per response ÷ the other's, less one. */
  cpuChange: number | null;
  /** Rounds in which this checkout served more requests per second. */
  roundsAhead: number;
  rounds: number;
}

/** `side`'s median req/s ÷ `to`'s, to three places (0.237: 23.7%). */
export function rateRatio(side: SideResult, to: SideResult): number {
  return round(side.median.requestsPerSecond / to.median.requestsPerSecond, 3);
}

/** Every side a comparison loaded, in the order its table lists them. */
export function sidesOf(c: Comparison): SideResult[] {
  return [c.baseline, ...(c.reference ? [c.reference] : []), ...(c.against ? [c.against] : []), c.platform];
}

/** Compares the rounds of two sides loaded in turn (`--against`), round by round. */
export function pairRounds(current: LoadFigures[], other: LoadFigures[]): PairedComparison {
  const n = Math.min(current.length, other.length);
  const pairs = Array.from({ length: n }, (_, i) => [current[i]!, other[i]!] as const);
  const cpu = pairs.filter(([c, o]) => c.cpuUsPerResponse && o.cpuUsPerResponse).map(([c, o]) => c.cpuUsPerResponse!.server / o.cpuUsPerResponse!.server - 1);
  return {
    rateChange: round(median(pairs.map(([c, o]) => c.requestsPerSecond / o.requestsPerSecond - 1)), 3),
    cpuChange: cpu.length ? round(median(cpu), 3) : null,
    roundsAhead: pairs.filter(([c, o]) => c.requestsPerSecond > o.requestsPerSecond).length,
    rounds: n,
  };
}

/** The median figures of several rounds (counts summed). */
export function medianFigures(runs: LoadFigures[]): LoadFigures {
  // The median of an even count is a mean of two: rounded like the single figures.
  const med = (pick: (f: LoadFigures) => number) => round(median(runs.map(pick)), 1);
  const sum = (pick: (f: LoadFigures) => number) => runs.reduce((s, f) => s + pick(f), 0);
  return {
    requestsPerSecond: round(median(runs.map((f) => f.requestsPerSecond)), 0),
    latencyP50Ms: med((f) => f.latencyP50Ms),
    latencyP99Ms: med((f) => f.latencyP99Ms),
    latencyMeanMs: med((f) => f.latencyMeanMs),
    total: sum((f) => f.total),
    non2xx: sum((f) => f.non2xx),
    errors: sum((f) => f.errors),
    timeouts: sum((f) => f.timeouts),
    statusCodes: runs.reduce<Record<string, number>>((acc, f) => {
      for (const [code, n] of Object.entries(f.statusCodes)) acc[code] = (acc[code] ?? 0) + n;
      return acc;
    }, {}),
    durationSeconds: sum((f) => f.durationSeconds),
    ...medianCpu(runs),
  };
}

function medianCpu(runs: LoadFigures[]): Pick<LoadFigures, 'cpuUsPerResponse'> {
  const cpu = runs.map((f) => f.cpuUsPerResponse).filter((c): c is CpuPerResponse => c !== undefined);
  if (cpu.length === 0) return {};
  const database = cpu.map((c) => c.database).filter((d): d is number => d !== undefined);
  return {
    cpuUsPerResponse: {
      server: Math.round(median(cpu.map((c) => c.server))),
      ...(database.length ? { database: Math.round(median(database)) } : {}),
      loadGenerator: Math.round(median(cpu.map((c) => c.loadGenerator))),
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---------------------------------------------------------------------------------------------
// Reporting

/** Prints the comparison as a table with the ratio and p99s underneath. */
export function printComparison(name: string, c: Comparison): void {
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    ...sidesOf(c).map((s) => [
      s.label,
      s.median.requestsPerSecond.toLocaleString('en-US'),
      String(s.median.latencyP50Ms),
      String(s.median.latencyP99Ms),
      String(s.median.non2xx),
      String(s.median.errors),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`\n${name}`);
  for (const r of rows) console.log('  ' + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  console.log(`  ratio platform/baseline: ${(c.ratio * 100).toFixed(1)}% of the bare req/s; p99 ${c.platform.median.latencyP99Ms} ms vs ${c.baseline.median.latencyP99Ms} ms`);
  if (c.reference) console.log(`  ratio platform/${c.reference.label}: ${(c.reference.ratio * 100).toFixed(1)}%`);
  if (c.against) {
    const p = c.against.paired;
    const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
    console.log(`  ${c.against.label}: ${(c.against.ratio * 100).toFixed(1)}% of the bare req/s`);
    console.log(`  this checkout against ${c.against.sha.slice(0, 7)}, round by round (medians): req/s ${pct(p.rateChange)}${p.cpuChange === null ? '' : `, server CPU per response ${pct(p.cpuChange)}`}; ahead in ${p.roundsAhead} of ${p.rounds} rounds`);
  }
  for (const s of sidesOf(c)) {
    if (s.median.cpuUsPerResponse) console.log(`  ${describeCpu(s.median.cpuUsPerResponse)} — ${s.label}`);
  }
  if (sidesOf(c).some((s) => s.median.non2xx || s.median.errors)) {
    console.log('  ⚠ some responses were not 2xx or failed: the figures above do not measure what they claim');
  }
  if (c.profile) {
    console.log(`\n  profile of ${c.platform.label} (${describeFigures(c.profile.run)}; profiled, not comparable)`);
    const busyMs = c.profile.summary.totalMs - c.profile.summary.idleMs;
    console.log(`  written to ${c.profile.file}; ≈ ${Math.round((busyMs * 1000) / Math.max(c.profile.run.total, 1))} µs of server main-thread time per request`);
    console.log(formatProfileSummary(c.profile.summary, '  '));
  }
}

/** Writes bench/results/<name>-<timestamp>.json and returns its path relative to the repo. */
export function writeResults(name: string, payload: Record<string, unknown>): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}-${timestamp()}.json`);
  writeFileSync(file, JSON.stringify({ name, ...payload }, null, 2) + '\n');
  return path.relative(repoRoot, file);
}

/** What the figures were measured on. */
export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** One line for a run: req/s, p50, p99, CPU per response, and any non-2xx or errors. */
export function describeFigures(f: LoadFigures): string {
  const problems = f.non2xx || f.errors ? `  ⚠ non-2xx ${f.non2xx}, errors ${f.errors} ${JSON.stringify(f.statusCodes)}` : '';
  return `${f.requestsPerSecond.toLocaleString('en-US')} req/s, p50 ${f.latencyP50Ms} ms, p99 ${f.latencyP99Ms} ms${f.cpuUsPerResponse ? `; ${describeCpu(f.cpuUsPerResponse)}` : ''}${problems}`;
}

/** CPU per response, µs: the server, its local database, the load generator. */
export function describeCpu(c: CpuPerResponse): string {
  return `CPU/response: server ${c.server} µs${c.database !== undefined ? `, database ${c.database} µs` : ''}, load generator ${c.loadGenerator} µs`;
}

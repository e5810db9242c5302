import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runtime configuration, read once from the environment (documented in README.md). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; undefined means SQLite at `${dataDir}/relief.db`. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  sessionSecret: string;
  /** Idle timeout of a session; the web warns 5 minutes before it. */
  sessionIdleSeconds: number;
  /** Absolute lifetime of a session regardless of activity. */
  sessionAbsoluteSeconds: number;
  /** Where the built web app lives; served with an SPA fallback when present. */
  webDistDir: string;
  presetPath: string;
  logLevel: string;
  /** Secure cookies need HTTPS; on by default in production behind a TLS proxy. */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a load balancer (for client IPs in rate limits and audit). */
  trustProxy: boolean;
  /** Seconds between overdue sweeps; 0 disables the background jobs (tests drive them directly). */
  jobIntervalSeconds: number;
  /** Server processes `serve` runs on this machine (WORKERS; `auto` is one per core). */
  workers: number;
  /** New requests are refused (503, Retry-After) while the event loop's mean delay exceeds this; 0 never (platform/overload.ts). */
  overloadDelayMs: number;
}

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** Reads the configuration from `env`, creating DATA_DIR and a persisted session secret if needed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(repoRoot, 'data'));
  const databaseUrl = env.DATABASE_URL || undefined;
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    sqlitePath: path.join(dataDir, 'relief.db'),
    sessionSecret: env.SESSION_SECRET ?? persistedSecret(dataDir),
    sessionIdleSeconds: intFrom(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES') * 60,
    sessionAbsoluteSeconds: intFrom(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS') * 3600,
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? path.join(repoRoot, 'apps/web/dist')),
    presetPath: path.resolve(env.PRESET_PATH ?? path.join(repoRoot, 'presets/lu-gongxin-fa-2020-1.json')),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    jobIntervalSeconds: intFrom(env.JOB_INTERVAL_SECONDS, 60, 'JOB_INTERVAL_SECONDS'),
    workers: workersFrom(env.WORKERS),
    overloadDelayMs: intFrom(env.OVERLOAD_DELAY_MS, 1000, 'OVERLOAD_DELAY_MS'),
  };
}

const MAX_WORKERS = 64;

function workersFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return Math.min(os.availableParallelism(), MAX_WORKERS);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) throw new Error(`配置项 WORKERS 应为 1 到 ${MAX_WORKERS} 之间的整数或 auto，实际为「${value}」`);
  return n;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`配置项 ${name} 应为非负整数，实际为「${value}」`);
  return n;
}

// Several instances must share one secret; a generated one is kept in DATA_DIR so restarts of a
// single instance keep their sessions' CSRF tokens valid. Multi-instance deployments set SESSION_SECRET.
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export { repoRoot };

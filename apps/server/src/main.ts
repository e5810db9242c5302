import cluster from 'node:cluster';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { hashPassword } from './platform/auth/passwords';
import { buildApp } from './app';
import { createDb } from './db/kysely';
import { copySqliteToPostgres } from './db/copy-to-postgres';
import { migrateToLatest } from './db/migrate';
import { seedDemo, DEMO_PASSWORD, DEMO_USERS } from './db/seeds/demo';
import { ensureReferenceData } from './db/seeds/reference';
import { chainHeads, lostSinceHeads, verifyAuditChain } from './platform/audit';
import { schedule } from './platform/jobs';
import { sweepOverdue, SWEEP_LEASE } from './cases/overdue-sweep';
import { type Config, loadConfig } from './platform/config';
import type { AppContext } from './platform/context';
import { loadPreset } from './platform/preset';
import { checkPasswordPolicy } from '@relief/domain';
import { SYSTEM_ACTOR } from './platform/audit';
import { inTransaction } from './platform/context';
import { insertUser } from './platform/users/users.service';
import { systemClock } from './platform/clock';
import { superviseWorkers } from './platform/cluster';
import pino from 'pino';

const HELP = `中小企业纾困服务平台 — 命令行

用法: npm run relief -- <command>

  serve                         启动服务（迁移数据库；首次启动且为 SQLite 时写入演示数据）
  migrate                       迁移数据库到最新版本
  seed-demo                     写入演示数据（已存在则跳过）
  create-admin <用户名> <密码>   在省工信厅下创建管理员
  audit verify [--heads <文件>]  重新计算审计日志各哈希链，指出第一处断裂；给出文件时，
                                还核对上次记在其中的各链最新一条仍在且未变，通过后记下本次的
  copy-to-postgres <URL>        将本机 SQLite 数据完整复制到一个空的 PostgreSQL 数据库（核对行数与审计链）
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  switch (command) {
    case 'serve': {
      if (cluster.isWorker) {
        await serveRequests(config);
        return -1;
      }
      // The database is prepared once, here, before any process serves: workers never migrate or
      // seed concurrently with one another.
      const firstStart = !config.databaseUrl && !existsSync(config.sqlitePath);
      const { ctx, close } = await openContext(config, log);
      await ensureReferenceData(ctx);
      if (firstStart || process.env.SEED_DEMO === 'true') {
        await seedDemo(ctx);
        await printDemoLogins(ctx);
      }
      await close();
      if (config.workers === 1) {
        const port = await serveRequests(config);
        console.log(`\n中小企业纾困服务平台已启动: http://localhost:${port}  (数据库: ${databaseName(config)})\n`);
        return -1;
      }
      const workers = superviseWorkers(config.workers, log);
      const stop = (signal: string) => {
        log.info({ signal }, 'shutting down the workers');
        void workers.stop().then(() => process.exit(0));
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
      const port = await workers.listening;
      console.log(`\n中小企业纾困服务平台已启动: http://localhost:${port}  (${config.workers} 个工作进程，数据库: ${databaseName(config)})\n`);
      return -1;
    }
    case 'migrate': {
      const { ctx, close, applied } = await openContext(config, log);
      await ensureReferenceData(ctx);
      await close();
      console.log(applied.length ? `已执行迁移: ${applied.join(', ')}` : '数据库已是最新版本');
      return 0;
    }
    case 'seed-demo': {
      const { ctx, close } = await openContext(config, log);
      await ensureReferenceData(ctx);
      await seedDemo(ctx);
      await printDemoLogins(ctx);
      await close();
      return 0;
    }
    case 'create-admin': {
      const [username, password] = args;
      if (!username || !password) { console.error('用法: create-admin <用户名> <密码>'); return 2; }
      const problems = checkPasswordPolicy(password, username);
      if (problems.length) { console.error(`密码不符合要求：${problems.join('；')}`); return 2; }
      const { ctx, close } = await openContext(config, log);
      const { deptId } = await ensureReferenceData(ctx);
      const hash = await hashPassword(password);
      try {
        await inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
          const id = await insertUser(tx, { username, displayName: username, organisationId: deptId, roles: ['admin'], passwordHash: hash, status: 'active' });
          await tx.audit({ action: 'user.created', entityType: 'user', entityId: id, after: { username, roles: ['admin'], via: 'cli' } });
        });
        console.log(`已在省工业和信息化厅下创建管理员 ${username}`);
        return 0;
      } catch (err) {
        console.error(err instanceof Error ? err.message : err);
        return 1;
      } finally {
        await close();
      }
    }
    case 'audit': {
      const headsFile = args[1] === '--heads' ? args[2] : undefined;
      if (args[0] !== 'verify' || (args.length > 1 && !headsFile) || args.length > 3) { console.error('用法: audit verify [--heads <文件>]'); return 2; }
      const recorded = headsFile ? readRecordedHeads(headsFile) : [];
      if (!recorded) { console.error(`${headsFile} 不是 audit verify 记下的各链最新一条（JSON 数组：chain、position、hash）`); return 2; }
      const db = createDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
      try {
        const report = await verifyAuditChain(db.db);
        if (!report.ok) {
          console.error(`审计日志哈希链断裂：${report.brokenAt!.reason}（此前 ${report.checked} 条完好）`);
          return 1;
        }
        const lost = await lostSinceHeads(db.db, recorded);
        if (lost.length > 0) {
          for (const line of lost) console.error(`审计日志被删改：${line}`);
          console.error(`未更新 ${headsFile}：其中仍是上次记下的各链最新一条`);
          return 1;
        }
        console.log(`审计日志哈希链完整，共校验 ${report.checked} 条事件${recorded.length ? `；上次记下的 ${recorded.length} 条各链最新事件都在且未变` : ''}。各链最新一条：`);
        for (const h of report.heads) console.log(`  哈希链 ${h.chain}：第 ${h.position} 条，哈希 ${h.hash}`);
        if (headsFile) {
          writeFileSync(headsFile, `${JSON.stringify(report.heads, null, 2)}\n`);
          console.log(`已记入 ${headsFile}，下次以 --heads ${headsFile} 校验。`);
        } else {
          console.log('请记入运维日志，或以 --heads <文件> 记下，下次校验时核对。');
        }
        return 0;
      } finally {
        await db.destroy();
      }
    }
    case 'copy-to-postgres': {
      const [url] = args;
      if (!url?.startsWith('postgres')) { console.error('用法: copy-to-postgres postgres://user:pass@host:5432/db'); return 2; }
      const source = createDb({ sqlitePath: config.sqlitePath });
      const target = createDb({ databaseUrl: url });
      try {
        const report = await copySqliteToPostgres(source, target, (line) => console.log(`  ${line}`));
        console.log(`已复制 ${report.tables.length} 张表，审计日志 ${report.auditEvents} 条校验完整。将 DATABASE_URL 设为该地址后启动即可。`);
        return 0;
      } finally {
        await source.destroy();
        await target.destroy();
      }
    }
    default:
      console.log(HELP);
      return command ? 2 : 0;
  }
}

/**
 * Serves requests in this process (the only one, or a cluster worker) on the database `serve`
 * prepared: the overdue sweep runs under its lease, and SIGINT/SIGTERM close the server and the
 * database. Returns the port it bound (PORT=0 asks the system for a free one).
 */
async function serveRequests(config: Config): Promise<number> {
  const app = await buildApp({ config, migrate: false });
  await app.listen({ port: config.port, host: config.host });
  const stopJobs = config.jobIntervalSeconds > 0
    ? schedule(app.ctx, SWEEP_LEASE, config.jobIntervalSeconds, () => sweepOverdue(app.ctx))
    : () => undefined;
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopJobs();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return (app.server.address() as AddressInfo).port;
}

function databaseName(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL' : config.sqlitePath;
}

/** Opens the database (migrated) and a service context for one-off commands. */
async function openContext(config: Config, log: pino.Logger) {
  const db = createDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  const applied = await migrateToLatest(db.db);
  const ctx: AppContext = { config, db: db.db, dialect: db.dialect, clock: systemClock, log, preset: loadPreset(config.presetPath) };
  return { ctx, applied, close: () => db.destroy() };
}

/** The heads an earlier `audit verify --heads` wrote to `file`: none when it does not exist yet, null when it holds anything else. */
function readRecordedHeads(file: string): z.infer<typeof chainHeads> | null {
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const parsed = chainHeads.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Prints every account of the demo installation (the measures' seeds add their own parties). */
async function printDemoLogins(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.username', 'o.name']).where('u.status', '=', 'active').orderBy('u.id').execute();
  const described = new Map(DEMO_USERS.map((u) => [u.username, u.label]));
  console.log(`\n演示账户（密码均为 ${DEMO_PASSWORD}）：`);
  for (const u of rows) console.log(`  ${u.username.padEnd(16)} ${u.name}${described.has(u.username) ? ` · ${described.get(u.username)}` : ''}`);
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); },
);

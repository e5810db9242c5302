import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/kysely';
import { DEMO_PASSWORD, DEMO_USERS } from '../db/seeds/demo';
import { verifyAuditChain } from './audit';
import { isAlive, type ServeProcess, startServe, until, workerPids } from '../test/serve-process';

// `WORKERS=2 npm start`: the primary prepares the SQLite database, two workers serve one port and
// write to the one file, a worker that dies is replaced, and SIGTERM stops them all.

describe('serve with WORKERS=2 on SQLite', () => {
  let dir: string;
  let server: ServeProcess;
  let child: ChildProcess;
  let baseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'relief-cluster-'));
    server = await startServe({ DATA_DIR: dir, DATABASE_URL: '' }, 2);
    ({ child, url: baseUrl } = server);
    expect(server.output()).toMatch(/\(2 个工作进程/);
  }, 150_000);

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    for (const pid of child?.pid ? workerPids(child.pid) : []) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs two workers that both write to the one database, every write kept and the audit chain whole', async () => {
    expect(workerPids(child.pid!)).toHaveLength(2);
    // Every demo user signs in at once (a session, a rate-limit count and an audit event each),
    // over as many connections, which the primary hands to the two workers in turn.
    const users = DEMO_USERS.map((u) => u.username);
    const statuses = await Promise.all(users.map((username) => fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    }).then((r) => r.status)));
    expect(statuses).toEqual(users.map(() => 200));
    const db = createDb({ sqlitePath: path.join(dir, 'relief.db') });
    try {
      const logins = await db.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'auth.login').executeTakeFirstOrThrow();
      expect(Number(logins.n)).toBe(users.length);
      expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
    } finally {
      await db.destroy();
    }
  });

  it('replaces a worker that dies and keeps serving', async () => {
    const [victim, survivor] = workerPids(child.pid!);
    process.kill(victim!, 'SIGKILL');
    const now = await until('a replacement worker', () => {
      const pids = workerPids(child.pid!);
      return pids.length === 2 && !pids.includes(victim!) ? pids : undefined;
    });
    expect(now).toContain(survivor);
    await until('the replacement to listen', async () => {
      const replies = await Promise.all(Array.from({ length: 6 }, () => fetch(`${baseUrl}/api/ready`, { headers: { connection: 'close' } }).then((r) => r.status)));
      return replies.every((s) => s === 200) ? true : undefined;
    });
    expect(server.output()).toMatch(/worker exited; starting another/);
  });

  it('stops every worker on SIGTERM and exits cleanly', async () => {
    const workers = workerPids(child.pid!);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until('the workers to exit', () => (workers.every((pid) => !isAlive(pid)) ? true : undefined), 10_000);
  });
});

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/kysely';
import { DEMO_PASSWORD, DEMO_USERS } from '../db/seeds/demo';
import { verifyAuditChain } from './audit';
import { holdsListeningSocket, isAlive, type ServeProcess, startServe, stopServe, until, workerPids } from '../test/serve-process';

// `WORKERS=2 npm start`: the primary prepares the SQLite database, two workers serve one port and
// write to the one file, a worker that dies is replaced, and SIGTERM stops them all.

describe('serve with WORKERS=2 on SQLite', () => {
  let dir: string;
  let server: ServeProcess;
  let child: ChildProcess;
  let baseUrl: string;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'relief-cluster-'));
    server = await startServe({ DATA_DIR: dir, DATABASE_URL: '' }, 2);
    ({ child, url: baseUrl } = server);
    port = Number(new URL(baseUrl).port);
    expect(server.output()).toMatch(/\(2 个工作进程/);
  }, 150_000);

  afterAll(async () => {
    if (server) await stopServe(server);
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
    // The survivor answers meanwhile; the replacement is serving once it holds the listening socket.
    const replacement = now.find((pid) => pid !== survivor)!;
    await until('the replacement to listen', () => (holdsListeningSocket(replacement, port) ? true : undefined));
    const replies = await Promise.all(Array.from({ length: 6 }, () => fetch(`${baseUrl}/api/ready`, { headers: { connection: 'close' } }).then((r) => r.status)));
    expect(replies).toEqual(replies.map(() => 200));
    expect(server.output()).toMatch(/worker exited; starting another/);
  });

  it('leaves no connection unanswered when a worker dies while connections arrive', async () => {
    // Each request on a connection of its own, as many browsers' first requests are: a connection
    // handed to a worker that dies before taking it must not be held open with no one to answer.
    const outcome = { answered: 0, failed: 0, hung: 0 };
    const once = () => new Promise<void>((resolve) => {
      const req = http.request(`${baseUrl}/api/health`, { agent: false, headers: { connection: 'close' } }, (res) => {
        res.resume();
        res.on('end', () => { outcome.answered += 1; resolve(); });
      });
      req.setTimeout(5_000, () => { outcome.hung += 1; req.destroy(); resolve(); });
      req.on('error', () => { outcome.failed += 1; resolve(); });
      req.end();
    });
    // Bounded: two seconds of 16 connections at a time, a few thousand in all.
    const end = Date.now() + 2_000;
    const workers = workerPids(child.pid!);
    // Both serving, so that the other goes on accepting when one dies.
    expect(workers.filter((pid) => holdsListeningSocket(pid, port))).toEqual(workers);
    const load = Array.from({ length: 16 }, async () => { while (Date.now() < end) await once(); });
    await new Promise((r) => setTimeout(r, 500));
    process.kill(workers[0]!, 'SIGKILL');
    await Promise.all(load);
    // A connection the dying worker had taken fails at once, and the browser can send again; one
    // held open without an answer would leave a person waiting for good.
    expect(outcome.hung).toBe(0);
    expect(outcome.answered).toBeGreaterThan(100);
  }, 60_000);

  it('stops every worker on SIGTERM and exits cleanly', async () => {
    const workers = workerPids(child.pid!);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until('the workers to exit', () => (workers.every((pid) => !isAlive(pid)) ? true : undefined), 10_000);
  });
});

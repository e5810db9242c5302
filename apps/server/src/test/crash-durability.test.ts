import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BridgeLoanBurstSession, seedBridgeLoanBurst } from '../measures/bridge-loan/bridge-loan.seed';
import { type BurstApplication, burstBridgeLoan, burstInterestSubsidy } from '../measures/opening-burst';
import { createTestApp, DIALECTS, type TestApp } from './harness';
import { verifyAuditChain } from '../platform/audit';
import { systemClock } from '../platform/clock';
import { repoRoot } from '../platform/config';

// "Nothing a user submitted and was told was saved is ever lost", tested the hard way: a server
// process is killed (SIGKILL, no shutdown of any kind) in the middle of an opening-day burst of
// applications, and started again on the same database. Every application whose sender got a 2xx
// must be there, whole; every one whose answer was lost with the process must, when sent again
// with its idempotency key as the web client does, be stored exactly once. On SQLite this is group
// commit's promise (db/group-commit.ts: nobody is answered before the batch's COMMIT); on
// PostgreSQL, that of the pipelined transactions (db/prepared.ts). Load on 127.0.0.1 only, bounded
// by count and time.

const serverEntry = path.join(repoRoot, 'apps/server/src/main.ts');
const ENTERPRISES = 24;
const CLIENTS = 24;
/** Load before the kill, and answered applications at least: batches are being committed when it lands. */
const BURST_MS = 500;
const ACKNOWLEDGED_BEFORE_KILL = 100;
const LOAD_LIMIT_MS = 20_000;
const CRASHES = 3;

interface Sent {
  session: BridgeLoanBurstSession;
  application: BurstApplication;
  /** The HTTP status, or null when the process died before answering. */
  status: number | null;
  caseId: number | null;
}

interface Server {
  child: ChildProcess;
  url: string;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry, 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', WORKERS: '1', JOB_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn', WEB_DIST_DIR: env.DATA_DIR! },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${output}`)), 60_000);
    const look = () => {
      const port = /已启动: http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it started:\n${output}`));
    });
  });
  return { child, url };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function send(url: string, s: BridgeLoanBurstSession, a: BurstApplication): Promise<Response> {
  return fetch(url + a.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    body: JSON.stringify(a.body),
  });
}

function caseIdOf(body: string): number | null {
  const id = /"caseId":(\d+)/.exec(body)?.[1];
  return id === undefined ? null : Number(id);
}

function detailPath(a: BurstApplication, caseId: number): string {
  return a.path === '/api/bridge-loans' ? `/api/bridge-loans/${caseId}` : `/api/interest-subsidy/applications/${caseId}`;
}

describe.each(DIALECTS)('a server killed in the middle of the opening-day burst (%s)', (dialect) => {
  let t: TestApp;
  let sessions: BridgeLoanBurstSession[];
  let server: Server | undefined;

  beforeAll(async () => {
    // The real clock: the server in the other process runs on it, and the sessions must be fresh there.
    t = await createTestApp(dialect, { clock: systemClock });
    sessions = await seedBridgeLoanBurst(t.app.ctx, ENTERPRISES);
  }, 120_000);

  afterAll(async () => {
    if (server) await kill(server.child);
    await t?.close();
  });

  /**
   * Sends applications from CLIENTS clients, each one after another as fast as it is answered, and
   * kills the server the moment the first answer arrives after BURST_MS: the most demanding moment,
   * for were answers sent before their batch was committed, the commit would not have happened yet.
   * (The first answer of a batch reaches this process soonest; counting to the n-th answer landed
   * anywhere in a batch, later.) Returns every request sent.
   */
  async function burstUntilKilled(s: Server, crash: number): Promise<Sent[]> {
    const sent: Sent[] = [];
    let acknowledged = 0;
    let killing: Promise<void> | null = null;
    // Clients go on sending until the process is gone, as users would: what reached it unanswered
    // and what it never read are both unanswered, and both are sent again after the restart.
    let exited = false;
    s.child.once('exit', () => { exited = true; });
    const killAt = Date.now() + BURST_MS;
    const deadline = Date.now() + LOAD_LIMIT_MS;
    const client = async () => {
      while (!exited && Date.now() < deadline) {
        const n = sent.length;
        const session = sessions[n % sessions.length]!;
        const key = `crash-${dialect}-${crash}-${n}`;
        // Every other session is on the priority list: those alternate 贴息 and 应急转贷.
        const application = session.priorityList && n % 4 === 0 ? burstInterestSubsidy(session, key) : burstBridgeLoan(session, key);
        const entry: Sent = { session, application, status: null, caseId: null };
        sent.push(entry);
        try {
          const res = await send(s.url, session, application);
          entry.status = res.status;
          // Killed on the answer's headers; its small body came with them, in one write.
          if (res.ok && ++acknowledged >= ACKNOWLEDGED_BEFORE_KILL && killing === null && Date.now() >= killAt) killing = kill(s.child);
          entry.caseId = caseIdOf(await res.text());
        } catch {
          // The process died with the request unanswered: its sender does not know whether it was saved.
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    expect(killing, `applications answered within ${LOAD_LIMIT_MS} ms: ${acknowledged}`).not.toBeNull();
    await killing;
    return sent;
  }

  it('loses no acknowledged application, and stores each one sent again after the crash exactly once', async () => {
    const sent: Sent[] = [];
    // Killed several times: a moment when answers are out and their batch is not yet committed
    // would be brief, and each crash is another chance to land in it.
    for (let crash = 1; crash <= CRASHES; crash++) {
      server = await startServer(t.serverEnv);
      sent.push(...await burstUntilKilled(server, crash));
    }

    const answered = sent.filter((e) => e.status !== null);
    const unanswered = sent.filter((e) => e.status === null);
    // Nothing but 2xx while it ran: a refusal would be an application its sender knows was not saved.
    expect(answered.filter((e) => e.status! < 200 || e.status! >= 300).map((e) => e.status)).toEqual([]);
    expect(answered.every((e) => e.caseId !== null)).toBe(true);

    server = await startServer(t.serverEnv);
    const readBack = async (e: Sent, caseId: number) => {
      const res = await fetch(server!.url + detailPath(e.application, caseId), { headers: { cookie: e.session.cookie } });
      expect(res.status, `${e.application.own} (case ${caseId})`).toBe(200);
      const body = await res.text();
      expect(body).toContain(`"uscc":"${e.session.uscc}"`);
      expect(body).toContain(`"${e.application.own}"`);
    };
    // Every acknowledged application is there, the applicant's own, under the case it was given.
    for (const e of answered) await readBack(e, e.caseId!);
    // The unanswered ones, sent again with their keys: stored now, or found stored before the kill.
    for (const e of unanswered) {
      const res = await send(server.url, e.session, e.application);
      expect([200, 201], `${e.application.own}: ${res.status}`).toContain(res.status);
      const caseId = caseIdOf(await res.text());
      expect(caseId, e.application.own).not.toBeNull();
      await readBack(e, caseId!);
    }

    // One case per key: no acknowledged application twice, no resent one stored beside its first.
    const cases = await t.app.ctx.db.selectFrom('workflow_case')
      .select(['idempotency_key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('idempotency_key', 'like', `burst-%crash-${dialect}-%`)
      .groupBy('idempotency_key')
      .execute();
    expect(cases.length).toBe(sent.length);
    expect(cases.filter((c) => Number(c.n) !== 1)).toEqual([]);
    expect(new Set(cases.map((c) => c.idempotency_key))).toEqual(new Set(sent.map((e) => e.application.body.idempotencyKey)));
    // And the audit chains the killed process was writing are whole.
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { type BridgeLoanBurstSession, seedBridgeLoanBurst } from '../measures/bridge-loan/bridge-loan.seed';
import { type BurstApplication, burstBridgeLoan, burstInterestSubsidy } from '../measures/opening-burst';
import { verifyAuditChain } from '../platform/audit';
import { systemClock } from '../platform/clock';
import { createTestApp, DIALECTS, type TestApp } from './harness';
import { isAlive, killHard, type ServeProcess, startServe, stopServe, until, workerPids } from './serve-process';

// "Nothing a user submitted and was told was saved is ever lost", tested the hard way: a serving
// process is killed (SIGKILL, no shutdown of any kind) in the middle of an opening-day burst of
// applications. Every application whose sender got a 2xx must then be there, whole; every one
// whose answer was lost with the process must, when sent again with its idempotency key as the
// web client does, be stored exactly once; and the audit chains must verify. On SQLite this is
// group commit's promise (db/group-commit.ts: nobody is answered before the batch's COMMIT); on
// PostgreSQL, that of the pipelined transactions (db/prepared.ts). Load on 127.0.0.1 only,
// bounded by count and time.

const ENTERPRISES = 24;
const CLIENTS = 24;
/** Load before the kill, and answered applications at least: batches are being committed when it lands. */
const BURST_MS = 500;
const ANSWERED_BEFORE_KILL = 100;
const LOAD_LIMIT_MS = 20_000;
/** No request waits longer: one that does has found a server that neither answers nor goes away. */
const REQUEST_TIMEOUT_MS = 15_000;

interface Sent {
  session: BridgeLoanBurstSession;
  application: BurstApplication;
  /** The HTTP status, or null when no answer came (the process died, or the connection with it). */
  status: number | null;
  caseId: number | null;
  /** The error code of an answer that is not 2xx. */
  code: string | null;
  /** When the answer came (ms since the epoch). */
  answeredAt: number | null;
}

function send(url: string, s: BridgeLoanBurstSession, a: BurstApplication): Promise<Response> {
  return fetch(url + a.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    body: JSON.stringify(a.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

function caseIdOf(body: string): number | null {
  const id = /"caseId":(\d+)/.exec(body)?.[1];
  return id === undefined ? null : Number(id);
}

/**
 * Sends applications from CLIENTS clients, each one after another as fast as it is answered, and
 * runs `crash` the moment the first answer arrives after BURST_MS: the most demanding moment, for
 * were answers sent before their batch was committed, the commit would not have happened yet. (The
 * first answer of a batch reaches this process soonest; counting to the n-th answer landed anywhere
 * in a batch, later.) A client whose request goes unanswered stops, as its connection died; the
 * others go on, as users would, until `crash` has finished and `afterMs` more have passed.
 * Returns every request sent and when the crash was.
 */
async function burstWithCrash(url: string, sessions: BridgeLoanBurstSession[], keyPrefix: string, crash: () => Promise<void>, afterMs = 0) {
  const sent: Sent[] = [];
  let answered = 0;
  let crashedAt: number | null = null;
  let crashing: Promise<void> | null = null;
  let stopAt = Infinity;
  const killAt = Date.now() + BURST_MS;
  const deadline = Date.now() + LOAD_LIMIT_MS;
  const client = async () => {
    while (Date.now() < Math.min(stopAt, deadline)) {
      const n = sent.length;
      const session = sessions[n % sessions.length]!;
      const key = `${keyPrefix}-${n}`;
      // Every other session is on the priority list: those alternate 贴息 and 应急转贷.
      const application = session.priorityList && n % 4 === 0 ? burstInterestSubsidy(session, key) : burstBridgeLoan(session, key);
      const entry: Sent = { session, application, status: null, caseId: null, code: null, answeredAt: null };
      sent.push(entry);
      try {
        const res = await send(url, session, application);
        entry.status = res.status;
        entry.answeredAt = Date.now();
        // On the answer's headers; its small body came with them, in one write.
        if (res.ok && ++answered >= ANSWERED_BEFORE_KILL && crashing === null && Date.now() >= killAt) {
          crashedAt = Date.now();
          crashing = crash().then(() => { stopAt = Date.now() + afterMs; });
        }
        const body = await res.text();
        if (res.ok) entry.caseId = caseIdOf(body);
        else entry.code = (JSON.parse(body) as { error: { code: string } }).error.code;
      } catch (err) {
        // No answer: its sender does not know whether it was saved. A server that holds a request
        // without answering it is a fault of its own.
        if ((err as Error).name === 'TimeoutError') throw new Error(`${application.own}: no answer within ${REQUEST_TIMEOUT_MS} ms`, { cause: err });
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  expect(crashing, `applications answered within ${LOAD_LIMIT_MS} ms: ${answered}`).not.toBeNull();
  await crashing;
  return { sent, crashedAt: crashedAt! };
}

/**
 * Checks, against the server at `url`, that no application in `sent` that was answered 2xx was
 * lost, and sends again those that were not: unanswered, or refused as 503 with one of `refusals`
 * (a code that tells the sender to try again).
 */
async function expectNothingAnsweredLost(t: TestApp, url: string, sent: Sent[], keyPattern: string, refusals: string[] = []): Promise<void> {
  const answered = sent.filter((e) => e.status !== null && e.status >= 200 && e.status < 300);
  const refused = sent.filter((e) => e.status !== null && !answered.includes(e));
  const unanswered = sent.filter((e) => e.status === null);
  // Nothing else: any other answer would be an application its sender was told was not saved, or a fault.
  expect(refused.filter((e) => e.status !== 503 || !refusals.includes(e.code!)).map((e) => `${e.status} ${e.code}`)).toEqual([]);
  expect(answered.every((e) => e.caseId !== null)).toBe(true);

  const readBack = async (e: Sent, caseId: number) => {
    const res = await fetch(url + e.application.detailPath(caseId), { headers: { cookie: e.session.cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    expect(res.status, `${e.application.own} (case ${caseId})`).toBe(200);
    const body = await res.text();
    expect(body).toContain(`"uscc":"${e.session.uscc}"`);
    expect(body).toContain(`"${e.application.own}"`);
  };
  // Every answered application is there, the applicant's own, under the case it was given.
  for (const e of answered) await readBack(e, e.caseId!);
  // The others, sent again with their keys: stored now, or found stored before.
  for (const e of [...refused, ...unanswered]) {
    const res = await send(url, e.session, e.application);
    expect([200, 201], `${e.application.own}: ${res.status}`).toContain(res.status);
    const caseId = caseIdOf(await res.text());
    expect(caseId, e.application.own).not.toBeNull();
    await readBack(e, caseId!);
  }

  // One case per key: no answered application twice, no resent one stored beside its first.
  const cases = await t.app.ctx.db.selectFrom('workflow_case')
    .select(['idempotency_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('idempotency_key', 'like', keyPattern)
    .groupBy('idempotency_key')
    .execute();
  expect(cases.filter((c) => Number(c.n) !== 1)).toEqual([]);
  expect(new Set(cases.map((c) => c.idempotency_key))).toEqual(new Set(sent.map((e) => e.application.body.idempotencyKey)));
  // And the audit chains the killed process was writing are whole.
  expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
}

interface BurstFixture {
  t: TestApp;
  sessions: BridgeLoanBurstSession[];
  /** The server the test started; stopped, workers and all, after the block. */
  server?: ServeProcess;
}

/**
 * For a describe block: a database with the burst's enterprises signed in, on the real clock (the
 * server in the other process runs on it, and the sessions must be fresh there).
 */
function burstFixture(dialect: (typeof DIALECTS)[number]): BurstFixture {
  const f = {} as BurstFixture;
  beforeAll(async () => {
    f.t = await createTestApp(dialect, { clock: systemClock });
    f.sessions = await seedBridgeLoanBurst(f.t.app.ctx, ENTERPRISES);
  }, 120_000);
  afterAll(async () => {
    if (f.server) await stopServe(f.server);
    await f.t?.close();
  });
  return f;
}

describe.each(DIALECTS)('a server killed in the middle of the opening-day burst (%s)', (dialect) => {
  const f = burstFixture(dialect);

  it('loses no answered application, and stores each one sent again after the restart exactly once', async () => {
    const sent: Sent[] = [];
    // Killed three times: a moment when answers are out and their batch is not yet committed
    // would be brief, and each crash is another chance to land in it.
    for (let crash = 1; crash <= 3; crash++) {
      const s = f.server = await startServe(f.t.serverEnv);
      sent.push(...(await burstWithCrash(s.url, f.sessions, `crash-${dialect}-${crash}`, () => killHard(s.child))).sent);
    }
    f.server = await startServe(f.t.serverEnv);
    await expectNothingAnsweredLost(f.t, f.server.url, sent, `burst-%crash-${dialect}-%`);
  }, 120_000);
});

describe('WORKERS=2 on SQLite: a worker killed in the middle of the opening-day burst', () => {
  const f = burstFixture('sqlite');

  it('keeps serving on the other worker, loses no answered application, and replaces the dead one', async () => {
    const server = f.server = await startServe(f.t.serverEnv, 2);
    const primary = server.child.pid!;
    const [victim] = workerPids(primary);
    expect(victim).toBeDefined();
    // Killed while it may hold the database's write lock in a batch: the other worker must not be
    // held up by it (the lock goes with the process) nor read what it left uncommitted.
    const { sent, crashedAt } = await burstWithCrash(server.url, f.sessions, 'workers-sqlite', async () => {
      process.kill(victim!, 'SIGKILL');
      await until('the worker to die', () => (isAlive(victim!) ? undefined : true), 10_000);
    }, 1_000);
    const answeredAfter = sent.filter((e) => e.answeredAt !== null && e.answeredAt > crashedAt).length;
    expect(answeredAfter, 'applications the surviving worker answered after the crash').toBeGreaterThan(0);
    await until('a replacement worker', () => {
      const pids = workerPids(primary);
      return pids.length === 2 && !pids.includes(victim!) ? pids : undefined;
    });
    await expectNothingAnsweredLost(f.t, server.url, sent, 'burst-%workers-sqlite-%');
  }, 120_000);
});

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL: the server\'s database connections cut in the middle of the opening-day burst', () => {
  const f = burstFixture('postgres');

  it('answers what it could not finish with 503 DB_UNAVAILABLE, loses nothing it answered, and serves again at once', async () => {
    // Named, so that only the server's connections are cut, as a database restart or failover would.
    const url = new URL(f.t.serverEnv.DATABASE_URL);
    url.searchParams.set('application_name', 'relief-cut-test');
    const server = f.server = await startServe({ ...f.t.serverEnv, DATABASE_URL: url.toString() });
    let cut = 0;
    const { sent, crashedAt } = await burstWithCrash(server.url, f.sessions, 'cut-postgres', async () => {
      const r = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'relief-cut-test'`.execute(f.t.app.ctx.db);
      cut = r.rows[0]!.n;
    }, 1_000);
    // Its pool and its shared lookup connection, all in use under the burst.
    expect(cut).toBeGreaterThan(1);
    // An 'error' event nobody listened to used to end the process here.
    expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();
    expect(sent.filter((e) => e.status === 201 && e.answeredAt! > crashedAt + 100).length, 'applications stored after the cut').toBeGreaterThan(0);
    expect(sent.filter((e) => e.code === 'DB_UNAVAILABLE').length, 'requests answered 503 DB_UNAVAILABLE').toBeGreaterThan(0);
    await expectNothingAnsweredLost(f.t, server.url, sent, 'burst-%cut-postgres-%', ['DB_UNAVAILABLE']);
  }, 120_000);
});

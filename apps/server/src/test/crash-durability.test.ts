import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BridgeLoanBurstSession, seedBridgeLoanBurst } from '../measures/bridge-loan/bridge-loan.seed';
import { type BurstApplication, burstBridgeLoan, burstInterestSubsidy } from '../measures/opening-burst';
import { verifyAuditChain } from '../platform/audit';
import { systemClock } from '../platform/clock';
import { createTestApp, DIALECTS, type TestApp } from './harness';
import { isAlive, killHard, type ServeProcess, startServe, until, workerPids } from './serve-process';

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

interface Sent {
  session: BridgeLoanBurstSession;
  application: BurstApplication;
  /** The HTTP status, or null when no answer came (the process died, or the connection with it). */
  status: number | null;
  caseId: number | null;
  /** When the answer came (ms since the epoch). */
  answeredAt: number | null;
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
      const entry: Sent = { session, application, status: null, caseId: null, answeredAt: null };
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
        entry.caseId = caseIdOf(await res.text());
      } catch {
        // No answer: its sender does not know whether it was saved.
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  expect(crashing, `applications answered within ${LOAD_LIMIT_MS} ms: ${answered}`).not.toBeNull();
  await crashing;
  return { sent, crashedAt: crashedAt! };
}

/** Checks, against the server at `url`, that no answered application in `sent` was lost, and sends the unanswered again. */
async function expectNothingAnsweredLost(t: TestApp, url: string, sent: Sent[], keyPattern: string): Promise<void> {
  const answered = sent.filter((e) => e.status !== null);
  const unanswered = sent.filter((e) => e.status === null);
  // Nothing but 2xx while it ran: a refusal would be an application its sender knows was not saved.
  expect(answered.filter((e) => e.status! < 200 || e.status! >= 300).map((e) => e.status)).toEqual([]);
  expect(answered.every((e) => e.caseId !== null)).toBe(true);

  const readBack = async (e: Sent, caseId: number) => {
    const res = await fetch(url + detailPath(e.application, caseId), { headers: { cookie: e.session.cookie } });
    expect(res.status, `${e.application.own} (case ${caseId})`).toBe(200);
    const body = await res.text();
    expect(body).toContain(`"uscc":"${e.session.uscc}"`);
    expect(body).toContain(`"${e.application.own}"`);
  };
  // Every answered application is there, the applicant's own, under the case it was given.
  for (const e of answered) await readBack(e, e.caseId!);
  // The unanswered ones, sent again with their keys: stored now, or found stored before the kill.
  for (const e of unanswered) {
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

/** A database with the burst's enterprises signed in, on the real clock: the server in the other process runs on it, and the sessions must be fresh there. */
async function burstDatabase(dialect: (typeof DIALECTS)[number]) {
  const t = await createTestApp(dialect, { clock: systemClock });
  return { t, sessions: await seedBridgeLoanBurst(t.app.ctx, ENTERPRISES) };
}

describe.each(DIALECTS)('a server killed in the middle of the opening-day burst (%s)', (dialect) => {
  let t: TestApp;
  let sessions: BridgeLoanBurstSession[];
  let server: ServeProcess | undefined;

  beforeAll(async () => {
    ({ t, sessions } = await burstDatabase(dialect));
  }, 120_000);

  afterAll(async () => {
    if (server) await killHard(server.child);
    await t?.close();
  });

  it('loses no answered application, and stores each one sent again after the restart exactly once', async () => {
    const sent: Sent[] = [];
    // Killed three times: a moment when answers are out and their batch is not yet committed
    // would be brief, and each crash is another chance to land in it.
    for (let crash = 1; crash <= 3; crash++) {
      const s = server = await startServe(t.serverEnv);
      sent.push(...(await burstWithCrash(s.url, sessions, `crash-${dialect}-${crash}`, () => killHard(s.child))).sent);
    }
    server = await startServe(t.serverEnv);
    await expectNothingAnsweredLost(t, server.url, sent, `burst-%crash-${dialect}-%`);
  }, 120_000);
});

describe('WORKERS=2 on SQLite: a worker killed in the middle of the opening-day burst', () => {
  let t: TestApp;
  let sessions: BridgeLoanBurstSession[];
  let server: ServeProcess | undefined;

  beforeAll(async () => {
    ({ t, sessions } = await burstDatabase('sqlite'));
  }, 120_000);

  afterAll(async () => {
    if (server) {
      const workers = workerPids(server.child.pid!);
      await killHard(server.child);
      for (const pid of workers) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    await t?.close();
  });

  it('keeps serving on the other worker, loses no answered application, and replaces the dead one', async () => {
    server = await startServe(t.serverEnv, 2);
    const primary = server.child.pid!;
    const [victim] = workerPids(primary);
    expect(victim).toBeDefined();
    // Killed while it may hold the database's write lock in a batch: the other worker must not be
    // held up by it (the lock goes with the process) nor read what it left uncommitted.
    const { sent, crashedAt } = await burstWithCrash(server.url, sessions, 'workers-sqlite', async () => {
      process.kill(victim!, 'SIGKILL');
      await until('the worker to die', () => (isAlive(victim!) ? undefined : true), 10_000);
    }, 1_000);
    const answeredAfter = sent.filter((e) => e.answeredAt !== null && e.answeredAt > crashedAt).length;
    expect(answeredAfter, 'applications the surviving worker answered after the crash').toBeGreaterThan(0);
    await until('a replacement worker', () => {
      const pids = workerPids(primary);
      return pids.length === 2 && !pids.includes(victim!) ? pids : undefined;
    });
    await expectNothingAnsweredLost(t, server.url, sent, 'burst-%workers-sqlite-%');
  }, 120_000);
});

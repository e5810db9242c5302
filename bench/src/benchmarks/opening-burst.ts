// Opening-day burst (LESSONS.md "Load and failure"): many enterprises submit applications at
// once through the full stack — session lookup, guard, CSRF, Zod validation, the measure service,
// the case engine's create and submit transactions with routing, green-channel check, events,
// audit and notices. Each request is a new application (create + submit in one request) from one
// of BENCH_BURST_ENTERPRISES signed-in enterprises, with its own idempotency key and contract.
// The bare baseline is the bench's POST /item (a ~1 KB insert), in the same run.
//
// For the interest-subsidy engineer: push a generator onto OPENING_BURST_REQUESTS (path and body
// of one new 贴息 application for a session) with a weight, and the burst mixes it in; nothing
// else here needs to change. The burst enterprises are on the provincial priority list every
// other one (even indexes), see seedBridgeLoanBurst.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BridgeLoanBurstSession } from '../../../apps/server/src/measures/bridge-loan/bridge-loan.seed';
import { type BurstApplication, burstBridgeLoan } from '../../../apps/server/src/measures/opening-burst';
import { itemBody } from '../fixtures';
import type { Checkout } from '../checkout';
import { type Comparison, describeFigures, type LoadFigures, type LoadSpec, medianFigures, pairRounds, rateRatio, resultsDir, runLoad, type ServerHandle, type Settings, timestamp } from '../harness';
import { summariseProfile } from '../profile';
import { startBaseline, startPgFloor, startPlatform } from '../servers';
import type { Benchmark } from './types';
import { mkdirSync } from 'node:fs';

/** One kind of application in the burst: its share of requests and how to make one for a session. */
export interface BurstRequestKind {
  label: string;
  weight: number;
  /** Which sessions may send this kind (default: all); each kind walks its own sessions in turn. */
  eligible?(session: BridgeLoanBurstSession): boolean;
  /** One application; `own` is a value found only in it (a contract number), which its answer must name. */
  make(session: BridgeLoanBurstSession, seq: number): BurstApplication;
}

/** The mix of the burst. Bridge loans (应急转贷) now; interest subsidies (贴息) join by pushing here. */
export const OPENING_BURST_REQUESTS: BurstRequestKind[] = [
  {
    label: '应急转贷申请',
    weight: 1,
    make: (s, seq) => burstBridgeLoan(s, `${process.pid}-${seq}`),
  },
];

const ENTERPRISES = Number(process.env.BENCH_BURST_ENTERPRISES ?? 200);

/**
 * Round trips to PostgreSQL an application waits for in this mix: its session, its facts and its
 * transaction, which leaves in one write from BEGIN to COMMIT (2.1 socket writes per application
 * when counted on 2026-12-07; 21.9 round trips on 2026-12-03, before statements were pipelined).
 * On PostgreSQL the burst also loads a bare server making this many per request
 * (pg-floor-server.ts: BEGIN, the insert and COMMIT, each waited for), the ceiling those round
 * trips alone set on this machine.
 */
const PG_ROUND_TRIPS_PER_APPLICATION = Number(process.env.BENCH_PG_FLOOR_STATEMENTS ?? 3);

/**
 * Numbers every application of the process (idempotency key, contract number) across rounds: a
 * count restarting each round sent round 1's keys again, and the platform answered those as
 * replays of applications it already had, which made later rounds look faster.
 */
let applicationSeq = 0;

/** What a request of the burst must find in its answer: its session's enterprise and its own contract. */
interface Expected {
  kind: BurstRequestKind;
  session: BridgeLoanBurstSession;
  application: BurstApplication;
}

/** Receipts read back after each run (a sample: reading all would load the platform for seconds more). */
const RECEIPTS_READ_BACK = 300;

/**
 * Answers that did not name their own application: Italy's INPS portal, overloaded in 2020, showed
 * users other people's data (LESSONS.md). Every 2xx answer of the burst must name the enterprise
 * whose session sent it and the contract number only its request carried. An answer that is a
 * receipt (应急转贷: the case id) is read back with the same session after the run, for a random
 * sample of them, and must name both there.
 */
class ForeignAnswers {
  checked = 0;
  foreign = 0;
  example: string | null = null;
  readonly #receipts: (Expected & { caseId: number })[] = [];
  #seen = 0;

  check(body: string, e: Expected): void {
    this.checked += 1;
    if (e.application.answersWithReceipt) {
      const caseId = /"caseId":(\d+)/.exec(body)?.[1];
      if (caseId === undefined) this.#foreign(e, body);
      else this.#keep({ ...e, caseId: Number(caseId) });
    } else if (!this.#names(body, e)) this.#foreign(e, body);
  }

  /** Reads the sampled receipts back, one after another, once the load is over. */
  async readBack(url: string): Promise<number> {
    for (const r of this.#receipts) {
      const res = await fetch(new URL(r.application.detailPath(r.caseId), url), { headers: { cookie: r.session.cookie } });
      const body = await res.text();
      if (res.status !== 200 || !this.#names(body, r)) this.#foreign(r, `${res.status} ${body}`);
    }
    return this.#receipts.length;
  }

  #names(body: string, e: Expected): boolean {
    return body.includes(`"uscc":"${e.session.uscc}"`) && body.includes(`"${e.application.own}"`);
  }

  #foreign(e: Expected, body: string): void {
    this.foreign += 1;
    this.example ??= `${e.kind.label}: expected uscc ${e.session.uscc} and ${e.application.own}, got ${body.slice(0, 300)}`;
  }

  // Reservoir sampling: every receipt of the run is equally likely to be read back.
  #keep(r: Expected & { caseId: number }): void {
    this.#seen += 1;
    if (this.#receipts.length < RECEIPTS_READ_BACK) this.#receipts.push(r);
    else {
      const i = Math.floor(Math.random() * this.#seen);
      if (i < RECEIPTS_READ_BACK) this.#receipts[i] = r;
    }
  }
}

/** Loads the platform with the burst for `seconds` (after the warm-up, on the same connections). */
function runBurst(server: ServerHandle, sessions: BridgeLoanBurstSession[], settings: Settings, beforeMeasure?: () => Promise<void>, seconds = settings.seconds): Promise<LoadFigures> {
  const kinds = OPENING_BURST_REQUESTS.flatMap((k) => Array.from({ length: k.weight }, () => k));
  // Each kind walks its own eligible sessions: one shared index would tie the kind to the
  // session's parity (n % 2 and n % 200 agree), and a kind could then never meet its sessions.
  const pools = new Map(OPENING_BURST_REQUESTS.map((k) => [k, sessions.filter((s) => k.eligible?.(s) ?? true)] as const));
  for (const [k, pool] of pools) if (pool.length === 0) throw new Error(`no burst session may send ${k.label}`);
  const cursors = new Map<BurstRequestKind, number>(OPENING_BURST_REQUESTS.map((k) => [k, 0]));
  const sent = new Map<string, number>();
  const answers = new ForeignAnswers();
  return runLoad(server.url, {
    method: 'POST',
    path: '/api/bridge-loans',
    timeoutSeconds: 10,
    setupRequest: (req, context) => {
      const n = applicationSeq++;
      const kind = kinds[n % kinds.length]!;
      const pool = pools.get(kind)!;
      const cursor = cursors.get(kind)!;
      cursors.set(kind, cursor + 1);
      sent.set(kind.label, (sent.get(kind.label) ?? 0) + 1);
      const session = pool[cursor % pool.length]!;
      const r = kind.make(session, n);
      // One request in flight per connection: the context holds what its answer must name.
      context.expected = { kind, session, application: r } satisfies Expected;
      req.path = r.path;
      req.headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken };
      req.body = JSON.stringify(r.body);
      return req;
    },
    onResponse: (status, body, context) => {
      if (status >= 200 && status < 300) answers.check(body, context.expected as Expected);
    },
  }, settings, beforeMeasure, seconds).then(async (figures) => {
    const readBack = await answers.readBack(server.url);
    console.log(`    sent (warm-up included): ${[...sent].map(([label, count]) => `${label} ${count.toLocaleString('en')}`).join(', ')}`);
    console.log(`    answers checked for their own enterprise and contract: ${answers.checked.toLocaleString('en')} (receipts among them read back: ${readBack}); naming another: ${answers.foreign}`);
    if (answers.foreign > 0) throw new Error(`${answers.foreign} answers named another application than the one sent; first: ${answers.example}`);
    return figures;
  });
}

export const openingBurst: Benchmark = {
  name: 'opening-burst',
  against: true,
  summary: `new 应急转贷 and 贴息 applications (create + submit) from ${ENTERPRISES} enterprise sessions vs bare POST /item (1 KB insert)`,
  connections: 100,
  async run(ctx) {
    const baseline = await startBaseline(ctx);
    const floor = ctx.db === 'postgres' ? await startPgFloor(ctx, PG_ROUND_TRIPS_PER_APPLICATION).catch(async (err: unknown) => {
      await baseline.stop();
      throw err;
    }) : undefined;
    const dir = mkdtempSync(path.join(tmpdir(), 'relief-burst-'));
    // Each platform signs its enterprises in on its own database and writes their sessions here.
    const startWithSessions = async (name: string, from?: Checkout) => {
      const file = path.join(dir, `${name}.json`);
      // The platform child inherits these (startServer passes process.env on).
      process.env.BENCH_BURST_ENTERPRISES = String(ENTERPRISES);
      process.env.BENCH_SESSIONS_FILE = file;
      try {
        const server = await startPlatform(ctx, from);
        return { server, sessions: JSON.parse(readFileSync(file, 'utf8')) as BridgeLoanBurstSession[] };
      } finally {
        delete process.env.BENCH_BURST_ENTERPRISES;
        delete process.env.BENCH_SESSIONS_FILE;
      }
    };
    try {
      const { server: platform, sessions } = await startWithSessions('platform');
      const other = ctx.against ? await startWithSessions('against', ctx.against).catch(async (err: unknown) => {
        await platform.stop();
        throw err;
      }) : undefined;
      try {
        const bare: LoadSpec = { method: 'POST', path: '/item', body: JSON.stringify(itemBody(1)) };
        const { settings } = ctx;
        const b: LoadFigures[] = [];
        const p: LoadFigures[] = [];
        const a: LoadFigures[] = [];
        const f: LoadFigures[] = [];
        const label = `new ${OPENING_BURST_REQUESTS.map((k) => k.label).join(' + ')}, ${sessions.length} enterprises (${ctx.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
        const againstLabel = ctx.against ? `the same at ${ctx.against.sha.startsWith(ctx.against.ref) ? ctx.against.ref : `${ctx.against.ref} (${ctx.against.sha.slice(0, 7)})`}` : '';
        for (let round = 1; round <= settings.rounds; round++) {
          console.log(`  loading bare POST /item — ${settings.warmupSeconds} s warm-up + ${settings.seconds} s, ${settings.connections} connections`);
          b.push(await runLoad(baseline.url, bare, settings));
          console.log(`    ${describeFigures(b.at(-1)!)}`);
          if (floor) {
            console.log(`  loading the PostgreSQL floor: bare POST /item, ${PG_ROUND_TRIPS_PER_APPLICATION} round trips in one transaction`);
            f.push(await runLoad(floor.url, bare, settings));
            console.log(`    ${describeFigures(f.at(-1)!)}`);
          }
          // With --against the two platforms take turns going first, so neither always meets the
          // machine just after the baseline.
          const platforms = [
            { label, load: async () => p.push(await runBurst(platform, sessions, settings)), figures: p },
            ...(other ? [{ label: againstLabel, load: async () => a.push(await runBurst(other.server, other.sessions, settings)), figures: a }] : []),
          ];
          if (round % 2 === 0) platforms.reverse();
          for (const side of platforms) {
            console.log(`  loading ${side.label}`);
            await side.load();
            console.log(`    ${describeFigures(side.figures.at(-1)!)}`);
          }
        }
        const result: Comparison = {
          baseline: { label: 'bare POST /item (SQLite, 1 KB insert)', median: medianFigures(b), rounds: b },
          platform: { label, median: medianFigures(p), rounds: p },
          ratio: 0,
        };
        result.ratio = rateRatio(result.platform, result.baseline);
        if (other) {
          const side = { label: againstLabel, median: medianFigures(a), rounds: a };
          result.against = { ...side, ratio: rateRatio(side, result.baseline), sha: ctx.against!.sha, paired: pairRounds(p, a) };
        }
        if (floor) {
          const side = { label: `bare POST /item (PostgreSQL, ${PG_ROUND_TRIPS_PER_APPLICATION} round trips)`, median: medianFigures(f), rounds: f };
          result.reference = { ...side, ratio: rateRatio(result.platform, side) };
        }
        if (ctx.profile) {
          mkdirSync(resultsDir, { recursive: true });
          const file = path.join(resultsDir, `opening-burst-${timestamp()}.cpuprofile`);
          console.log(`  profiling the platform: ${settings.warmupSeconds} s warm-up + ${settings.profileSeconds} s under the inspector`);
          const run = await runBurst(platform, sessions, settings, () => platform.startProfile(), settings.profileSeconds);
          await platform.stopProfile(file);
          result.profile = { file: path.relative(path.resolve(resultsDir, '../..'), file), run, summary: summariseProfile(JSON.parse(readFileSync(file, 'utf8'))) };
        }
        const m = result.platform.median;
        const target = ctx.db === 'sqlite' ? 2000 : 1000;
        console.log(`  targets: ≥ ${target} applications/s${ctx.db === 'sqlite' ? ', p99 < 50 ms, ≥ 25% of the baseline' : ''} → ${Math.round(m.requestsPerSecond)}/s, p99 ${m.latencyP99Ms} ms, ${(result.ratio * 100).toFixed(1)}%`);
        // Every client waits for its answer before it sends again (a closed loop), so the mean wait
        // is fixed by the rate (Little's law), and p99 can be no shorter than it.
        console.log(`  the mean wait at ${settings.connections} connections and this rate is ${settings.connections} ÷ ${Math.round(m.requestsPerSecond)}/s = ${((settings.connections / m.requestsPerSecond) * 1000).toFixed(1)} ms (measured: ${m.latencyMeanMs} ms)`);
        return result;
      } finally {
        await other?.server.stop();
        await platform.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await floor?.stop();
      await baseline.stop();
    }
  },
};

// Filing a monthly risk-compensation claim of 50 loans through the full stack (贷款风险补偿, 第一条):
// POST /api/risk-compensation/claims as a bank, each request a different bank (one claim per bank
// and month). The platform does the whole write: session and CSRF, permission, Zod validation,
// the business-key and idempotency reads, the window (working-day calendar), the 50 loans read with
// their borrowers from the registry, eligibility again, parameters and epidemic period, 50 amounts,
// then one transaction with the case, its event, the claim, 50 items, 50 loans marked claimed, the
// hash-chained audit events and the notices, and the claim read back with its 50 items. The bare
// baseline validates and inserts a ~1 KB JSON body.
//
// The platform's clock is real time, so the claim is this month's: the bank may open it now, and
// submit it once the month has ended (the window rule); the measured request is the 50-item filing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import type { RiskCompensationBenchBank } from '../../../apps/server/src/measures/risk-compensation/risk-compensation.seed';
import { itemBody } from '../fixtures';
import { type Comparison, describeFigures, type LoadFigures, loadOnce, medianFigures, rateRatio, runLoad, type Settings } from '../harness';
import { startBaseline, startPlatform } from '../servers';
import type { Benchmark } from './types';

const BANKS = Number(process.env.BENCH_RC_BANKS ?? 5000);

/** Loads the platform with one new 50-item claim per request, each by the next bank. */
async function loadClaims(url: string, banks: RiskCompensationBenchBank[], next: { n: number }, settings: Settings, seconds: number): Promise<LoadFigures> {
  const request: autocannon.Request = {
    method: 'POST',
    path: '/api/risk-compensation/claims',
    setupRequest: (req) => {
      const bank = banks[next.n % banks.length]!;
      next.n += 1;
      req.headers = { 'content-type': 'application/json', cookie: bank.cookie, 'x-csrf-token': bank.csrfToken };
      req.body = JSON.stringify({ month: bank.month, loanIds: bank.loanIds, idempotencyKey: `bench-claim-${next.n}` });
      return req;
    },
  };
  return loadOnce(url, { path: request.path!, method: 'POST', ...(request.headers ? { headers: request.headers as Record<string, string> } : {}), setupRequest: request.setupRequest, timeoutSeconds: 20 }, settings.connections, seconds, settings.warmupSeconds);
}



export const claimSubmit: Benchmark = {
  name: 'claim-submit',
  summary: 'POST /api/risk-compensation/claims (a bank\'s monthly claim of 50 loans: eligibility, amounts, one audited transaction) vs bare POST /item (~1 KB, one insert)',
  async run(ctx) {
    const { settings } = ctx;
    const dir = mkdtempSync(path.join(tmpdir(), 'relief-bench-rc-'));
    const file = path.join(dir, 'banks.json');
    // The platform child inherits these: its seed writes the banks, their loans and sessions.
    process.env.BENCH_RC_BANKS = String(BANKS);
    process.env.BENCH_RC_SESSIONS_FILE = file;
    const baseline = await startBaseline(ctx);
    try {
      const platform = await startPlatform(ctx);
      delete process.env.BENCH_RC_BANKS;
      delete process.env.BENCH_RC_SESSIONS_FILE;
      try {
        const banks = JSON.parse(readFileSync(file, 'utf8')) as RiskCompensationBenchBank[];
        const next = { n: 0 };
        const baseSpec = { method: 'POST' as const, path: '/item', body: JSON.stringify(itemBody(1)) };
        const platformLabel = `POST /api/risk-compensation/claims, 50 items (${ctx.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
        const b: LoadFigures[] = [];
        const p: LoadFigures[] = [];
        for (let round = 1; round <= settings.rounds; round++) {
          const of = settings.rounds > 1 ? ` (round ${round}/${settings.rounds})` : '';
          console.log(`  loading bare POST /item${of} — ${settings.warmupSeconds} s warm-up + ${settings.seconds} s, ${settings.connections} connections`);
          b.push(await runLoad(baseline.url, baseSpec, settings));
          console.log(`    ${describeFigures(b.at(-1)!)}`);
          console.log(`  loading ${platformLabel}${of}`);
          p.push(await loadClaims(platform.url, banks, next, settings, settings.seconds));
          console.log(`    ${describeFigures(p.at(-1)!)}`);
        }
        if (next.n > banks.length) console.log(`  ⚠ ${next.n} requests for ${banks.length} banks: raise BENCH_RC_BANKS (repeats answer 200 or 409, not a new claim)`);
        const result: Comparison = {
          baseline: { label: 'bare POST /item (SQLite)', median: medianFigures(b), rounds: b },
          platform: { label: platformLabel, median: medianFigures(p), rounds: p },
          ratio: 0,
        };
        result.ratio = rateRatio(result.platform, result.baseline);
        return result;
      } finally {
        await platform.stop();
      }
    } finally {
      await baseline.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

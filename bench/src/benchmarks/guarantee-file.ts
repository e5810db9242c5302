// Filing a guarantee through the full stack (融资担保, 第四条): POST /api/guarantee/filings as the
// reward-funded demo institution, at 0.8% so the fee-cap rule runs and passes. Each request files
// a new guarantee (its own idempotency key and contract number), so the platform does the whole
// write: session and CSRF, permission, Zod validation, USCC check and registry lookup, duplicate
// and register reads, parameters and epidemic period, the rule, the insert with its audit event
// (hash-chained) in one transaction, and the answer read back. The bare baseline validates and
// inserts a ~1 KB JSON body.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type autocannon from 'autocannon';
import { itemBody } from '../fixtures';
import { type Comparison, describeFigures, type LoadFigures, loadOnce, medianFigures, rateRatio, repoRoot, resultsDir, runLoad, type Settings, timestamp } from '../harness';
import { summariseProfile } from '../profile';
import { expectOk, login, startBaseline, startPlatform } from '../servers';
import type { Benchmark } from './types';

const USCCS = ['91370102MA3C4K2D1F', '91370211MA3N5R6T3W'];

/** Loads the platform with a new filing per request (the body changes, so autocannon's fixed body will not do). */
async function loadFilings(url: string, headers: Record<string, string>, settings: Settings, seconds: number, run: string, beforeMeasure?: () => Promise<void>): Promise<LoadFigures> {
  let n = 0;
  const request: autocannon.Request = {
    method: 'POST',
    path: '/api/guarantee/filings',
    headers: { 'content-type': 'application/json', ...headers },
    setupRequest: (req) => {
      n += 1;
      req.body = JSON.stringify({
        idempotencyKey: `bench-${run}-${n}`, uscc: USCCS[n % USCCS.length], bankName: '中国工商银行股份有限公司山东省分行', contractNo: `BENCH-${run}-${n}`,
        amountFen: 100_000_000 + (n % 100) * 1_000_000, termMonths: 12, feeRatePpm: 8_000, counterGuarantee: false, startOn: '2020-03-02',
      });
      return req;
    },
  };
  return loadOnce(url, { path: request.path!, method: 'POST', headers: request.headers as Record<string, string>, setupRequest: request.setupRequest, timeoutSeconds: 10 }, settings.connections, seconds, settings.warmupSeconds, beforeMeasure);
}



export const guaranteeFile: Benchmark = {
  name: 'guarantee-file',
  summary: 'POST /api/guarantee/filings (a new guarantee per request, fee-cap rule, audited insert) vs bare POST /item (~1 KB, one insert)',
  async run(ctx) {
    const { settings } = ctx;
    const baseline = await startBaseline(ctx);
    try {
      const platform = await startPlatform(ctx);
      try {
        const session = await login(platform.url, 'danbao');
        const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
        await expectOk(platform.url, '/api/guarantee/filings', { cookie: session.cookie });
        const baseSpec = { method: 'POST' as const, path: '/item', body: JSON.stringify(itemBody(1)) };
        const platformLabel = `POST /api/guarantee/filings (${ctx.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
        const b: LoadFigures[] = [];
        const p: LoadFigures[] = [];
        for (let round = 1; round <= settings.rounds; round++) {
          const of = settings.rounds > 1 ? ` (round ${round}/${settings.rounds})` : '';
          console.log(`  loading bare POST /item${of} — ${settings.warmupSeconds} s warm-up + ${settings.seconds} s, ${settings.connections} connections`);
          b.push(await runLoad(baseline.url, baseSpec, settings));
          console.log(`    ${describeFigures(b.at(-1)!)}`);
          console.log(`  loading ${platformLabel}${of}`);
          p.push(await loadFilings(platform.url, headers, settings, settings.seconds, `r${round}`));
          console.log(`    ${describeFigures(p.at(-1)!)}`);
        }
        const result: Comparison = {
          baseline: { label: 'bare POST /item (SQLite)', median: medianFigures(b), rounds: b },
          platform: { label: platformLabel, median: medianFigures(p), rounds: p },
          ratio: 0,
        };
        result.ratio = rateRatio(result.platform, result.baseline);
        if (ctx.profile) {
          mkdirSync(resultsDir, { recursive: true });
          const file = path.join(resultsDir, `guarantee-file-${timestamp()}.cpuprofile`);
          console.log(`  profiling ${platformLabel}: ${settings.profileSeconds} s under the inspector`);
          const run = await loadFilings(platform.url, headers, settings, settings.profileSeconds, 'pr', () => platform.startProfile());
          await platform.stopProfile(file);
          result.profile = { file: path.relative(repoRoot, file), run, summary: summariseProfile(JSON.parse(readFileSync(file, 'utf8'))) };
        }
        return result;
      } finally {
        await platform.stop();
      }
    } finally {
      await baseline.stop();
    }
  },
};

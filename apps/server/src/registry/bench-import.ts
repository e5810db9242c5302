// Benchmark of the Excel import pipeline (not a test): generates a 100 000-row enterprise file
// with valid codes in real county codes, then uploads, validates and confirms it through the
// HTTP API against a fresh SQLite database — and PostgreSQL when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set — printing the times, rows per second and peak RSS.
//
//   node --import tsx apps/server/src/registry/bench-import.ts [rows]
//
// Each phase runs in its own child process so that its peak RSS is its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isValidRegionCode, listCities, listCounties } from '@relief/domain';
import ExcelJS from 'exceljs';
import { systemClock } from '../platform/clock';
import { createTestApp, login } from '../test/harness';
import { ENTERPRISE_HEADER, makeUscc, upload, waitForJob } from './test-support';

const self = fileURLToPath(import.meta.url);

async function generate(file: string, rows: number): Promise<void> {
  // The organisation tree is that of 2020-02-17; of its counties, those still current.
  const counties = listCities().flatMap((c) => listCounties(c.code, '2020-02-17')).filter((c) => isValidRegionCode(c.code));
  const industries: [string, string | null][] = [['C', '3435'], ['C', '2641'], ['F', '5211'], ['F', '5191'], ['I', '6510'], ['E', null], ['M', '7320']];
  let seed = 20200217;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(ENTERPRISE_HEADER).commit();
  for (let i = 0; i < rows; i++) {
    const county = counties[i % counties.length]!;
    const [section, code] = industries[i % industries.length]!;
    ws.addRow([makeUscc(county.code, 10_000_000 + i), `${county.name}第${i + 1}号测试企业有限公司`, county.code, section, code,
      5 + rand(900), rand(500_000_000) + rand(100) / 100, rand(800_000_000)]).commit();
  }
  await ws.commit();
  await wb.commit();
}

interface Result {
  dialect: string;
  rows: number;
  uploadMs: number;
  validatedMs: number;
  confirmMs: number;
  validRows: number;
  errors: number;
  warnings: number;
  enterprises: number;
  auditBatches: number;
  /** Peak RSS of the process once the app has started (before the upload), and overall. */
  baselineRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
}

async function run(dialect: 'sqlite' | 'postgres', file: string): Promise<Result> {
  const t = await createTestApp(dialect, { clock: systemClock });
  try {
    const admin = await login(t.app, 'admin');
    const baselineRssMb = process.resourceUsage().maxRSS / 1024;
    let peakHeap = 0;
    const sampler = setInterval(() => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); }, 25);
    const content = (await import('node:fs')).readFileSync(file);
    const t0 = performance.now();
    const res = await upload(t.app, admin, { kind: 'enterprises' }, { name: 'bench.xlsx', content });
    if (res.statusCode !== 202) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    const uploadMs = performance.now() - t0;
    const validated = await waitForJob(t.app, admin, res.json().id, 30 * 60_000);
    const validatedMs = performance.now() - t0;
    if (validated.status !== 'validated') throw new Error(`validation ended ${validated.status}: ${String(validated.errorMessage)}`);
    const t1 = performance.now();
    const confirm = await t.app.inject({ method: 'POST', url: `/api/imports/${res.json().id}/confirm`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    if (confirm.statusCode !== 202) throw new Error(`confirm: ${confirm.statusCode} ${confirm.body}`);
    const done = await waitForJob(t.app, admin, res.json().id, 30 * 60_000);
    const confirmMs = performance.now() - t1;
    if (done.status !== 'done') throw new Error(`confirm ended ${done.status}: ${String(done.errorMessage)}`);
    clearInterval(sampler);
    const n = async (table: 'enterprise') => Number((await t.app.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const batches = await t.app.ctx.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'registry.imported').executeTakeFirstOrThrow();
    return {
      dialect, rows: Number(validated.totalRows), uploadMs, validatedMs, confirmMs, validRows: Number(validated.validRows),
      errors: Number(validated.errorCount), warnings: Number(validated.warningCount), enterprises: await n('enterprise'),
      auditBatches: Number(batches.n), baselineRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / 1024 / 1024,
    };
  } finally {
    await t.close();
  }
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'generate') return generate(args[0]!, Number(args[1]));
  if (mode === 'run') {
    if (args[0] === 'postgres') process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
    console.log(JSON.stringify(await run(args[0] as 'sqlite' | 'postgres', args[1]!)));
    return;
  }
  const rows = Number(mode ?? 100_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'relief-bench-'));
  const file = path.join(dir, 'enterprises.xlsx');
  const child = (argv: string[]) => execFileSync(process.execPath, ['--import', 'tsx', self, ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26, env: { ...process.env, LOG_LEVEL: 'warn' } });
  try {
    let t = performance.now();
    child(['generate', file, String(rows)]);
    console.log(`generated ${rows.toLocaleString('en-US')} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const dialects = ['sqlite', ...(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? ['postgres'] : [])];
    for (const d of dialects) {
      t = performance.now();
      const out = child(['run', d, file]).trim().split('\n').pop()!;
      const r = JSON.parse(out) as Result;
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.log(`\n${d}: ${r.rows.toLocaleString('en-US')} rows (${r.validRows} valid, ${r.errors} errors, ${r.warnings} warnings)`);
      console.log(`  upload (202, file read and counted)   ${s(r.uploadMs)}`);
      console.log(`  upload → validated                    ${s(r.validatedMs)}  (${Math.round(r.rows / (r.validatedMs / 1000)).toLocaleString('en-US')} rows/s)`);
      console.log(`  confirm → done                        ${s(r.confirmMs)}  (${Math.round(r.validRows / (r.confirmMs / 1000)).toLocaleString('en-US')} rows/s)`);
      console.log(`  enterprises in registry               ${r.enterprises.toLocaleString('en-US')}; audit batch events ${r.auditBatches}`);
      console.log(`  peak RSS                              ${r.peakRssMb.toFixed(0)} MB (${r.baselineRssMb.toFixed(0)} MB after start-up; peak JS heap ${r.peakHeapMb.toFixed(0)} MB)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

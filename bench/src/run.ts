// npm run bench [-- <name>…] [--db=sqlite|postgres] [--profile] [--list]
//
// Runs the named benchmarks (all when none is named), each comparing a platform endpoint with the
// bare baseline in the same run, prints a table and the ratio, and writes
// bench/results/<name>-<timestamp>.json. Settings come from the environment (README.md).
import { benchmarks } from './benchmarks';
import { checkoutAt } from './checkout';
import { cleanupAll, installSignalHandlers, machine, printComparison, readSettings, sidesOf, writeResults } from './harness';
import { DEFAULT_BENCH_DATABASE_URL } from './postgres';
import type { DbKind, RunContext } from './servers';

const USAGE = `usage: npm run bench -- [name…] [--db=sqlite|postgres] [--profile] [--against=<ref>] [--list]

  name          a benchmark to run (default: all): ${benchmarks.map((b) => b.name).join(', ')}
  --db=…        the platform's database (the baseline is always SQLite); postgres uses
                BENCH_DATABASE_URL (default ${DEFAULT_BENCH_DATABASE_URL})
  --profile     after the measured runs, CPU-profile the platform for BENCH_PROFILE_SECONDS
                and print where its time goes
  --against=…   also run the platform as it was at that commit (a git ref), load the two in
                turn every round and print how this checkout compares, round by round
                (${benchmarks.filter((b) => b.against).map((b) => b.name).join(', ')})
  --list        list the benchmarks

environment: BENCH_SECONDS (10) BENCH_CONNECTIONS (50) BENCH_WARMUP_SECONDS (2) BENCH_ROUNDS (1)
             BENCH_PROFILE_SECONDS (5) BENCH_DATABASE_URL`;

function parseArgs(argv: string[]): { names: string[]; db: DbKind; profile: boolean; list: boolean; against: string | null } {
  const names: string[] = [];
  let db: DbKind = 'sqlite';
  let profile = false;
  let list = false;
  let against: string | null = null;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--list') list = true;
    else if (arg === '--profile') profile = true;
    else if (arg.startsWith('--db=')) {
      const value = arg.slice('--db='.length);
      if (value !== 'sqlite' && value !== 'postgres') throw new Error(`--db must be sqlite or postgres, got "${value}"`);
      db = value;
    } else if (arg.startsWith('--against=')) {
      against = arg.slice('--against='.length);
      if (!against) throw new Error('--against needs a git ref: --against=HEAD~1');
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    else names.push(arg);
  }
  const unknown = names.filter((n) => !benchmarks.some((b) => b.name === n));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
  const cannot = (names.length ? benchmarks.filter((b) => names.includes(b.name)) : benchmarks).filter((b) => !b.against);
  if (against !== null && cannot.length) throw new Error(`--against is for ${benchmarks.filter((b) => b.against).map((b) => b.name).join(', ')}; not ${cannot.map((b) => b.name).join(', ')}`);
  if (against !== null && profile) throw new Error('--against and --profile: profile each commit in a run of its own');
  return { names, db, profile, list, against };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const b of benchmarks) console.log(`${b.name.padEnd(16)} ${b.summary}`);
    return 0;
  }
  installSignalHandlers();
  const settings = readSettings();
  const ctx: RunContext = {
    settings,
    db: args.db,
    databaseUrl: args.db === 'postgres' ? process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL : '',
    profile: args.profile,
    ...(args.against !== null ? { against: checkoutAt(args.against) } : {}),
  };
  const selected = args.names.length ? benchmarks.filter((b) => args.names.includes(b.name)) : benchmarks;
  const host = machine();
  console.log(`bench: ${selected.map((b) => b.name).join(', ')} — platform on ${ctx.db}${ctx.db === 'postgres' ? ` (${ctx.databaseUrl})` : ''}`);
  console.log(`  ${settings.rounds} round(s) of ${settings.warmupSeconds} s warm-up + ${settings.seconds} s; ${host.cores} cores, Node ${host.node}`);
  if (ctx.against) console.log(`  against ${ctx.against.ref} (${ctx.against.sha.slice(0, 7)}), checked out in ${ctx.against.root}`);
  let failed = false;
  for (const benchmark of selected) {
    const own = readSettings(process.env, { connections: benchmark.connections });
    console.log(`\n▶ ${benchmark.name}: ${benchmark.summary} — ${own.connections} connections`);
    const startedAt = new Date().toISOString();
    const result = await benchmark.run({ ...ctx, settings: own });
    printComparison(benchmark.name, result);
    const file = writeResults(benchmark.name, { summary: benchmark.summary, startedAt, db: ctx.db, settings: own, machine: host, ...result });
    console.log(`  results: ${file}`);
    const bad = sidesOf(result).some((s) => s.median.non2xx > 0 || s.median.errors > 0);
    if (bad) failed = true;
  }
  return failed ? 1 : 0;
}

try {
  const code = await main();
  await cleanupAll();
  process.exit(code);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await cleanupAll();
  process.exit(1);
}

// The one gate, the same locally and in CI (`npm test`): runs the phases below in order and stops
// at the first failure, so a type error never waits for the browser suite.
//
//   npm test                               every phase
//   npm test -- --only=unit,server         some phases (names or groups below)
//   npm test -- --skip=browser             all but some
//   npm test -- --list                     print the phases
//
// TZ is removed from every phase's environment, except the domain unit tests, which run twice:
// under Asia/Shanghai and under America/New_York. The working-day calendar must give the same
// answers whatever the server's time zone is.
//
// The last line is "N passed, M failed", counting phases; vitest prints its own test counts above.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(repoRoot);

const node = process.execPath;
// `npx --no` runs the workspace's own binary and never downloads one.
const npx = (...args) => ['npx', '--no', '--', ...args];
const vitest = (...projects) => npx('vitest', 'run', ...projects.flatMap((p) => ['--project', p]));

/**
 * @typedef {{ cmd: string[], tz?: string, label?: string }} Step
 * @typedef {{ name: string, group: string, title: string, steps: Step[], note?: () => string | undefined }} Phase
 * @type {Phase[]}
 */
const PHASES = [
  {
    name: 'typecheck',
    group: 'typecheck',
    title: 'typecheck (tsc 7, every workspace)',
    steps: [{ cmd: [node, 'scripts/typecheck.mjs'] }],
  },
  {
    name: 'lint',
    group: 'lint',
    title: 'lint (eslint, import zones)',
    steps: [{ cmd: npx('eslint', '--max-warnings=0', '.') }],
  },
  {
    name: 'openapi',
    group: 'openapi',
    title: 'OpenAPI drift (docs/openapi.json)',
    steps: [{ cmd: [node, '--import', 'tsx', 'apps/server/src/openapi-export.ts', '--check'] }],
  },
  {
    name: 'unit',
    group: 'unit',
    title: 'unit: domain (TZ=Asia/Shanghai) and web',
    steps: [
      { label: 'domain, TZ=Asia/Shanghai', cmd: vitest('domain'), tz: 'Asia/Shanghai' },
      { label: 'web', cmd: vitest('web') },
    ],
  },
  {
    name: 'unit-tz',
    group: 'unit',
    title: 'unit: domain again under TZ=America/New_York',
    steps: [{ label: 'domain, TZ=America/New_York', cmd: vitest('domain'), tz: 'America/New_York' }],
  },
  {
    name: 'server',
    group: 'server',
    title: 'server (app.inject against SQLite, and PostgreSQL when TEST_DATABASE_URL is set)',
    note: () =>
      process.env.TEST_DATABASE_URL
        ? `PostgreSQL: ${redact(process.env.TEST_DATABASE_URL)}`
        : 'TEST_DATABASE_URL is not set: SQLite only (CI runs both; see DEVELOPERS.md)',
    steps: [{ cmd: vitest('server') }],
  },
  {
    name: 'browser',
    group: 'e2e',
    title: 'browser: build the web app, then e2e in headless Chromium',
    note: () => (existsSync('/usr/bin/chromium') ? undefined : '/usr/bin/chromium is missing: apt-get install chromium fonts-noto-cjk'),
    steps: [
      { label: 'build apps/web', cmd: ['npm', 'run', 'build', '-w', 'apps/web'] },
      { label: 'e2e', cmd: vitest('e2e') },
    ],
  },
];

function redact(url) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function parseArgs(argv) {
  const opts = { only: undefined, skip: [], list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i] ?? '');
    const names = () => value().split(',').map((s) => s.trim()).filter(Boolean);
    if (key === '--only') opts.only = names();
    else if (key === '--skip') opts.skip = names();
    else if (key === '--list' || key === '--help' || key === '-h') opts.list = true;
    else fail(`unknown argument ${arg} (try --list)`);
  }
  const known = new Set(PHASES.flatMap((p) => [p.name, p.group]));
  for (const n of [...(opts.only ?? []), ...opts.skip]) if (!known.has(n)) fail(`unknown phase "${n}" (try --list)`);
  return opts;
}

function fail(message) {
  console.error(`scripts/test.mjs: ${message}`);
  process.exit(2);
}

const matches = (phase, names) => names.includes(phase.name) || names.includes(phase.group);

function envFor(step) {
  const env = { ...process.env };
  delete env.TZ;
  if (step.tz) env.TZ = step.tz;
  return env;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function runPhase(phase, index, total) {
  const bar = '='.repeat(78);
  console.log(`\n${bar}\n[${index}/${total}] ${phase.name}: ${phase.title}\n${bar}`);
  const note = phase.note?.();
  if (note) console.log(note);
  for (const step of phase.steps) {
    const shown = `${step.tz ? `TZ=${step.tz} ` : ''}${step.cmd.map((c) => (c === node ? 'node' : c)).join(' ')}`;
    console.log(`\n--- ${step.label ? `${step.label}: ` : ''}${shown}`);
    const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: envFor(step) });
    if (r.error) {
      console.error(`could not start ${step.cmd[0]}: ${r.error.message}`);
      return false;
    }
    if (r.status !== 0) {
      console.error(`\n${phase.name} failed: ${shown} exited with ${r.status ?? r.signal}`);
      return false;
    }
  }
  return true;
}

const opts = parseArgs(process.argv.slice(2));
if (opts.list) {
  console.log('phases (select with --only=a,b or --skip=a,b; a group selects all its phases):');
  for (const p of PHASES) console.log(`  ${p.name.padEnd(10)} group ${p.group.padEnd(10)} ${p.title}`);
  process.exit(0);
}

const selected = PHASES.filter((p) => (opts.only ? matches(p, opts.only) : true) && !matches(p, opts.skip));
const results = [];
const started = Date.now();
for (const [i, phase] of selected.entries()) {
  const t0 = Date.now();
  const ok = runPhase(phase, i + 1, selected.length);
  results.push({ phase, ok, ms: Date.now() - t0 });
  if (!ok) break;
}

console.log(`\n${'='.repeat(78)}\nphase        result   time`);
for (const p of selected) {
  const r = results.find((x) => x.phase === p);
  const result = r ? (r.ok ? 'passed' : 'FAILED') : 'not run';
  console.log(`${p.name.padEnd(12)} ${result.padEnd(8)} ${r ? seconds(r.ms) : ''}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
const notRun = selected.length - results.length;
console.log(`total ${seconds(Date.now() - started)}${notRun ? `; ${notRun} phase(s) not run after the failure` : ''}`);
if (selected.length < PHASES.length) {
  console.log(`selected phases only: ${selected.map((p) => p.name).join(', ') || '(none)'}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || selected.length === 0 ? 1 : 0);

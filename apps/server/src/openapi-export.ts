// Writes the OpenAPI document that the route schemas generate to docs/openapi.json, or with
// `--check` fails when the committed copy differs (CI runs the check, so the file never drifts):
//   npm run openapi            (write)
//   npm run openapi:check      (exit 1 when docs/openapi.json is stale)
// Keys are sorted so a diff shows what changed, not where a plugin happened to add it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from './app';
import { loadConfig, repoRoot } from './platform/config';

const target = path.join(repoRoot, 'docs/openapi.json');
const relativeTarget = path.relative(repoRoot, target);

/** Recursively copies `value` with object keys in code-point order; arrays keep their order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

async function generate(): Promise<string> {
  // A throwaway SQLite database and no web build, so the document depends on the code alone.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relief-openapi-'));
  try {
    const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', WEB_DIST_DIR: dataDir });
    const app = await buildApp({ config: { ...config, jobIntervalSeconds: 0 }, logger: false });
    try {
      await app.ready();
      return `${JSON.stringify(sortKeys(app.swagger()), null, 2)}\n`;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const document = await generate();
  if (!check) {
    writeFileSync(target, document);
    console.log(`wrote ${relativeTarget}`);
    return 0;
  }
  let committed: string | undefined;
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    committed = undefined;
  }
  if (committed === document) {
    console.log(`${relativeTarget} is up to date`);
    return 0;
  }
  console.error(`${relativeTarget} is out of date: run npm run openapi`);
  if (committed === undefined) {
    console.error(`  (${relativeTarget} does not exist)`);
  } else {
    for (const line of describeDrift(committed, document)) console.error(`  ${line}`);
  }
  return 1;
}

/** Names the paths and schemas that were added, removed or changed, so the failure says what. */
function describeDrift(committedText: string, generatedText: string): string[] {
  let committed: Record<string, Record<string, unknown>>;
  try {
    committed = JSON.parse(committedText) as typeof committed;
  } catch {
    return ['the committed file is not valid JSON'];
  }
  const generated = JSON.parse(generatedText) as typeof committed;
  const lines: string[] = [];
  const compare = (section: string, a: Record<string, unknown> = {}, b: Record<string, unknown> = {}) => {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a)) lines.push(`+ ${section} ${key}`);
      else if (!(key in b)) lines.push(`- ${section} ${key}`);
      else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) lines.push(`~ ${section} ${key}`);
    }
  };
  compare('path', committed.paths, generated.paths);
  compare('schema', committed.components?.schemas as Record<string, unknown> | undefined, generated.components?.schemas as Record<string, unknown> | undefined);
  if (lines.length === 0) lines.push('(other parts of the document differ: info, tags or security)');
  return lines.slice(0, 40).concat(lines.length > 40 ? [`… and ${lines.length - 40} more`] : []);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('could not build the app to export its OpenAPI document:');
    console.error(err);
    process.exit(2);
  },
);

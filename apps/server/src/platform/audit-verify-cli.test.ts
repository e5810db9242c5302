import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './config';

// `npm run relief -- audit verify --heads <file>`: a chain's newest events have nothing linking to
// them, so removing them leaves every chain whole; the heads written down by the run before are
// what finds it.

const entry = path.join(repoRoot, 'apps/server/src/main.ts');

describe('audit verify --heads (command line, SQLite)', () => {
  let dir: string;
  let heads: string;
  const relief = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: repoRoot, env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const newestSeq = () => {
    const db = new Database(path.join(dir, 'relief.db'), { readonly: true });
    try {
      return (db.prepare('select max(seq) as m from audit_event').get() as { m: number }).m;
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'relief-audit-cli-'));
    heads = path.join(dir, 'audit-heads.json');
    expect(relief('migrate').code).toBe(0);
    expect(relief('create-admin', 'cli.admin1', 'Kx9#mPq2Lw').code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records each chain\'s head, and a later run finds the chain extended past it', () => {
    const first = relief('audit', 'verify', '--heads', heads);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('审计日志哈希链完整');
    const recorded = JSON.parse(readFileSync(heads, 'utf8')) as { chain: number; position: number; hash: string }[];
    expect(recorded).toEqual([{ chain: 0, position: newestSeq(), hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);

    expect(relief('create-admin', 'cli.admin2', 'Kx9#mPq2Lw').code).toBe(0);
    const second = relief('audit', 'verify', '--heads', heads);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain('上次记下的 1 条各链最新事件都在且未变');
    expect(JSON.parse(readFileSync(heads, 'utf8'))).toEqual([{ chain: 0, position: newestSeq(), hash: expect.any(String) }]);
  });

  it('finds the newest events removed, which the chain alone cannot, and keeps the heads it had', () => {
    expect(relief('audit', 'verify', '--heads', heads).code).toBe(0);
    const before = readFileSync(heads, 'utf8');
    const db = new Database(path.join(dir, 'relief.db'));
    db.exec('drop trigger audit_event_no_delete');
    db.prepare('delete from audit_event where seq = ?').run(newestSeq());
    db.close();

    expect(relief('audit', 'verify').code).toBe(0);
    const after = relief('audit', 'verify', '--heads', heads);
    expect(after.code).toBe(1);
    expect(after.err).toContain('审计日志被删改：哈希链 0 已没有第');
    expect(readFileSync(heads, 'utf8')).toBe(before);
  });

  it('refuses a heads file it did not write, and a malformed command, with usage in Chinese', () => {
    const bogus = path.join(dir, 'bogus.json');
    writeFileSync(bogus, '{"not": "heads"}');
    const r = relief('audit', 'verify', '--heads', bogus);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不是 audit verify 记下的各链最新一条');
    const usage = relief('audit', 'verify', '--heads');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('用法: audit verify [--heads <文件>]');
  });
});

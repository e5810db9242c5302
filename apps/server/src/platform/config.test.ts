import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const dir = mkdtempSync(path.join(tmpdir(), 'relief-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dir, ...env });

describe('WORKERS', () => {
  it('is one process unless set', () => {
    expect(load({}).workers).toBe(1);
    expect(load({ WORKERS: '' }).workers).toBe(1);
  });

  it('takes a count, or auto for one per core', () => {
    expect(load({ WORKERS: '3' }).workers).toBe(3);
    expect(load({ WORKERS: 'auto' }).workers).toBe(Math.min(os.availableParallelism(), 64));
  });

  it.each(['0', '-1', '1.5', 'abc', '65', 'AUTO'])('refuses %j, naming the setting and what it takes, in Chinese', (value) => {
    expect(() => load({ WORKERS: value })).toThrow(`配置项 WORKERS 应为 1 到 64 之间的整数或 auto，实际为「${value}」`);
  });
});

describe('OVERLOAD_DELAY_MS', () => {
  it('refuses new requests past a mean event-loop delay of one second unless set; 0 never refuses', () => {
    expect(load({}).overloadDelayMs).toBe(1000);
    expect(load({ OVERLOAD_DELAY_MS: '250' }).overloadDelayMs).toBe(250);
    expect(load({ OVERLOAD_DELAY_MS: '0' }).overloadDelayMs).toBe(0);
  });

  it.each(['-1', '1.5', 'abc'])('refuses %j, naming the setting, in Chinese', (value) => {
    expect(() => load({ OVERLOAD_DELAY_MS: value })).toThrow(`配置项 OVERLOAD_DELAY_MS 应为非负整数，实际为「${value}」`);
  });
});

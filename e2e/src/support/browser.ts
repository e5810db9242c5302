import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot } from '../../../apps/server/src/platform/config';

// Debian's chromium with the flags this machine needs (DEVELOPERS.md); never a downloaded browser.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const ARTIFACTS = path.join(repoRoot, 'e2e/artifacts');

/** Launches headless Debian chromium with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...FLAGS, `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'relief-chromium-'))}`],
    headless: true,
  });
}

/** A browser context in Chinese, Shanghai time, a desktop viewport, with downloads allowed. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
}

/** Saves a full-page screenshot as a test artifact (e2e/artifacts/<scenario>/<name>.png). */
export async function snap(page: Page, scenario: string, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS, scenario);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  // Charts animate; wait for fonts and a quiet network so the picture shows the settled page.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

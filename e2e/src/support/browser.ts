import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot } from '../../../apps/server/src/platform/config';

// Debian's chromium with the flags this machine needs (DEVELOPERS.md); never a downloaded browser.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const ARTIFACTS = path.join(repoRoot, 'e2e/artifacts');

/**
 * Launches headless Debian chromium with a fresh profile: `launch()` itself gives every browser a
 * new empty --user-data-dir in the temp folder (and refuses one passed in `args`).
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: FLAGS,
    headless: true,
  });
}

/** A browser context in Chinese, Shanghai time, a desktop viewport, with downloads allowed. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
}

/**
 * Waits (up to 2 s) until no finite CSS animation or transition is running: antd fades lists,
 * pop-ups and loading masks in and out, and a picture taken halfway shows them half-transparent.
 * Endless ones (spinners) are ignored.
 */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 2_000, polling: 50 },
    )
    .catch(() => undefined);
}

/**
 * Waits until the open dialog has finished its opening animation: a click on its buttons while it
 * still zooms in can land before its content is in place (seen under load in full runs).
 */
export async function dialogOpened(page: Page): Promise<void> {
  await page.locator('.ant-modal-wrap .ant-modal:not([class*="ant-zoom"])').last().waitFor();
}

/** Saves a full-page screenshot as a test artifact (e2e/artifacts/<scenario>/<name>.png). */
export async function snap(page: Page, scenario: string, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS, scenario);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  // Charts animate; wait for fonts and a quiet network so the picture shows the settled page.
  await page.waitForLoadState('networkidle');
  await settle(page);
  // A "full page" capture keeps the layout of the window's height, so 100vh boxes (the sticky menu)
  // and fixed layers (a modal's mask) stop short of the bottom of a long page. Lay the page out
  // at its whole height instead, take it, and restore the window.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await settle(page);
  }
  try {
    await page.screenshot({ path: file });
  } finally {
    if (viewport && height > viewport.height) await page.setViewportSize(viewport);
  }
  return file;
}

import type { Locator, Page } from 'playwright-core';

// Driving antd's pop-up controls: their options live in portals at the end of <body>, not under
// the control, and a closing drop-down lingers while it fades; so options are looked up among the
// visible ones only.

/** The visible options of open Select drop-downs whose text contains `label`. */
export function visibleOption(page: Page, label: string | RegExp): Locator {
  return page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: label, visible: true });
}

/** The clickable titles of open TreeSelect drop-downs whose title is exactly `title`. */
export function visibleTreeNode(page: Page, title: string): Locator {
  return page.locator(`.ant-select-dropdown .ant-select-tree-node-content-wrapper[title="${title}"]`).filter({ visible: true });
}

/**
 * Opens a Select (by its data-testid) and picks the option whose label contains `label`; a click
 * that lands while the drop-down is still opening can be lost, so the choice is checked and retried.
 */
export async function selectOption(page: Page, testId: string, label: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 0; ; attempt++) {
    if ((await select.textContent())?.includes(label)) break;
    if (attempt === 5) throw new Error(`${testId}: could not choose ${label}`);
    if ((await visibleOption(page, label).count()) === 0) await select.click();
    await visibleOption(page, label).first().click();
    await page.waitForTimeout(100);
  }
  await dropdownsClosed(page);
}

/** Waits until no Select or TreeSelect drop-down shows (a closing one fades out first). */
export async function dropdownsClosed(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.ant-select-dropdown')].every((d) => !d.checkVisibility({ opacityProperty: true, visibilityProperty: true })),
  );
}

/**
 * Picks several options of a multiple Select (by its data-testid) and closes it. A click that
 * lands while the drop-down is still opening can be lost, so each choice is checked and retried.
 */
export async function selectOptions(page: Page, testId: string, labels: readonly string[]): Promise<void> {
  const select = page.getByTestId(testId);
  for (const label of labels) {
    for (let attempt = 0; ; attempt++) {
      if ((await select.textContent())?.includes(label)) break;
      if (attempt === 5) throw new Error(`${testId}: could not choose ${label}`);
      if ((await visibleOption(page, label).count()) === 0) await select.click();
      await visibleOption(page, label).first().click();
      await page.waitForTimeout(100);
    }
  }
  await page.keyboard.press('Escape');
  await dropdownsClosed(page);
}

/**
 * Chooses a node of a TreeSelect (by its data-testid): types `search` into it and clicks the node
 * titled `title`; the choice shows as `label`. Typing re-renders the virtual list under the
 * pointer, so a lost click is retried.
 */
export async function selectTreeNode(page: Page, testId: string, search: string, title: string, label: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 0; ; attempt++) {
    if ((await select.textContent())?.includes(label)) break;
    if (attempt === 5) throw new Error(`${testId}: could not choose ${title}`);
    if ((await visibleTreeNode(page, title).count()) === 0) {
      await select.click();
      await page.keyboard.type(search);
    }
    await visibleTreeNode(page, title).first().click();
    await page.waitForTimeout(150);
  }
  await dropdownsClosed(page);
}

/**
 * Types a date (YYYY-MM-DD) into a DatePicker, as a person who knows the date does, and confirms it
 * with Enter. `testId` may sit on the input or on the picker around it; the value is checked.
 */
export async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId).locator('xpath=descendant-or-self::input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  const value = await input.inputValue();
  if (value !== date) throw new Error(`the date picker ${testId} shows ${value}, not ${date}`);
}

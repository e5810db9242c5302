import type { Page } from 'playwright-core';

/**
 * Opens a page from the left menu by the entry's visible label (e.g. '用户管理', '数据导入').
 * The link is focused and activated with Enter, as a keyboard user would: when the menu is taller
 * than the window, the sider's collapse trigger covers the last entry and swallows a mouse click.
 */
export async function openMenu(page: Page, label: string): Promise<void> {
  const link = page.getByTestId('main-menu').getByRole('link', { name: label, exact: true });
  await link.focus();
  await page.keyboard.press('Enter');
  // Drop the focus ring, which would otherwise show in screenshots.
  await link.evaluate((el) => (el as HTMLElement).blur());
}

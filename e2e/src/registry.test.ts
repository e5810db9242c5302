// Issue "domain core": the province admin imports enterprises from Excel, reads the stored
// validation report (row, column, expected check character), confirms the valid rows, and finds
// one of the new enterprises with its 300号 size class.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeOrgCodeCheckChar, computeUsccCheckChar } from '@relief/domain';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOption } from './pages/antd.page';
import { login } from './pages/login.page';
import { openMenu } from './pages/menu.page';
import { launchBrowser, newContext, snap } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const SCENARIO = 'registry';

/**
 * A valid 统一社会信用代码 for an enterprise (91) registered in `region`: the embedded organisation
 * code gets its GB 11714 check character too, so the row raises no warning about it.
 */
function uscc(region: string, serial: string): string {
  const org8 = `MA${serial}`.padEnd(8, '0').slice(0, 8);
  const first17 = `91${region}${org8}${computeOrgCodeCheckChar(org8)}`;
  return first17 + computeUsccCheckChar(first17);
}

/** The same code with a wrong 18th character, and the right one. */
function withWrongCheckChar(code: string): { code: string; expected: string } {
  const expected = code.charAt(17);
  const wrong = expected === '1' ? '2' : '1';
  return { code: code.slice(0, 17) + wrong, expected };
}

const RUN = Date.now().toString(36).toUpperCase().replace(/[IOSVZ]/g, 'X').slice(-4);
const ROWS = [
  { uscc: uscc('370102', `1${RUN}`), name: `济南历下精工机械${RUN}有限公司`, region: '370102', section: 'C', employees: 120, revenue: 15_000_000, assets: 20_000_000 },
  { uscc: uscc('370202', `2${RUN}`), name: `青岛市南海洋科技${RUN}有限公司`, region: '370202', section: 'C', employees: 8, revenue: 1_200_000.5, assets: 900_000 },
  { uscc: uscc('370211', `3${RUN}`), name: `青岛黄岛纺织${RUN}有限公司`, region: '370211', section: 'C', employees: 450, revenue: 250_000_000, assets: 180_000_000 },
  { uscc: uscc('370702', `4${RUN}`), name: `潍坊潍城食品${RUN}有限公司`, region: '370702', section: 'C', employees: 60, revenue: 8_000_000, assets: 5_000_000 },
];
const BAD = withWrongCheckChar(uscc('370103', `5${RUN}`));
const BAD_ROW = { uscc: BAD.code, name: `济南市中校验码错误${RUN}有限公司`, region: '370103', section: 'C', employees: 30, revenue: 3_000_000, assets: 2_000_000 };

/** Writes the import file with the template's own headers (read from the downloaded template). */
async function writeImportFile(templatePath: string, target: string): Promise<string[]> {
  const template = new ExcelJS.Workbook();
  await template.xlsx.readFile(templatePath);
  const headerRow = template.worksheets[0]!.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: false }, (cell) => headers.push(String(cell.value)));
  const bare = (h: string) => h.replace(/\*$/, '');
  const valueOf = (row: typeof BAD_ROW, header: string): string | number | null => {
    switch (bare(header)) {
      case '统一社会信用代码':
        return row.uscc;
      case '企业名称':
        return row.name;
      case '所在地区划代码':
        return row.region;
      case '行业门类':
        return row.section;
      case '从业人员（人）':
        return row.employees;
      case '营业收入（元）':
        return row.revenue;
      case '资产总额（元）':
        return row.assets;
      default:
        return null;
    }
  };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(headers);
  for (const row of [...ROWS, BAD_ROW]) ws.addRow(headers.map((h) => valueOf(row, h)));
  await wb.xlsx.writeFile(target);
  return headers;
}

describe('registry: import enterprises from Excel', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const work = mkdtempSync(path.join(tmpdir(), 'relief-e2e-registry-'));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports the valid rows after a report that names the bad one, and shows a new enterprise', async () => {
    await login(page, server.url, 'admin', 'Relief@2020');

    // 数据导入 → 新建导入: the enterprise template, downloaded through the page.
    await openMenu(page, '数据导入');
    await page.getByTestId('imports-page').waitFor();
    await page.getByTestId('import-new').click();
    await selectOption(page, 'import-kind', '企业名录');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toBe('企业名录导入模板.xlsx');
    const templatePath = path.join(work, 'template.xlsx');
    await download.saveAs(templatePath);
    const headers = await writeImportFile(templatePath, path.join(work, '企业名录-2020年2月.xlsx'));
    expect(headers.map((h) => h.replace(/\*$/, ''))).toEqual(expect.arrayContaining(['统一社会信用代码', '企业名称', '所在地区划代码', '营业收入（元）']));

    await page.getByTestId('import-upload').setInputFiles(path.join(work, '企业名录-2020年2月.xlsx'));
    await expect.poll(() => page.getByText('企业名录-2020年2月.xlsx').count()).toBeGreaterThan(0);
    await snap(page, SCENARIO, '01-upload');
    await page.getByTestId('import-submit').click();

    // The job page: the server validates in the background; the page polls until the report is stored.
    await page.getByTestId('import-job-page').waitFor();
    await page.waitForURL(/\/registry\/imports\/\d+$/);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 30_000 });
    await expect.poll(() => summary.textContent()).toContain('共 5 行，可导入 4 行，错误 1 条');
    expect(await page.getByTestId('import-status').textContent()).toBe('待确认');
    expect(await page.getByTestId('import-progress').getAttribute('data-percent')).toBe('100');

    // The report: errors first, naming the row as Excel numbers it, the column and the right character.
    const table = page.getByTestId('import-issues-table');
    const firstRow = table.locator('tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    const cells = firstRow.locator('td');
    expect(await cells.nth(0).textContent()).toBe('6');
    expect(await cells.nth(1).textContent()).toBe('统一社会信用代码');
    expect(await cells.nth(2).textContent()).toBe('错误');
    expect(await cells.nth(3).textContent()).toContain(`校验码应为 ${BAD.expected}`);
    await snap(page, SCENARIO, '02-report');

    // The report is the server's: it survives a reload.
    await page.reload();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-issues-table').locator('tbody tr.ant-table-row').first().locator('td').nth(3).textContent()).toContain(
      `校验码应为 ${BAD.expected}`,
    );

    // Confirm: the pop-up says nothing is written before and only the 4 valid rows will be.
    await page.getByTestId('import-confirm').click();
    const popup = page.locator('.ant-popconfirm').filter({ hasText: '确认导入 4 行有效数据' });
    await popup.waitFor();
    expect(await popup.textContent()).toContain('确认之前没有写入任何数据');
    await page.getByTestId('import-confirm-ok').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('已写入 4 行');
    expect(await page.getByTestId('import-status').textContent()).toBe('已完成');
    await expect.poll(async () => page.getByTestId('import-confirm').isDisabled()).toBe(true);

    // 企业查询: the first new enterprise by name, then its detail with the size class and its reason.
    await openMenu(page, '企业查询');
    await page.getByTestId('enterprises-page').waitFor();
    const resultRows = page.getByTestId('enterprises-table').locator('tbody tr.ant-table-row');
    // The row with the wrong check character was not written.
    await page.getByTestId('enterprises-filter-q').fill(BAD_ROW.name);
    await page.getByTestId('enterprises-search').click();
    await page.waitForURL((url) => url.searchParams.get('q') === BAD_ROW.name);
    await page.getByTestId('enterprises-table').locator('.ant-table-placeholder').waitFor();
    expect(await resultRows.count()).toBe(0);

    await page.getByTestId('enterprises-filter-q').fill(ROWS[0]!.name);
    await page.getByTestId('enterprises-search').click();
    const link = page.getByTestId(`enterprise-link-${ROWS[0]!.uscc}`);
    await link.waitFor();
    expect(await resultRows.count()).toBe(1);
    expect(await resultRows.first().textContent()).toContain('济南市历下区');
    expect(await resultRows.first().textContent()).toContain('小型');
    await link.click();

    const detail = page.getByTestId('enterprise-detail');
    await detail.waitFor();
    await page.getByTestId('enterprise-profile').waitFor();
    expect(await detail.textContent()).toContain(ROWS[0]!.uscc);
    expect(await page.getByTestId('enterprise-size-class').textContent()).toBe('小型');
    const reason = (await page.getByTestId('enterprise-size-reason').textContent()) ?? '';
    expect(reason.length).toBeGreaterThan(10);
    expect(reason).not.toBe('未记录划型依据');
    expect(await page.getByTestId('enterprise-revenue').textContent()).toBe('15,000,000.00 元');
    expect(await page.getByTestId('enterprise-assets').textContent()).toBe('20,000,000.00 元');
    await snap(page, SCENARIO, '03-detail');

    // 官方名单: the demo lists, dated as people write dates, each opening onto its enterprises.
    await openMenu(page, '官方名单');
    await page.getByTestId('lists-page').waitFor();
    const listRows = page.getByTestId('lists-table').locator('tbody tr.ant-table-row');
    await listRows.first().waitFor();
    expect(await listRows.first().textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await snap(page, SCENARIO, '04-lists');
    await listRows.first().locator('a').first().click();
    await page.getByTestId('list-entries-page').waitFor();
    await page.getByTestId('list-info').waitFor();
    await page.getByTestId('list-entries-table').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, SCENARIO, '05-list-entries');
  });
});

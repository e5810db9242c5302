// Issue "risk-compensation" (鲁工信发〔2020〕1号 第一条): a bank files loans by Excel and submits the
// claim of January 2020 inside its window; 省财金集团 approves it with one cut; 省工信厅 re-reviews and
// issues the 拨付计划; the plan downloads in its fixed Excel layout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskCompensationUscc } from '../../apps/server/src/measures/risk-compensation/risk-compensation.fixtures';
import { visibleOption } from './pages/antd.page';
import { login, logout } from './pages/login.page';
import { launchBrowser, newContext, snap } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const SCENARIO = 'risk-compensation';
const PASSWORD = 'Relief@2020';
const BASE = '/measures/risk-compensation';
// Borrowers of the demo seed (济南 small, 青岛 micro).
const JINAN = riskCompensationUscc('370102', 101);
const QINGDAO = riskCompensationUscc('370211', 102);
const HEADER = ['贷款合同编号', '借款企业统一社会信用代码', '贷款金额（元）', '发放日期', '到期日期', '年利率（%）', '贷款种类', '认定不良日期', '不良贷款本金（元）'];

async function loanFile(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('贷款');
  ws.addRow(HEADER);
  ws.addRow(['E2E-0001', JINAN, '2,000,000.00', '2020-01-06', '2021-01-05', '4.35', '流动资金贷款', '2020-01-20', '1500000']);
  ws.addRow(['E2E-0002', QINGDAO, '800000', '2020-01-08', '2020-12-31', '4.5', '技术改造类项目贷款', '2020-01-22', '600000']);
  ws.addRow(['E2E-0003', '91370102MA3C4K2D10', '500000', '2020-01-08', '2020-12-31', '4.5', '流动资金贷款', '2020-01-22', '400000']);
  const file = path.join(dir, '贷款登记-2020年1月.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('risk compensation in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const work = mkdtempSync(path.join(tmpdir(), 'rc-e2e-'));

  beforeAll(async () => {
    server = await startServer();
    // The platform's clock runs from Tuesday 4 February 2020, 10:00 in Shanghai: January's window is open.
    const offset = Date.now() - Date.parse('2020-02-04T02:00:00.000Z');
    server.app.ctx.clock = { now: () => new Date(Date.now() - offset) };
    browser = await launchBrowser();
    // The web app reads the server's time from the Date header (for the session countdown): let it
    // carry the platform's clock, as a server really running in February 2020 would (Node keeps a
    // Date header that is already set).
    server.app.server.on('request', (_req, res) => res.setHeader('Date', new Date(Date.now() - offset).toUTCString()));
    const context = await newContext(browser);
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('bank files by Excel and submits; FG cuts one item; DEPT re-reviews and issues the plan; the plan downloads', async () => {
    // The bank: Excel upload with a stored report, then confirmation.
    await login(page, server.url, 'icbc', PASSWORD);
    await page.goto(`${server.url}${BASE}/loans`);
    await page.getByTestId('rc-loans-page').waitFor();
    await page.getByTestId('rc-loan-upload').click();
    await page.locator('[data-testid="rc-upload-modal"] input[type=file], .ant-modal input[type=file]').first().setInputFiles(await loanFile(work));
    await page.getByTestId('rc-upload-report').waitFor();
    const modal = page.locator('.ant-modal').filter({ hasText: '校验报告已保存' });
    await expect.poll(() => modal.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await modal.locator('tbody tr.ant-table-row').first().textContent()).toContain('借款企业统一社会信用代码');
    await snap(page, SCENARIO, '01-bank-upload-report');
    await page.getByTestId('rc-upload-confirm').click();
    await page.locator('.ant-modal').getByText('已登记 2 笔').first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('rc-loans-table').getByText('E2E-0001').waitFor();
    await snap(page, SCENARIO, '02-bank-loans');

    // The claim of January 2020, with the window countdown.
    await page.getByTestId('rc-nav-claims').click();
    await page.getByTestId('rc-claim-new').click();
    await page.getByTestId('rc-claim-month').fill('2020-01');
    await expect.poll(() => page.getByTestId('rc-window').textContent()).toContain('申报截止 2020年2月7日 24:00，剩余 3 个工作日');
    await page.locator('#rc-claim-create').click();
    await page.getByTestId('rc-claim-page').waitFor();
    expect(await page.getByTestId('rc-claim-claimed').textContent()).toBe('630,000.00');
    await snap(page, SCENARIO, '03-bank-claim-draft');
    await page.getByTestId('rc-claim-submit').click();
    await expect.poll(() => page.getByTestId('rc-claim-state').textContent()).toBe('省财金集团初审');
    const claimUrl = new URL(page.url()).pathname;
    await logout(page);

    // 省财金集团 arrives from its notice at the generic case page: the item-by-item review is the
    // claim page's step, offered as a link there (a button would only be refused); its returns stay.
    await login(page, server.url, 'scjt', PASSWORD);
    const claimId = claimUrl.split('/').pop()!;
    await page.goto(`${server.url}/cases/${claimId}`);
    await page.getByTestId('case-action-fg-return').waitFor();
    expect(await page.getByTestId('case-action-fg-approve').count()).toBe(0);
    expect(await page.getByTestId('case-action-link-fg-approve').textContent()).toContain('在“贷款风险补偿·补偿申请”页面办理「初审通过」');
    // The claim's data reads as the documents do: the month, the bank by name, amounts in 元.
    const data = page.getByTestId('case-data');
    await data.getByText('2020年1月', { exact: true }).waitFor();
    expect(await data.textContent()).toMatch(/申请补偿金额[\d,]+\.\d{2} 元/);
    expect(await data.textContent()).not.toMatch(/claimedFen|bankOrgId/);
    await snap(page, SCENARIO, '04-fg-case-page');
    await page.getByTestId('case-action-link-fg-approve').click();
    await page.waitForURL((u) => u.pathname === claimUrl);

    // On the claim page: one item cut with amount and reason.
    await page.getByTestId('rc-items-table').waitFor();
    await page.getByTestId('rc-outcome-E2E-0002').click();
    await visibleOption(page, '核减').first().click();
    await page.locator('[data-testid="rc-cut-E2E-0002"] input, input[data-testid="rc-cut-E2E-0002"]').first().fill('100000');
    await page.getByTestId('rc-reason-E2E-0002').fill('部分不良本金已由保证人代偿');
    await snap(page, SCENARIO, '04-fg-review');
    await page.getByTestId('rc-fg-submit').click();
    await expect.poll(() => page.getByTestId('rc-claim-state').textContent()).toBe('省工信厅复核');
    expect(await page.getByTestId('rc-claim-approved').textContent()).toBe('550,000.00');
    await logout(page);

    // 省工信厅: re-review, then the plan.
    await login(page, server.url, 'sgxt', PASSWORD);
    await page.goto(`${server.url}${claimUrl}`);
    await page.getByTestId('rc-dept-approve').click();
    await expect.poll(() => page.getByTestId('rc-claim-state').textContent()).toBe('待下达拨付计划');
    await snap(page, SCENARIO, '05-dept-reviewed');
    await page.getByTestId('rc-nav-plans').click();
    const row = page.getByTestId('rc-plan-claims').locator('tr').filter({ hasText: `#${claimId}` });
    await row.locator('input[type=checkbox]').check();
    await page.getByTestId('rc-plan-preview').click();
    await page.getByTestId('rc-plan-rows').waitFor();
    await page.getByTestId('rc-plan-issue').click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await page.getByTestId('rc-plan-detail').waitFor();
    expect(await page.getByTestId('rc-plan-detail').textContent()).toContain('550,000.00');
    await snap(page, SCENARIO, '06-dept-plan');
    const planRow = page.getByTestId('rc-plans-table').locator('tbody tr.ant-table-row').first();
    const [download] = await Promise.all([page.waitForEvent('download'), planRow.getByText('下载 Excel').click()]);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^拨付计划鲁工信风补拨〔2020〕\d+号\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('省级风险补偿资金拨付计划');
    expect(ws.getCell('E2').value).toBe('下达日期：2020年2月4日');
    const totalRow = ws.getRow(7);
    expect(totalRow.getCell(1).value).toBe('合计');
    expect(totalRow.getCell(7).value).toBe(550_000);

    await page.getByTestId('rc-nav-dashboard').click();
    await page.getByTestId('rc-dashboard-chart').waitFor();
    await snap(page, SCENARIO, '07-dept-dashboard');
  }, 180_000);
});

// Measure 五 (贷款贴息): a priority-list firm applies with a year-long 3.15% loan and sees the subsidy
// before submitting; the county and the city (each 工信 with 财政, in either order) approve; 济南 generates
// its 汇总表 from the approved applications and both sign it to the province; 省工信厅 and 省财政厅
// receive it; the province publishes the 公示 and, once its 7 days have passed, pays.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickDate } from './pages/antd.page';
import { login, logout } from './pages/login.page';
import { dialogOpened, launchBrowser, newContext, snap } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const SCENARIO = 'interest-subsidy';
const PASSWORD = 'Relief@2020';
const CONTRACT = `GSYH-E2E-${Date.now().toString(36).toUpperCase()}`;
const W = '/measures/interest-subsidy';

/** Types a date into an antd DatePicker (its input, by data-testid) and confirms it, as a person does. */

describe('interest-subsidy: apply, county and city approve, 汇总表 to the province, 公示, paid', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let applicationId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const as = async (username: string) => {
    if (await page.getByTestId('logout').isVisible().catch(() => false)) await logout(page);
    await login(page, server.url, username, PASSWORD);
  };
  /** Fails with the server's refusal, if one shows, rather than a timeout waiting for the dialog to close. */
  const closedOrRefused = async (what: string) => {
    const refused = page.locator('.ant-message-error');
    const closed = page.getByRole('dialog').waitFor({ state: 'hidden' }).then(() => true, () => false);
    const refusal = refused.waitFor().then(() => refused.innerText(), () => null);
    const first = await Promise.race([closed, refusal]);
    if (typeof first === 'string') throw new Error(`${what}被拒绝：${first}`);
    expect(await closed).toBe(true);
  };
  const takeAction = async (key: string) => {
    await page.getByTestId(`case-action-${key}`).click();
    await dialogOpened(page);
    await page.getByTestId('case-action-ok').click();
    await closedOrRefused(`「${key}」`);
  };
  /** Opens the application as a reviewer does: the list, then a click on its number. */
  const openApplication = async () => {
    await page.goto(`${server.url}${W}/applications`);
    await page.getByTestId(`is-open-${applicationId}`).click();
    await page.waitForURL((u) => u.pathname === `${W}/applications/${applicationId}`);
    await page.getByTestId('case-detail').waitFor();
  };

  it('the firm sees 1,596.88 元 before submitting and files to 历下区 工信 and 财政', async () => {
    await as('kangtai');
    await page.goto(`${server.url}${W}/apply`);
    await page.getByTestId('is-apply-form').waitFor();
    await page.getByText('辛志刚').first().waitFor({ state: 'attached' }).catch(() => undefined);
    await page.getByTestId('is-contact-name').fill('王会计');
    await page.getByTestId('is-contact-phone').fill('0531-88886666');
    await page.getByTestId('is-c0-bank').fill('中国工商银行济南历下支行');
    await page.getByTestId('is-c0-no').fill(CONTRACT);
    await page.getByTestId('is-c0-principal').fill('100000');
    await page.getByTestId('is-c0-rate').fill('3.15');
    await pickDate(page, 'is-c0-effective', '2020-02-05');
    await pickDate(page, 'is-c0-drawdown', '2020-02-10');
    await pickDate(page, 'is-c0-maturity', '2021-02-10');
    await page.getByTestId('is-preview-button').click();
    // 10,000,000 fen × 3.15% × 50% × 365 / 360 = 159,687.5 → 159,688 fen.
    expect(await page.getByTestId('is-preview-amount-0').textContent()).toBe('1,596.88');
    await snap(page, SCENARIO, '01-preview');
    await page.getByTestId('is-submit').click();
    await page.waitForURL((u) => /\/applications\/\d+$/.test(u.pathname));
    applicationId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('case-detail').waitFor();
    expect(await page.getByTestId('case-state').textContent()).toBe('县级工信、财政审核');
    expect(await page.getByTestId('is-detail-subsidy').textContent()).toBe('1,596.88');
    await snap(page, SCENARIO, '02-submitted');
  });

  it('the county 财政 and 工信, then the city 工信 and 财政 sign', async () => {
    for (const [user, action] of [['lixiacz', 'county-sign'], ['lixia', 'county-sign'], ['jinan', 'city-sign'], ['jinancz', 'city-sign']] as const) {
      await as(user);
      await openApplication();
      await takeAction(action);
      if (user === 'lixiacz') await snap(page, SCENARIO, '03-county-one-signed');
    }
    await page.getByTestId('case-state').filter({ hasText: '待汇总上报' }).waitFor();
    await snap(page, SCENARIO, '04-city-approved');
  });

  it('济南 generates its 汇总表, 工信 and 财政 sign it to the province, which receives it', async () => {
    await as('jinan');
    await page.goto(`${server.url}${W}/reports`);
    await page.getByTestId('is-generate-report').click();
    await page.getByTestId('is-report-detail').getByText('济南康泰医疗器械有限公司').first().waitFor();
    const reportUrl = page.url();
    await page.getByTestId('is-sign-report').click();
    await page.getByTestId('is-sign-report').waitFor({ state: 'hidden' });
    await snap(page, SCENARIO, '05-report-signed-by-city');
    await as('jinancz');
    await page.goto(reportUrl);
    await page.getByTestId('is-sign-report').click();
    await page.getByTestId('is-report-state').filter({ hasText: '已报省工信厅、省财政厅' }).waitFor();
    for (const user of ['sczt', 'sgxt']) {
      await as(user);
      await page.goto(reportUrl);
      await page.getByTestId('case-detail').waitFor();
      await takeAction('receive');
      if (user === 'sczt') {
        // 公示, objections and payment are 省工信厅's: 省财政厅 is not offered what the server would refuse.
        await page.goto(`${server.url}${W}/notices`);
        await page.getByTestId('is-notices-table').waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByTestId('is-publish').count()).toBe(0);
      }
    }
    await page.getByTestId('is-report-state').filter({ hasText: '省级已接收' }).waitFor();
    await snap(page, SCENARIO, '06-report-received');
    await page.goto(`${server.url}${W}/status`);
    const jinan = page.getByTestId('is-status-table').locator('tr', { hasText: '济南市' });
    await jinan.waitFor();
    expect(await jinan.textContent()).toContain('省级已接收');
    await snap(page, SCENARIO, '07-cities-reporting');
  });

  it('the province publishes the 公示 and, after 7 days, pays', async () => {
    await page.goto(`${server.url}${W}/notices`);
    await page.getByTestId('is-publish').click();
    // The form lives in the dialog: confirm only once its title field is there to be read.
    await page.getByRole('dialog').getByLabel('公示标题').waitFor();
    await dialogOpened(page);
    await page.locator('#is-publish-ok').click();
    // Either the new notice opens, or the server's refusal shows: fail with its words, not a timeout.
    const refused = page.locator('.ant-message-error');
    const navigated = page.waitForURL((u) => /\/notices\/\d+$/.test(u.pathname)).then(() => true, () => false);
    const refusal = refused.waitFor().then(() => refused.innerText(), () => null);
    const first = await Promise.race([navigated, refusal]);
    if (typeof first === 'string') throw new Error(`发布公示被拒绝：${first}`);
    expect(await navigated).toBe(true);
    const noticeUrl = page.url();
    await page.getByTestId('is-notice-items').getByText(String(applicationId), { exact: true }).waitFor();
    // During the 公示 objections are taken and payment waits for its end.
    expect(await page.getByTestId('is-pay').isDisabled()).toBe(true);
    expect(await page.getByTestId('is-record-objection').isEnabled()).toBe(true);
    await snap(page, SCENARIO, '08-notice');
    // Eight days later on the server (the 公示 runs 7 calendar days from the day after publication);
    // the page follows the server's date, not the browser's.
    const offset = 8 * 86_400_000;
    server.app.ctx.clock = { now: () => new Date(Date.now() + offset) };
    await page.context().clearCookies();
    await page.goto(`${server.url}/login`);
    await login(page, server.url, 'sgxt', PASSWORD);
    await page.goto(noticeUrl);
    await page.getByTestId('is-pay').click();
    await page.getByTestId('is-notice-items').locator('tr', { hasText: '已拨付' }).first().waitFor();
    const row = page.getByTestId('is-notice-items').locator('tr').filter({ has: page.getByText(String(applicationId), { exact: true }) });
    expect(await row.textContent()).toContain('已拨付');
    // Paid, after the 公示: neither payment nor a new objection is offered.
    expect(await page.getByTestId('is-pay').isDisabled()).toBe(true);
    expect(await page.getByTestId('is-record-objection').isDisabled()).toBe(true);
    await snap(page, SCENARIO, '09-paid');
    await page.goto(`${server.url}${W}/dashboard`);
    await page.getByTestId('is-chart-counts').waitFor();
    await snap(page, SCENARIO, '10-dashboard');
  });
});

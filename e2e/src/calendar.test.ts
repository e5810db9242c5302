// The working-day calendar and the policy document, as the province administrator uses them:
// 2020's Spring Festival (extended, 1 February no longer a make-up working day), the calculator's
// "2020-01-31 + 5 working days = 2020年2月7日", a year without the State Council's notice shown as
// provisional until the administrator imports it (previewed first, confirmed with a source), and
// 鲁工信发〔2020〕1号 clause by clause with the source of each number.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from './pages/login.page';
import { launchBrowser, newContext, snap } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const SCENARIO = 'calendar';

/** Picks a year in the page's year switcher by typing it into the Select's search. */
async function chooseYear(page: Page, year: number): Promise<void> {
  await page.getByTestId('calendar-year-select').click();
  await page.keyboard.type(String(year));
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: `${year}年` }).first().click();
  await page.waitForURL((url) => url.searchParams.get('year') === String(year) || (!url.searchParams.has('year') && year === new Date().getFullYear()));
  await page.getByTestId(`calendar-month-${year}-12`).locator('[data-testid^="calendar-day-"]').first().waitFor();
}

/** Types a date into an antd picker (its input inside the element with `testId`) and confirms it. */
async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('calendar and policy', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows 2020 with the Spring Festival, counts working days, imports 2027 and shows the policy with its sources', async () => {
    await login(page, server.url, 'admin', 'Relief@2020');
    // The header's bell carries the unread count (the demo's cases may already have sent some).
    expect(await page.getByTestId('notifications-unread').getAttribute('data-count')).toMatch(/^\d+$/);

    // 工作日历 → 2020: 春节 24 January – 2 February, 19 January a make-up working day, 1 February not one.
    await page.getByTestId('menu-calendar').click();
    await page.getByTestId('calendar-page').waitFor();
    await chooseYear(page, 2020);
    const jan = page.getByTestId('calendar-month-2020-01');
    expect(await jan.locator('.ant-card-head-title').textContent()).toBe('2020年1月');
    const jan25 = page.getByTestId('calendar-day-2020-01-25');
    expect(await jan25.getAttribute('data-holiday')).toBe('春节');
    expect(await jan25.getAttribute('data-off')).toBe('true');
    expect(await page.getByTestId('calendar-month-holidays-2020-01').textContent()).toContain('春节 24–31日放假');
    expect(await page.getByTestId('calendar-day-2020-01-19').getAttribute('data-makeup')).toBe('true');
    const feb1 = page.getByTestId('calendar-day-2020-02-01');
    expect(await feb1.getAttribute('data-working')).toBe('false');
    expect(await feb1.getAttribute('data-off')).toBe('true');
    expect(await page.getByTestId('calendar-provisional').count()).toBe(0);
    await snap(page, SCENARIO, '01-calendar-2020');

    // 工作日推算: 2020-01-31 + 5 working days = 2020年2月7日 (the day itself not counted).
    await typeDate(page.getByTestId('calendar-tool-date').locator('xpath=descendant-or-self::input'), '2020-01-31');
    await page.getByTestId('calendar-tool-days').fill('5');
    await page.getByTestId('calendar-tool-run').click();
    await page.getByTestId('calendar-tool-result').waitFor();
    expect(await page.getByTestId('calendar-tool-result').textContent()).toBe('2020年2月7日');
    expect(await page.getByTestId('calendar-tool-explain').textContent()).toContain('当日不计入');
    await page.getByTestId('calendar-tool').scrollIntoViewIfNeeded();
    await snap(page, SCENARIO, '02-working-day-tool');

    // 2027 has no State Council notice yet: the whole year is provisional.
    await chooseYear(page, 2027);
    const notice = page.getByTestId('calendar-provisional');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('尚未导入 2027 年国务院节假日安排，期限按周末推算，为暂定');
    expect(await page.getByTestId('calendar-day-2027-01-01').getAttribute('data-working')).toBe('true');
    await snap(page, SCENARIO, '03-2027-provisional');

    // Import 2027 with 元旦 on 1 January through the form: preview first, nothing imported yet.
    const manage = page.getByTestId('calendar-manage');
    await manage.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('calendar-import-year').locator('xpath=descendant-or-self::input').inputValue()).toBe('2027');
    const range = page.getByTestId('calendar-import-off-range-0').locator('xpath=descendant-or-self::input');
    await typeDate(range.nth(0), '2027-01-01');
    await typeDate(range.nth(1), '2027-01-01');
    await page.getByTestId('calendar-import-off-name-0').fill('元旦');
    await page.getByTestId('calendar-import-preview').click();
    const ok = page.getByTestId('calendar-import-ok');
    await ok.waitFor();
    expect(await ok.textContent()).toContain('2027 年数据检查通过：1 个放假日，0 个调休上班日');
    // Open demo cases whose deadline reaches into 2027 would be listed with old and new deadline.
    const changes = page.getByTestId('calendar-import-changes');
    if ((await changes.count()) > 0) expect(await changes.locator('thead').textContent()).toBe('事项原期限新期限');
    else expect(await ok.textContent()).toContain('没有在办事项的期限会因此改变');
    expect(await page.getByTestId('calendar-day-2027-01-01').getAttribute('data-off')).toBe('false');
    await snap(page, SCENARIO, '04-import-preview');

    // Confirming needs the source (the notice's number or address).
    await page.getByTestId('calendar-import-confirm').click();
    await page.getByText('请填写数据来源（通知文号或网址）').waitFor();
    await page.getByTestId('calendar-import-source').fill('国务院办公厅关于2027年部分节假日安排的通知（端到端测试）');
    await page.getByTestId('calendar-import-confirm').click();
    await page.getByText('已导入 2027 年节假日安排').waitFor();

    // The year is no longer provisional and 1 January 2027 is 元旦.
    await expect.poll(() => notice.count()).toBe(0);
    const newYear = page.getByTestId('calendar-day-2027-01-01');
    await expect.poll(() => newYear.getAttribute('data-holiday')).toBe('元旦');
    expect(await newYear.getAttribute('data-off')).toBe('true');
    expect(await newYear.getAttribute('data-working')).toBe('false');
    expect(await page.getByTestId('calendar-month-holidays-2027-01').textContent()).toContain('元旦 1日放假');
    const imported = page.getByTestId('calendar-years-imported');
    await expect.poll(() => imported.textContent()).toContain('国务院办公厅关于2027年部分节假日安排的通知（端到端测试）');
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap(page, SCENARIO, '05-2027-imported');

    // 政策文件: the document, clause 一 with its contacts, and the 30% ratio tagged as from another document.
    await page.getByTestId('menu-policy').click();
    await page.getByTestId('policy-page').waitFor();
    await page.getByTestId('policy-measure-risk-compensation').waitFor();
    expect(await page.getByTestId('policy-number').textContent()).toBe('鲁工信发〔2020〕1号');
    expect(await page.getByTestId('policy-issued-on').textContent()).toBe('2020年2月17日');
    expect(await page.getByTestId('policy-epidemic-period').textContent()).toBe('2020年1月1日 至 尚未宣布结束');
    expect(await page.getByTestId('policy-measure-title-risk-compensation').textContent()).toBe('一、实施贷款风险补偿政策');
    const contacts = (await page.getByTestId('policy-contacts-risk-compensation').textContent()) ?? '';
    expect(contacts).toContain('许晨阳');
    expect(contacts).toContain('0531-82789702');
    const ratio = page.getByTestId('policy-param-risk-compensation-compensationRatioPpm');
    expect(await ratio.getByTestId('policy-param-value').textContent()).toBe('30%');
    const source = ratio.getByTestId('policy-source');
    expect(await source.getAttribute('data-kind')).toBe('external');
    expect(await source.textContent()).toContain('外部文件');
    // A value from the policy text itself, and one the platform assumed.
    expect(await page.getByTestId('policy-param-risk-compensation-claimWindowWorkingDaysAfterMonthEnd').getByTestId('policy-param-value').textContent()).toBe('5 个工作日');
    expect(await page.getByTestId('policy-param-risk-compensation-roundingRule').getByTestId('policy-source').textContent()).toBe('本平台假设');
    await snap(page, SCENARIO, '06-policy');

    // Hovering the tag shows where the 30% comes from.
    await source.hover();
    await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').filter({ hasText: '山东省财政厅新闻发布会' }).waitFor();
    await snap(page, SCENARIO, '07-policy-source-hover');
  });
});


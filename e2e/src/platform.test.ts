// Issue "platform foundation": login (and its refusal), user administration by the province admin,
// the organisation tree limited to a city's subtree, and the audit trail of what the admin did.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOptions, selectTreeNode } from './pages/antd.page';
import { login, logout, submitLogin } from './pages/login.page';
import { openMenu } from './pages/menu.page';
import { launchBrowser, newContext, settle, snap } from './support/browser';
import { type RunningServer, startServer } from './support/server';

const SCENARIO = 'platform';
const ADMIN = { username: 'admin', password: 'Relief@2020' };
// A new city account: the password meets the policy (≥ 10 characters, 3 of 4 classes, no username).
const JINAN = { username: 'jn_gxj_li', displayName: '李振华', password: 'Quan#Cheng2020' };
/** The county-level units of 济南市 on 2020-02-17 (the tree's reference date). */
const JINAN_COUNTIES = ['历下区', '市中区', '槐荫区', '天桥区', '历城区', '长清区', '章丘区', '济阳区', '莱芜区', '钢城区', '平阴县', '商河县'];

/** Names of the organisations shown in the tree, in order. */
async function treeNames(page: Page): Promise<string[]> {
  const nodes = page.getByTestId('org-tree').locator('[data-testid^="org-node-"]');
  const texts = await nodes.allTextContents();
  // Each node reads "<name> <kind tag>"; the tag is the last child.
  const tags = await nodes.locator('.ant-tag').allTextContents();
  return texts.map((text, i) => text.slice(0, text.length - (tags[i] ?? '').length).trim());
}

describe('platform foundation', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password with the server’s Chinese message on the login page', async () => {
    const page = await (await newContext(browser)).newPage();
    await submitLogin(page, server.url, 'admin', 'Wrong@Pass2020');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await snap(page, SCENARIO, '01-login-refused');
    await page.context().close();
  });

  it('lets the province admin create a 济南市 user who sees only 济南市’s subtree, and audits it', async () => {
    const page = await (await newContext(browser)).newPage();

    // The province admin logs in and lands on the workbench.
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-form').waitFor();
    await snap(page, SCENARIO, '02-login');
    await login(page, server.url, ADMIN.username, ADMIN.password);
    await page.getByTestId('workbench').waitFor();
    expect(await page.getByTestId('header-user').textContent()).toContain('山东省工业和信息化厅');
    await snap(page, SCENARIO, '03-workbench');

    // 用户管理 → 新建用户 for 济南市 with roles 管理员 and 审核员.
    await openMenu(page, '用户管理');
    await page.getByTestId('users-page').waitFor();
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-username').fill(JINAN.username);
    await page.getByTestId('user-form-display-name').fill(JINAN.displayName);
    await selectTreeNode(page, 'user-form-organisation', '济南市', '济南市（市）', '济南市');
    await selectOptions(page, 'user-form-roles', ['管理员', '审核员']);
    await page.getByTestId('user-form-password').fill(JINAN.password);
    await page.getByTestId('user-form-password-confirm').fill(JINAN.password);
    await snap(page, SCENARIO, '04-user-form');
    await page.getByTestId('user-form-ok').click();
    await page.getByText(`已创建用户“${JINAN.displayName}”`).waitFor();

    // The list has more than a page of demo users: find the new one by its username.
    await page.getByTestId('users-filter-q').fill(JINAN.username);
    await page.getByTestId('users-search').click();
    const row = page.getByTestId('users-table').locator('tbody tr.ant-table-row').filter({ hasText: JINAN.username });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(JINAN.displayName);
    expect(rowText).toContain('济南市');
    expect(rowText).toContain('管理员');
    expect(rowText).toContain('审核员');
    expect(rowText).toContain('正常');
    await settle(page);
    await snap(page, SCENARIO, '05-users');
    await logout(page);

    // The new user logs in and sees 济南市 with its 12 counties, nothing of other cities or province bodies.
    await login(page, server.url, JINAN.username, JINAN.password);
    expect(await page.getByTestId('header-user').textContent()).toContain('济南市');
    await openMenu(page, '组织机构');
    await page.getByTestId('organisations-page').waitFor();
    await page.getByTestId('org-tree').locator('[data-testid^="org-node-"]').first().waitFor();
    const names = await treeNames(page);
    expect(names[0]).toBe('济南市');
    expect(names).toEqual(expect.arrayContaining(JINAN_COUNTIES));
    const tags = await page.getByTestId('org-tree').locator('[data-testid^="org-node-"] .ant-tag').allTextContents();
    expect(tags.filter((t) => t === '县（市、区）')).toHaveLength(12);
    for (const outside of ['山东省', '青岛市', '山东省财政厅', '山东省工业和信息化厅', '市南区']) expect(names).not.toContain(outside);
    const pageText = (await page.getByTestId('organisations-page').textContent()) ?? '';
    expect(pageText).not.toContain('青岛');
    expect(pageText).not.toContain('山东省财政厅');
    expect(await page.getByTestId('org-details').textContent()).toContain('济南市');
    await snap(page, SCENARIO, '06-organisations-jinan');
    await logout(page);

    // The province admin finds the creation in the audit log.
    await login(page, server.url, ADMIN.username, ADMIN.password);
    await openMenu(page, '审计日志');
    await page.getByTestId('audit-page').waitFor();
    await page.getByTestId('audit-filter-action').fill('user.created');
    await page.getByTestId('audit-search').click();
    const auditRow = page.getByTestId('audit-table').locator('tbody tr.ant-table-row').filter({ hasText: 'user.created' }).first();
    await auditRow.waitFor();
    const auditText = (await auditRow.textContent()) ?? '';
    expect(auditText).toContain('admin');
    expect(auditText).toContain('user');
    // The entry's "after" holds the new user: open it and find the username.
    await auditRow.locator('.ant-table-row-expand-icon').click();
    await expect.poll(async () => (await page.locator('[data-testid^="audit-diff-"]').first().textContent()) ?? '').toContain(JINAN.username);
    // Its place in the hash chain, which `audit verify` names when a link is broken (SQLite: chain 0).
    expect((await page.locator('[data-testid^="audit-diff-"]').first().textContent()) ?? '').toMatch(/哈希链 0 第 \d+ 条/);
    await snap(page, SCENARIO, '07-audit');
    await page.context().close();
  });
});

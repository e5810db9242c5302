import { expect } from 'vitest';
import type { Page } from 'playwright-core';

// The login page and the header's logout, shared by every scenario.

/**
 * Opens /login and submits the form; does not wait for the outcome. Starts without a session: a
 * step that failed before logging out would otherwise be redirected past the form, and every later
 * step of its scenario would fail for that reason instead of its own.
 */
export async function submitLogin(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Logs in and waits for the signed-in frame (the header names the user). */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await submitLogin(page, baseUrl, username, password);
  await page.getByTestId('header-user').waitFor();
  expect(new URL(page.url()).pathname).not.toBe('/login');
}

/** Logs out through the header and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByTestId('login-form').waitFor();
}

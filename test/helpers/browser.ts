import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, Page, chromium } from 'playwright-core';
import { PASSWORD } from './fixtures';
import { createTestApp, TestApp } from './app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Timeouts sized for a slow, loaded 2-core machine (the app, PostgreSQL, Redis and Chromium share
 * it, often with other test runs), where a step that takes 200 ms on a quiet machine can take
 * seconds. Specs wait on what the page shows (auto-waiting locators, `waitFor`, `waitForURL`,
 * `waitForFunction`), never on fixed sleeps, so generous limits cost nothing when all goes well.
 */
export const ACTION_TIMEOUT_MS = 30_000;
export const NAVIGATION_TIMEOUT_MS = 60_000;
/** jest's limit for one browser test, hooks included (test/helpers/browser-timeout.ts). */
export const BROWSER_SPEC_TIMEOUT_MS = 240_000;

export interface BrowserHarness {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  /** A new page logged in as `user` through the login form, on `path`, recording script errors and failed responses. */
  open(user: { email: string }, path: string, width?: number): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/**
 * The real app listening on a free port and Debian's Chromium (never a downloaded browser), with
 * the flags that keep it quiet and offline in CI.
 */
export async function startBrowserHarness(): Promise<BrowserHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: npm test installs Debian's chromium`);
  const t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: NAVIGATION_TIMEOUT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const open = async (user: { email: string }, path: string, width = 1280) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await page.goto(`${baseUrl}/login?next=${encodeURIComponent(path)}`);
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${baseUrl}${path}`);
    return { page, errors };
  };
  return {
    t,
    browser,
    baseUrl,
    open,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

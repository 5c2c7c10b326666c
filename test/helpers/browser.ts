import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { createTestApp, TestApp } from './app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserHarness {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
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
  return {
    t,
    browser,
    baseUrl,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

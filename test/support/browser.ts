import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';
import { createSession } from './factories.ts';

export const SCREENSHOT_DIR = path.resolve('screenshots');

/** Debian's chromium (or CHROMIUM_PATH), headless, with no network chatter of its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface BrowserTestApp extends TestApp {
  baseUrl: string;
  browser: Browser;
  /** A new browser window (its own cookies), sized like a cheap phone unless told otherwise. */
  newPage(options?: { width?: number; height?: number; locale?: string }): Promise<Page>;
  /** A new browser window already signed in as a user (a session made directly; logging in has its own journey). */
  signedInPage(userId: number, options?: { width?: number; height?: number; locale?: string }): Promise<Page>;
}

/** Starts the app on a free loopback port and a browser to drive it. */
export async function startBrowserTest(options: Parameters<typeof createTestApp>[0] = {}): Promise<BrowserTestApp> {
  const t = await createTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  const newPage: BrowserTestApp['newPage'] = async ({ width = 390, height = 844, locale = 'en-GB' } = {}) => {
    const context = await browser.newContext({ viewport: { width, height }, locale, baseURL: `http://127.0.0.1:${port}` });
    contexts.push(context);
    return context.newPage();
  };
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    newPage,
    async signedInPage(userId, options = {}) {
      const page = await newPage(options);
      const token = await createSession(t.db, userId);
      await page
        .context()
        .addCookies([{ name: t.app.uh.sessionCookie, value: token, url: `http://127.0.0.1:${port}`, httpOnly: true, sameSite: 'Lax' }]);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await t.close();
    },
  };
}

/** Asserts the page has no serious or critical accessibility violation (axe-core). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(bad, `axe violations on ${page.url()}`).toEqual([]);
}

/** Saves a full-page screenshot under screenshots/ (for people to look at; not compared). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { programWorld, programWithActivity, reportFor, type ProgramWorld } from '../../src/modules/programs/factories.ts';
import { defined } from '../support/defined.ts';

let t: BrowserTestApp;
let w: ProgramWorld;
let programId: number;

beforeAll(async () => {
  t = await startBrowserTest();
  w = await programWorld(t.db);
  const seeded = await programWithActivity(t.db, w);
  programId = seeded.programId;
  await reportFor(t.db, {
    activityId: seeded.activityId,
    regionId: w.regions.rasht.id,
    reporterId: w.users.rashtOfficial.id,
    families: 12,
    approve: true,
  });
});
afterAll(async () => {
  await t?.close();
});

describe('journey: the printable report renders right to left in Persian', () => {
  it('prints the Persian program in Persian, right to left, with Jalali dates, without the site chrome', async () => {
    const page = await t.signedInPage(w.users.coordinator.id, { locale: 'vi-VN', width: 900, height: 1200 });
    // The coordinator browses in Vietnamese; the program is written in Persian, so its report is.
    await page.goto(`/vi/programs/${programId}`);
    await page.getByRole('link', { name: 'Báo cáo để in' }).click();
    await page.waitForURL('**/print');
    expect(await page.getAttribute('html', 'lang')).toBe('fa');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    const title = page.locator('.programs-print h1');
    expect(await title.textContent()).toContain('گزارش');
    expect(await page.locator('.programs-print').textContent()).toMatch(/۱۴۰۱\/۰۱\/۲۲/);
    // Right to left for real: the first column of the activities table is at the right.
    const table = await page.locator('.programs-print__table').first().boundingBox();
    const firstHeader = await page.locator('.programs-print__table th').first().boundingBox();
    expect(defined(firstHeader, 'firstHeader').x + defined(firstHeader, 'firstHeader').width).toBeGreaterThan(
      defined(table, 'table').x + defined(table, 'table').width - 2,
    );
    await expectAccessible(page);
    await screenshot(page, 'program-print-fa');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.programs-noprint').isVisible()).toBe(false);
    await screenshot(page, 'program-print-fa-print-media');
  });

  it('shows the public page in Vietnamese without internal notes', async () => {
    const page = await t.newPage({ locale: 'vi-VN' });
    await page.goto(`/vi/programs/${programId}/public`);
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    const text = await page.locator('main').textContent();
    expect(text).toContain('Commemoration of the fallen workers');
    expect(text).not.toContain('SECRET-INTERNAL-NOTE');
    await expectAccessible(page);
    await screenshot(page, 'program-public-vi');
  });
});

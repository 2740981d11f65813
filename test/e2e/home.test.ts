import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { defined } from '../support/defined.ts';

let t: BrowserTestApp;
beforeAll(async () => {
  t = await startBrowserTest();
});
afterAll(async () => {
  await t?.close();
});

describe('journey: a visitor switches the home page between languages', () => {
  it('shows Persian right to left with a Jalali date, and Vietnamese left to right', async () => {
    const page = await t.newPage();
    await page.goto('/en');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'فارسی' }).click();
    await page.waitForURL('**/fa');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('.today').textContent()).toMatch(/[۰-۹]{4}/);
    // Right to left for real: the brand sits at the right edge of the header.
    const brand = await page.locator('.brand').boundingBox();
    expect(defined(brand, 'brand').x).toBeGreaterThan(390 / 2);
    await expectAccessible(page);
    await screenshot(page, 'home-fa');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.waitForURL('**/vi');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await screenshot(page, 'home-vi');
  });
});

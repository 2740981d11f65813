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

describe('journey: a worker signs up, logs in, switches to Persian and logs out', () => {
  it('works end to end, right to left in Persian with a Jalali date, and every page is accessible', async () => {
    const page = await t.newPage();
    const email = `journey-${Date.now()}@example.org`;
    const password = 'a long and memorable password';

    // Sign up (with one mistake first: the form keeps what was typed and shows the error beside the field).
    await page.goto('/en/signup');
    await expectAccessible(page);
    await page.getByLabel('Your name').fill('Lê Thị Mai <b>');
    await page.getByLabel('Email address').fill(email);
    await page.locator('#field-password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Lê Thị Mai <b>');
    expect(await page.locator('#error-password').textContent()).toContain('at least 10 characters');
    await expectAccessible(page);
    await page.locator('#field-password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/en');
    expect(await page.locator('.flash').textContent()).toContain('Your account is ready');
    expect(await page.locator('.account-links bdi').textContent()).toBe('Lê Thị Mai <b>');
    await expectAccessible(page);

    // Log out, then log in again.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').textContent()).toContain('You are logged out.');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Log in' }).first().click();
    await page.waitForURL('**/en/login');
    await expectAccessible(page);
    await page.getByLabel('Email address or phone number').fill(email.toUpperCase());
    await page.locator('#field-password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/en');
    expect(await page.locator('.flash').textContent()).toContain('You are logged in.');
    await expectAccessible(page);

    // Make Persian the preferred language on the profile: the next page is Persian, right to left.
    await page.goto('/en/account');
    await expectAccessible(page);
    await page.getByLabel('Preferred language').selectOption('fa');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL('**/fa/account');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('fa');
    expect(await page.locator('.flash').textContent()).toContain('نمایهٔ شما ذخیره شد');
    await expectAccessible(page);
    await screenshot(page, 'account-profile-fa');

    // The home page shows today's date in the Jalali calendar with Persian digits, laid out right to left.
    await page.locator('.brand').click();
    await page.waitForURL((url) => url.pathname === '/fa');
    expect(await page.locator('.today').textContent()).toMatch(/[۰-۹]{4}/);
    const brand = await page.locator('.brand').boundingBox();
    expect(defined(brand, 'brand').x).toBeGreaterThan(390 / 2);
    await expectAccessible(page);
    await screenshot(page, 'account-home-fa');

    // The other account pages, in Persian and in Vietnamese.
    await page.goto('/fa/account/tokens');
    await expectAccessible(page);
    await page.getByLabel('نام توکن').fill('خروجی گزارش');
    await page.getByRole('button', { name: 'ساختن توکن' }).click();
    await page.waitForSelector('.token-secret');
    expect(await page.locator('.token-secret').textContent()).toMatch(/^uh_/);
    await expectAccessible(page);
    await screenshot(page, 'account-tokens-fa');
    await page.goto('/fa/account/password');
    await expectAccessible(page);
    await screenshot(page, 'account-password-fa');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.waitForURL('**/vi/account/password');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await expectAccessible(page);
    await screenshot(page, 'account-password-vi');
    await page.goto('/vi/account');
    await expectAccessible(page);
    await screenshot(page, 'account-profile-vi');

    // Log out from the Persian page: back to a visitor's home page.
    await page.goto('/fa');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'خروج' }).click();
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').textContent()).toContain('از حساب خود خارج شدید');
    await expectAccessible(page);
    expect(await page.locator('.account-links').textContent()).toContain('ورود');
    await page.goto('/fa/account');
    await page.waitForURL('**/fa/login?next=%2Ffa%2Faccount');
    await expectAccessible(page);
    await screenshot(page, 'account-login-fa');

    // The visitor pages in Vietnamese.
    await page.goto('/vi/signup');
    await expectAccessible(page);
    await screenshot(page, 'account-signup-vi');
    await page.goto('/fa/signup');
    await expectAccessible(page);
    await screenshot(page, 'account-signup-fa');
    await page.goto('/vi/password/forgot');
    await expectAccessible(page);
    await screenshot(page, 'account-forgot-vi');
  });
});

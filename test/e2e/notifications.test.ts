import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createUser } from '../support/factories.ts';
import { notifyMany } from '../../src/modules/notifications/index.ts';
import { testKind } from '../../src/modules/notifications/factories.ts';

let t: BrowserTestApp;
beforeAll(async () => {
  t = await startBrowserTest();
});
afterAll(async () => {
  await t?.close();
});

/** A browser window signed in as the user (the login form has its own journey). */
async function signedInPage(userId: number, locale: string): Promise<Page> {
  return t.signedInPage(userId, { locale });
}

describe('journey: a worker reads her notifications and chooses what is emailed', () => {
  it('works in Persian, right to left, with the unread count in the header', async () => {
    const worker = await createUser(t.db, { locale: 'fa', name: 'مریم' });
    await notifyMany(t.db, [
      {
        userId: worker.id,
        kind: testKind('forum.reply'),
        messageId: 'notifications.messages.replied',
        values: { author: 'کارگر ۳', title: 'اضافه‌کاری بی‌مزد در شیفت شب' },
        link: '/notifications/settings',
      },
      {
        userId: worker.id,
        kind: testKind('forum.mention'),
        messageId: 'notifications.messages.mentioned',
        values: { author: 'Lan', title: 'کفش ایمنی' },
        link: '/notifications',
      },
    ]);
    const page = await signedInPage(worker.id, 'fa-IR');
    await page.goto('/fa');
    const navLink = page.getByRole('link', { name: /اعلان‌ها/ });
    await expect.poll(() => navLink.textContent()).toContain('۲');
    await navLink.click();
    await page.waitForURL('**/fa/notifications');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('.notification--unread').count()).toBe(2);
    await expectAccessible(page);
    await screenshot(page, 'notifications-fa');

    // Opening one marks it read and leads to its page.
    await page.getByRole('link', { name: 'کارگر ۳ در «اضافه‌کاری بی‌مزد در شیفت شب» پاسخ داد' }).click();
    await page.waitForURL('**/fa/notifications/settings');
    expect(await page.locator('.nav-badge').textContent()).toBe('۱');

    // Email per kind: replies in the daily digest, save, and the page keeps the choice and says where mail goes.
    await page.getByLabel('پاسخی در موضوعی که دنبال می‌کنم').selectOption('digest');
    await page.getByRole('button', { name: 'ذخیره' }).click();
    await page.waitForURL('**/fa/notifications/settings');
    await expect.poll(() => page.locator('.flash').textContent()).toContain('ذخیره شد');
    expect(await page.locator('.notification-settings__status').textContent()).toContain(worker.email);
    expect(await page.getByLabel('پاسخی در موضوعی که دنبال می‌کنم').inputValue()).toBe('digest');
    await expectAccessible(page);
    await screenshot(page, 'notifications-settings-fa');

    // Mark all read: the count leaves the header.
    await page.goto('/fa/notifications');
    await page.getByRole('button', { name: 'همه را خوانده‌شده علامت بزن' }).click();
    await page.waitForURL('**/fa/notifications');
    expect(await page.locator('.notification--unread').count()).toBe(0);
    expect(await page.locator('.nav-badge').count()).toBe(0);
  });

  it('works in Vietnamese on a phone-sized screen', async () => {
    const worker = await createUser(t.db, { locale: 'vi', name: 'Hoa' });
    await notifyMany(
      t.db,
      Array.from({ length: 3 }, (_, i) => ({
        userId: worker.id,
        kind: testKind('forum.reply'),
        messageId: 'notifications.messages.replied',
        values: { author: `Công nhân ${i + 1}`, title: 'Lương làm thêm giờ ở Khu công nghiệp Quang Châu' },
        link: '/notifications',
      })),
    );
    const page = await signedInPage(worker.id, 'vi-VN');
    await page.goto('/vi/notifications');
    expect(await page.locator('.notification--unread').count()).toBe(3);
    expect(await page.locator('.nav-badge').textContent()).toBe('3');
    await expectAccessible(page);
    await screenshot(page, 'notifications-vi');
    await page.goto('/vi/notifications/settings');
    await expectAccessible(page);
    await screenshot(page, 'notifications-settings-vi');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createUser, grantRole, type TestUser } from '../support/factories.ts';
import { createRashtWelfareForum } from '../support/forum-fixtures.ts';
import { ageAccount } from '../../src/modules/forum/factories.ts';
import { defined } from '../support/defined.ts';

let t: BrowserTestApp;
let worker: TestUser;
let moderator: TestUser;
const WORKER_NAME = 'سارا کارگر-پنهان';

/** A browser window signed in as the user (the login form has its own journey). */
async function pageAs(user: TestUser, locale: string): Promise<Page> {
  return t.signedInPage(user.id, { locale });
}

beforeAll(async () => {
  t = await startBrowserTest();
  const org = await createRashtWelfareForum(t.db);
  worker = await createUser(t.db, { name: WORKER_NAME, locale: 'fa' });
  moderator = await createUser(t.db, { name: 'رضا ناظر', locale: 'fa' });
  await ageAccount(t.db, worker.id);
  await ageAccount(t.db, moderator.id);
  await grantRole(t.db, worker.id, org.id, 'member');
  await grantRole(t.db, moderator.id, org.id, 'moderator');
});
afterAll(async () => {
  await t?.close();
});

describe('journey: a worker posts anonymously in Persian and a moderator sees only the pseudonym', () => {
  it('keeps the worker’s name off every page the moderator sees', async () => {
    const page = await pageAs(worker, 'fa-IR');
    await page.goto('/fa/organizations/rasht-textile/forum');
    await page.getByRole('link', { name: 'معیشت و کمک' }).click();
    await page.getByRole('link', { name: 'موضوع تازه' }).click();
    await page.getByLabel('عنوان').fill('سه ماه است حقوق نگرفته‌ایم');
    await page.getByLabel('پیام شما').fill('در کارخانهٔ ما **سه ماه** است حقوق پرداخت نشده. آیا کمک معیشتی شامل ما می‌شود؟');
    await page.getByLabel('ناشناس بفرست').check();
    await expectAccessible(page);
    await screenshot(page, 'forum-anonymous-form-fa');
    await page.getByRole('button', { name: 'فرستادن موضوع' }).click();
    await page.waitForURL(/\/fa\/forum\/t\/\d+/);
    expect(await page.locator('.flash').textContent()).toContain('منتشر شد');
    // The author sees their own post under the pseudonym too, with edit and delete links.
    await expect.poll(() => page.locator('#p1 .forum-post__author').textContent()).toBe('کارگر ۱');
    expect(await page.getByRole('link', { name: 'ویرایش' }).count()).toBe(1);
    const topicUrl = page.url();

    const mod = await pageAs(moderator, 'fa-IR');
    await mod.goto(topicUrl);
    expect(await mod.locator('#p1 .forum-post__author').textContent()).toBe('کارگر ۱');
    expect(await mod.locator('#p1 .badge').first().textContent()).toBe('ناشناس');
    const html = await mod.content();
    expect(html).not.toContain(WORKER_NAME);
    expect(html).not.toContain(worker.email);
    expect(await mod.getByRole('link', { name: 'ویرایش' }).count()).toBe(0);
    expect(await mod.getByRole('link', { name: 'آشکار کردن نویسنده' }).count()).toBe(0);
    // RTL for real: the author line starts at the right.
    const box = await mod.locator('#p1 .forum-post__author').boundingBox();
    expect(defined(box, 'box').x).toBeGreaterThan(390 / 2);
    await expectAccessible(mod);
    await screenshot(mod, 'forum-anonymous-moderator-fa');
    // The moderation page of the post, in Vietnamese, shows the pseudonym and no way to suspend.
    await mod.goto(topicUrl.replace('/fa/', '/vi/').replace(/(\/forum\/t\/\d+).*$/, '$1/1/moderate'));
    expect(await mod.content()).not.toContain(WORKER_NAME);
    expect(await mod.locator('main').textContent()).toContain('Công nhân 1');
    await expectAccessible(mod);
    await screenshot(mod, 'forum-anonymous-moderate-vi');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createUser, grantRole, type TestUser } from '../support/factories.ts';
import { createRashtWelfareForum } from '../support/forum-fixtures.ts';
import { ageAccount } from '../../src/modules/forum/factories.ts';

let t: BrowserTestApp;
let worker: TestUser;
let official: TestUser;

beforeAll(async () => {
  t = await startBrowserTest();
  const org = await createRashtWelfareForum(t.db);
  worker = await createUser(t.db, { name: 'سارا کارگر-پنهان', locale: 'fa' });
  official = await createUser(t.db, { name: 'مریم مسئول', locale: 'fa' });
  await ageAccount(t.db, worker.id);
  await ageAccount(t.db, official.id);
  await grantRole(t.db, worker.id, org.id, 'member');
  await grantRole(t.db, official.id, org.id, 'official');
});
afterAll(async () => {
  await t?.close();
});

describe('journey: an anonymous worker learns, in Persian, that an official answered', () => {
  it('shows the notice in the notifications and leads to the answer', async () => {
    const page = await t.signedInPage(worker.id, { locale: 'fa-IR' });
    await page.goto('/fa/organizations/rasht-textile/forum/welfare/new');
    await page.getByLabel('عنوان').fill('کمک معیشتی به کارگران قراردادی هم می‌رسد؟');
    await page.getByLabel('پیام شما').fill('قرارداد من سه‌ماهه است. آیا کمک معیشتی شامل من هم می‌شود؟');
    await page.getByLabel('ناشناس بفرست').check();
    await page.getByRole('button', { name: 'فرستادن موضوع' }).click();
    await page.waitForURL(/\/fa\/forum\/t\/\d+/);
    const topicUrl = page.url().replace(/#.*$/, '');

    // The official answers by name and marks the answer.
    const officer = await t.signedInPage(official.id, { locale: 'fa-IR' });
    await officer.goto(topicUrl);
    await officer.getByLabel('پیام شما').fill('بله. کارگران قراردادی هم با معرفی‌نامهٔ شورا کمک می‌گیرند.');
    await officer.getByRole('button', { name: 'فرستادن پاسخ' }).click();
    await officer.waitForURL(/#p2$/);
    await officer.locator('#p2').getByRole('button', { name: 'نشان پاسخ رسمی' }).click();
    await officer.waitForURL(/#p2$/);
    expect(await officer.locator('#p2 .badge--success').count()).toBe(1);

    // The worker sees the unread count, in Persian digits, and the notice on the notifications page.
    await page.goto('/fa/forum');
    await expect.poll(() => page.locator('.nav-badge').textContent()).toBe('۱');
    await page.getByRole('link', { name: /اعلان‌ها/ }).click();
    await page.waitForURL(/\/fa\/notifications$/);
    const section = page.getByRole('region', { name: 'دربارهٔ پست‌های ناشناس شما' });
    const notice = section.getByRole('link', { name: /یک مسئول به «کمک معیشتی به کارگران قراردادی هم می‌رسد؟» پاسخ رسمی داد/ });
    expect(await notice.count()).toBe(1);
    expect(await section.locator('.notification--unread').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'forum-anonymous-answer-notice-fa');

    // Following it leads to the answer, and the notice is then read (on this device).
    await notice.click();
    await page.waitForURL(/\/fa\/forum\/t\/\d+\?page=1#p2$|\/fa\/forum\/t\/\d+#p2$/);
    expect(await page.locator('#p2.forum-post--answer').count()).toBe(1);
    expect(await page.locator('.nav-badge').count()).toBe(0);
    await page.goto('/fa/notifications');
    expect(await page.locator('.notification--unread').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'دربارهٔ پست‌های ناشناس شما' }).getByRole('link').count()).toBe(1);

    // The official, who knows nothing of who asked, sees no such notice.
    await officer.goto('/fa/notifications');
    expect(await officer.getByRole('region', { name: 'دربارهٔ پست‌های ناشناس شما' }).count()).toBe(0);
  });
});

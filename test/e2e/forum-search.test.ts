import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createOrganization, createUser, grantRole } from '../support/factories.ts';
import { insertCategory, insertReply, insertTopic } from '../../src/modules/forum/factories.ts';

let t: BrowserTestApp;

beforeAll(async () => {
  t = await startBrowserTest();
  const org = await createOrganization(t.db, {
    slug: 'bac-giang',
    name: { en: 'Bắc Giang Labour Federation', fa: 'اتحادیهٔ کار باک‌زیانگ', vi: 'Liên đoàn Lao động Bắc Giang' },
  });
  const worker = await createUser(t.db, { name: 'Nguyễn Văn Hùng' });
  const hidden = await createUser(t.db, { name: 'Ẩn Danh Thật' });
  await grantRole(t.db, worker.id, org.id, 'member');
  const category = await insertCategory(t.db, org.id, 'public', 'Diễn đàn công nhân trẻ');
  const topic = await insertTopic(t.db, category, {
    title: 'Đối thoại với công nhân trẻ khu công nghiệp',
    body: 'Công đoàn tổ chức đối thoại định kỳ với công nhân về tiền lương và nhà trọ.',
    by: { userId: worker.id },
  });
  await insertReply(t.db, topic, 'Tôi là công nhân ca đêm, xin hỏi về bữa ăn giữa ca.', {
    anonymousUserId: hidden.id,
    key: t.config.anonymityKey,
  });
  await insertTopic(t.db, category, {
    title: 'نشست روز کارگر در استان گیلان',
    body: 'برنامه‌های هفتهٔ کارگر و تجلیل از کارگران نمونه.',
    by: { userId: worker.id },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('journey: a search in Vietnamese typed without diacritics finds the post', () => {
  it('finds "công nhân" from "cong nhan", with the words marked, and never shows the anonymous author', async () => {
    const page = await t.newPage({ locale: 'vi-VN' });
    await page.goto('/vi/forum/search');
    await expectAccessible(page);
    await page.getByLabel('Từ cần tìm').fill('cong nhan ca dem');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL('**/vi/forum/search?q=**');
    const results = page.locator('.search-result');
    await results.first().waitFor();
    expect(await results.count()).toBeGreaterThan(0);
    expect(await page.locator('.search-result__snippet mark').allTextContents()).toEqual(expect.arrayContaining(['công', 'nhân']));
    expect(await page.content()).not.toContain('Ẩn Danh Thật');
    await expectAccessible(page);
    await screenshot(page, 'forum-search-vi');
    await results.first().locator('a').click();
    await page.waitForURL('**/vi/forum/t/**');
  });

  it('searches in Persian with Arabic letters and finds the Persian spelling', async () => {
    const page = await t.newPage({ locale: 'fa-IR' });
    await page.goto(`/fa/forum/search?q=${encodeURIComponent('كارگر گيلان')}`);
    expect(await page.locator('.search-result').count()).toBeGreaterThan(0);
    expect(await page.locator('.search-result__title').first().textContent()).toContain('گیلان');
    await expectAccessible(page);
    await screenshot(page, 'forum-search-fa');
  });

  it('finds words written together or misspelt, and says the results are close matches', async () => {
    const fa = await t.newPage({ locale: 'fa-IR' });
    await fa.goto('/fa/forum/search');
    await fa.getByLabel('واژه‌های جست‌وجو').fill('تجلیلازکارگران');
    await fa.getByRole('button', { name: 'جست‌وجو' }).click();
    await fa.waitForURL('**/fa/forum/search?q=**');
    expect(await fa.locator('.search-result__title').first().textContent()).toContain('نشست روز کارگر');
    expect(await fa.getByText('نتیجهٔ دقیقی نبود').count()).toBe(1);
    await expectAccessible(fa);
    await screenshot(fa, 'forum-search-fallback-fa');

    const vi = await t.newPage({ locale: 'vi-VN' });
    await vi.goto(`/vi/forum/search?q=${encodeURIComponent('doi thai dinh ky')}`);
    expect(await vi.locator('.search-result__title').first().textContent()).toContain('Đối thoại với công nhân trẻ');
    expect(await vi.getByText('Không có kết quả khớp chính xác').count()).toBe(1);
    await expectAccessible(vi);
    await screenshot(vi, 'forum-search-fallback-vi');
  });
});

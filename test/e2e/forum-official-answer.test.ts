import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createOrganization, createUser, grantRole, type TestUser } from '../support/factories.ts';
import { ageAccount, createCategory } from '../../src/modules/forum/factories.ts';

let t: BrowserTestApp;
let youngWorker: TestUser;
let official: TestUser;

async function pageAs(user: TestUser, locale: string): Promise<Page> {
  return t.signedInPage(user.id, { locale });
}

beforeAll(async () => {
  t = await startBrowserTest();
  const federation = await createOrganization(t.db, {
    slug: 'bac-giang-federation',
    kind: 'labour_federation',
    name: { fa: 'فدراسیون کار باک‌زیانگ', vi: 'Liên đoàn Lao động Bắc Giang', en: 'Bac Giang Labour Federation' },
  });
  const union = await createOrganization(t.db, {
    slug: 'viet-yen-garment',
    parentId: federation.id,
    name: { fa: 'اتحادیهٔ پوشاک ویت‌ین', vi: 'Công đoàn May Việt Yên', en: 'Viet Yen Garment Union' },
  });
  await createCategory(t.db, federation.id, {
    slug: 'doi-thoai',
    visibility: 'members',
    name: { fa: 'گفت‌وگو با کارگران', vi: 'Đối thoại với công nhân', en: 'Dialogue with workers' },
  });
  youngWorker = await createUser(t.db, { name: 'Vũ Thị Mai', locale: 'vi' });
  official = await createUser(t.db, { name: 'Lê Thị Lan', locale: 'vi' });
  await ageAccount(t.db, youngWorker.id);
  await ageAccount(t.db, official.id);
  // A member of a garment union under the federation reads the federation's members forum.
  await grantRole(t.db, youngWorker.id, union.id, 'member');
  await grantRole(t.db, official.id, federation.id, 'official');
});
afterAll(async () => {
  await t?.close();
});

describe('journey: an official answers a young worker’s question and the topic shows as answered', () => {
  it('goes from waiting to answered, seen by the asker', async () => {
    const asker = await pageAs(youngWorker, 'vi-VN');
    await asker.goto('/vi/organizations/bac-giang-federation/forum/doi-thoai/new');
    await asker.getByLabel('Tiêu đề').fill('Công nhân trẻ được đào tạo những gì?');
    await asker.getByLabel('Nội dung').fill('Em nghe nói có lớp đào tạo cho công nhân trẻ nòng cốt. Em đăng ký ở đâu?');
    await asker.getByRole('button', { name: 'Đăng chủ đề' }).click();
    await asker.waitForURL(/\/vi\/forum\/t\/\d+/);
    expect(await asker.locator('.forum-badges .badge').first().textContent()).toBe('Đang chờ trả lời');
    const topicUrl = asker.url().replace(/#.*$/, '');

    const officer = await pageAs(official, 'vi-VN');
    await officer.goto('/vi/organizations/bac-giang-federation/forum/unanswered');
    await officer.getByRole('link', { name: 'Công nhân trẻ được đào tạo những gì?' }).click();
    await officer.getByLabel('Nội dung').fill('Bạn đăng ký tại công đoàn cơ sở. Lớp đầu tiên mở vào tháng sau.');
    await officer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await officer.waitForURL(/#p2$/);
    await officer.locator('#p2').getByRole('button', { name: 'Đánh dấu trả lời chính thức' }).click();
    await officer.waitForURL(/#p2$/);
    expect(await officer.locator('.flash').textContent()).toContain('trả lời chính thức');
    expect(await officer.locator('#p2 .badge--success').textContent()).toBe('Trả lời chính thức');
    await expectAccessible(officer);
    await screenshot(officer, 'forum-official-answer-vi');

    await asker.goto(topicUrl);
    expect(await asker.locator('.forum-badges .badge').first().textContent()).toBe('Đã trả lời');
    expect(await asker.locator('.forum-post--answer').count()).toBe(1);
    await asker.goto(topicUrl.replace('/vi/', '/fa/'));
    expect(await asker.locator('.forum-badges .badge').first().textContent()).toBe('پاسخ داده شد');
    await expectAccessible(asker);
    await screenshot(asker, 'forum-official-answer-fa');
    // The category list shows the topic as answered, in Persian, right to left.
    await asker.goto('/fa/organizations/bac-giang-federation/forum/doi-thoai');
    expect(await asker.locator('.forum-topic .badge').first().textContent()).toBe('پاسخ داده شد');
    await expectAccessible(asker);
    await screenshot(asker, 'forum-category-fa');
    await asker.goto('/vi/forum');
    expect(await asker.locator('.forum-topic__title').first().textContent()).toBe('Công nhân trẻ được đào tạo những gì?');
    await expectAccessible(asker);
    await screenshot(asker, 'forum-latest-vi');
    // The question has left the officials' queue.
    await officer.goto('/vi/organizations/bac-giang-federation/forum/unanswered');
    expect(await officer.getByRole('link', { name: 'Công nhân trẻ được đào tạo những gì?' }).count()).toBe(0);
  });
});

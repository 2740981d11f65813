import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { one } from '../support/sql.ts';
import { createMeeting, createTask } from '../../src/modules/meetings/factories.ts';
import { programWorld, programWithActivity, reportFor, type ProgramWorld } from '../../src/modules/programs/factories.ts';
import { defined } from '../support/defined.ts';

let t: BrowserTestApp;
let w: ProgramWorld;
let programId: number;

/** Where the closing note takes its screenshots from (besides screenshots/). */
const NOTES_SCREENS = '/work/notes/screens';

const PHONE = { width: 360, height: 760 };

beforeAll(async () => {
  t = await startBrowserTest();
  w = await programWorld(t.db);
  const program = await programWithActivity(t.db, w);
  programId = program.programId;
  // Something else waiting too, so "My work" shows more than one kind: an older report from Lahijan and a meeting task.
  await reportFor(t.db, {
    activityId: program.activityId,
    regionId: w.regions.lahijan.id,
    reporterId: w.users.lahijanOfficial.id,
    families: 5,
  });
  const meetingId = await createMeeting(t.db, w.orgs.lead.id, { title: 'جلسهٔ هماهنگی استان' });
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await createTask(t.db, {
    meetingId,
    ownerId: w.users.coordinator.id,
    createdBy: w.users.coordinator.id,
    title: 'رزرو سالن همایش',
    dueOn: inThreeDays,
  });
});
afterAll(async () => {
  await t?.close();
});

/** Nothing wider than the phone: the document does not scroll sideways. */
async function expectNoOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  mkdirSync(NOTES_SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(NOTES_SCREENS, `${name}.png`), fullPage: true });
}

describe('journey: a report filed → the reviewer’s "My work" → returned with a comment → corrected → approved', () => {
  it('takes the report through review on a 360 px phone, in Persian and Vietnamese', async () => {
    // The Rasht official files a report in Persian.
    const official = await t.signedInPage(w.users.rashtOfficial.id, { ...PHONE, locale: 'fa-IR' });
    await official.goto(`/fa/programs/${programId}/activities/1/reports/new`);
    await official.fill('#field-heldOn', '۱۴۰۱/۰۲/۰۵');
    await official.fill('#field-place', 'گلزار شهدای رشت');
    await official.fill('#field-families', '۱۲');
    await official.getByRole('button', { name: 'ثبت گزارش' }).click();
    await official.waitForURL(/\/reports\/\d+$/);
    const reportPath = new URL(official.url()).pathname.replace(/^\/fa/, '');

    // The coordinator's "My work" (Vietnamese) shows it among the reports to review, with the task and its deadline.
    const coordinator = await t.signedInPage(w.users.coordinator.id, { ...PHONE, locale: 'vi-VN' });
    await coordinator.goto('/vi');
    const reviews = coordinator.locator('#work-reviews');
    await expect.poll(() => reviews.locator(`a[href="/vi${reportPath}"]`).count()).toBe(1);
    expect(await reviews.locator('.badge').textContent()).toBe('2');
    expect(await coordinator.locator('#work-tasks').textContent()).toContain('رزرو سالن همایش');
    expect(await coordinator.locator('#work-deadlines').textContent()).toContain('رزرو سالن همایش');
    await expectNoOverflow(coordinator);
    await expectAccessible(coordinator);
    await shoot(coordinator, 'my-work-vi');

    // The same in Persian: right to left, Jalali dates with Persian digits.
    const coordinatorFa = await t.signedInPage(w.users.coordinator.id, { ...PHONE, locale: 'fa-IR' });
    await coordinatorFa.goto('/fa');
    expect(await coordinatorFa.getAttribute('html', 'dir')).toBe('rtl');
    expect(await coordinatorFa.locator('#work-tasks time').first().textContent()).toMatch(/^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/);
    await expectNoOverflow(coordinatorFa);
    await expectAccessible(coordinatorFa);
    await shoot(coordinatorFa, 'my-work-fa');

    // The queue, oldest first, in both languages.
    await coordinatorFa
      .locator('#work-reviews')
      .getByRole('link', { name: /دیدن همهٔ/ })
      .click();
    await coordinatorFa.waitForURL('**/fa/reviews');
    expect(await coordinatorFa.locator('.queue-item').count()).toBe(2);
    await expectNoOverflow(coordinatorFa);
    await expectAccessible(coordinatorFa);
    await shoot(coordinatorFa, 'review-queue-fa');
    await coordinator.goto('/vi/reviews');
    await expectNoOverflow(coordinator);
    await expectAccessible(coordinator);
    await shoot(coordinator, 'review-queue-vi');

    // Filter to Rasht without JavaScript's help: a GET form.
    await coordinator.selectOption('#field-region', String(w.regions.rasht.id));
    await coordinator.getByRole('button', { name: 'Lọc' }).click();
    await coordinator.waitForURL(/region=/);
    expect(await coordinator.locator('.queue-item').count()).toBe(1);

    // Returned with a comment, from the queue's link.
    await coordinator.locator('.queue-item a').first().click();
    await coordinator.waitForURL(`**/vi${reportPath}`);
    await coordinator.selectOption('#field-decision', 'return');
    await coordinator.fill('#field-comment', 'Thiếu ảnh và số gia đình chưa đúng.');
    await coordinator.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await coordinator.waitForURL(/\/activities\/1$/);

    // The official's "My work" says it came back; the edit form shows the comment above it.
    await official.goto('/fa');
    await official.locator('#work-returned a').first().click();
    await official.waitForURL(`**/fa${reportPath}/edit`);
    const note = official.locator('.returned-note');
    expect(await note.textContent()).toContain('Thiếu ảnh và số gia đình chưa đúng.');
    const noteBox = defined(await note.boundingBox(), 'note');
    const formBox = defined(await official.locator('form[enctype="multipart/form-data"]').boundingBox(), 'form');
    expect(noteBox.y + noteBox.height).toBeLessThanOrEqual(formBox.y);
    await expectNoOverflow(official);
    await expectAccessible(official);
    await shoot(official, 'report-returned-fa');

    // Corrected and filed again.
    await official.fill('#field-families', '۱۸');
    await official.getByRole('button', { name: 'ثبت گزارش' }).click();
    await official.waitForURL(`**/fa${reportPath}`);

    // The queue marks it as corrected; the coordinator approves it and it leaves the queue.
    await coordinator.goto(`/vi/reviews?status=resubmitted`);
    expect(await coordinator.locator('.queue-item').count()).toBe(1);
    expect(await coordinator.locator('.queue-item .badge').textContent()).toBe('Đã sửa và gửi lại');
    await coordinator.locator('.queue-item a').first().click();
    await coordinator.selectOption('#field-decision', 'approve');
    await coordinator.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await coordinator.waitForURL(/\/activities\/1$/);
    const report = await one<{ status: string; families: number }>(t.db, `SELECT status, families FROM activity_reports WHERE id = $1`, [
      Number(reportPath.split('/').at(-1)),
    ]);
    expect(report).toEqual({ status: 'approved', families: 18 });
    await coordinator.goto('/vi');
    expect(await coordinator.locator('#work-reviews .badge').textContent()).toBe('1');
  });
});

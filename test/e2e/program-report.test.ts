import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { one } from '../support/sql.ts';
import { programWorld, programWithActivity, type ProgramWorld } from '../../src/modules/programs/factories.ts';
import { defined } from '../support/defined.ts';

let t: BrowserTestApp;
let w: ProgramWorld;
let programId: number;

async function signedInPage(userId: number, locale: string): Promise<Page> {
  return t.signedInPage(userId, { locale });
}

beforeAll(async () => {
  t = await startBrowserTest();
  w = await programWorld(t.db);
  ({ programId } = await programWithActivity(t.db, w));
});
afterAll(async () => {
  await t?.close();
});

describe('journey: a county official files a report with a photo; the coordinator approves it and the dashboard moves', () => {
  it('files, approves and shows the new progress', async () => {
    // The coordinator's dashboard before: nothing approved yet.
    const coordinator = await signedInPage(w.users.coordinator.id, 'vi-VN');
    await coordinator.goto(`/vi/programs/${programId}`);
    const overallCell = coordinator.locator('table.programs-matrix tbody tr').first().locator('td').nth(2);
    expect((await overallCell.textContent())?.trim()).toBe('0%');
    await expectAccessible(coordinator);

    // The Rasht official files a report in Persian, with a Jalali date and a photo.
    const official = await signedInPage(w.users.rashtOfficial.id, 'fa-IR');
    await official.goto(`/fa/programs/${programId}/activities/1`);
    expect(await official.getAttribute('html', 'dir')).toBe('rtl');
    await official.getByRole('link', { name: 'ثبت گزارش' }).click();
    await official.waitForURL('**/reports/new');
    await expectAccessible(official);
    // Only Rasht is offered: the official answers for that county alone.
    const options = await official.locator('#field-regionId option').allTextContents();
    expect(options).toEqual(['رشت']);
    await official.fill('#field-heldOn', '۱۴۰۱/۰۲/۳۲');
    await official.fill('#field-place', 'گلزار شهدای رشت');
    await official.getByRole('button', { name: 'ثبت گزارش' }).click();
    // An impossible Jalali date comes back with a Persian message and the place kept.
    await expect.poll(() => official.locator('.error-summary').count()).toBe(1);
    expect(await official.inputValue('#field-place')).toBe('گلزار شهدای رشت');
    await official.fill('#field-heldOn', '۱۴۰۱/۰۲/۰۵');
    await official.fill('#field-workers', '۴۰');
    await official.fill('#field-families', '۱۸');
    await official.fill('#field-beneficiaries', '۱۸');
    const photo = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2f6f4f' } })
      .jpeg()
      .toBuffer();
    await official.setInputFiles('#field-files', { name: 'yadvareh.jpg', mimeType: 'image/jpeg', buffer: photo });
    await official.getByRole('button', { name: 'ثبت گزارش' }).click();
    await official.waitForURL(/\/reports\/\d+$/);
    await expect.poll(() => official.locator('img.programs-photo').count()).toBe(1);
    const photoSize = await official.locator('img.programs-photo').evaluate((img) => (img as HTMLImageElement).naturalWidth);
    expect(photoSize).toBe(320);
    await expectAccessible(official);
    await screenshot(official, 'program-report-filed-fa');
    const reportUrl = new URL(official.url()).pathname.replace('/fa/', '/vi/');

    // The coordinator approves it.
    await coordinator.goto(reportUrl);
    await coordinator.selectOption('#field-decision', 'approve');
    await coordinator.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await coordinator.waitForURL(/\/activities\/1$/);
    expect(await coordinator.locator('.flash--success').textContent()).toContain('Đã duyệt báo cáo');
    await expectAccessible(coordinator);
    await screenshot(coordinator, 'program-activity-vi');
    const report = await one<{ status: string }>(t.db, `SELECT status FROM activity_reports ORDER BY id DESC LIMIT 1`);
    expect(defined(report, 'report').status).toBe('approved');

    // The dashboard's progress moved: 18 of 30 families = 60 %; Rasht's share (10) is met.
    await coordinator.goto(`/vi/programs/${programId}`);
    expect((await overallCell.textContent())?.trim()).toBe('60%');
    await expectAccessible(coordinator);
    await screenshot(coordinator, 'program-dashboard-vi');

    // The official sees the approval among their notifications (one, whatever else they were told).
    const notified = await one<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'programs.report_reviewed'`,
      [w.users.rashtOfficial.id],
    );
    expect(defined(notified, 'notified').n).toBe(1);
    await official.goto(`/fa/programs/${programId}`);
    await screenshot(official, 'program-dashboard-fa');
  });

  it('lets the coordinator start a program in Persian with Jalali dates and paste its activities', async () => {
    const page = await signedInPage(w.users.coordinator.id, 'fa-IR');
    await page.goto('/fa/programs');
    await page.getByRole('link', { name: 'برنامهٔ تازه' }).click();
    await page.waitForURL('**/programs/new');
    await expectAccessible(page);
    await page.selectOption('#field-leadOrganizationId', String(w.orgs.lead.id));
    await page.fill('#field-title', 'هفتهٔ کارگر ۱۴۰۲');
    await page.fill('#field-periodStart', '۱۴۰۲/۰۲/۰۱');
    await page.fill('#field-periodEnd', '۱۴۰۱/۰۲/۱۰');
    await page.getByLabel('رشت').check();
    await page.getByRole('button', { name: 'ذخیره' }).click();
    // A period that ends before it starts comes back in Persian, with what was typed kept.
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('تاریخ پایان پیش از تاریخ شروع است');
    expect(await page.inputValue('#field-title')).toBe('هفتهٔ کارگر ۱۴۰۲');
    expect(await page.getByLabel('رشت').isChecked()).toBe(true);
    await page.fill('#field-periodEnd', '۱۴۰۲/۰۲/۲۰');
    await page.getByRole('button', { name: 'ذخیره' }).click();
    await page.waitForURL(/\/fa\/programs\/\d+$/);
    await page.getByRole('link', { name: 'چسباندن فهرست شماره‌دار' }).click();
    await expectAccessible(page);
    await page.fill('#field-list', '۱- همایش روز کارگر ۲- سرکشی به خانواده‌ها\n۳. میز خدمت');
    await page.getByRole('button', { name: 'ساختن فعالیت‌های پیش‌نویس' }).click();
    await page.waitForURL(/\/fa\/programs\/\d+$/);
    expect(await page.locator('table.programs-matrix tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'میز خدمت' }).first().click();
    await page.getByRole('link', { name: 'ویرایش' }).click();
    await expectAccessible(page);
    await screenshot(page, 'program-activity-form-fa');
  });
});

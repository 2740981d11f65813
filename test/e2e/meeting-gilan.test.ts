import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createOrganization, createRegion, createUser, grantRole, type TestOrganization, type TestUser } from '../support/factories.ts';
import { one } from '../support/sql.ts';
import { defined } from '../support/defined.ts';
import { createProgram } from '../../src/modules/programs/factories.ts';

let t: BrowserTestApp;
let labourOrganization: TestOrganization;
let directorate: TestOrganization;
let coordinator: TestUser;
let programId: number;

// The Gilan resolutions as a coordinator pastes them from the minutes: "۱ ـ" items run together, restated in our words.
const PASTED = [
  'مصوبات جلسه: ۱ ـ همایش استانی روز کارگر و قدردانی از کارگران و کارفرمایان نمونه ۲ ـ سرکشی به خانواده‌های شهدا و کارگران از کار افتاده',
  '۳ ـ غبارروبی و گل‌افشانی مزار شهدا ۴ ـ یادوارهٔ ۴۱۸ شهید کارگر در استان و هر شهرستان ۵ ـ حضور کارگران در نماز جمعه',
  '۶ ـ مسابقات فرهنگی و ورزشی کارگران ۷ ـ بازدید از واحدهای تولیدی موفق و دچار مشکل ۸ ـ نشست‌های رفع موانع تولید',
  '۹ ـ دیدار کارگران با مدیران استان ۱۰ ـ میزهای خدمت اداری ۱۱ ـ کمک معیشتی به کارگران گرفتار',
  '۱۲ ـ اردوهای کار داوطلبانه ۱۳ ـ گشایش پایگاه‌های تازه ۱۴ ـ دیدار با استاندار',
].join('\n');

async function signedInPage(user: TestUser, locale: string): Promise<Page> {
  return t.signedInPage(user.id, { locale });
}

beforeAll(async () => {
  t = await startBrowserTest();
  const province = await createRegion(t.db, { kind: 'province', name: { fa: 'گیلان', en: 'Gilan', vi: 'Gilan' } });
  labourOrganization = await createOrganization(t.db, {
    kind: 'other',
    regionId: province.id,
    name: { fa: 'سازمان بسیج کارگری استان گیلان', en: 'Gilan Workers’ Organization', vi: 'Tổ chức công nhân Gilan' },
  });
  directorate = await createOrganization(t.db, {
    kind: 'labour_office',
    regionId: province.id,
    name: { fa: 'ادارهٔ کل تعاون، کار و رفاه اجتماعی گیلان', en: 'Gilan Labour Directorate', vi: 'Tổng cục Lao động Gilan' },
  });
  coordinator = await createUser(t.db, { name: 'مریم رضایی', locale: 'fa' });
  await grantRole(t.db, coordinator.id, labourOrganization.id, 'coordinator');
  programId = await createProgram(t.db, {
    leadOrganizationId: labourOrganization.id,
    by: coordinator.id,
    title: 'برنامه‌های هفتهٔ کارگر ۱۴۰۱',
    status: 'active',
    periodStart: '2022-04-11',
    periodEnd: '2022-05-10',
    partnerIds: [directorate.id],
  });
});
afterAll(async () => {
  await t?.close();
});

describe('journey: a coordinator records the Gilan meeting in Persian and approves the activities from a pasted list', () => {
  it('records the meeting with a Jalali date, approves 14 activities into the program, approves the minutes', async () => {
    const page = await signedInPage(coordinator, 'fa-IR');
    await page.goto('/fa/meetings');
    await page.getByRole('link', { name: 'ثبت جلسه' }).click();
    await page.waitForURL('**/fa/meetings/new');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await expectAccessible(page);

    await page.selectOption('#field-organizerId', String(labourOrganization.id));
    await page.fill('#field-title', 'جلسهٔ هماهنگی برنامه‌های هفتهٔ کارگر ۱۴۰۱');
    // First an impossible Jalali date: the form comes back with a Persian message and keeps what was typed.
    await page.fill('#field-heldOn', '۱۴۰۱/۱۳/۴۰');
    await page.fill('#field-startsAt', '۰۹:۰۰');
    await page.fill('#field-place', 'ادارهٔ کل تعاون، کار و رفاه اجتماعی استان گیلان');
    await page.check(`#attending-${directorate.id}`);
    await page.fill(
      '#field-attendees',
      'رئیس سازمان بسیج کارگری استان — رئیس جلسه\nعلی کاظمی — مدیرکل تعاون، کار و رفاه اجتماعی\nرؤسای ادارات مرتبط',
    );
    await page.fill('#field-agenda', 'هماهنگی برنامه‌های هفتهٔ کارگر در سراسر استان');
    await page.fill('#field-minutes', 'برنامه‌های هفتهٔ کارگر امسال در همهٔ استان و گسترده‌تر از سال‌های پیش برگزار می‌شود.');
    await page.getByRole('button', { name: 'ذخیره' }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(await page.locator('#error-heldOn').textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await page.inputValue('#field-title')).toBe('جلسهٔ هماهنگی برنامه‌های هفتهٔ کارگر ۱۴۰۱');
    await expectAccessible(page);
    await screenshot(page, 'meeting-form-error-fa');

    await page.fill('#field-heldOn', '۱۴۰۱/۰۱/۲۲');
    await page.getByRole('button', { name: 'ذخیره' }).click();
    await page.waitForURL(/\/fa\/meetings\/\d+$/);
    expect(await page.locator('.flash').textContent()).toContain('جلسه ثبت شد');
    expect(await page.locator('.meeting-date').textContent()).toBe('۱۴۰۱/۰۱/۲۲');
    const meetingId = Number(defined(/meetings\/(\d+)/.exec(page.url()), '/meetings\\/(\\d+)/.exec(page.url())')[1]);
    const stored = await one<{ held_on: string }>(t.db, `SELECT held_on FROM meetings WHERE id = $1`, [meetingId]);
    expect(defined(stored, 'stored').held_on).toBe('2022-04-11');

    await page.getByRole('link', { name: 'ثبت مصوبه' }).click();
    await page.waitForURL('**/resolutions/new');
    await page.selectOption('#field-kind', 'activities');
    // The script shows only the chosen kind's fields.
    await expect.poll(() => page.locator('fieldset[data-kind="task"]').isHidden()).toBe(true);
    await page.fill('#field-body', 'فعالیت‌های هفتهٔ کارگر در سطح استان و همهٔ شهرستان‌ها تصویب شد.');
    await page.selectOption('#field-programId', String(programId));
    await page.fill('#field-items', PASTED);
    await expectAccessible(page);
    await screenshot(page, 'meeting-resolution-fa');
    await page.getByRole('button', { name: 'ثبت مصوبه' }).click();
    await page.waitForURL(/\/fa\/meetings\/\d+(#resolution-1)?$/);
    expect(await page.locator('.flash').textContent()).toContain('۱۴');
    await expectAccessible(page);
    await screenshot(page, 'meeting-gilan-fa');

    // The activities appear in the program, as drafts linked to the resolution.
    await page.getByRole('link', { name: 'برنامه‌های هفتهٔ کارگر ۱۴۰۱' }).click();
    await page.waitForURL(`**/fa/programs/${programId}`);
    const body = await page.locator('main').textContent();
    expect(body).toContain('یادوارهٔ ۴۱۸ شهید کارگر در استان و هر شهرستان');
    expect(body).toContain('دیدار با استاندار');
    const linked = await one<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM program_activities WHERE program_id = $1 AND resolution_id IS NOT NULL`,
      [programId],
    );
    expect(defined(linked, 'linked').n).toBe(14);

    // The organizer approves the minutes; they become read only with a first version.
    await page.goto(`/fa/meetings/${meetingId}/minutes`);
    await page.getByRole('button', { name: 'تأیید صورت‌جلسه' }).click();
    await page.waitForURL(`**/fa/meetings/${meetingId}/minutes`);
    expect(await page.locator('.flash').textContent()).toContain('تأیید شد');
    expect(await page.locator('main').textContent()).toContain('نسخهٔ ۱');
    await expectAccessible(page);
    await screenshot(page, 'meeting-minutes-fa');

    // The same meeting in Vietnamese, left to right.
    await page.goto(`/vi/meetings/${meetingId}`);
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.locator('.meeting-date').textContent()).toBe('11/04/2022');
    await expectAccessible(page);
    await screenshot(page, 'meeting-gilan-vi');
    await page.goto(`/vi/meetings/${meetingId}/resolutions/new`);
    await expectAccessible(page);
    await screenshot(page, 'meeting-resolution-vi');
  });
});

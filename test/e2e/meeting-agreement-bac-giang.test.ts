import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createOrganization, createUser, grantRole, type TestOrganization, type TestUser } from '../support/factories.ts';
import { programWithActivity, programWorld, reportFor } from '../../src/modules/programs/factories.ts';
import { defined } from '../support/defined.ts';

let t: BrowserTestApp;
let federation: TestOrganization;
let youth: TestOrganization;
let coordinator: TestUser;

// The Bắc Giang areas as a coordinator pastes them: numbered lines after a heading, restated in our words.
const PASTED = [
  'Nội dung phối hợp đến năm 2022:',
  '1. Đối thoại định kỳ với công nhân lao động;',
  '2. Chăm lo, hỗ trợ công nhân lao động;',
  '3. Phát động phong trào thi đua;',
  '4. Biểu dương, tôn vinh công nhân lao động;',
  '5. Đào tạo cán bộ công đoàn, cán bộ đoàn và thanh niên công nhân nòng cốt;',
  '6. Tuyên truyền bằng nhiều hình thức phù hợp;',
  '7. Nâng cấp trang thông tin điện tử, lập tài khoản Facebook',
  'làm diễn đàn cho thanh niên công nhân.',
].join('\n');

async function signedInPage(user: TestUser, locale: string): Promise<Page> {
  return t.signedInPage(user.id, { locale });
}

beforeAll(async () => {
  t = await startBrowserTest();
  federation = await createOrganization(t.db, {
    kind: 'labour_federation',
    name: { vi: 'Liên đoàn Lao động tỉnh Bắc Giang', fa: 'فدراسیون کار استان باک‌زیانگ', en: 'Bac Giang Labour Federation' },
  });
  youth = await createOrganization(t.db, {
    kind: 'youth_union',
    name: { vi: 'Tỉnh Đoàn Bắc Giang', fa: 'اتحادیهٔ جوانان باک‌زیانگ', en: 'Bac Giang Youth Union' },
  });
  coordinator = await createUser(t.db, { name: 'Nguyễn Thị Hương', locale: 'vi' });
  await grantRole(t.db, coordinator.id, federation.id, 'coordinator');
});
afterAll(async () => {
  await t?.close();
});

describe('journey: a coordinator records the Bắc Giang cooperation agreement from a pasted list of areas', () => {
  it('creates the agreement with 7 areas, refuses a period ending before it starts, and shows it in Vietnamese and Persian', async () => {
    const page = await signedInPage(coordinator, 'vi-VN');
    await page.goto('/vi/agreements');
    await page.getByRole('link', { name: 'Chương trình phối hợp mới' }).click();
    await page.waitForURL('**/vi/agreements/new');
    await expectAccessible(page);
    await page.fill('#field-title', 'Chương trình phối hợp giai đoạn 2018–2022');
    await page.selectOption('#field-party1', String(federation.id));
    await page.fill('#field-signatory1', 'Nguyễn Thị Hương');
    await page.fill('#field-signatoryRole1', 'Thay mặt Ban Thường vụ Liên đoàn Lao động tỉnh');
    await page.selectOption('#field-party2', String(youth.id));
    await page.fill('#field-signatory2', 'Trần Văn Minh');
    await page.fill('#field-signedOn', '2018-08-14');
    await page.fill('#field-periodStart', '2022');
    await page.fill('#field-periodEnd', '2018');
    await page.selectOption('#field-status', 'in_force');
    await page.fill('#field-goals', 'Công nhân có tay nghề, năng động; thanh niên công nhân xung kích.');
    await page.fill('#field-areas', PASTED);
    await page.getByRole('button', { name: 'Lưu' }).click();
    expect(await page.locator('#error-periodEnd').textContent()).toBe('Giai đoạn không thể kết thúc trước khi bắt đầu.');
    await expectAccessible(page);
    await page.fill('#field-periodStart', '2018');
    await page.fill('#field-periodEnd', '2022');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/vi\/agreements\/\d+$/);
    expect(await page.locator('main').textContent()).toContain('2018–2022');
    expect(await page.locator('[id^="area-"]').count()).toBe(7);
    expect(await page.locator('#area-7').textContent()).toContain('làm diễn đàn cho thanh niên công nhân');
    await expectAccessible(page);
    await screenshot(page, 'agreement-bac-giang-vi');

    // A yearly target with an amount but no unit is refused, then added with its unit.
    await page.selectOption('#field-areaId', { index: 0 });
    await page.fill('#field-year', '2019');
    await page.fill('#field-target', 'Đối thoại với công nhân tại khu công nghiệp');
    await page.fill('#field-amount', '4');
    await page.locator('#add-target button[type="submit"]').click();
    expect(await page.locator('#error-unit').textContent()).toBe('Hãy ghi đơn vị của số lượng này.');
    await page.fill('#field-unit', 'cuộc đối thoại');
    await page.locator('#add-target button[type="submit"]').click();
    await page.waitForURL(/\/vi\/agreements\/\d+$/);
    expect(await page.locator('#area-1 table').textContent()).toContain('cuộc đối thoại');

    // A published 2019 program serves area 1; one report of its activity is approved: the area shows the activity.
    const agreementId = Number(defined(/agreements\/(\d+)$/.exec(page.url()), '/agreements\\/(\\d+)$/.exec(page.url())')[1]);
    const w = await programWorld(t.db);
    const program = await programWithActivity(t.db, w, { isPublic: true });
    await t.db.query(
      `UPDATE programs SET title = 'Đối thoại với công nhân năm 2019', period_start = '2019-01-01', period_end = '2019-12-31',
              agreement_area_id = (SELECT id FROM agreement_areas WHERE agreement_id = $1 AND number = 1) WHERE id = $2`,
      [agreementId, program.programId],
    );
    await t.db.query(`UPDATE program_activities SET title = 'Đối thoại tại khu công nghiệp Đình Trám' WHERE id = $1`, [program.activityId]);
    await reportFor(t.db, {
      activityId: program.activityId,
      regionId: w.regions.rasht.id,
      reporterId: w.users.rashtOfficial.id,
      families: 15,
      approve: true,
    });
    await page.reload();
    expect(await page.locator('#area-1 .agreements-activity').first().textContent()).toContain('Đối thoại tại khu công nghiệp Đình Trám');
    await expectAccessible(page);
    await screenshot(page, 'agreement-bac-giang-area-vi');

    const url = new URL(page.url());
    await page.goto(url.pathname.replace('/vi/', '/fa/'));
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('main').textContent()).toContain('۲۰۱۸–۲۰۲۲');
    await expectAccessible(page);
    await screenshot(page, 'agreement-bac-giang-fa');
    const area = page.locator('#area-1');
    await area.scrollIntoViewIfNeeded();
    await area.screenshot({ path: (await screenshot(page, 'agreement-bac-giang-fa')).replace(/\.png$/, '-area-1.png') });
  });
});

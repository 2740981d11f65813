import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createOrganization, createRegion, createUser, grantRole } from '../support/factories.ts';
import { one } from '../support/sql.ts';
import { defined } from '../support/defined.ts';

let t: BrowserTestApp;
let org: { id: number; slug: string };
let rasht: number;

/** A browser window signed in as the user (the login form has its own journey). */
async function pageAs(userId: number, locale = 'en-GB'): Promise<Page> {
  return t.signedInPage(userId, { locale });
}

beforeAll(async () => {
  t = await startBrowserTest();
  const gilan = (await createRegion(t.db, { code: 'ir-gilan', name: { fa: 'گیلان', vi: 'Gilan', en: 'Gilan' } })).id;
  rasht = (
    await createRegion(t.db, { parentId: gilan, kind: 'county', code: 'ir-gilan-rasht', name: { fa: 'رشت', vi: 'Rasht', en: 'Rasht' } })
  ).id;
  const parent = await createOrganization(t.db, {
    slug: 'gilan-workers',
    kind: 'labour_federation',
    regionId: gilan,
    name: { fa: 'تشکل کارگری استان گیلان', vi: 'Tổ chức Công nhân tỉnh Gilan', en: 'Gilan Province Workers Organization' },
  });
  org = await createOrganization(t.db, {
    slug: 'rasht-textile',
    parentId: parent.id,
    regionId: gilan,
    name: { fa: 'سندیکای کارگران نساجی رشت', vi: 'Công đoàn Dệt may Rasht', en: 'Rasht Textile Workers Union' },
    description: {
      fa: 'سندیکای کارگران کارخانه‌های نساجی شهرستان رشت.',
      vi: 'Công đoàn của công nhân các nhà máy dệt ở Rasht.',
      en: 'The union of Rasht’s textile mill workers.',
    },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('journey: an organization admin invites a member, who joins, and the admin changes the role', () => {
  it('invites by email, the invitee creates an account from the link, the admin makes them an official', async () => {
    const admin = await createUser(t.db, { name: 'مریم رضایی', locale: 'fa' });
    await grantRole(t.db, admin.id, org.id, 'admin');

    // The admin, in Persian, opens the member page from the organization's page.
    const adminPage = await pageAs(admin.id, 'fa-IR');
    await adminPage.goto(`/fa/organizations/${org.slug}`);
    await expectAccessible(adminPage);
    await screenshot(adminPage, 'organization-page-fa');
    await adminPage.getByRole('link', { name: 'اعضا و دعوت‌نامه‌ها' }).click();
    await adminPage.waitForURL(`**/fa/organizations/${org.slug}/members`);
    expect(await adminPage.getAttribute('html', 'dir')).toBe('rtl');
    await expectAccessible(adminPage);

    // A mistyped address is refused with a message beside the field, in Persian.
    await adminPage.locator('#field-email').fill('nguyen.hoa@example');
    await adminPage.getByRole('button', { name: 'فرستادن دعوت‌نامه' }).click();
    await expect.poll(() => adminPage.locator('.field__error').count()).toBeGreaterThan(0);
    await expectAccessible(adminPage);

    await adminPage.locator('#field-email').fill('nguyen.hoa@example.org');
    await adminPage.locator('#field-role').selectOption('member');
    await adminPage.getByRole('button', { name: 'فرستادن دعوت‌نامه' }).click();
    await adminPage.waitForURL(`**/fa/organizations/${org.slug}/members`);
    await expect.poll(() => adminPage.locator('.flash--success').textContent()).toContain('nguyen.hoa@example.org');
    await expectAccessible(adminPage);
    await screenshot(adminPage, 'organization-members-fa');

    // No SMTP server: the mail is held in the outbox, and the link is read from it.
    const mail = await one<{ body_text: string }>(
      t.db,
      `SELECT body_text FROM mail_messages WHERE recipient = 'nguyen.hoa@example.org' AND status = 'held'`,
    );
    const link = new URL(defined(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(defined(mail, 'mail').body_text), 'the match')[0]);

    // The invitee opens the link in Vietnamese and creates an account.
    const invitee = await t.newPage({ locale: 'vi-VN' });
    await invitee.goto(link.pathname.replace('/fa/', '/vi/'));
    await expectAccessible(invitee);
    expect(await invitee.inputValue('#field-invited-email')).toBe('nguyen.hoa@example.org');
    await invitee.getByLabel('Tên').fill('Nguyễn Thị Hòa');
    await invitee.getByLabel('Mật khẩu').fill('mật khẩu đủ dài 2018');
    await screenshot(invitee, 'organization-invitation-vi');
    await invitee.getByRole('button', { name: 'Tạo tài khoản và chấp nhận' }).click();
    await invitee.waitForURL(`**/vi/organizations/${org.slug}`);
    await expect.poll(() => invitee.locator('.flash--success').textContent()).toContain('Chào mừng');
    await expectAccessible(invitee);
    await screenshot(invitee, 'organization-page-vi');
    const joined = await one<{ id: number; role: string }>(
      t.db,
      `SELECT u.id, m.role FROM users u JOIN memberships m ON m.user_id = u.id AND m.organization_id = $1 WHERE u.email = 'nguyen.hoa@example.org'`,
      [org.id],
    );
    expect(defined(joined, 'joined').role).toBe('member');

    // The admin makes the new member an official for Rasht county.
    await adminPage.reload();
    const key = `${defined(joined, 'joined').id}-member`;
    await adminPage.locator(`#role-${key}`).selectOption('official');
    await adminPage.locator(`#region-${key}`).selectOption(String(rasht));
    await adminPage.locator(`#role-${key}`).locator('xpath=ancestor::form').getByRole('button').click();
    await adminPage.waitForURL(`**/fa/organizations/${org.slug}/members`);
    await expect.poll(() => adminPage.locator('.flash--success').textContent()).toContain('نقش تغییر کرد');
    expect(await adminPage.locator('.member-list').first().textContent()).toContain('رشت');
    const changed = await one<{ role: string; region_id: number }>(
      t.db,
      `SELECT role, region_id FROM memberships WHERE user_id = $1 AND organization_id = $2`,
      [defined(joined, 'joined').id, org.id],
    );
    expect(changed).toEqual({ role: 'official', region_id: rasht });

    // The audit log shows it all, with Jalali dates.
    await adminPage.goto(`/fa/organizations/${org.slug}/audit`);
    expect(await adminPage.locator('.audit-list').textContent()).toContain('تغییر نقش');
    expect(await adminPage.locator('.audit-list time').first().textContent()).toMatch(/[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}/);
    await expectAccessible(adminPage);
    await screenshot(adminPage, 'organization-audit-fa');
    await adminPage.getByLabel('از تاریخ').fill('۱۴۰۱/۱۳/۴۰');
    await adminPage.getByRole('button', { name: 'پالایش' }).click();
    await expect.poll(() => adminPage.locator('.field__error').textContent()).toContain('چنین تاریخی در تقویم وجود ندارد');
    await expectAccessible(adminPage);
  });
});

describe('journey: a non-member is refused the admin pages', () => {
  it('answers the same "not found or no access" page for members, audit and administration', async () => {
    const outsider = await createUser(t.db, { name: 'Trần Văn Minh', locale: 'vi' });
    const page = await pageAs(outsider.id, 'vi-VN');
    for (const path of [
      `/vi/organizations/${org.slug}/members`,
      `/vi/organizations/${org.slug}/audit`,
      `/vi/organizations/${org.slug}/edit`,
      '/vi/admin',
      '/vi/admin/outbox',
    ]) {
      const response = await page.goto(path);
      expect(defined(response, 'response').status(), path).toBe(404);
      expect(await page.locator('h1').textContent()).toContain('Trang này không tồn tại');
    }
    await expectAccessible(page);
    await screenshot(page, 'organization-refused-vi');
    // The public page stays public, without management links.
    await page.goto(`/vi/organizations/${org.slug}`);
    expect(await page.locator('a[href$="/members"]').count()).toBe(0);
    await expectAccessible(page);
  });
});

describe('journey: a platform administrator reads the administration pages', () => {
  it('sees the overview, the platform audit log, the outbox and the regions, and adds a region', async () => {
    const admin = await createUser(t.db, { isPlatformAdmin: true, name: 'Unionhall Admin' });
    const page = await pageAs(admin.id);
    await page.goto('/en/organizations');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL('**/en/admin');
    await expectAccessible(page);
    for (const [lang, path] of [
      ['fa', '/admin'],
      ['fa', '/admin/audit'],
      ['vi', '/admin/outbox'],
      ['fa', '/admin/regions'],
      ['vi', '/organizations'],
    ] as const) {
      await page.goto(`/${lang}${path}`);
      await expectAccessible(page);
      await screenshot(page, `organization-${path.replaceAll('/', '-').slice(1)}-${lang}`);
    }
    await page.goto('/vi/admin/regions');
    await page.getByLabel('Thuộc').selectOption(String(rasht));
    await page.getByLabel('Cấp').selectOption('district');
    await page.getByLabel('Mã').fill('ir-gilan-rasht-kuchesfahan');
    await page.getByLabel('Tên (Tiếng Ba Tư)').fill('کوچصفهان');
    await page.getByLabel('Tên (Tiếng Việt)').fill('Kuchesfahan');
    await page.getByLabel('Tên (Tiếng Anh)').fill('Kuchesfahan');
    await page.getByRole('button', { name: 'Thêm địa bàn' }).click();
    await page.waitForURL('**/vi/admin/regions');
    expect(await page.locator('.region-tree').first().textContent()).toContain('کوچصفهان');
    await expectAccessible(page);
  });
});

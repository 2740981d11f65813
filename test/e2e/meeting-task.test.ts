import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createOrganization, createUser, grantRole, type TestOrganization, type TestUser } from '../support/factories.ts';
import { one } from '../support/sql.ts';
import { defined } from '../support/defined.ts';

let t: BrowserTestApp;
let organizer: TestOrganization;
let coordinator: TestUser;
let countyOfficial: TestUser;

async function signedInPage(user: TestUser, locale: string): Promise<Page> {
  return t.signedInPage(user.id, { locale });
}

beforeAll(async () => {
  t = await startBrowserTest();
  organizer = await createOrganization(t.db, {
    kind: 'other',
    name: { fa: 'سازمان بسیج کارگری استان گیلان', en: 'Gilan Workers’ Organization', vi: 'Tổ chức công nhân Gilan' },
  });
  coordinator = await createUser(t.db, { name: 'مریم رضایی', locale: 'fa' });
  countyOfficial = await createUser(t.db, { name: 'حسین نوری', locale: 'fa' });
  await grantRole(t.db, coordinator.id, organizer.id, 'coordinator');
  await grantRole(t.db, countyOfficial.id, organizer.id, 'official');
});
afterAll(async () => {
  await t?.close();
});

describe('journey: a resolution gives a county official a task, who sees it on their page and marks it done', () => {
  it('assigns with a Jalali deadline, notifies, flags it overdue, and tracks it to done', async () => {
    const coord = await signedInPage(coordinator, 'fa-IR');
    await coord.goto('/fa/meetings/new');
    await coord.selectOption('#field-organizerId', String(organizer.id));
    await coord.fill('#field-title', 'جلسهٔ پیگیری هفتهٔ کارگر');
    await coord.fill('#field-heldOn', '۱۴۰۱/۰۱/۲۵');
    await coord.getByRole('button', { name: 'ذخیره' }).click();
    await coord.waitForURL(/\/fa\/meetings\/\d+$/);
    await coord.getByRole('link', { name: 'ثبت مصوبه' }).click();
    await coord.selectOption('#field-kind', 'task');
    await coord.fill('#field-body', 'فهرست خانواده‌های شهدای کارگر شهرستان رشت تهیه شود.');
    await coord.selectOption('#field-ownerId', String(countyOfficial.id));
    await coord.fill('#field-dueOn', '۱۴۰۱/۰۱/۳۱');
    await coord.getByRole('button', { name: 'ثبت مصوبه' }).click();
    await coord.waitForURL(/\/fa\/meetings\/\d+/);
    const stored = await one<{ due_on: string }>(t.db, `SELECT due_on FROM meeting_tasks WHERE owner_id = $1`, [countyOfficial.id]);
    expect(defined(stored, 'stored').due_on).toBe('2022-04-20');

    const official = await signedInPage(countyOfficial, 'fa-IR');
    await official.goto('/fa/tasks');
    const card = official.locator('.meetings-task').first();
    expect(await card.textContent()).toContain('فهرست خانواده‌های شهدای کارگر');
    expect(await card.textContent()).toContain('۱۴۰۱/۰۱/۳۱');
    expect(await card.locator('.badge--danger').textContent()).toBe('دیرکرد');
    await expectAccessible(official);
    await screenshot(official, 'meeting-tasks-fa');
    const notifications = await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [
      countyOfficial.id,
    ]);
    expect(defined(notifications, 'notifications').n).toBe(1);

    await card.getByRole('button', { name: 'انجام شد' }).click();
    await official.waitForURL('**/fa/tasks');
    expect(await official.locator('.flash').textContent()).toContain('انجام');
    expect(await official.locator('.meetings-task').count()).toBe(0);
    await official.goto('/vi/tasks');
    expect(await official.locator('main').textContent()).toContain('Đã hoàn thành');
    await expectAccessible(official);
    await screenshot(official, 'meeting-tasks-vi');
  });
});

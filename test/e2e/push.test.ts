import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createUser } from '../support/factories.ts';
import { hashToken, newToken } from '../../src/core/session.ts';
import { composePushPayload } from '../../src/modules/notifications/domain/push-payload.ts';

// The settings page registers the service worker and offers "Notify this device" (real chromium). Subscribing itself
// (PushManager.subscribe) would contact Google's push service, which this machine cannot reach: the API and the
// pushes are tested end to end against a local push service in src/modules/notifications/push.test.ts, and here a
// push is handed to the service worker through the DevTools protocol, as the push service would.
let t: BrowserTestApp;
beforeAll(async () => {
  t = await startBrowserTest();
});
afterAll(async () => {
  await t?.close();
});

describe('“Notify this device” on the notification settings page', () => {
  it('registers the service worker, offers the button, and the worker shows a push in the reader’s language', async () => {
    const worker = await createUser(t.db, { locale: 'vi' });
    const page = await t.signedInPage(worker.id, { locale: 'vi-VN' });
    await page.context().grantPermissions(['notifications'], { origin: t.baseUrl });
    await page.goto('/vi/notifications/settings');
    await page.locator('[data-push-ready="registered"]').waitFor();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${t.baseUrl}/`);
    const button = page.getByRole('button', { name: 'Thông báo trên thiết bị này' });
    await button.waitFor();
    expect(await page.locator('[data-push-status]').textContent()).toBe('Thiết bị này không nhận thông báo của bạn.');
    await expectAccessible(page);
    await screenshot(page, 'notifications-push-vi');

    // A push as the push service would deliver it, decrypted: the worker shows it with its text and link.
    const cdp = await page.context().newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: Array<{ registrationId: string; scopeURL: string }> }) => {
        const mine = event.registrations.find((r) => r.scopeURL === `${t.baseUrl}/`);
        if (mine) resolve(mine.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const payload = composePushPayload('vi', t.baseUrl, {
      id: 42,
      messageId: 'notifications.messages.replied',
      values: { author: 'Lan', title: 'Lương ca đêm' },
    });
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: t.baseUrl,
      registrationId: await registrationId,
      data: JSON.stringify(payload),
    });
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
            title: n.title,
            body: n.body,
            tag: n.tag,
            dir: n.dir,
            url: (n.data as { url: string }).url,
          })),
        ),
      )
      .toEqual([{ title: 'Unionhall', body: payload.body, tag: 'notification-42', dir: 'ltr', url: `${t.baseUrl}/vi/notifications/42` }]);
  });

  it('without JavaScript, says that notifications need a supporting browser, in Persian', async () => {
    const user = await createUser(t.db, { locale: 'fa' });
    const context = await t.browser.newContext({ javaScriptEnabled: false, baseURL: t.baseUrl, viewport: { width: 360, height: 740 } });
    try {
      const token = newToken();
      await t.db.query(`INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
        hashToken(token),
        user.id,
      ]);
      await context.addCookies([{ name: t.app.uh.sessionCookie, value: token, url: t.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      await page.goto('/fa/notifications/settings');
      expect(await page.locator('[data-push-status]').textContent()).toBe(
        'برای اعلان روی این دستگاه مرورگری لازم است که از اعلان وب (Web Push) پشتیبانی کند و جاوااسکریپت آن روشن باشد.',
      );
      expect(await page.getByRole('button', { name: 'اعلان روی این دستگاه' }).count()).toBe(0);
      await screenshot(page, 'notifications-push-fa-nojs');
    } finally {
      await context.close();
    }
  });
});

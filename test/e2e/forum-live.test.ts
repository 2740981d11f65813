import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestApp } from '../support/browser.ts';
import { createOrganization, createUser, grantRole } from '../support/factories.ts';
import { insertCategory, insertTopic } from '../../src/modules/forum/factories.ts';

let t: BrowserTestApp;
let topicId: number;
let writerId: number;

beforeAll(async () => {
  t = await startBrowserTest();
  const org = await createOrganization(t.db);
  const writer = await createUser(t.db, { name: 'Trần Thị Lan' });
  writerId = writer.id;
  await grantRole(t.db, writer.id, org.id, 'member');
  await t.db.query(`UPDATE users SET created_at = now() - interval '1 year' WHERE id = $1`, [writer.id]);
  const category = await insertCategory(t.db, org.id, 'public', 'Hỏi đáp');
  topicId = await insertTopic(t.db, category, {
    title: 'Phụ cấp ca đêm / کمک‌هزینهٔ شیفت شب',
    body: 'Ca đêm có phụ cấp không? شیفت شب کمک‌هزینه دارد؟',
    by: { userId: writer.id },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('journey: a reply appears live on a topic page open in a second browser', () => {
  it('shows the reply to a Persian reader without a reload, then to a Vietnamese reader', async () => {
    // The reader: a visitor with the topic open in Persian.
    const reader = await t.newPage();
    // live.js catches up once its event stream is open, then listens: wait for that before replying.
    const readerListening = reader.waitForResponse((r) => r.url().includes(`/forum/t/${topicId}/posts?after=`));
    await reader.goto(`/fa/forum/t/${topicId}`);
    await readerListening;
    expect(await reader.locator('.forum-posts article').count()).toBe(1);
    await expectAccessible(reader);

    // The writer: signed in, in another browser, replies through the form.
    const writer = await t.signedInPage(writerId);
    await writer.goto(`/vi/forum/t/${topicId}`);
    await writer.locator('#reply-form textarea[name="body"]').fill('Có, phụ cấp ca đêm là 30%. بله، ۳۰ درصد.');
    await writer.locator('#reply-form button[type="submit"]').click();
    await writer.waitForURL(`**/vi/forum/t/${topicId}**`);

    // The reader's page grows by itself: no navigation happened.
    const arrived = reader.locator('#p2');
    await arrived.waitFor({ timeout: 15_000 });
    expect(await arrived.textContent()).toContain('phụ cấp ca đêm là 30%');
    expect(reader.url()).toContain(`/fa/forum/t/${topicId}`);
    await expectAccessible(reader);
    await screenshot(reader, 'forum-live-fa');

    const second = await t.newPage();
    const secondListening = second.waitForResponse((r) => r.url().includes(`/forum/t/${topicId}/posts?after=`));
    await second.goto(`/vi/forum/t/${topicId}`);
    await secondListening;
    await writer.goto(`/vi/forum/t/${topicId}`);
    await writer.locator('#reply-form textarea[name="body"]').fill('Cảm ơn anh chị đã trả lời.');
    await writer.locator('#reply-form button[type="submit"]').click();
    await second.locator('#p3').waitFor({ timeout: 15_000 });
    await screenshot(second, 'forum-live-vi');
  });
});

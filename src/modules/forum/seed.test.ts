import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { transaction } from '../../db/database.ts';
import { many, one } from '../../../test/support/sql.ts';
import { seedCoreDemo } from '../../db/seed/demo-core.ts';
import { seedForum } from './seed.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await transaction(t.db, async (tx) => seedForum(tx, await seedCoreDemo(tx)));
});
afterAll(async () => {
  await t.close();
});

describe('forum demo seed', () => {
  it('adds categories to the Gilan organization, the Bắc Giang federation and the youth union', async () => {
    const rows = await many<{ slug: string }>(
      t.db,
      `SELECT DISTINCT o.slug FROM forum_categories c JOIN organizations o ON o.id = c.organization_id ORDER BY o.slug`,
    );
    expect(rows.map((r) => r.slug)).toEqual(['bac-giang-labour-federation', 'bac-giang-youth-union', 'gilan-workers-organization']);
  });
  it('has topics in Persian, Vietnamese and English, answered ones, and anonymous posts linked to nobody', async () => {
    const titles = (await many<{ title: string }>(t.db, `SELECT title FROM forum_topics`)).map((r) => r.title).join('\n');
    expect(titles).toMatch(/[\u0600-\u06FF]/);
    expect(titles).toMatch(/[ăâđêôơư]/);
    expect(titles).toMatch(/Volunteer shifts/);
    const answered = await one<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM forum_topics WHERE status = 'answered' AND answer_post_id IS NOT NULL`,
    );
    expect(defined(answered, 'answered').n).toBeGreaterThanOrEqual(3);
    const anonymous = await one<{ n: number; linked: number }>(
      t.db,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE author_id IS NOT NULL OR anonymous_seal IS NOT NULL)::int AS linked FROM forum_posts WHERE pseudonym_number IS NOT NULL`,
    );
    expect(defined(anonymous, 'anonymous').n).toBeGreaterThanOrEqual(4);
    expect(defined(anonymous, 'anonymous').linked).toBe(0);
  });
  it('keeps counters consistent with the posts', async () => {
    const bad = await many(
      t.db,
      `SELECT t.id FROM forum_topics t WHERE t.post_count <> (SELECT count(*) FROM forum_posts p WHERE p.topic_id = t.id)
         OR t.last_post_number <> (SELECT max(post_number) FROM forum_posts p WHERE p.topic_id = t.id)`,
    );
    expect(bad).toEqual([]);
  });
  it('renders the seeded forum pages', async () => {
    const org = await t.app.inject({ url: '/fa/organizations/gilan-workers-organization/forum' });
    expect(org.statusCode).toBe(200);
    expect(org.body).toContain('هفتهٔ کارگر');
    expect(org.body).not.toContain('اتاق مسئولان');
    const topic = await one<{ id: number }>(t.db, `SELECT id FROM forum_topics WHERE title LIKE 'آیا کارگران%'`);
    const page = await t.app.inject({ url: `/fa/forum/t/${defined(topic, 'topic').id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('کارگر ۱');
    expect(page.body).toContain('پاسخ رسمی');
    const latest = await t.app.inject({ url: '/vi/forum' });
    expect(latest.body).toContain('Chương trình phối hợp');
    expect(latest.body).not.toContain('Tăng ca liên tục');
  });
});

import type { Pool } from 'pg';
import { hashPassword } from '../src/core/passwords.ts';
import { oneOrThrow } from '../src/core/rows.ts';
import type { Dataset } from './lib.ts';

/** How much to seed. */
export interface SeedSize {
  categories: number;
  topics: number;
  posts: number;
}

// Words in three languages, some Persian ones with ZWNJ and Arabic letter variants, Vietnamese with
// diacritics, so the search indexes see what real posts hold. Realistic words, no article text.
export const PERSIAN = (
  'کارگر کارگران کارفرما کارخانه حقوق دستمزد بیمه قرارداد اضافه‌کاری مرخصی ایمنی حادثه بازنشستگی سندیکا ' +
  'شورا نماینده جلسه همایش استان شهرستان گیلان رشت بندر تولید واحد صنعتی معیشت کمک تعاون رفاه اجتماعی ' +
  'می‌خواهیم می‌رویم نمی‌دانم پرداخت تأخیر ماه گذشته سال ۱۴۰۱ روز کارگر تجلیل خانواده شهدا ورزشی فرهنگی ' +
  'مسابقه بازدید مشکلات رفع موانع مدیر اداره کل سوال پاسخ رسمی لطفا راهنمایی کنید چرا چگونه كارگري مدرسة'
).split(' ');
export const VIETNAMESE = (
  'công nhân lao động công đoàn doanh nghiệp tiền lương bảo hiểm xã hội hợp đồng tăng ca nghỉ phép an toàn ' +
  'tai nạn đoàn viên thanh niên đối thoại chăm lo hỗ trợ thi đua khen thưởng đào tạo cán bộ truyền thông ' +
  'tỉnh Bắc Giang khu công nghiệp nhà máy ca đêm nhà trọ bữa ăn giữa ca quyền lợi chính sách hỏi đáp ' +
  'xin hỏi tại sao làm thế nào cảm ơn anh chị em diễn đàn trang Facebook liên đoàn tuổi trẻ'
).split(' ');
export const ENGLISH = (
  'worker workers union employer factory wages salary insurance contract overtime leave safety accident ' +
  'pension representative meeting conference province county production unit welfare support cooperative ' +
  'question answer official please help why how late payment month year holiday shift dormitory canteen ' +
  'rights policy training dialogue forum youth federation emulation honour visit'
).split(' ');

// Syllables that make the names of things each post mentions (30 per language).
const SYLLABLES = [
  'بار ند سا مان شی رو کا ده پور زا نی گل دا فر هو سر می تا لا جو با ره وی نو خا سی مه پا دو شا'.split(' '),
  'nguyễn thị minh hoà phúc lan đức an bình sơn hải long thu hương quang tuấn mai linh dũng hùng trang thảo việt nam hà giang bắc ninh kim lê'.split(
    ' ',
  ),
  'bar ton wel mor ley ash field brook stan ford dal ric ham ing ton vil mar ket wood gate hill row den car lin bur ne sey ton by'.split(
    ' ',
  ),
];

/** Members of the seeded union: enough that posting replies under the forum's per-person flood limit works at bench speed. */
export const MEMBERS = 3000;

/** The indexes a bulk load is faster without: dropped before the insert, rebuilt after. */
const REBUILT_INDEXES = [
  'forum_post_search_vector_idx',
  'forum_post_search_created_idx',
  'forum_topics_search_idx',
  'forum_posts_created_idx',
  'forum_posts_author_created_idx',
  'forum_search_words_trgm_idx',
];

/**
 * Seeds one organization with categories, topics and posts in mixed Persian, Vietnamese and English,
 * with bulk INSERT … SELECT over generate_series (no row-by-row round trips). About one post in 53 is long
 * (600 words), one in 13 anonymous (primes, so no topic gets only long or only anonymous posts) (sealed with random bytes: the bench never needs to open them).
 */
export async function seedForumData(pool: Pool, size: SeedSize): Promise<Dataset> {
  const started = Date.now();
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(`SET synchronous_commit = off`);
    const passwordHash = await hashPassword('bench password 123');
    const org = await client.query<{ id: number }>(
      `INSERT INTO organizations (slug, kind, name) VALUES ('bench-union', 'trade_union', '{"en":"Bench Union","fa":"سندیکای آزمون","vi":"Công đoàn Thử"}') RETURNING id`,
    );
    const orgId = oneOrThrow(org.rows).id;
    await client.query(
      `INSERT INTO users (name, email, password_hash, locale, created_at)
       SELECT 'Member ' || i, 'member' || i || '@bench.example', $1, (ARRAY['fa','vi','en'])[1 + i % 3], now() - interval '1 year'
       FROM generate_series(1, $2) i`,
      [passwordHash, MEMBERS],
    );
    await client.query(
      `INSERT INTO memberships (user_id, organization_id, role) SELECT id, $1, 'member' FROM users WHERE email LIKE 'member%@bench.example'`,
      [orgId],
    );
    const users = await client.query<{ min: number; max: number }>(
      `SELECT min(id) AS min, max(id) AS max FROM users WHERE email LIKE 'member%@bench.example'`,
    );
    const { min: firstUser, max: lastUser } = oneOrThrow(users.rows);

    // Most categories public; a few for members and officials, so visibility filters do real work.
    await client.query(
      `INSERT INTO forum_categories (organization_id, slug, name, visibility, position)
       SELECT $1, 'category-' || i,
              jsonb_build_object('en', 'Category ' || i, 'fa', 'دسته ' || i, 'vi', 'Chuyên mục ' || i),
              CASE WHEN i % 10 = 9 THEN 'members' WHEN i % 10 = 0 THEN 'officials' ELSE 'public' END, i
       FROM generate_series(1, $2) i`,
      [orgId, size.categories],
    );
    const categoryRows = await client.query<{ id: number; visibility: string; slug: string }>(
      `SELECT id, visibility, slug FROM forum_categories WHERE organization_id = $1 ORDER BY id`,
      [orgId],
    );
    const categoryIds = categoryRows.rows.map((r) => r.id);

    for (const index of REBUILT_INDEXES) await client.query(`ALTER INDEX IF EXISTS ${index} RENAME TO ${index}_bench_old`);
    const definitions = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1)`,
      [REBUILT_INDEXES.map((i) => `${i}_bench_old`)],
    );
    for (const d of definitions.rows) await client.query(`DROP INDEX ${d.indexname}`);

    const words = [PERSIAN, VIETNAMESE, ENGLISH];
    const spanDays = 730;
    await client.query(
      `INSERT INTO forum_topics (category_id, title, status, author_id, is_anonymous, created_at, last_posted_at)
       SELECT ($1::bigint[])[1 + (i % array_length($1::bigint[], 1))],
              left(initcap(array_to_string(ARRAY(
                SELECT (CASE i % 3 WHEN 0 THEN $2::text[] WHEN 1 THEN $3::text[] ELSE $4::text[] END)[1 + floor(random() * cardinality(CASE i % 3 WHEN 0 THEN $2::text[] WHEN 1 THEN $3::text[] ELSE $4::text[] END))::int]
                FROM generate_series(1, 4 + (i % 6) + 0 * i)), ' ')), 200),
              CASE WHEN i % 7 = 0 THEN 'answered' ELSE 'open' END,
              CASE WHEN i % 12 = 0 THEN NULL ELSE $5::bigint + (i % ($6::bigint - $5::bigint + 1)) END,
              i % 12 = 0,
              now() - make_interval(days => $7) + (i::float / $8) * make_interval(days => $7),
              now()
       FROM generate_series(1, $8) i`,
      [categoryIds, words[0], words[1], words[2], firstUser, lastUser, spanDays, size.topics],
    );
    const topicRange = await client.query<{ min: number }>(`SELECT min(id) AS min FROM forum_topics`);
    const firstTopic = oneOrThrow(topicRange.rows).min;

    // The search dictionary is filled once after the bulk insert, not once per post by its trigger.
    await client.query('ALTER TABLE forum_post_search DISABLE TRIGGER forum_post_search_words_insert');
    // Post i goes to topic (i mod topics), numbered densely: every topic has posts/topics posts. Besides
    // the common words, every post names something of its own (a person, a workshop, a place: a word
    // made of three syllables of its language), as real posts do: the dictionary of indexed words and the
    // index hold tens of thousands of rare words, not only the vocabulary above.
    await client.query(
      `INSERT INTO forum_posts (topic_id, post_number, author_id, anonymous_seal, anonymous_tag, pseudonym_number, body_source, body_html, created_at)
       SELECT s.topic_id, s.post_number,
              CASE WHEN s.anon THEN NULL ELSE $2::bigint + (s.i % ($3::bigint - $2::bigint + 1)) END,
              CASE WHEN s.anon THEN gen_random_bytes(32) END,
              CASE WHEN s.anon THEN gen_random_bytes(32) END,
              CASE WHEN s.anon THEN 1 + s.i % 5 END,
              s.body, '<p>' || s.body || '</p>',
              t.created_at + make_interval(mins => s.post_number * 37)
       FROM (
         SELECT i, $1::bigint + (i % $4) AS topic_id, 1 + (i / $4) AS post_number, (i % 13 = 5) AS anon,
                array_to_string(ARRAY(
                  SELECT (CASE (i % $4) % 3 WHEN 0 THEN $5::text[] WHEN 1 THEN $6::text[] ELSE $7::text[] END)[1 + floor(random() * 60)::int % cardinality(CASE (i % $4) % 3 WHEN 0 THEN $5::text[] WHEN 1 THEN $6::text[] ELSE $7::text[] END)]
                  FROM generate_series(1, CASE WHEN i % 53 = 0 THEN 600 ELSE 12 + (i % 41) END + 0 * i)), ' ')
                || ' ' || (CASE (i % $4) % 3 WHEN 0 THEN $9::text[] WHEN 1 THEN $10::text[] ELSE $11::text[] END)[1 + (i * 7919) % 30]
                || (CASE (i % $4) % 3 WHEN 0 THEN $9::text[] WHEN 1 THEN $10::text[] ELSE $11::text[] END)[1 + (i / 30 * 104729) % 30]
                || (CASE (i % $4) % 3 WHEN 0 THEN $9::text[] WHEN 1 THEN $10::text[] ELSE $11::text[] END)[1 + (i / 900) % 30] AS body
         FROM generate_series(0, $8 - 1) i
       ) s JOIN forum_topics t ON t.id = s.topic_id`,
      [firstTopic, firstUser, lastUser, size.topics, words[0], words[1], words[2], size.posts, SYLLABLES[0], SYLLABLES[1], SYLLABLES[2]],
    );
    await client.query(
      `INSERT INTO forum_search_words (word) SELECT DISTINCT w FROM forum_post_search, unnest(tsvector_to_array(vector)) AS w ON CONFLICT DO NOTHING`,
    );
    await client.query('ALTER TABLE forum_post_search ENABLE TRIGGER forum_post_search_words_insert');
    await client.query(
      `UPDATE forum_topics t SET post_count = s.n, last_post_number = s.n, last_posted_at = s.last
       FROM (SELECT topic_id, count(*) AS n, max(created_at) AS last FROM forum_posts GROUP BY topic_id) s WHERE s.topic_id = t.id`,
    );
    await client.query(
      `UPDATE forum_categories c SET topic_count = s.n, last_posted_at = s.last
       FROM (SELECT category_id, count(*) AS n, max(last_posted_at) AS last FROM forum_topics GROUP BY category_id) s WHERE s.category_id = c.id`,
    );
    for (const d of definitions.rows) await client.query(d.indexdef.replace(d.indexname, d.indexname.replace(/_bench_old$/, '')));
    await client.query('ANALYZE');

    const busy = await client.query<{ id: number }>(
      `SELECT t.id FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id
       WHERE c.visibility = 'public' AND t.post_count >= 20 ORDER BY t.id LIMIT 200`,
    );
    return {
      categories: size.categories,
      topics: size.topics,
      posts: size.posts,
      organizationSlug: 'bench-union',
      categoryIds: categoryRows.rows.filter((r) => r.visibility === 'public').map((r) => r.id),
      categorySlugs: categoryRows.rows.filter((r) => r.visibility === 'public').map((r) => r.slug),
      busyTopicIds: busy.rows.map((r) => r.id),
      posterEmail: 'member1@bench.example',
      memberEmails: Array.from({ length: MEMBERS }, (_, i) => `member${i + 1}@bench.example`),
      seedSeconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    client.release();
  }
}

import type pg from 'pg';
import { oneOrThrow } from '../src/core/rows.ts';
import type { Dataset } from './lib.ts';

/**
 * The data of the "My work" and review-queue cases, seeded once (both cases share it) in bulk SQL: a province with
 * 20 counties, a provincial federation with a union in each county, and its coordinator (also a moderator of the
 * bench's forum organization), who has 1,000 open items: 400 reports waiting for review (among 19,600 approved ones,
 * so the queue must not scan every report), 240 open activities they are responsible for, 200 open meeting tasks
 * and 160 flagged forum posts.
 */
export interface WorkData {
  email: string;
  programIds: number[];
  countyIds: number[];
}

let seeded: Promise<WorkData> | undefined;

export function seedWorkData(pool: pg.Pool, dataset: Dataset): Promise<WorkData> {
  seeded ??= seed(pool, dataset);
  return seeded;
}

async function seed(pool: pg.Pool, dataset: Dataset): Promise<WorkData> {
  const email = `bench-work-coordinator-${Date.now()}@example.org`;
  const stamp = Date.now().toString(36);
  const base = oneOrThrow(
    (
      await pool.query<{ user_id: number; federation_id: number; province_id: number }>(
        `WITH province AS (
           INSERT INTO regions (kind, code, name) VALUES ('province', 'bench-work-province-' || $2::text, '{"en":"Work Province","fa":"استان کار","vi":"Tỉnh Việc"}') RETURNING id
         ), federation AS (
           INSERT INTO organizations (slug, kind, region_id, name)
           SELECT 'bench-work-federation-' || $2::text, 'labour_federation', id, '{"en":"Provincial Federation","fa":"فدراسیون استانی","vi":"Liên đoàn tỉnh"}' FROM province RETURNING id
         ), person AS (
           INSERT INTO users (name, email, password_hash, locale) VALUES ('Bench Provincial Coordinator', $1, 'x', 'fa') RETURNING id
         ), coordinator AS (
           INSERT INTO memberships (user_id, organization_id, role) SELECT person.id, federation.id, 'coordinator' FROM person, federation
         ), moderator AS (
           INSERT INTO memberships (user_id, organization_id, role)
           SELECT person.id, o.id, 'moderator' FROM person, organizations o WHERE o.slug = $3
         )
         SELECT person.id AS user_id, federation.id AS federation_id, province.id AS province_id FROM person, federation, province`,
        [email, stamp, dataset.organizationSlug],
      )
    ).rows,
  );
  const counties = await pool.query<{ id: number }>(
    `INSERT INTO regions (parent_id, kind, code, name, ancestor_ids)
     SELECT $1, 'county', 'bench-work-county-' || $2::text || '-' || g, jsonb_build_object('en', 'County ' || g, 'fa', 'شهرستان ' || g, 'vi', 'Huyện ' || g), ARRAY[$1::bigint]
     FROM generate_series(1, 20) g RETURNING id`,
    [base.province_id, stamp],
  );
  const countyIds = counties.rows.map((r) => r.id);
  // A union per county under the federation (the coordinator reaches them through ancestor_ids), each with a program
  // of 25 activities over its county; the reporters are the unions' officials.
  await pool.query(
    `WITH unions AS (
       INSERT INTO organizations (slug, kind, parent_id, region_id, name, ancestor_ids)
       SELECT 'bench-work-union-' || $3::text || '-' || c.ord, 'trade_union', $1, c.id,
              jsonb_build_object('en', 'County union ' || c.ord, 'fa', 'سندیکای شهرستان ' || c.ord, 'vi', 'Công đoàn huyện ' || c.ord), ARRAY[$1::bigint]
       FROM unnest($2::bigint[]) WITH ORDINALITY AS c(id, ord) RETURNING id, region_id
     ), programs_made AS (
       INSERT INTO programs (lead_organization_id, title, lang, period_start, period_end, status)
       SELECT u.id, 'برنامهٔ شهرستان ' || u.region_id, 'fa', current_date - 90, current_date + 90, 'active' FROM unions u RETURNING id, lead_organization_id
     )
     INSERT INTO program_regions (program_id, region_id)
     SELECT p.id, u.region_id FROM programs_made p JOIN unions u ON u.id = p.lead_organization_id`,
    [base.federation_id, countyIds, stamp],
  );
  const programs = await pool.query<{ id: number }>(
    `SELECT p.id FROM programs p JOIN organizations o ON o.id = p.lead_organization_id WHERE o.parent_id = $1 ORDER BY p.id`,
    [base.federation_id],
  );
  const programIds = programs.rows.map((r) => r.id);
  // 25 activities per program (500); the even-numbered ones (240) are the coordinator's and still open.
  await pool.query(
    `INSERT INTO program_activities (program_id, number, title, type, status, starts_on, ends_on, responsible_user_id)
     SELECT p.id, g, 'فعالیت شمارهٔ ' || g, 'meeting', CASE WHEN g % 2 = 0 THEN 'in_progress' ELSE 'done' END,
            current_date - 30 + g, current_date - 10 + g * 3, CASE WHEN g % 2 = 0 THEN $2::bigint END
     FROM unnest($1::bigint[]) AS p(id), generate_series(1, 25) g`,
    [programIds, base.user_id],
  );
  await pool.query(
    `INSERT INTO activity_regions (activity_id, region_id)
     SELECT a.id, pr.region_id FROM program_activities a JOIN program_regions pr ON pr.program_id = a.program_id WHERE a.program_id = ANY($1::bigint[])`,
    [programIds],
  );
  // 20,000 reports filed by a bench member, all approved but the first 20 of each county (400 waiting, 1 in 4 of them corrected after a return).
  await pool.query(
    `INSERT INTO activity_reports (activity_id, region_id, held_on, place, families, status, reporter_id, created_at)
     SELECT ar.activity_id, ar.region_id, current_date - (g % 60), 'سالن', g % 30, 'approved',
            (SELECT id FROM users WHERE email = $2), now() - (g || ' hours')::interval
     FROM activity_regions ar JOIN program_activities a ON a.id = ar.activity_id, generate_series(1, 40) g
     WHERE a.program_id = ANY($1::bigint[])`,
    [programIds, dataset.posterEmail],
  );
  await pool.query(
    `WITH ranked AS (SELECT r.id, row_number() OVER (PARTITION BY r.region_id ORDER BY r.id) AS n FROM activity_reports r
                     JOIN program_activities a ON a.id = r.activity_id WHERE a.program_id = ANY($1::bigint[]))
     UPDATE activity_reports r SET status = 'submitted', reviewed_at = CASE WHEN ranked.n % 4 = 0 THEN now() END
     FROM ranked WHERE ranked.id = r.id AND ranked.n <= 20`,
    [programIds],
  );
  // 200 open meeting tasks from 20 meetings of the federation.
  await pool.query(
    `WITH m AS (
       INSERT INTO meetings (organizer_id, title, held_on) SELECT $1, 'جلسهٔ هماهنگی ' || g, current_date - g FROM generate_series(1, 20) g RETURNING id
     ), r AS (
       INSERT INTO meeting_resolutions (meeting_id, number, kind, body) SELECT id, 1, 'task', 'وظایف' FROM m RETURNING id, meeting_id
     )
     INSERT INTO meeting_tasks (meeting_id, resolution_id, owner_id, title, due_on)
     SELECT r.meeting_id, r.id, $2, 'وظیفهٔ شمارهٔ ' || g, current_date - 5 + g FROM r, generate_series(1, 10) g`,
    [base.federation_id, base.user_id],
  );
  // 160 flagged posts in the bench's forum organization (400 + 240 + 200 + 160 = 1,000 open items).
  await pool.query(
    `INSERT INTO forum_flags (post_id, flagger_id, reason)
     SELECT p.id, (SELECT id FROM users WHERE email = $2), 'abuse'
     FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id WHERE t.category_id = ANY($1::bigint[])
     ORDER BY p.id LIMIT 160 ON CONFLICT DO NOTHING`,
    [dataset.categoryIds, dataset.posterEmail],
  );
  await pool.query(
    'ANALYZE activity_reports, program_activities, programs, meeting_tasks, forum_flags, organizations, regions, memberships',
  );
  return { email, programIds, countyIds };
}

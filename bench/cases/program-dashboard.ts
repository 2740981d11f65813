import { oneOrThrow } from '../../src/core/rows.ts';
import type { BenchCase } from '../lib.ts';

/**
 * A coordinator opening a program's dashboard (progress table by activity × region, SVG charts, overdue and
 * upcoming items, calendar) for a program of 50 activities × 20 regions × 10 reports each (10,000 reports,
 * 7 in 10 approved). Target: p95 under 100 ms at 10 concurrent connections. Seeds its own data in bulk SQL.
 */
export const benchCase: BenchCase = {
  name: 'program_dashboard',
  order: 30,
  async run(ctx) {
    const { pool } = ctx;
    const email = `bench-coordinator-${Date.now()}@example.org`;
    const seeded = await pool.query<{ program_id: number }>(
      `WITH province AS (
         INSERT INTO regions (kind, code, name) VALUES ('province', 'bench-province-' || extract(epoch FROM clock_timestamp())::bigint, '{"en":"Bench Province","fa":"استان سنجش","vi":"Tỉnh Đo"}') RETURNING id
       ), counties AS (
         INSERT INTO regions (parent_id, kind, code, name, ancestor_ids)
         SELECT p.id, 'county', 'bench-county-' || p.id || '-' || g, jsonb_build_object('en', 'County ' || g, 'fa', 'شهرستان ' || g, 'vi', 'Huyện ' || g), ARRAY[p.id]
         FROM province p, generate_series(1, 19) g RETURNING id
       ), org AS (
         INSERT INTO organizations (slug, kind, region_id, name) SELECT 'bench-program-org-' || id, 'labour_federation', id, '{"en":"Bench Federation","fa":"فدراسیون سنجش","vi":"Liên đoàn Đo"}' FROM province RETURNING id
       ), person AS (
         INSERT INTO users (name, email, password_hash, locale) VALUES ('Bench Coordinator', $1, 'x', 'fa') RETURNING id
       ), grant_role AS (
         INSERT INTO memberships (user_id, organization_id, role) SELECT person.id, org.id, 'coordinator' FROM person, org
       ), program AS (
         INSERT INTO programs (lead_organization_id, title, lang, period_start, period_end, status, is_public)
         SELECT org.id, 'برنامهٔ سنجش', 'fa', current_date - 60, current_date + 60, 'active', true FROM org RETURNING id
       ), program_region_rows AS (
         INSERT INTO program_regions (program_id, region_id)
         SELECT program.id, r.id FROM program, (SELECT id FROM province UNION ALL SELECT id FROM counties) r
       )
       SELECT program.id AS program_id FROM program`,
      [email],
    );
    const programId = oneOrThrow(seeded.rows).program_id;
    await pool.query(
      `INSERT INTO program_activities (program_id, number, title, type, status, starts_on, ends_on)
       SELECT $1, g, 'فعالیت شمارهٔ ' || g, (ARRAY['meeting','family_visit','commemoration','contest','training'])[1 + g % 5],
              (ARRAY['planned','in_progress','done'])[1 + g % 3], current_date - 40 + g, current_date - 30 + g * 2
       FROM generate_series(1, 50) g`,
      [programId],
    );
    await pool.query(
      `INSERT INTO activity_regions (activity_id, region_id)
       SELECT a.id, pr.region_id FROM program_activities a JOIN program_regions pr ON pr.program_id = a.program_id WHERE a.program_id = $1`,
      [programId],
    );
    await pool.query(
      `INSERT INTO activity_targets (activity_id, unit_label, amount, measure, scope)
       SELECT id, 'نفر', 400, (ARRAY['beneficiaries','families','workers'])[1 + number % 3], (ARRAY['total','each_region'])[1 + number % 2]
       FROM program_activities WHERE program_id = $1`,
      [programId],
    );
    await pool.query(
      `INSERT INTO activity_reports (activity_id, region_id, held_on, place, workers, employers, families, beneficiaries, money_spent, status)
       SELECT ar.activity_id, ar.region_id, current_date - g, 'سالن', 10 + g, g, 2 * g, 3 * g, 1000 * g,
              CASE WHEN g <= 7 THEN 'approved' WHEN g = 8 THEN 'returned' ELSE 'submitted' END
       FROM activity_regions ar JOIN program_activities a ON a.id = ar.activity_id, generate_series(1, 10) g
       WHERE a.program_id = $1`,
      [programId],
    );
    await pool.query('ANALYZE programs, program_activities, activity_regions, activity_targets, activity_reports, program_regions');
    const path = `/fa/programs/${programId}`;
    const { cookie } = await ctx.signIn(email, path);
    // Measured at 10 concurrent coordinators (a province's staff opening the same dashboard at once), not at the
    // 50 connections of the public pages: the target is p95 < 100 ms for that load.
    return ctx.load([{ path, headers: { cookie } }], { connections: 10 });
  },
};

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { signIn } from '../../../test/support/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import { seedDemo } from '../../db/seed/index.ts';
import { deriveProgress } from './domain/derive.ts';
import { progressByAgreementArea } from './index.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db);
});
afterAll(async () => {
  await t.close();
});

describe('programs demo seed', () => {
  it("creates Workers' Week 1401 with 14 completed activities over the province and its counties", async () => {
    const program = await one<{ id: number; regions: number }>(
      t.db,
      `SELECT p.id, (SELECT count(*)::int FROM program_regions r WHERE r.program_id = p.id) AS regions FROM programs p WHERE p.title LIKE '%۱۴۰۱%'`,
    );
    expect(defined(program, 'program').regions).toBe(7);
    const activities = await many<{ number: number; type: string; targets: number; regions: number }>(
      t.db,
      `SELECT a.number, a.type, (SELECT count(*)::int FROM activity_targets t WHERE t.activity_id = a.id) AS targets,
              (SELECT count(*)::int FROM activity_regions r WHERE r.activity_id = a.id) AS regions
       FROM program_activities a WHERE a.program_id = $1 ORDER BY a.number`,
      [defined(program, 'program').id],
    );
    expect(activities.map((a) => a.number)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(activities.every((a) => a.targets === 1)).toBe(true);
    expect(activities[3]).toMatchObject({ type: 'commemoration', regions: 7 });
    const target = await one<{ amount: string }>(
      t.db,
      `SELECT t.amount FROM activity_targets t JOIN program_activities a ON a.id = t.activity_id WHERE a.program_id = $1 AND a.number = 4`,
      [defined(program, 'program').id],
    );
    expect(Number(defined(target, 'target').amount)).toBe(418);
    const statuses = await many<{ status: string }>(
      t.db,
      `SELECT DISTINCT r.status FROM activity_reports r JOIN program_activities a ON a.id = r.activity_id WHERE a.program_id = $1 ORDER BY 1`,
      [defined(program, 'program').id],
    );
    expect(statuses.map((s) => s.status)).toEqual(['approved', 'returned', 'submitted']);
    const progress = defined(
      (await deriveProgress(t.db, [defined(program, 'program').id])).get(defined(program, 'program').id),
      'the progress',
    );
    expect(progress.overall).toBeGreaterThan(0);
    expect(progress.overall).toBeLessThan(100);
  });
  it('links the activities to the coordination meeting’s resolution when the meetings module seeds it', async () => {
    const linked = await one<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM program_activities a JOIN programs p ON p.id = a.program_id WHERE p.title LIKE '%۱۴۰۱%' AND a.resolution_id IS NOT NULL`,
    );
    expect(defined(linked, 'linked').n).toBe(14);
  });
  it('seeds a year of Bắc Giang programs under the agreement’s 7 areas, with derived area progress', async () => {
    const programs = await many<{ agreement_area_id: number }>(
      t.db,
      `SELECT agreement_area_id FROM programs WHERE agreement_area_id IS NOT NULL`,
    );
    expect(programs).toHaveLength(7);
    const progress = await progressByAgreementArea(
      t.db,
      programs.map((p) => p.agreement_area_id),
    );
    expect(progress.size).toBe(7);
    for (const area of progress.values()) expect(area.progress).toBeGreaterThan(0);
  });
  it('serves every page of every demo program to the coordinators who run them', async () => {
    const programs = await many<{ id: number; lead: string }>(
      t.db,
      `SELECT p.id, o.slug AS lead FROM programs p JOIN organizations o ON o.id = p.lead_organization_id`,
    );
    const users = await many<{ id: number; email: string }>(t.db, `SELECT id, email FROM users WHERE email LIKE 'coordinator.%'`);
    const coordinatorOf = (slug: string) =>
      defined(
        users.find((u) => u.email.includes(slug.startsWith('gilan') ? 'gilan' : 'bacgiang')),
        'the item found',
      ).id;
    for (const program of programs) {
      const client = new TestClient(t.app);
      await signIn(t.db, client, coordinatorOf(program.lead));
      for (const lang of ['fa', 'vi']) {
        for (const path of ['', '/print', '/public', '/export.csv', '/export.xlsx', '/activities/1']) {
          const response = await client.get(`/${lang}/programs/${program.id}${path}`);
          expect(response.statusCode, `${lang} ${program.id}${path}`).toBe(200);
        }
      }
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { signIn } from '../../../test/support/factories.ts';
import { seedDemo } from '../../db/seed/index.ts';
import { one } from '../../../test/support/sql.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import { GILAN_APPROVED_ACTIVITIES } from './seed.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db);
});
afterAll(async () => {
  await t.close();
});

describe('demo seed: meetings and agreements', () => {
  it('the restated list parses into 14 activities', () => {
    expect(parseNumberedList(GILAN_APPROVED_ACTIVITIES)).toHaveLength(14);
  });

  it('holds the Gilan meeting of 1401/01/22 with its attendees and the resolution approving 14 activities of the program', async () => {
    const meeting = await one<{ id: number; held_on: string; minutes_status: string; attendees: number }>(
      t.db,
      `SELECT m.id, m.held_on, m.minutes_status, (SELECT count(*)::int FROM meeting_attendees a WHERE a.meeting_id = m.id) AS attendees
         FROM meetings m JOIN organizations o ON o.id = m.organizer_id WHERE o.slug = 'gilan-workers-organization'`,
    );
    expect(meeting).toMatchObject({ held_on: '2022-04-11', minutes_status: 'approved', attendees: 4 });
    const linked = await one<{ n: number; programs: number }>(
      t.db,
      `SELECT count(*)::int AS n, count(DISTINCT a.program_id)::int AS programs
         FROM program_activities a JOIN meeting_resolutions r ON r.id = a.resolution_id WHERE r.meeting_id = $1 AND r.kind = 'activities'`,
      [defined(meeting, 'meeting').id],
    );
    expect(linked).toEqual({ n: 14, programs: 1 });
    const coordinator = await one<{ id: number }>(t.db, `SELECT id FROM users WHERE email = 'coordinator.gilan@demo.unionhall.org'`);
    const client = new TestClient(t.app);
    await signIn(t.db, client, defined(coordinator, 'coordinator').id);
    const page = await client.get(`/fa/meetings/${defined(meeting, 'meeting').id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('۱۴۰۱/۰۱/۲۲');
  });

  it('holds the Bắc Giang agreement signed on 2018-08-14 for 2018–2022 with its 7 areas (BAC_GIANG_AREAS parsed)', async () => {
    const agreement = await one<{ id: number; signed_on: string; areas: number; parties: number }>(
      t.db,
      `SELECT a.id, a.signed_on, (SELECT count(*)::int FROM agreement_areas ar WHERE ar.agreement_id = a.id) AS areas,
              (SELECT count(*)::int FROM agreement_parties p WHERE p.agreement_id = a.id) AS parties
         FROM agreements a`,
    );
    expect(agreement).toMatchObject({ signed_on: '2018-08-14', areas: 7, parties: 2 });
    const page = await t.app.inject({ url: `/vi/agreements/${defined(agreement, 'agreement').id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2018–2022');
    // Every area shows its 2019 program's activities to a visitor (the demo programs are published).
    expect(page.body.match(/class="agreements-program"/g)).toHaveLength(7);
    expect(page.body).toContain('class="agreements-activity"');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { seedDemo } from '../../db/seed/index.ts';
import { one } from '../../db/database.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import { BAC_GIANG_AREAS } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db);
});
afterAll(async () => {
  await t.close();
});

describe('demo seed: agreements', () => {
  it('the restated list parses into 7 areas', () => {
    expect(parseNumberedList(BAC_GIANG_AREAS)).toHaveLength(7);
  });

  it('holds the Bắc Giang agreement signed on 2018-08-14 for 2018–2022 with its 7 areas', async () => {
    const agreement = await one<{ id: number; signed_on: string; areas: number; parties: number }>(
      t.db,
      `SELECT a.id, a.signed_on, (SELECT count(*)::int FROM agreement_areas ar WHERE ar.agreement_id = a.id) AS areas,
              (SELECT count(*)::int FROM agreement_parties p WHERE p.agreement_id = a.id) AS parties
         FROM agreements a`,
    );
    expect(agreement).toMatchObject({ signed_on: '2018-08-14', areas: 7, parties: 2 });
    const page = await t.app.inject({ url: `/vi/agreements/${agreement!.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2018–2022');
    // Every area shows its 2019 program's activities to a visitor (the demo programs are published).
    expect(page.body.match(/class="agreements-program"/g)).toHaveLength(7);
    expect(page.body).toContain('class="agreements-activity"');
  });
});

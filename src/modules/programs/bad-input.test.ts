import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient, csrfFrom } from '../../../test/support/client.ts';
import { signIn } from '../../../test/support/factories.ts';
import { programWorld, programWithActivity, reportFor, type ProgramWorld } from './factories.ts';

const t = appForTests();
let w: ProgramWorld;
let programId: number;
let reportId: number;

beforeAll(async () => {
  w = await programWorld(t.db);
  const seeded = await programWithActivity(t.db, w);
  programId = seeded.programId;
  reportId = await reportFor(t.db, {
    activityId: seeded.activityId,
    regionId: w.regions.rasht.id,
    reporterId: w.users.rashtOfficial.id,
    families: 1,
  });
});

// Odd things a form or a script may send: arrays for single fields, control characters, huge strings, numbers
// past any column, dates that do not exist, markup and right-to-left overrides.
const JUNK: Array<Record<string, string | string[]>> = [
  {},
  { title: ['a', 'b'], lang: ['fa', 'vi'], status: 'active', periodStart: '2022-01-01', periodEnd: '2022-02-01' },
  { title: 'x\u0000y', description: '\u202Eabc', lang: 'xx', periodStart: '1401/13/40', periodEnd: '0000-00-00' },
  {
    title: 'x'.repeat(100_000),
    periodStart: '9999-99-99',
    periodEnd: '2022-01-01',
    partnerIds: ['-1', '1e309', 'abc'],
    regionIds: ['99999999999999999999'],
  },
  { leadOrganizationId: '99999999999999999999', agreementAreaId: '-5', isPublic: ['on', 'off'] },
  {
    type: 'commemoration',
    status: 'planned',
    budget: '1e400',
    budgetCurrency: 'ریال',
    target1Amount: '۱۲٫۵٫۳',
    target1Unit: 'x',
    target1Measure: 'bogus',
    target2Amount: '5',
  },
  {
    regionId: '99999999999999999999',
    heldOn: '۱۴۰۱/۰۲/۳۱',
    place: '<script>',
    workers: '99999999999999',
    families: '-0',
    moneySpent: 'NaN',
  },
  { decision: 'maybe', comment: ['a', 'b'], list: '\u0000\u0001', intent: ['delete', 'x'] },
];

describe('bad input never causes a 5xx', () => {
  it('answers every write route with a 3xx or 4xx', async () => {
    const client = new TestClient(t.app, { 'accept-language': 'fa' });
    await signIn(t.db, client, w.users.coordinator.id);
    const official = new TestClient(t.app, { 'accept-language': 'fa' });
    await signIn(t.db, official, w.users.rashtOfficial.id);
    // [who, the URL posted to, the page its form is on when that is another one]
    const routes: Array<[TestClient, string, string?]> = [
      [client, '/fa/programs/new'],
      [client, `/fa/programs/${programId}/edit`],
      [client, `/fa/programs/${programId}/activities/new`],
      [client, `/fa/programs/${programId}/activities/1/edit`],
      [client, `/fa/programs/${programId}/activities/paste`],
      [official, `/fa/programs/${programId}/activities/1/reports/new`],
      [official, `/fa/programs/${programId}/reports/${reportId}/edit`],
      [client, `/fa/programs/${programId}/reports/${reportId}`],
      // The program and its activity have a report, so neither is deleted.
      [client, `/fa/programs/${programId}/activities/1/delete`, `/fa/programs/${programId}/activities/1/edit`],
      [client, `/fa/programs/${programId}/delete`, `/fa/programs/${programId}/edit`],
    ];
    for (const [who, url, from] of routes) {
      const csrf = csrfFrom((await who.get(from ?? url)).body);
      for (const form of JUNK) {
        const response = await who.post(url, form, { csrf });
        expect(response.statusCode, `${url} ${JSON.stringify(form).slice(0, 80)}`).toBeLessThan(500);
      }
    }
  });

  it('answers the JSON API with 4xx for junk bodies', async () => {
    const client = new TestClient(t.app);
    await signIn(t.db, client, w.users.coordinator.id);
    const csrf = csrfFrom((await client.get(`/en/programs/${programId}`)).body);
    const bodies: unknown[] = [
      null,
      [],
      'text',
      42,
      { title: { nested: true } },
      { targets: 'x' },
      { targets: [null, 5, { amount: 'x' }] },
      { regionId: 1e30, heldOn: [] },
    ];
    for (const url of [
      `/api/v1/programs/${programId}/activities`,
      `/api/v1/programs/${programId}/activities/1/reports`,
      `/api/v1/programs/${programId}/reports/${reportId}/review`,
    ]) {
      for (const payload of bodies) {
        const response = await client.request({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          payload: JSON.stringify(payload),
        });
        expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBeLessThan(500);
        expect(response.headers['content-type']).toContain('application/json');
      }
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { signedInClient } from '../../../test/support/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import { approveReport, programWorld, programWithActivity, reportFor, type ProgramWorld } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

const t = appForTests();
let w: ProgramWorld;
let programId: number;
let activityId: number;

beforeAll(async () => {
  w = await programWorld(t.db);
  ({ programId, activityId } = await programWithActivity(t.db, w));
});

const as = (user: { id: number } | null, lang = 'en') => signedInClient(t, user, lang);

const validProgram = () => ({
  leadOrganizationId: String(w.orgs.lead.id),
  title: 'Workers Week',
  description: '',
  lang: 'fa',
  periodStart: '2022-04-11',
  periodEnd: '2022-05-10',
  status: 'active',
  partnerIds: [String(w.orgs.partner.id)],
  regionIds: [String(w.regions.province.id), String(w.regions.rasht.id)],
});

describe('GET /:lang/programs/new and POST', () => {
  it('sends a visitor to log in', async () => {
    const response = await (await as(null)).get('/en/programs/new');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/en/login');
  });
  it('refuses someone who coordinates no organization', async () => {
    expect((await (await as(w.users.rashtOfficial)).get('/en/programs/new')).statusCode).toBe(403);
    expect((await (await as(w.users.member)).get('/en/programs/new')).statusCode).toBe(403);
  });
  it('lets a coordinator create a program with partners and regions', async () => {
    const client = await as(w.users.coordinator);
    const response = await client.post('/en/programs/new', validProgram());
    expect(response.statusCode).toBe(303);
    const id = Number(defined(/programs\/(\d+)/.exec(response.headers.location as string), 'the match')[1]);
    const row = await one<{ title: string; partners: number[]; regions: number[] }>(
      t.db,
      `SELECT title, (SELECT array_agg(organization_id)::int[] FROM program_partners WHERE program_id = p.id) AS partners,
              (SELECT array_agg(region_id ORDER BY region_id)::int[] FROM program_regions WHERE program_id = p.id) AS regions FROM programs p WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ title: 'Workers Week', partners: [w.orgs.partner.id], regions: [w.regions.province.id, w.regions.rasht.id] });
  });
  it('reads Jalali dates on Persian pages and refuses an impossible one', async () => {
    const client = await as(w.users.coordinator, 'fa');
    const ok = await client.post('/fa/programs/new', { ...validProgram(), periodStart: '۱۴۰۱/۰۱/۲۲', periodEnd: '1401/02/20' });
    expect(ok.statusCode).toBe(303);
    const bad = await client.post('/fa/programs/new', { ...validProgram(), periodStart: '1401/12/30', periodEnd: '1401/13/01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('lang="fa"');
  });
  it('refuses a period that ends before it starts, an empty title, markup kept as text, and RTL override characters', async () => {
    const client = await as(w.users.coordinator);
    const before = await client.post('/en/programs/new', { ...validProgram(), periodEnd: '2022-01-01' });
    expect(before.statusCode).toBe(422);
    expect(before.body).toContain('The end date is before the start date.');
    expect((await client.post('/en/programs/new', { ...validProgram(), title: '' })).statusCode).toBe(422);
    expect((await client.post('/en/programs/new', { ...validProgram(), title: 'x'.repeat(301) })).statusCode).toBe(422);
    expect((await client.post('/en/programs/new', { ...validProgram(), title: 'evil\u202Etxt' })).statusCode).toBe(422);
    const count = await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM programs WHERE title LIKE 'evil%'`);
    expect(defined(count, 'count').n).toBe(0);
    const markup = await client.post('/en/programs/new', { ...validProgram(), title: '<script>alert(1)</script>' });
    expect(markup.statusCode).toBe(303);
    const page = await client.get(markup.headers.location as string);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
  });
  it('refuses leading an organization the coordinator has no role in', async () => {
    const client = await as(w.users.coordinator);
    const response = await client.post('/en/programs/new', { ...validProgram(), leadOrganizationId: String(w.orgs.other.id) });
    expect(response.statusCode).toBe(422);
  });
  it('refuses unknown partners and regions without storing anything', async () => {
    const client = await as(w.users.coordinator);
    const before = await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM programs`);
    expect((await client.post('/en/programs/new', { ...validProgram(), partnerIds: ['999999'] })).statusCode).toBe(422);
    expect((await client.post('/en/programs/new', { ...validProgram(), regionIds: ['999999'] })).statusCode).toBe(422);
    expect((await client.post('/en/programs/new', { ...validProgram(), agreementAreaId: '12345' })).statusCode).toBe(422);
    expect(defined(await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM programs`), 'the row').n).toBe(
      defined(before, 'before').n,
    );
  });
});

describe('GET /:lang/programs/:id (dashboard)', () => {
  it('shows the dashboard to the lead coordinator, a county official and the partner coordinator', async () => {
    for (const user of [w.users.coordinator, w.users.rashtOfficial, w.users.partnerCoordinator]) {
      const response = await (await as(user)).get(`/en/programs/${programId}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Commemoration of the fallen workers');
      expect(response.body).toContain('<svg');
      expect(response.body).not.toMatch(/\sstyle="/);
    }
  });
  it('answers 404 to an outsider, a plain member, and for a program that does not exist or a bad id', async () => {
    expect((await (await as(w.users.outsider)).get(`/en/programs/${programId}`)).statusCode).toBe(404);
    expect((await (await as(w.users.member)).get(`/en/programs/${programId}`)).statusCode).toBe(404);
    expect((await (await as(w.users.coordinator)).get(`/en/programs/999999`)).statusCode).toBe(404);
    expect((await (await as(w.users.coordinator)).get(`/en/programs/abc`)).statusCode).toBe(404);
    expect((await (await as(w.users.coordinator)).get(`/en/programs/${programId}/activities/99999999999`)).statusCode).toBe(404);
    expect((await (await as(w.users.coordinator)).get(`/en/programs/${programId}/activities/2147483648`)).statusCode).toBe(404);
    expect((await (await as(w.users.coordinator)).get(`/en/programs/${programId}/reports/0`)).statusCode).toBe(404);
  });
  it('sends a visitor to log in', async () => {
    expect((await (await as(null)).get(`/en/programs/${programId}`)).statusCode).toBe(303);
  });
  it('shows Persian digits and Jalali months on Persian pages', async () => {
    const response = await (await as(w.users.coordinator, 'fa')).get(`/fa/programs/${programId}`);
    expect(response.body).toContain('dir="rtl"');
    expect(response.body).toContain('فروردین ۱۴۰۱');
  });
});

describe('cached progress', () => {
  it('shows new progress as soon as anything it derives from changes, whoever writes it', async () => {
    const extra = await programWithActivity(t.db, w);
    const client = await as(w.users.coordinator);
    const overall = async () =>
      defined(/programs-progress__value">([^<]+)</.exec((await client.get(`/en/programs/${extra.programId}`)).body), 'the match')[1];
    expect(await overall()).toBe('0%');
    const id = await reportFor(t.db, {
      activityId: extra.activityId,
      regionId: w.regions.rasht.id,
      reporterId: w.users.rashtOfficial.id,
      families: 15,
    });
    expect(await overall()).toBe('0%');
    // Written behind the app's back: the trigger still moves the version, so the cache is not served.
    await approveReport(t.db, id);
    expect(await overall()).toBe('50%');
    await t.db.query(`UPDATE activity_targets SET amount = 60 WHERE activity_id = $1`, [extra.activityId]);
    expect(await overall()).toBe('25%');
    await t.db.query(`UPDATE program_activities SET status = 'cancelled' WHERE id = $1`, [extra.activityId]);
    expect(await overall()).toBe('0%');
  });
});

describe('program edit', () => {
  it('lets the lead coordinator edit; refuses a partner coordinator and a county official', async () => {
    const coordinator = await as(w.users.coordinator);
    const page = await coordinator.get(`/en/programs/${programId}/edit`);
    expect(page.statusCode).toBe(200);
    expect((await (await as(w.users.partnerCoordinator)).get(`/en/programs/${programId}/edit`)).statusCode).toBe(403);
    expect((await (await as(w.users.rashtOfficial)).get(`/en/programs/${programId}/edit`)).statusCode).toBe(403);
    expect((await (await as(w.users.outsider)).get(`/en/programs/${programId}/edit`)).statusCode).toBe(404);
  });
});

describe('deleting', () => {
  it('deletes an activity without reports, refuses one with reports, and refuses partners', async () => {
    const extra = await programWithActivity(t.db, w);
    const client = await as(w.users.coordinator);
    const edit = `/en/programs/${extra.programId}/activities/1/edit`;
    const remove = `/en/programs/${extra.programId}/activities/1/delete`;
    expect((await (await as(w.users.partnerCoordinator)).post(remove, {}, { from: `/en/programs/${extra.programId}` })).statusCode).toBe(
      403,
    );
    await reportFor(t.db, {
      activityId: extra.activityId,
      regionId: w.regions.rasht.id,
      reporterId: w.users.rashtOfficial.id,
      families: 1,
    });
    const refused = await client.post(remove, {}, { from: edit });
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toContain('/edit');
    expect(
      defined(
        await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM program_activities WHERE id = $1`, [extra.activityId]),
        'the row',
      ).n,
    ).toBe(1);
    const programEdit = `/en/programs/${extra.programId}/edit`;
    const programRemove = `/en/programs/${extra.programId}/delete`;
    expect((await client.post(programRemove, {}, { from: programEdit })).headers.location).toContain('/edit');
    await t.db.query(`DELETE FROM activity_reports WHERE activity_id = $1`, [extra.activityId]);
    const deleted = await client.post(remove, {}, { from: edit });
    expect(deleted.headers.location).toBe(`/en/programs/${extra.programId}`);
    expect(
      defined(
        await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM program_activities WHERE id = $1`, [extra.activityId]),
        'the row',
      ).n,
    ).toBe(0);
    expect(
      (await (await as(w.users.partnerCoordinator)).post(programRemove, {}, { from: `/en/programs/${extra.programId}` })).statusCode,
    ).toBe(403);
    expect((await client.post(programRemove, {}, { from: programEdit })).headers.location).toBe('/en/programs');
    expect(await one(t.db, `SELECT id FROM programs WHERE id = $1`, [extra.programId])).toBeUndefined();
    const audit = await one<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('programs.program.deleted', 'programs.activity.deleted')`,
    );
    expect(defined(audit, 'audit').n).toBe(2);
  });

  it('deletes through its own URL: the edit pages post their delete forms there, and the edit URL only saves', async () => {
    const extra = await programWithActivity(t.db, w);
    const client = await as(w.users.coordinator);
    const programEdit = await client.get(`/en/programs/${extra.programId}/edit`);
    expect(programEdit.body).toContain(`action="/en/programs/${extra.programId}/delete"`);
    expect(programEdit.body).not.toContain('name="intent"');
    const activityEdit = await client.get(`/en/programs/${extra.programId}/activities/1/edit`);
    expect(activityEdit.body).toContain(`action="/en/programs/${extra.programId}/activities/1/delete"`);
    // The old multiplexed form: an intent field on the edit URL is a save with missing fields, and deletes nothing.
    expect((await client.post(`/en/programs/${extra.programId}/edit`, { intent: 'delete' })).statusCode).toBe(422);
    expect((await client.post(`/en/programs/${extra.programId}/activities/1/edit`, { intent: 'delete' })).statusCode).toBe(422);
    expect(await one(t.db, `SELECT id FROM program_activities WHERE id = $1`, [extra.activityId])).toBeDefined();
    expect(await one(t.db, `SELECT id FROM programs WHERE id = $1`, [extra.programId])).toBeDefined();
  });
});

describe('activities', () => {
  const validActivity = () => ({
    title: 'Visits to families',
    type: 'family_visit',
    status: 'planned',
    regionIds: [String(w.regions.rasht.id), String(w.regions.lahijan.id)],
    startsOn: '2022-04-15',
    endsOn: '2022-04-25',
    target1Amount: '418',
    target1Unit: 'families visited',
    target1Measure: 'families',
    target1Scope: 'total',
  });
  it('lets the lead and partner coordinators add activities, numbered in turn', async () => {
    const response = await (await as(w.users.coordinator)).post(`/en/programs/${programId}/activities/new`, validActivity());
    expect(response.statusCode).toBe(303);
    const partner = await (
      await as(w.users.partnerCoordinator)
    ).post(`/en/programs/${programId}/activities/new`, { ...validActivity(), title: 'Service desk' });
    expect(partner.statusCode).toBe(303);
    const rows = await many<{ number: number; title: string }>(
      t.db,
      `SELECT number, title FROM program_activities WHERE program_id = $1 ORDER BY number`,
      [programId],
    );
    expect(rows.slice(-2).map((r) => r.title)).toEqual(['Visits to families', 'Service desk']);
    expect(defined(rows[rows.length - 1], 'rows[rows.length - 1]').number).toBe(
      defined(rows[rows.length - 2], 'rows[rows.length - 2]').number + 1,
    );
    const target = await one<{ unit_label: string; amount: string }>(
      t.db,
      `SELECT unit_label, amount FROM activity_targets t JOIN program_activities a ON a.id = t.activity_id WHERE a.title = 'Visits to families'`,
    );
    expect(target).toEqual({ unit_label: 'families visited', amount: '418.00' });
  });
  it('refuses a county official and an outsider', async () => {
    expect((await (await as(w.users.rashtOfficial)).get(`/en/programs/${programId}/activities/new`)).statusCode).toBe(403);
    expect((await (await as(w.users.outsider)).get(`/en/programs/${programId}/activities/new`)).statusCode).toBe(404);
  });
  it('refuses targets without units, amounts without targets, negative budgets, reversed dates and regions outside the program', async () => {
    const client = await as(w.users.coordinator);
    const url = `/en/programs/${programId}/activities/new`;
    const noUnit = await client.post(url, { ...validActivity(), target1Unit: '' });
    expect(noUnit.statusCode).toBe(422);
    expect(noUnit.body).toContain('Give this target a unit');
    expect((await client.post(url, { ...validActivity(), target1Amount: '', target1Unit: 'people' })).statusCode).toBe(422);
    expect((await client.post(url, { ...validActivity(), target1Amount: '-5' })).statusCode).toBe(422);
    expect((await client.post(url, { ...validActivity(), budget: '-1' })).statusCode).toBe(422);
    const reversed = await client.post(url, { ...validActivity(), endsOn: '2022-04-01' });
    expect(reversed.statusCode).toBe(422);
    expect((await client.post(url, { ...validActivity(), regionIds: [String(w.regions.rasht.id), '999999'] })).statusCode).toBe(422);
    expect((await client.post(url, { ...validActivity(), type: 'party' })).statusCode).toBe(422);
    expect((await client.post(url, { ...validActivity(), partnerIds: ['99999999999999999999'] })).statusCode).toBe(422);
    const count = await one<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM program_activities WHERE program_id = $1 AND title = 'Visits to families'`,
      [programId],
    );
    expect(defined(count, 'count').n).toBe(1);
  });
  it('creates one draft per item of a pasted Persian list, numbered after the last', async () => {
    const client = await as(w.users.coordinator, 'fa');
    const before = await one<{ max: number }>(t.db, `SELECT max(number) AS max FROM program_activities WHERE program_id = $1`, [programId]);
    const response = await client.post(`/fa/programs/${programId}/activities/paste`, {
      list: '1 ـ برگزاری همایش ۲- دیدار با خانواده‌ها\n۳. گلباران مزار',
    });
    expect(response.statusCode).toBe(303);
    const rows = await many<{ number: number; status: string }>(
      t.db,
      `SELECT number, status FROM program_activities WHERE program_id = $1 AND number > $2 ORDER BY number`,
      [programId, defined(before, 'before').max],
    );
    expect(rows.map((r) => r.number)).toEqual([
      defined(before, 'before').max + 1,
      defined(before, 'before').max + 2,
      defined(before, 'before').max + 3,
    ]);
    expect(rows.every((r) => r.status === 'draft')).toBe(true);
  });
  it('answers 422 with a message for a list with no items', async () => {
    const response = await (await as(w.users.coordinator)).post(`/en/programs/${programId}/activities/paste`, { list: '   ' });
    expect(response.statusCode).toBe(422);
  });
});

describe('execution reports', () => {
  const report = (regionId: number, over: Record<string, string> = {}) => ({
    regionId: String(regionId),
    heldOn: '2022-04-22',
    place: 'Rasht mosque',
    workers: '40',
    employers: '5',
    families: '12',
    otherParticipants: '',
    beneficiaries: '12',
    moneySpent: '1500',
    notes: 'Went well',
    ...over,
  });
  const url = () => `/en/programs/${programId}/activities/1/reports/new`;

  it('lets a county official file for their county only', async () => {
    const client = await as(w.users.rashtOfficial);
    const page = await client.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${w.regions.rasht.id}"`);
    expect(page.body).not.toContain(`value="${w.regions.lahijan.id}"`);
    expect((await client.post(url(), report(w.regions.rasht.id))).statusCode).toBe(303);
    const other = await client.post(url(), report(w.regions.lahijan.id));
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('Choose a region of this activity that you answer for.');
    const province = await client.post(url(), report(w.regions.province.id));
    expect(province.statusCode).toBe(422);
  });
  it('refuses outsiders and members, and visitors go to log in', async () => {
    expect((await (await as(w.users.outsider)).get(url())).statusCode).toBe(404);
    expect((await (await as(w.users.member)).get(url())).statusCode).toBe(404);
    expect((await (await as(null)).get(url())).statusCode).toBe(303);
  });
  it('refuses negative counts, words for numbers, future dates and impossible dates, storing nothing', async () => {
    const client = await as(w.users.rashtOfficial);
    const before = await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM activity_reports`);
    const negative = await client.post(url(), report(w.regions.rasht.id, { workers: '-3' }));
    expect(negative.statusCode).toBe(422);
    expect(negative.body).toContain('Enter zero or more.');
    expect((await client.post(url(), report(w.regions.rasht.id, { families: 'many' }))).statusCode).toBe(422);
    expect((await client.post(url(), report(w.regions.rasht.id, { heldOn: '2099-01-01' }))).statusCode).toBe(422);
    expect((await client.post(url(), report(w.regions.rasht.id, { heldOn: '2022-02-30' }))).statusCode).toBe(422);
    expect((await client.post(url(), report(w.regions.rasht.id, { moneySpent: '-1' }))).statusCode).toBe(422);
    expect(defined(await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM activity_reports`), 'the row').n).toBe(
      defined(before, 'before').n,
    );
  });
  it('answers in Persian with Persian digits accepted', async () => {
    const client = await as(w.users.rashtOfficial, 'fa');
    const furl = `/fa/programs/${programId}/activities/1/reports/new`;
    const bad = await client.post(furl, report(w.regions.rasht.id, { heldOn: '1401/02/32' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('lang="fa"');
    const ok = await client.post(furl, report(w.regions.rasht.id, { heldOn: '۱۴۰۱/۰۲/۰۱', workers: '۴۰' }));
    expect(ok.statusCode).toBe(303);
  });
  it('hides another county’s unapproved report from an official, but not from the coordinator', async () => {
    const id = await reportFor(t.db, { activityId, regionId: w.regions.lahijan.id, reporterId: w.users.lahijanOfficial.id, families: 3 });
    expect((await (await as(w.users.rashtOfficial)).get(`/en/programs/${programId}/reports/${id}`)).statusCode).toBe(404);
    expect((await (await as(w.users.lahijanOfficial)).get(`/en/programs/${programId}/reports/${id}`)).statusCode).toBe(200);
    expect((await (await as(w.users.coordinator)).get(`/en/programs/${programId}/reports/${id}`)).statusCode).toBe(200);
    const activityPage = await (await as(w.users.rashtOfficial)).get(`/en/programs/${programId}/activities/1`);
    expect(activityPage.body).not.toContain(`/reports/${id}"`);
  });
  it('lets the coordinator approve; progress moves; the reporter is notified; a second review is refused', async () => {
    const id = await reportFor(t.db, { activityId, regionId: w.regions.rasht.id, reporterId: w.users.rashtOfficial.id, families: 15 });
    const before = await (await as(w.users.coordinator)).get(`/en/programs/${programId}/activities/1`);
    const client = await as(w.users.coordinator);
    const response = await client.post(`/en/programs/${programId}/reports/${id}`, { decision: 'approve', comment: '' });
    expect(response.statusCode).toBe(303);
    expect(defined(await one<{ status: string }>(t.db, `SELECT status FROM activity_reports WHERE id = $1`, [id]), 'the row').status).toBe(
      'approved',
    );
    const note = await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [
      w.users.rashtOfficial.id,
    ]);
    expect(defined(note, 'note').n).toBeGreaterThan(0);
    const after = await (await as(w.users.coordinator)).get(`/en/programs/${programId}/activities/1`);
    const pct = (html: string) => defined(/<progress max="100" value="([\d.]+)"/.exec(html), 'the match')[1];
    expect(Number(pct(after.body))).toBeGreaterThan(Number(pct(before.body)));
    const again = await client.post(
      `/en/programs/${programId}/reports/${id}`,
      { decision: 'return', comment: 'x' },
      { from: `/en/programs/${programId}` },
    );
    expect(again.statusCode).toBe(303);
    expect(defined(await one<{ status: string }>(t.db, `SELECT status FROM activity_reports WHERE id = $1`, [id]), 'the row').status).toBe(
      'approved',
    );
  });
  it('needs a comment to return a report; a county official cannot review; a county coordinator reviews only their county', async () => {
    const id = await reportFor(t.db, { activityId, regionId: w.regions.lahijan.id, reporterId: w.users.lahijanOfficial.id, families: 2 });
    const coordinator = await as(w.users.coordinator);
    expect((await coordinator.post(`/en/programs/${programId}/reports/${id}`, { decision: 'return', comment: '' })).statusCode).toBe(422);
    const official = await as(w.users.lahijanOfficial);
    expect((await official.post(`/en/programs/${programId}/reports/${id}`, { decision: 'approve' })).statusCode).toBe(403);
    const rashtCoordinator = await as(w.users.rashtCoordinator);
    expect((await rashtCoordinator.get(`/en/programs/${programId}/reports/${id}`)).statusCode).toBe(404);
    const returned = await coordinator.post(`/en/programs/${programId}/reports/${id}`, { decision: 'return', comment: 'Add the photos' });
    expect(returned.statusCode).toBe(303);
    const row = await one<{ status: string; reviewer_comment: string }>(
      t.db,
      `SELECT status, reviewer_comment FROM activity_reports WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'returned', reviewer_comment: 'Add the photos' });
  });
  it('lets the reporter correct a returned report and file it again; nobody else, and never once approved', async () => {
    const id = await reportFor(t.db, { activityId, regionId: w.regions.lahijan.id, reporterId: w.users.lahijanOfficial.id, families: 2 });
    await t.db.query(`UPDATE activity_reports SET status = 'returned', reviewer_comment = 'Count again' WHERE id = $1`, [id]);
    const reporter = await as(w.users.lahijanOfficial);
    const page = await reporter.get(`/en/programs/${programId}/reports/${id}`);
    expect(page.body).toContain(`/reports/${id}/edit`);
    expect((await (await as(w.users.coordinator)).get(`/en/programs/${programId}/reports/${id}/edit`)).statusCode).toBe(403);
    expect((await (await as(w.users.rashtOfficial)).get(`/en/programs/${programId}/reports/${id}/edit`)).statusCode).toBe(404);
    const edit = `/en/programs/${programId}/reports/${id}/edit`;
    expect((await reporter.post(edit, report(w.regions.lahijan.id, { families: '-1' }))).statusCode).toBe(422);
    expect((await reporter.post(edit, report(w.regions.rasht.id))).statusCode).toBe(422);
    const ok = await reporter.post(edit, report(w.regions.lahijan.id, { families: '9', place: 'Lahijan hall' }));
    expect(ok.statusCode).toBe(303);
    const row = await one<{ status: string; families: number; place: string }>(
      t.db,
      `SELECT status, families, place FROM activity_reports WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'submitted', families: 9, place: 'Lahijan hall' });
    await approveReport(t.db, id);
    expect((await reporter.get(edit)).statusCode).toBe(403);
  });
  it('never lets a coordinator approve their own report', async () => {
    const id = await reportFor(t.db, { activityId, regionId: w.regions.province.id, reporterId: w.users.coordinator.id, families: 1 });
    const client = await as(w.users.coordinator);
    const page = await client.get(`/en/programs/${programId}/reports/${id}`);
    expect(page.body).not.toContain('name="decision"');
  });
});

describe('public page', () => {
  it('shows activities and progress to anyone, never internal notes, budgets or reports', async () => {
    await reportFor(t.db, {
      activityId,
      regionId: w.regions.rasht.id,
      reporterId: w.users.rashtOfficial.id,
      families: 1,
      notes: 'UNAPPROVED-NOTE',
    });
    const response = await (await as(null)).get(`/en/programs/${programId}/public`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Commemoration of the fallen workers');
    expect(response.body).toContain('Open to all families');
    expect(response.body).not.toContain('SECRET-INTERNAL-NOTE');
    expect(response.body).not.toContain('UNAPPROVED-NOTE');
    expect(response.body).not.toContain('Hossein Rasht');
    expect(response.body).not.toMatch(/\sstyle="/);
  });
  it('answers 404 for a draft or unpublished program', async () => {
    const hidden = await programWithActivity(t.db, w, { isPublic: false });
    const draft = await programWithActivity(t.db, w, { status: 'draft' });
    expect((await (await as(null)).get(`/en/programs/${hidden.programId}/public`)).statusCode).toBe(404);
    expect((await (await as(null)).get(`/en/programs/${draft.programId}/public`)).statusCode).toBe(404);
  });
});

describe('print page', () => {
  it('renders in the program’s language (Persian, right to left, Jalali dates) whatever the page language', async () => {
    const response = await (await as(w.users.coordinator)).get(`/en/programs/${programId}/print`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="fa" dir="rtl">');
    expect(response.body).toContain('۱۴۰۱');
    expect(response.body).toContain('پیشرفت به تفکیک منطقه');
    expect(response.body).toContain('لاهیجان');
    expect(response.body).not.toContain('UNAPPROVED-NOTE');
  });
  it('is refused to outsiders', async () => {
    expect((await (await as(w.users.outsider)).get(`/en/programs/${programId}/print`)).statusCode).toBe(404);
  });
});

describe('organization programs page and index', () => {
  it('lists the organization’s published programs to a visitor and all to its staff', async () => {
    const visitor = await (await as(null)).get(`/en/organizations/${w.orgs.lead.slug}/programs`);
    expect(visitor.statusCode).toBe(200);
    expect((await (await as(null)).get(`/en/organizations/no-such-org/programs`)).statusCode).toBe(404);
    const index = await (await as(w.users.coordinator)).get('/vi/programs');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('Week 1401');
  });
});

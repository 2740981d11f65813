import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient, csrfFrom } from '../../../test/support/client.ts';
import { signedInClient } from '../../../test/support/factories.ts';
import { transaction } from '../../db/database.ts';
import { many, one } from '../../../test/support/sql.ts';
import { approveReport, programWorld, programWithActivity, reportFor, type ProgramWorld } from './factories.ts';
import {
  agreementAreaProgressFor,
  agreementAreaProgressInYear,
  createDraftActivities,
  findProgramRef,
  listProgramsForOrganization,
  programAccess,
  progressByAgreementArea,
} from './index.ts';
import { REPORTS_PER_HOUR } from './loaders.ts';
import { defined } from '../../../test/support/defined.ts';

const t = appForTests();
let w: ProgramWorld;
let programId: number;
let activityId: number;

beforeAll(async () => {
  w = await programWorld(t.db);
  ({ programId, activityId } = await programWithActivity(t.db, w));
  await reportFor(t.db, { activityId, regionId: w.regions.rasht.id, reporterId: w.users.rashtOfficial.id, families: 15, approve: true });
  await reportFor(t.db, {
    activityId,
    regionId: w.regions.lahijan.id,
    reporterId: w.users.lahijanOfficial.id,
    families: 4,
    notes: '=HYPERLINK("x")',
  });
});

const as = (user: { id: number } | null, lang = 'en') => signedInClient(t, user, lang);

describe('exports', () => {
  it('gives an XLSX whose cells hold the activities, their progress by region and the reports', async () => {
    const response = await (await as(w.users.coordinator)).get(`/en/programs/${programId}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const activities = defined(workbook.getWorksheet('Activities'), "workbook.getWorksheet('Activities')");
    expect(activities.getRow(1).getCell(1).value).toBe('No.');
    expect(activities.getRow(2).getCell(1).value).toBe(1);
    expect(activities.getRow(2).getCell(2).value).toBe('Commemoration of the fallen workers');
    // 15 of 30 families: 50 % overall; Rasht's share (10) is exceeded: 100 %.
    expect(activities.getRow(2).getCell(11).value).toBe(50);
    const headings = (activities.getRow(1).values as unknown[]).slice(1);
    expect(activities.getRow(2).getCell(headings.indexOf('Rasht') + 1).value).toBe(100);
    expect(activities.getRow(2).getCell(headings.indexOf('Lahijan') + 1).value).toBe(0);
    const reports = defined(workbook.getWorksheet('Reports'), "workbook.getWorksheet('Reports')");
    expect(reports.rowCount).toBeGreaterThanOrEqual(3);
    const statuses = reports.getColumn(9).values.slice(2);
    expect(statuses).toContain('Approved');
    expect(defined(workbook.getWorksheet('Program'), "workbook.getWorksheet('Program')").getRow(1).getCell(2).value).toBe(
      "Workers' Week 1401",
    );
  });
  it('gives a CSV with a UTF-8 BOM, the documented columns, and neutralized formulas', async () => {
    const response = await (await as(w.users.coordinator, 'fa')).get(`/fa/programs/${programId}/export.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(defined(lines[0], 'lines[0]').split(',')).toHaveLength(17);
    expect(lines[0]).toContain('ردیف فعالیت');
    expect(lines.some((l) => l.includes('رشت') && l.includes('تأییدشده'))).toBe(true);
    // the province row has no report yet
    expect(lines.some((l) => l.includes('گیلان'))).toBe(true);
  });
  it('leaves out another county’s unapproved report for a county official', async () => {
    const response = await (await as(w.users.rashtOfficial)).get(`/en/programs/${programId}/export.csv`);
    expect(response.body).not.toContain('Waiting for review');
    const coordinator = await (await as(w.users.coordinator)).get(`/en/programs/${programId}/export.csv`);
    expect(coordinator.body).toContain('Waiting for review');
  });
  it('refuses outsiders and visitors', async () => {
    expect((await (await as(w.users.outsider)).get(`/en/programs/${programId}/export.xlsx`)).statusCode).toBe(404);
    expect((await (await as(null)).get(`/en/programs/${programId}/export.csv`)).statusCode).toBe(303);
  });
});

describe('report files', () => {
  const boundary = '----programs-test';
  const multipart = (fields: Record<string, string>, files: Array<{ name: string; type: string; data: Buffer }>) => {
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const f of files) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
        ),
        f.data,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return Buffer.concat(parts);
  };
  const post = async (
    client: TestClient,
    files: Array<{ name: string; type: string; data: Buffer }>,
    extra: Record<string, string> = {},
  ) => {
    const url = `/en/programs/${programId}/activities/1/reports/new`;
    const csrf = csrfFrom((await client.get(url)).body);
    const fields = {
      _csrf: csrf,
      regionId: String(w.regions.rasht.id),
      heldOn: '2022-04-23',
      place: 'Factory yard',
      workers: '3',
      beneficiaries: '3',
      ...extra,
    };
    return client.request({
      method: 'POST',
      url,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart(fields, files),
    });
  };
  const photo = () =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();

  it('stores a photo re-encoded as JPEG and serves it to the coordinator', async () => {
    const client = await as(w.users.rashtOfficial);
    const response = await post(client, [{ name: 'meeting.png', type: 'image/png', data: await photo() }]);
    expect(response.statusCode).toBe(303);
    const file = await one<{ id: number; report_id: number; content_type: string; width: number }>(
      t.db,
      `SELECT id, report_id, content_type, width FROM activity_report_files ORDER BY id DESC LIMIT 1`,
    );
    expect(file).toMatchObject({ content_type: 'image/jpeg', width: 64 });
    const served = await (
      await as(w.users.coordinator)
    ).get(`/en/programs/${programId}/reports/${defined(file, 'file').report_id}/files/${defined(file, 'file').id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(
      (
        await (
          await as(w.users.outsider)
        ).get(`/en/programs/${programId}/reports/${defined(file, 'file').report_id}/files/${defined(file, 'file').id}`)
      ).statusCode,
    ).toBe(404);
  });
  it('refuses a file whose content does not match its name, and a file that is no image or PDF, storing no report', async () => {
    const client = await as(w.users.rashtOfficial);
    const before = await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM activity_reports`);
    const fake = await post(client, [
      { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF') },
    ]);
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain('does not match its name or type');
    const script = await post(client, [{ name: 'notes.png', type: 'image/png', data: Buffer.from('<script>alert(1)</script>') }]);
    expect(script.statusCode).toBe(422);
    expect(script.body).toContain('is not a JPEG, PNG or WebP photo or a PDF');
    const mixed = await post(client, [
      { name: 'ok.png', type: 'image/png', data: await photo() },
      { name: 'bad.png', type: 'image/png', data: Buffer.from('nope') },
    ]);
    expect(mixed.statusCode).toBe(422);
    expect(defined(await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM activity_reports`), 'the row').n).toBe(
      defined(before, 'before').n,
    );
  });
  it('answers a too-large upload with a clear 413 page, not a 5xx', async () => {
    const client = await as(w.users.rashtOfficial);
    const big = Buffer.alloc(9 * 1024 * 1024, 1);
    const response = await post(client, [{ name: 'big.jpg', type: 'image/jpeg', data: big }]);
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('lang="en"');
  });
});

describe('JSON API', () => {
  it('lists programs: published ones for a visitor, more for staff', async () => {
    const hidden = await programWithActivity(t.db, w, { isPublic: false });
    const visitor = await (await as(null)).get('/api/v1/programs');
    expect(visitor.statusCode).toBe(200);
    const ids = visitor.json<{ programs: Array<{ id: number }> }>().programs.map((p) => p.id);
    expect(ids).toContain(programId);
    expect(ids).not.toContain(hidden.programId);
    const staff = (await (await as(w.users.coordinator)).get('/api/v1/programs')).json<{ programs: Array<{ id: number }> }>();
    expect(staff.programs.map((p) => p.id)).toContain(hidden.programId);
  });
  it('shows a program with derived progress; internal fields only for staff', async () => {
    const visitor = (await (await as(null)).get(`/api/v1/programs/${programId}`)).json<{ activities: Array<Record<string, unknown>> }>();
    expect(defined(visitor.activities[0], 'visitor.activities[0]').progress).toBe(50);
    expect(visitor.activities[0]).not.toHaveProperty('internalNotes');
    expect(JSON.stringify(visitor)).not.toContain('SECRET-INTERNAL-NOTE');
    const staff = (await (await as(w.users.coordinator)).get(`/api/v1/programs/${programId}`)).json<{
      activities: Array<Record<string, unknown>>;
    }>();
    expect(defined(staff.activities[0], 'staff.activities[0]').internalNotes).toBe('SECRET-INTERNAL-NOTE');
    expect((await (await as(null)).get('/api/v1/programs/99999')).statusCode).toBe(404);
  });
  it('creates an activity with targets under the same policy', async () => {
    const client = await as(w.users.coordinator);
    const csrf = csrfFrom((await client.get(`/en/programs/${programId}/activities/new`)).body);
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    const created = await client.request({
      method: 'POST',
      url: `/api/v1/programs/${programId}/activities`,
      headers,
      payload: {
        title: 'Contest',
        type: 'contest',
        regionIds: [w.regions.rasht.id],
        targets: [{ amount: 20, unitLabel: 'teams', measure: 'participants' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const noUnit = await client.request({
      method: 'POST',
      url: `/api/v1/programs/${programId}/activities`,
      headers,
      payload: { title: 'X', targets: [{ amount: 5 }] },
    });
    expect(noUnit.statusCode).toBe(422);
    expect(noUnit.json<{ error: { fields: Record<string, string> } }>().error.fields.targets).toBeTruthy();
    const official = await as(w.users.rashtOfficial);
    const csrf2 = csrfFrom((await official.get(`/en/programs/${programId}/activities/1/reports/new`)).body);
    const refused = await official.request({
      method: 'POST',
      url: `/api/v1/programs/${programId}/activities`,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf2 },
      payload: { title: 'Y' },
    });
    expect(refused.statusCode).toBe(403);
  });
  it('files and reviews a report through the API, with county limits and validation', async () => {
    const official = await as(w.users.rashtOfficial);
    const csrf = csrfFrom((await official.get(`/en/programs/${programId}/activities/1/reports/new`)).body);
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    const url = `/api/v1/programs/${programId}/activities/1/reports`;
    const lahijan = await official.request({
      method: 'POST',
      url,
      headers,
      payload: { regionId: w.regions.lahijan.id, heldOn: '2022-04-25', place: 'Hall' },
    });
    expect(lahijan.statusCode).toBe(422);
    const negative = await official.request({
      method: 'POST',
      url,
      headers,
      payload: { regionId: w.regions.rasht.id, heldOn: '2022-04-25', place: 'Hall', workers: -2 },
    });
    expect(negative.statusCode).toBe(422);
    const notJson = await official.request({ method: 'POST', url, headers, payload: '[1,2]' });
    expect(notJson.statusCode).toBeLessThan(500);
    const ok = await official.request({
      method: 'POST',
      url,
      headers,
      payload: { regionId: w.regions.rasht.id, heldOn: '2022-04-25', place: 'Hall', families: 1 },
    });
    expect(ok.statusCode).toBe(201);
    const id = ok.json<{ id: number }>().id;
    const coordinator = await as(w.users.coordinator);
    const csrf3 = csrfFrom((await coordinator.get(`/en/programs/${programId}/activities/new`)).body);
    const review = await coordinator.request({
      method: 'POST',
      url: `/api/v1/programs/${programId}/reports/${id}/review`,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf3 },
      payload: { decision: 'approve' },
    });
    expect(review.statusCode).toBe(200);
    const again = await coordinator.request({
      method: 'POST',
      url: `/api/v1/programs/${programId}/reports/${id}/review`,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf3 },
      payload: { decision: 'approve' },
    });
    expect(again.statusCode).toBe(409);
  });
  it('keeps a county-limited coordinator to their county when reviewing through the API', async () => {
    const lahijanReport = await reportFor(t.db, {
      activityId,
      regionId: w.regions.lahijan.id,
      reporterId: w.users.lahijanOfficial.id,
      families: 2,
    });
    const rashtReport = await reportFor(t.db, {
      activityId,
      regionId: w.regions.rasht.id,
      reporterId: w.users.rashtOfficial.id,
      families: 2,
    });
    const client = await as(w.users.rashtCoordinator);
    const csrf = csrfFrom((await client.get(`/en/programs/${programId}`)).body);
    const review = (id: number) =>
      client.request({
        method: 'POST',
        url: `/api/v1/programs/${programId}/reports/${id}/review`,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        payload: { decision: 'approve' },
      });
    // Another county's submitted report is not even visible to them: the same 404 as a missing one.
    expect((await review(lahijanReport)).statusCode).toBe(404);
    expect(
      defined(await one<{ status: string }>(t.db, `SELECT status FROM activity_reports WHERE id = $1`, [lahijanReport]), 'the row').status,
    ).toBe('submitted');
    expect((await review(rashtReport)).statusCode).toBe(200);
  });
  it('answers 429 past the hourly report limit (attempts count, valid or not)', async () => {
    const official = await as(w.users.lahijanOfficial);
    const csrf = csrfFrom((await official.get(`/en/programs/${programId}/activities/1/reports/new`)).body);
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    const url = `/api/v1/programs/${programId}/activities/1/reports`;
    const statuses: number[] = [];
    for (let i = 0; i < REPORTS_PER_HOUR + 1; i++) {
      // Invalid on purpose: the limit counts attempts, so nothing needs storing to reach it.
      statuses.push(
        (await official.request({ method: 'POST', url, headers, payload: { regionId: w.regions.lahijan.id, heldOn: 'never', place: 'x' } }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, REPORTS_PER_HOUR).every((s) => s === 422)).toBe(true);
    expect(statuses[REPORTS_PER_HOUR]).toBe(429);
  });
  it('answers 401 JSON to a visitor writing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/activities`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      payload: { title: 'x' },
    });
    expect(response.statusCode).toBe(401);
  });
  it('documents its paths in /api/openapi.json', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/programs', '/api/v1/programs/{id}', '/api/v1/programs/{id}/activities/{number}/reports']),
    );
  });
});

describe('exports for other modules', () => {
  it('createDraftActivities numbers after the last activity and keeps the resolution', async () => {
    const ids = await transaction(t.db, (tx) =>
      createDraftActivities(tx, { programId, actorId: w.users.coordinator.id, titles: ['  First  ', '', 'Second'], resolutionId: 77 }),
    );
    expect(ids).toHaveLength(2);
    const rows = await many<{ number: number; title: string; resolution_id: number; status: string }>(
      t.db,
      `SELECT number, title, resolution_id, status FROM program_activities WHERE id = ANY($1::bigint[]) ORDER BY number`,
      [ids],
    );
    const last = await one<{ max: number }>(
      t.db,
      `SELECT max(number) AS max FROM program_activities WHERE program_id = $1 AND NOT (id = ANY($2::bigint[]))`,
      [programId, ids],
    );
    expect(rows.map((r) => [r.number, r.title, r.resolution_id, r.status])).toEqual([
      [defined(last, 'last').max + 1, 'First', 77, 'draft'],
      [defined(last, 'last').max + 2, 'Second', 77, 'draft'],
    ]);
  });
  it('findProgramRef and listProgramsForOrganization describe programs for partners too', async () => {
    expect(await findProgramRef(t.db, programId)).toEqual({
      id: programId,
      leadOrganizationId: w.orgs.lead.id,
      partnerOrganizationIds: [w.orgs.partner.id],
      title: "Workers' Week 1401",
    });
    expect(await findProgramRef(t.db, 999999)).toBeUndefined();
    expect((await listProgramsForOrganization(t.db, w.orgs.partner.id)).map((p) => p.id)).toContain(programId);
    expect(await listProgramsForOrganization(t.db, w.orgs.other.id)).toEqual([]);
  });
  it('progressByAgreementArea averages the area’s programs', async () => {
    const second = await programWithActivity(t.db, w);
    await t.db.query(`UPDATE programs SET agreement_area_id = 501 WHERE id = ANY($1::bigint[])`, [[programId, second.programId]]);
    const result = await progressByAgreementArea(t.db, [501, 502]);
    const area = defined(result.get(501), 'result.get(501)');
    expect(area.programs.map((p) => p.id).sort()).toEqual([programId, second.programId].sort());
    const expected = area.programs.reduce((s, p) => s + p.progress, 0) / 2;
    expect(area.progress).toBeCloseTo(expected, 1);
    expect(
      defined(
        area.programs.find((p) => p.id === second.programId),
        'the item found',
      ).progress,
    ).toBe(0);
    expect(result.has(502)).toBe(false);
  });
});

describe('activities and visibility for agreement areas', () => {
  it('gives each program its activities by number with the dashboard’s derived progress, moving when a report is approved', async () => {
    const p = await programWithActivity(t.db, w, { agreementAreaId: 601 });
    await createDraftActivities(t.db, { programId: p.programId, actorId: w.users.coordinator.id, titles: ['Second activity'] });
    const before = defined((await progressByAgreementArea(t.db, [601])).get(601), 'the area');
    expect(defined(before.programs[0], 'before.programs[0]').activities).toEqual([
      { number: 1, title: 'Commemoration of the fallen workers', status: 'planned', progress: 0 },
      { number: 2, title: 'Second activity', status: 'draft', progress: 0 },
    ]);
    // 15 of 30 families: 50 % for the activity, the program the average of its two activities, the area its program's.
    const reportId = await reportFor(t.db, {
      activityId: p.activityId,
      regionId: w.regions.rasht.id,
      reporterId: w.users.rashtOfficial.id,
      families: 15,
    });
    expect(
      defined(
        defined(defined((await progressByAgreementArea(t.db, [601])).get(601), 'the area').programs[0], 'its first program').activities[0],
        'its first activity',
      ).progress,
    ).toBe(0);
    await approveReport(t.db, reportId);
    const after = defined((await progressByAgreementArea(t.db, [601])).get(601), 'the area');
    expect(defined(after.programs[0], 'after.programs[0]').activities.map((a) => a.progress)).toEqual([50, 0]);
    expect(defined(after.programs[0], 'after.programs[0]').progress).toBe(25);
    expect(after.progress).toBe(25);
    // The same figures as the program's dashboard derives.
    const dashboard = await (await as(w.users.coordinator)).get(`/en/programs/${p.programId}`);
    expect(dashboard.body).toContain('25%');
  });

  it('reads any number of areas in three queries (programs, their organizations through the organizations module, report sums)', async () => {
    for (const area of [602, 603, 604]) await programWithActivity(t.db, w, { agreementAreaId: area });
    const client = await t.db.connect();
    try {
      let queries = 0;
      const query = client.query.bind(client);
      client.query = ((...args: unknown[]) => {
        queries += 1;
        return Reflect.apply(query, client, args);
      }) as typeof client.query;
      const result = await progressByAgreementArea(client, [602, 603, 604, 605]);
      expect([...result.keys()].sort()).toEqual([602, 603, 604]);
      expect(queries).toBe(3);
    } finally {
      client.release();
    }
  });

  it('shows a viewer only the programs the policy lets them see, drafts of activities only to staff', async () => {
    const open = await programWithActivity(t.db, w, { isPublic: true, agreementAreaId: 610 });
    const closed = await programWithActivity(t.db, w, { isPublic: false, agreementAreaId: 610 });
    const draftProgram = await programWithActivity(t.db, w, { isPublic: true, status: 'draft', agreementAreaId: 610 });
    await createDraftActivities(t.db, { programId: open.programId, actorId: w.users.coordinator.id, titles: ['Not yet planned'] });
    const all = await progressByAgreementArea(t.db, [610]);
    const seen = (actor: Parameters<typeof programAccess>[0]) => agreementAreaProgressFor(actor, all).get(610);

    for (const actor of [
      null,
      {
        userId: w.users.outsider.id,
        isPlatformAdmin: false,
        grants: [{ organizationId: w.orgs.other.id, role: 'coordinator' as const, regionId: null }],
      },
    ]) {
      const area = defined(seen(actor), 'seen(actor)');
      expect(area.programs.map((p) => [p.id, p.access])).toEqual([[open.programId, 'public']]);
      expect(defined(area.programs[0], 'area.programs[0]').activities.map((a) => a.title)).toEqual(['Commemoration of the fallen workers']);
      expect(area.programs[0]).not.toHaveProperty('lead');
    }
    const staff = defined(
      seen({
        userId: w.users.rashtOfficial.id,
        isPlatformAdmin: false,
        grants: [{ organizationId: w.orgs.lead.id, role: 'official', regionId: w.regions.rasht.id }],
      }),
      'the page seen',
    );
    expect(staff.programs.map((p) => p.id).sort()).toEqual([open.programId, closed.programId, draftProgram.programId].sort());
    expect(staff.programs.every((p) => p.access === 'staff')).toBe(true);
    expect(
      defined(
        staff.programs.find((p) => p.id === open.programId),
        'the item found',
      ).activities.map((a) => a.status),
    ).toEqual(['planned', 'draft']);

    // A member of the lead is not staff: only the published program.
    const member = {
      userId: w.users.member.id,
      isPlatformAdmin: false,
      grants: [{ organizationId: w.orgs.lead.id, role: 'member' as const, regionId: null }],
    };
    expect(programAccess(member, { status: 'active', isPublic: false, lead: w.orgs.lead, partners: [] })).toBe('none');
    expect(
      agreementAreaProgressFor(
        null,
        new Map([
          [611, { progress: 0, programs: defined(all.get(610), 'all.get(610)').programs.filter((p) => p.id === closed.programId) }],
        ]),
      ).has(611),
    ).toBe(false);
  });

  it('gives an area’s progress in a year from the programs whose period overlaps it, null when none does', () => {
    const programs = [
      { status: 'active', progress: 40, periodStart: '2019-03-01', periodEnd: '2019-12-31' },
      { status: 'completed', progress: 80, periodStart: '2019-11-01', periodEnd: '2020-02-28' },
      { status: 'cancelled', progress: 0, periodStart: '2020-01-01', periodEnd: '2020-12-31' },
    ];
    expect(agreementAreaProgressInYear(programs, 2019)).toBe(60);
    expect(agreementAreaProgressInYear(programs, 2020)).toBe(80);
    expect(agreementAreaProgressInYear(programs, 2021)).toBeNull();
    expect(agreementAreaProgressInYear([], 2019)).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient, csrfFrom } from '../../../test/support/client.ts';
import {
  createOrganization,
  createUser,
  grantRole,
  signedInClient,
  type TestOrganization,
  type TestUser,
} from '../../../test/support/factories.ts';
import { one } from '../../../test/support/sql.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import { createAgreement as makeAgreement } from './factories.ts';
import { findAgreementArea, listAgreementAreasForOrganization } from './index.ts';
import { programWithActivity, programWorld, reportFor, type ProgramWorld } from '../programs/factories.ts';
import { defined } from '../../../test/support/defined.ts';

const t = appForTests();
let federation: TestOrganization;
let youth: TestOrganization;
let stranger: TestOrganization;
let coordinator: TestUser;
let member: TestUser;
let outsider: TestUser;

const as = (user: TestUser): Promise<TestClient> => signedInClient(t, user);

const count = async (sql: string, values: unknown[] = []) => defined(await one<{ n: number }>(t.db, sql, values), 'the row').n;

// The Bắc Giang areas restated, numbered one a line with a stray line break inside the last.
const areasText = [
  'Các nội dung phối hợp:',
  '1. Đối thoại định kỳ với công nhân',
  '2. Chăm lo, hỗ trợ công nhân',
  '3. Phong trào thi đua',
  '4. Biểu dương, tôn vinh công nhân',
  '5. Đào tạo cán bộ công đoàn, cán bộ đoàn',
  '6. Tuyên truyền bằng nhiều hình thức phù hợp',
  '7. Nâng cấp trang thông tin điện tử, lập tài khoản Facebook',
  'làm diễn đàn cho thanh niên công nhân.',
].join('\n');

const validAgreement = () => ({
  title: 'Chương trình phối hợp 2018–2022',
  party1: String(federation.id),
  signatory1: 'Nguyễn Thị Hương',
  signatoryRole1: 'Thay mặt Ban Thường vụ',
  party2: String(youth.id),
  signatory2: 'Trần Văn Minh',
  signatoryRole2: 'Thay mặt Ban Thường vụ Tỉnh đoàn',
  signedOn: '2018-08-14',
  periodStart: '2018',
  periodEnd: '2022',
  status: 'in_force',
  goals: 'Công nhân có tay nghề, năng động',
  areas: areasText,
});

/** An agreement posted through the form as the coordinator (the creation tests). */
async function postAgreement(overrides: Record<string, string> = {}): Promise<number> {
  const response = await (await as(coordinator)).post('/vi/agreements/new', { ...validAgreement(), ...overrides });
  expect(response.statusCode).toBe(303);
  return Number(defined(/agreements\/(\d+)/.exec(String(response.headers.location)), 'the match')[1]);
}

/** The agreement of validAgreement(), built by the module's factory for tests' setup. */
function createAgreement(overrides: { status?: 'draft' | 'in_force'; title?: string } = {}): Promise<number> {
  return makeAgreement(t.db, [federation.id, youth.id], {
    title: overrides.title ?? validAgreement().title,
    status: overrides.status ?? 'in_force',
    signedOn: '2018-08-14',
    goals: validAgreement().goals,
    areas: parseNumberedList(areasText),
    createdBy: coordinator.id,
  });
}

function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = '----unionhall' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(client: TestClient, id: number, file?: { name: string; type: string; data: Buffer }) {
  const page = await client.get(`/en/agreements/${id}`);
  const body = multipart({ _csrf: csrfFrom(page.body) }, file);
  return client.request({ method: 'POST', url: `/en/agreements/${id}/documents`, payload: body.payload, headers: body.headers });
}

beforeAll(async () => {
  federation = await createOrganization(t.db, {
    kind: 'labour_federation',
    name: { vi: 'Liên đoàn Lao động tỉnh', en: 'Provincial Labour Federation' },
  });
  youth = await createOrganization(t.db, { kind: 'youth_union', name: { vi: 'Tỉnh Đoàn', en: 'Provincial Youth Union' } });
  stranger = await createOrganization(t.db, { name: { en: 'Elsewhere' } });
  coordinator = await createUser(t.db);
  member = await createUser(t.db);
  outsider = await createUser(t.db);
  await grantRole(t.db, coordinator.id, federation.id, 'coordinator');
  await grantRole(t.db, member.id, youth.id, 'member');
  await grantRole(t.db, outsider.id, stranger.id, 'admin');
});

describe('POST /:lang/agreements/new', () => {
  it('creates the agreement with its parties, signatories, period in years and the 7 pasted areas', async () => {
    const id = await postAgreement();
    const row = await one<{ period_start: string; period_end: string; signed_on: string }>(
      t.db,
      `SELECT period_start, period_end, signed_on FROM agreements WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ period_start: '2018-01-01', period_end: '2022-12-31', signed_on: '2018-08-14' });
    const areas = await t.db.query(`SELECT number, description FROM agreement_areas WHERE agreement_id = $1 ORDER BY number`, [id]);
    expect(areas.rows).toHaveLength(7);
    expect(areas.rows[0].description).toBe('Đối thoại định kỳ với công nhân');
    expect(areas.rows[6].description).toBe(
      'Nâng cấp trang thông tin điện tử, lập tài khoản Facebook làm diễn đàn cho thanh niên công nhân',
    );
    const page = await t.app.inject({ url: `/vi/agreements/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2018–2022');
    expect(page.body).toContain('Nguyễn Thị Hương');
  });
  it('accepts Jalali years on Persian pages', async () => {
    const response = await (
      await as(coordinator)
    ).post('/fa/agreements/new', { ...validAgreement(), signedOn: '', periodStart: '۱۳۹۷', periodEnd: '۱۴۰۱', areas: '' });
    expect(response.statusCode).toBe(303);
    const id = Number(defined(/agreements\/(\d+)/.exec(String(response.headers.location)), 'the match')[1]);
    const row = await one<{ period_start: string; period_end: string }>(
      t.db,
      `SELECT period_start, period_end FROM agreements WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ period_start: '2018-03-21', period_end: '2023-03-20' });
    const page = await t.app.inject({ url: `/fa/agreements/${id}` });
    expect(page.body).toContain('۱۳۹۷–۱۴۰۱');
  });
  it('refuses a period that ends before it starts, with the message in the page’s language, storing nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM agreements`);
    const response = await (
      await as(coordinator)
    ).post('/vi/agreements/new', { ...validAgreement(), periodStart: '2022', periodEnd: '2018' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Giai đoạn không thể kết thúc trước khi bắt đầu.');
    expect(await count(`SELECT count(*)::int AS n FROM agreements`)).toBe(before);
  });
  it('refuses bad input: impossible dates, one party, a party twice, RTL overrides, over-long text, unknown status', async () => {
    const client = await as(coordinator);
    const before = await count(`SELECT count(*)::int AS n FROM agreements`);
    for (const bad of [
      { signedOn: '2018-02-30' },
      { periodStart: '1401/13/40' },
      { party2: '' },
      { party2: String(federation.id) },
      { title: 'a\u202Eb' },
      { title: 'x'.repeat(301) },
      { goals: 'x'.repeat(10_001) },
      { status: 'forever' },
      { areas: Array.from({ length: 51 }, (_, i) => `${i + 1}. area`).join('\n') },
    ]) {
      const response = await client.post('/en/agreements/new', { ...validAgreement(), ...bad });
      expect(response.statusCode, JSON.stringify(bad).slice(0, 60)).toBe(422);
    }
    const jalali = await client.post('/fa/agreements/new', { ...validAgreement(), signedOn: '1401/13/40' });
    expect(jalali.statusCode).toBe(422);
    expect(await count(`SELECT count(*)::int AS n FROM agreements`)).toBe(before);
  });
  it('requires one party where the creator is coordinator or admin', async () => {
    const response = await (await as(coordinator)).post('/en/agreements/new', { ...validAgreement(), party1: String(stranger.id) });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('One of the parties must be an organization where you are');
  });
  it('sends visitors to log in and forbids people without such a role', async () => {
    expect((await t.app.inject({ url: '/en/agreements/new' })).statusCode).toBe(303);
    expect((await (await as(member)).get('/en/agreements/new')).statusCode).toBe(403);
  });
});

describe('GET /:lang/agreements and /:lang/agreements/:id', () => {
  it('shows agreements in force to everyone and drafts only to people of the parties', async () => {
    const open = await createAgreement();
    const draft = await createAgreement({ status: 'draft', title: 'Secret draft' });
    const list = await t.app.inject({ url: '/en/agreements' });
    expect(list.body).toContain(`/en/agreements/${open}`);
    expect(list.body).not.toContain('Secret draft');
    expect((await t.app.inject({ url: `/en/agreements/${draft}` })).statusCode).toBe(404);
    expect((await (await as(outsider)).get(`/en/agreements/${draft}`)).statusCode).toBe(404);
    expect((await (await as(member)).get(`/en/agreements/${draft}`)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/en/agreements/abc' })).statusCode).toBe(404);
  });
  it('lists an organization’s agreements on its own page', async () => {
    const id = await createAgreement({ title: 'Youth agreement' });
    const page = await t.app.inject({ url: `/vi/organizations/${youth.slug}/agreements` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/vi/agreements/${id}`);
    expect((await t.app.inject({ url: `/vi/organizations/${stranger.slug}/agreements` })).body).not.toContain(`/vi/agreements/${id}`);
    expect((await t.app.inject({ url: '/vi/organizations/no-such-org/agreements' })).statusCode).toBe(404);
  });
  it('forbids editing to people who are not coordinators or admins of a party', async () => {
    const id = await createAgreement();
    expect((await (await as(member)).get(`/en/agreements/${id}/edit`)).statusCode).toBe(403);
    expect((await (await as(outsider)).post(`/en/agreements/${id}/edit`, validAgreement(), { from: '/en/agreements' })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'GET', url: `/en/agreements/${id}/edit` })).statusCode).toBe(303);
  });
  it('edits an agreement and refuses a period ending before it starts', async () => {
    const id = await createAgreement();
    const client = await as(coordinator);
    expect(
      (await client.post(`/en/agreements/${id}/edit`, { ...validAgreement(), periodStart: '2018-08-14', periodEnd: '2018-08-13' }))
        .statusCode,
    ).toBe(422);
    expect((await client.post(`/en/agreements/${id}/edit`, { ...validAgreement(), status: 'renewed' })).statusCode).toBe(303);
    expect(defined(await one<{ status: string }>(t.db, `SELECT status FROM agreements WHERE id = $1`, [id]), 'the row').status).toBe(
      'renewed',
    );
  });
});

describe('POST /:lang/agreements/:id/areas, …/targets, …/areas/:areaId/edit, …/documents', () => {
  it('adds areas after the last one and yearly targets; a target amount needs a unit', async () => {
    const id = await createAgreement();
    const client = await as(coordinator);
    expect((await client.post(`/en/agreements/${id}/areas`, { areas: '8. Extra area\n9. Another' })).statusCode).toBe(303);
    const area = await one<{ id: number }>(t.db, `SELECT id FROM agreement_areas WHERE agreement_id = $1 AND number = 1`, [id]);
    expect(
      (
        await client.post(`/en/agreements/${id}/targets`, {
          areaId: String(defined(area, 'area').id),
          year: '2019',
          target: 'Dialogues',
          amount: '4',
          unit: '',
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await client.post(`/en/agreements/${id}/targets`, {
          areaId: String(defined(area, 'area').id),
          year: '2019',
          target: 'Dialogues',
          amount: '-4',
          unit: 'dialogues',
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await client.post(`/en/agreements/${id}/targets`, {
          areaId: String(defined(area, 'area').id),
          year: '2019',
          target: 'Dialogues',
          amount: '4',
          unit: 'dialogues',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await client.post(`/fa/agreements/${id}/targets`, {
          areaId: String(defined(area, 'area').id),
          year: '۱۳۹۸',
          target: 'گفت‌وگو',
          amount: '۴',
          unit: 'نشست',
        })
      ).statusCode,
    ).toBe(303);
    const years = await t.db.query(`SELECT year FROM agreement_area_targets WHERE area_id = $1 ORDER BY id`, [defined(area, 'area').id]);
    expect(years.rows.map((r) => r.year)).toEqual([2019, 2019]);
    expect(await count(`SELECT count(*)::int AS n FROM agreement_areas WHERE agreement_id = $1`, [id])).toBe(9);
    // An area of another agreement is refused.
    const other = await createAgreement();
    const foreign = await one<{ id: number }>(t.db, `SELECT id FROM agreement_areas WHERE agreement_id = $1 AND number = 1`, [other]);
    expect(
      (await client.post(`/en/agreements/${id}/targets`, { areaId: String(defined(foreign, 'foreign').id), year: '2019', target: 'x' }))
        .statusCode,
    ).toBe(422);
    expect((await client.post(`/en/agreements/${id}/areas`, { areas: '   ' })).statusCode).toBe(422);
    expect((await (await as(member)).post(`/en/agreements/${id}/areas`, { areas: '1. x' })).statusCode).toBe(403);
  });
  it('rewrites an area’s wording, refusing empty text; an area of another agreement is not found', async () => {
    const id = await createAgreement();
    const other = await createAgreement();
    const client = await as(coordinator);
    const area = await one<{ id: number }>(t.db, `SELECT id FROM agreement_areas WHERE agreement_id = $1 AND number = 2`, [id]);
    const foreign = await one<{ id: number }>(t.db, `SELECT id FROM agreement_areas WHERE agreement_id = $1 AND number = 2`, [other]);
    expect((await client.post(`/en/agreements/${id}/areas/${defined(area, 'area').id}/edit`, { description: '' })).statusCode).toBe(422);
    expect(
      (await client.post(`/en/agreements/${id}/areas/${defined(foreign, 'foreign').id}/edit`, { description: 'Hijack' })).statusCode,
    ).toBe(404);
    expect(
      (
        await client.post(`/en/agreements/${id}/areas/${defined(area, 'area').id}/edit`, {
          description: 'Care and support for workers in hardship',
        })
      ).statusCode,
    ).toBe(303);
    const rows = await t.db.query(`SELECT description FROM agreement_areas WHERE id = ANY($1::bigint[]) ORDER BY id`, [
      [defined(area, 'area').id, defined(foreign, 'foreign').id],
    ]);
    expect(rows.rows.map((r) => r.description)).toEqual(['Care and support for workers in hardship', 'Chăm lo, hỗ trợ công nhân']);
    expect(
      (await (await as(member)).post(`/en/agreements/${id}/areas/${defined(area, 'area').id}/edit`, { description: 'x' })).statusCode,
    ).toBe(403);
  });
  it('gives each form of the page its own action, and a refused area edit opens that area’s form with its error', async () => {
    const id = await createAgreement();
    const client = await as(coordinator);
    const area = await one<{ id: number }>(t.db, `SELECT id FROM agreement_areas WHERE agreement_id = $1 AND number = 3`, [id]);
    const page = (await client.get(`/en/agreements/${id}`)).body;
    for (const action of ['areas', 'targets', 'documents', `areas/${defined(area, 'area').id}/edit`])
      expect(page).toContain(`action="/en/agreements/${id}/${action}"`);
    expect(page).not.toContain('name="intent"');
    const refused = await client.post(`/en/agreements/${id}/areas/${defined(area, 'area').id}/edit`, { description: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(/<details class="agreements-area-edit" open[^>]*>(?:(?!<\/details>)[\s\S])*id="edit-area-\d+-error"/);
    expect(refused.body).toContain(`id="edit-area-${defined(area, 'area').id}-error"`);
  });
  it('stores a PDF, re-encodes an image, and serves them only to people of the parties', async () => {
    const id = await createAgreement();
    const client = await as(coordinator);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    expect((await upload(client, id, { name: 'signed.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(303);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    expect((await upload(client, id, { name: 'photo.png', type: 'image/png', data: png })).statusCode).toBe(303);
    const docs = await t.db.query(`SELECT id, filename, content_type FROM agreement_documents WHERE agreement_id = $1 ORDER BY id`, [id]);
    expect(docs.rows.map((r) => r.content_type)).toEqual(['application/pdf', 'image/jpeg']);
    expect(docs.rows[1].filename).toBe('photo.jpg');
    const download = await client.get(`/en/agreements/${id}/documents/${docs.rows[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect((await t.app.inject({ url: `/en/agreements/${id}/documents/${docs.rows[0].id}` })).statusCode).toBe(404);
    expect((await (await as(outsider)).get(`/en/agreements/${id}/documents/${docs.rows[0].id}`)).statusCode).toBe(404);
    expect((await (await as(member)).get(`/en/agreements/${id}/documents/${docs.rows[0].id}`)).statusCode).toBe(200);
  });
  it('refuses files whose content does not match, unknown types, missing and huge files, storing nothing', async () => {
    const id = await createAgreement();
    const client = await as(coordinator);
    const html = await upload(client, id, {
      name: 'contract.pdf',
      type: 'application/pdf',
      data: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('Only PDF files and JPEG, PNG or WebP images can be attached.');
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const renamed = await upload(client, id, { name: 'scan.pdf', type: 'application/pdf', data: png });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.body).toContain('does not match its name');
    expect((await upload(client, id)).statusCode).toBe(422);
    // A right-to-left override cannot disguise an executable as a PDF: the name is cleaned, then checked.
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const disguised = await upload(client, id, { name: 'contract\u202Efdp.exe', type: 'application/pdf', data: pdf });
    expect(disguised.statusCode).toBe(422);
    const huge = await upload(client, id, {
      name: 'big.pdf',
      type: 'application/pdf',
      data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(9 * 1024 * 1024, 32)]),
    });
    expect(huge.statusCode).toBe(413);
    expect(await count(`SELECT count(*)::int AS n FROM agreement_documents WHERE agreement_id = $1`, [id])).toBe(0);
  });
});

describe('exports for the programs module', () => {
  it('lists an organization’s agreement areas and finds one with its parties', async () => {
    const id = await createAgreement();
    const areas = await listAgreementAreasForOrganization(t.db, youth.id);
    const mine = areas.filter((a) => a.agreementId === id);
    expect(mine.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const found = await findAgreementArea(t.db, defined(mine[0], 'mine[0]').id);
    expect(found).toMatchObject({ agreementId: id, number: 1, partyOrganizationIds: [federation.id, youth.id] });
    expect(await findAgreementArea(t.db, 999999999)).toBeUndefined();
    expect((await listAgreementAreasForOrganization(t.db, stranger.id)).length).toBe(0);
  });
});

describe('programs and activities under each area', () => {
  let w: ProgramWorld;
  beforeAll(async () => {
    w = await programWorld(t.db);
  });
  /** A program of the programs fixture serving area `number` of the agreement, its activity renamed. */
  async function programServing(agreementId: number, number: number, options: { isPublic: boolean; activityTitle: string }) {
    const program = await programWithActivity(t.db, w, { isPublic: options.isPublic });
    const area = await one<{ id: number }>(t.db, `SELECT id FROM agreement_areas WHERE agreement_id = $1 AND number = $2`, [
      agreementId,
      number,
    ]);
    await t.db.query(`UPDATE programs SET agreement_area_id = $1, title = $2 WHERE id = $3`, [
      defined(area, 'area').id,
      `Program of area ${number}`,
      program.programId,
    ]);
    await t.db.query(`UPDATE program_activities SET title = $1 WHERE id = $2`, [options.activityTitle, program.activityId]);
    return { ...program, areaId: defined(area, 'area').id };
  }
  const areaHtml = (body: string, number: number) => {
    const start = body.indexOf(`id="area-${number}"`);
    expect(start).toBeGreaterThan(-1);
    const end = body.indexOf(`id="area-${number + 1}"`, start);
    return body.slice(start, end === -1 ? undefined : end);
  };

  it('lists each area’s activities with derived progress that moves when a report is approved, not before', async () => {
    const id = await createAgreement();
    const p = await programServing(id, 1, { isPublic: true, activityTitle: 'Dialogue with night-shift workers' });
    const visitorArea = async () => areaHtml((await t.app.inject({ url: `/en/agreements/${id}` })).body, 1);
    let html = await visitorArea();
    expect(html).toContain('Dialogue with night-shift workers');
    expect(html).toContain('0% done');
    expect(html).toContain('Planned');
    // A visitor reaches the program's public page (its internal pages are for staff).
    expect(html).toContain(`href="/en/programs/${p.programId}/public"`);
    expect(html).not.toContain(`/en/programs/${p.programId}/activities/`);

    // The target is 30 families over the province and two counties; 15 families reported in Rasht.
    const reportId = await reportFor(t.db, {
      activityId: p.activityId,
      regionId: w.regions.rasht.id,
      reporterId: w.users.rashtOfficial.id,
      families: 15,
    });
    expect(await visitorArea()).toContain('0% done');
    const reviewer = await as(w.users.coordinator);
    const review = await reviewer.post(`/en/programs/${p.programId}/reports/${reportId}`, { decision: 'approve', comment: '' });
    expect(review.statusCode).toBe(303);
    html = await visitorArea();
    expect(html).toContain('50% done');

    // Staff of the program see the dashboard and the activity's page.
    const staff = areaHtml((await reviewer.get(`/en/agreements/${id}`)).body, 1);
    expect(staff).toContain(`href="/en/programs/${p.programId}"`);
    expect(staff).toContain(`href="/en/programs/${p.programId}/activities/${p.activityNumber}"`);

    // The JSON API gives the same activities and progress.
    const api = (await t.app.inject({ url: `/api/v1/agreements/${id}` })).json();
    const area = api.agreement.areas.find((a: { number: number }) => a.number === 1);
    expect(area.progress).toBe(50);
    expect(area.programs[0].activities).toEqual([
      {
        number: p.activityNumber,
        title: 'Dialogue with night-shift workers',
        status: 'planned',
        progress: 50,
        path: `/programs/${p.programId}/public`,
      },
    ]);
    expect(area.programs[0]).not.toHaveProperty('lead');
  });

  it('shows a non-public program and its activities only to its staff, and draft activities only to staff', async () => {
    const id = await createAgreement();
    const hidden = await programServing(id, 2, { isPublic: false, activityTitle: 'Internal visit to families' });
    const open = await programServing(id, 3, { isPublic: true, activityTitle: 'Public contest' });
    await t.db.query(`UPDATE program_activities SET status = 'draft' WHERE id = $1`, [open.activityId]);
    for (const viewer of [null, w.users.outsider, w.users.member, outsider]) {
      const body = viewer
        ? (await (await as(viewer)).get(`/en/agreements/${id}`)).body
        : (await t.app.inject({ url: `/en/agreements/${id}` })).body;
      expect(body).not.toContain('Internal visit to families');
      expect(body).not.toContain(`/programs/${hidden.programId}`);
      expect(areaHtml(body, 2)).toContain('No program serves this area yet.');
      expect(areaHtml(body, 3)).toContain(`/programs/${open.programId}/public`);
      expect(body).not.toContain('Public contest');
    }
    const api = JSON.stringify((await t.app.inject({ url: `/api/v1/agreements/${id}` })).json());
    expect(api).not.toContain('Internal visit to families');
    expect(api).not.toContain('Public contest');
    for (const staff of [w.users.coordinator, w.users.partnerCoordinator, w.users.rashtOfficial]) {
      const body = (await (await as(staff)).get(`/en/agreements/${id}`)).body;
      expect(areaHtml(body, 2)).toContain('Internal visit to families');
      expect(areaHtml(body, 3)).toContain('Public contest');
      expect(areaHtml(body, 3)).toContain('Draft');
    }
  });

  it('shows each yearly target beside the area’s progress that year, or that no program covers it, in fa, vi and en', async () => {
    const id = await createAgreement();
    const p = await programServing(id, 4, { isPublic: true, activityTitle: 'Honouring model workers' });
    await reportFor(t.db, {
      activityId: p.activityId,
      regionId: w.regions.lahijan.id,
      reporterId: w.users.lahijanOfficial.id,
      families: 3,
      approve: true,
    });
    const client = await as(coordinator);
    // The fixture's program runs in April–May 2022.
    for (const year of ['2019', '2022']) {
      expect(
        (
          await client.post(`/en/agreements/${id}/targets`, {
            areaId: String(p.areaId),
            year,
            target: `Honour workers in ${year}`,
            amount: '10',
            unit: 'workers',
          })
        ).statusCode,
      ).toBe(303);
    }
    const rows = (body: string) => areaHtml(body, 4).split('<tr>').slice(2);
    const en = rows((await t.app.inject({ url: `/en/agreements/${id}` })).body);
    expect(en[0]).toContain('Honour workers in 2019');
    expect(en[0]).toContain('No programs yet');
    expect(en[1]).toContain('Honour workers in 2022');
    expect(en[1]).toContain('10% done');
    const vi = (await t.app.inject({ url: `/vi/agreements/${id}` })).body;
    expect(rows(vi)[0]).toContain('Chưa có chương trình');
    expect(rows(vi)[1]).toContain('Đã đạt 10%');
    expect(areaHtml(vi, 4)).toContain('Honouring model workers');
    expect(areaHtml(vi, 4)).toContain('Đã lên kế hoạch');
    const fa = (await t.app.inject({ url: `/fa/agreements/${id}` })).body;
    expect(rows(fa)[0]).toContain('هنوز برنامه‌ای نیست');
    expect(rows(fa)[1]).toContain('۱۰٪ انجام‌شده');
    expect(areaHtml(fa, 4)).toContain('Honouring model workers');
    expect(areaHtml(fa, 4)).toContain('برنامه‌ریزی‌شده');
  });
});

describe('JSON API', () => {
  it('lists and shows public agreements, hides drafts, and creates agreements under the same rules', async () => {
    const open = await createAgreement();
    const draft = await createAgreement({ status: 'draft', title: 'API draft' });
    const list = await t.app.inject({ url: '/api/v1/agreements' });
    expect(list.statusCode).toBe(200);
    const ids = list.json().agreements.map((a: { id: number }) => a.id);
    expect(ids).toContain(open);
    expect(ids).not.toContain(draft);
    expect((await t.app.inject({ url: `/api/v1/agreements/${draft}` })).statusCode).toBe(404);
    const detail = await t.app.inject({ url: `/api/v1/agreements/${open}` });
    expect(detail.json().agreement.areas).toHaveLength(7);
    expect(detail.json().agreement.documents).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/agreements', payload: {} })).statusCode).toBeGreaterThanOrEqual(400);
    const client = await as(coordinator);
    const token = csrfFrom((await client.get('/en/agreements/new')).body);
    const post = (payload: object) =>
      client.request({
        method: 'POST',
        url: '/api/v1/agreements',
        payload,
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      });
    const parties = [{ organizationId: federation.id, signatoryName: 'A' }, { organizationId: youth.id }];
    const bad = await post({ title: 'x', periodStart: 2022, periodEnd: 2018, status: 'draft', parties });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.periodEnd).toBe('The period cannot end before it starts.');
    const created = await post({
      title: 'API agreement',
      periodStart: 2018,
      periodEnd: 2022,
      status: 'in_force',
      parties,
      areas: ['Dialogues', 'Care'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().agreement.areas.map((a: { number: number }) => a.number)).toEqual([1, 2]);
  });
});

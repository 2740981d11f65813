import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import {
  createOrganization,
  createRegion,
  createUser,
  grantRole,
  signedInClient,
  type TestOrganization,
  type TestUser,
} from '../../../test/support/factories.ts';
import { one } from '../../../test/support/sql.ts';
import { createMeeting as makeMeeting } from './factories.ts';
import { createProgram } from '../programs/factories.ts';
import { defined } from '../../../test/support/defined.ts';

const t = appForTests();
let organizer: TestOrganization;
let partner: TestOrganization;
let stranger: TestOrganization;
let coordinator: TestUser;
let official: TestUser;
let partnerMember: TestUser;
let outsider: TestUser;
let programId: number;
let otherProgramId: number;

const as = (user: TestUser, lang = 'en'): Promise<TestClient> => signedInClient(t, user, lang);

const count = async (sql: string, values: unknown[] = []) => defined(await one<{ n: number }>(t.db, sql, values), 'the row').n;

const validMeeting = () => ({
  organizerId: String(organizer.id),
  title: 'جلسهٔ هماهنگی هفتهٔ کارگر',
  heldOn: '۱۴۰۱/۰۱/۲۲',
  startsAt: '۰۹:۳۰',
  place: 'ادارهٔ کل کار',
  attending: [String(partner.id)],
  attendees: 'علی کاظمی — مدیرکل\nمریم رضایی — هماهنگ‌کننده',
  agenda: 'برنامه‌های هفتهٔ کارگر',
  minutes: 'پیش‌نویس صورت‌جلسه',
});

/** The Gilan meeting of validMeeting(), built by the module's factory (the form itself is tested under POST /new). */
function createMeeting(): Promise<number> {
  return makeMeeting(t.db, organizer.id, {
    title: validMeeting().title,
    heldOn: '2022-04-11',
    startsAt: '09:30',
    place: validMeeting().place,
    attendingIds: [partner.id],
    attendees: [
      { name: 'علی کاظمی', role: 'مدیرکل', userId: null },
      { name: 'مریم رضایی', role: 'هماهنگ‌کننده', userId: null },
    ],
    agenda: validMeeting().agenda,
    minutes: validMeeting().minutes,
    createdBy: coordinator.id,
  });
}

beforeAll(async () => {
  organizer = await createOrganization(t.db, { name: { en: 'Gilan Workers', fa: 'تشکل کارگری گیلان' } });
  partner = await createOrganization(t.db, { name: { en: 'Labour Directorate', fa: 'ادارهٔ کل کار' } });
  stranger = await createOrganization(t.db, { name: { en: 'Elsewhere Union' } });
  coordinator = await createUser(t.db, { name: 'Coordinator' });
  official = await createUser(t.db, { name: 'Official' });
  partnerMember = await createUser(t.db, { name: 'Partner Member' });
  outsider = await createUser(t.db, { name: 'Outsider' });
  await grantRole(t.db, coordinator.id, organizer.id, 'coordinator');
  await grantRole(t.db, official.id, organizer.id, 'official');
  await grantRole(t.db, partnerMember.id, partner.id, 'member');
  await grantRole(t.db, outsider.id, stranger.id, 'admin');
  programId = await createProgram(t.db, { leadOrganizationId: organizer.id, by: coordinator.id, title: 'Workers’ Week 1401' });
  otherProgramId = await createProgram(t.db, { leadOrganizationId: stranger.id, by: outsider.id, title: 'Someone else’s program' });
});

describe('GET /:lang/meetings', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: '/en/meetings' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/en/login?next=');
  });
  it('lists only meetings of organizations the viewer belongs to', async () => {
    const id = await createMeeting();
    const mine = await (await as(partnerMember)).get('/en/meetings');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(`/en/meetings/${id}`);
    const theirs = await (await as(outsider)).get('/en/meetings');
    expect(theirs.body).not.toContain(`/en/meetings/${id}`);
  });
});

describe('GET /:lang/organizations/:slug/meetings', () => {
  it('lists the organization’s meetings the viewer may see; 404 for an unknown organization; visitors log in', async () => {
    const id = await createMeeting();
    const page = await (await as(partnerMember)).get(`/en/organizations/${partner.slug}/meetings`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/en/meetings/${id}`);
    const elsewhere = await (await as(outsider)).get(`/en/organizations/${partner.slug}/meetings`);
    expect(elsewhere.body).not.toContain(`/en/meetings/${id}`);
    const other = await (await as(coordinator)).get(`/en/organizations/${stranger.slug}/meetings`);
    expect(other.body).not.toContain(`/en/meetings/${id}`);
    expect((await (await as(coordinator)).get('/en/organizations/no-such-org/meetings')).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/en/organizations/${partner.slug}/meetings` })).statusCode).toBe(303);
  });
});

describe('POST /:lang/meetings/new', () => {
  it('records a meeting typed in Persian with a Jalali date and time', async () => {
    const response = await (await as(coordinator)).post('/fa/meetings/new', validMeeting());
    expect(response.statusCode).toBe(303);
    const id = Number(defined(/meetings\/(\d+)/.exec(String(response.headers.location)), 'the match')[1]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.created' AND subject_id = $1`, [String(id)])).toBe(
      1,
    );
    const row = await one<{ held_on: string; starts_at: string; organizer_id: number }>(
      t.db,
      `SELECT held_on, starts_at::text, organizer_id FROM meetings WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ held_on: '2022-04-11', starts_at: '09:30:00', organizer_id: organizer.id });
    const page = await (await as(coordinator)).get(`/fa/meetings/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('۱۴۰۱/۰۱/۲۲');
    expect(page.body).toContain('۰۹:۳۰');
    expect(page.body).toContain('علی کاظمی');
    expect(await count(`SELECT count(*)::int AS n FROM meeting_attendees WHERE meeting_id = $1`, [id])).toBe(2);
  });
  it('refuses an impossible Jalali date with a Persian message and stores nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM meetings`);
    const response = await (await as(coordinator)).post('/fa/meetings/new', { ...validMeeting(), heldOn: '1401/13/40' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('field-heldOn');
    expect(response.body).toMatch(/class="field__error"[^>]*>[^<]*[\u0600-\u06FF]/);
    expect(await count(`SELECT count(*)::int AS n FROM meetings`)).toBe(before);
  });
  it('refuses RTL override characters, over-long titles, bad times and unknown organizations', async () => {
    const client = await as(coordinator);
    for (const bad of [
      { title: 'evil\u202Etxt.exe' },
      { title: 'x'.repeat(301) },
      { startsAt: '25:00' },
      { attending: ['999999999'] },
      { title: '' },
      { attendees: 'Someone — role — nobody@example.org' },
    ]) {
      const response = await client.post('/en/meetings/new', { ...validMeeting(), heldOn: '2022-04-11', ...bad });
      expect(response.statusCode, JSON.stringify(bad)).toBe(422);
    }
  });
  it('keeps markup as text', async () => {
    const client = await as(coordinator);
    const response = await client.post('/en/meetings/new', { ...validMeeting(), heldOn: '2022-04-11', title: '<script>alert(1)</script>' });
    const page = await client.get(String(response.headers.location));
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).not.toContain('<script>alert(1)');
  });
  it('forbids someone who may organize for no organization, and refuses another organization as organizer', async () => {
    const member = await as(partnerMember);
    expect((await member.get('/en/meetings/new')).statusCode).toBe(403);
    const client = await as(coordinator);
    const response = await client.post('/en/meetings/new', { ...validMeeting(), heldOn: '2022-04-11', organizerId: String(stranger.id) });
    expect(response.statusCode).toBe(422);
  });
});

describe('GET /:lang/meetings/:id', () => {
  it('answers 404 for another organization’s people, for missing meetings and for junk ids', async () => {
    const id = await createMeeting();
    const client = await as(outsider);
    expect((await client.get(`/en/meetings/${id}`)).statusCode).toBe(404);
    expect((await client.get(`/en/meetings/${id}/minutes`)).statusCode).toBe(404);
    expect((await client.get(`/en/meetings/${id}/edit`)).statusCode).toBe(404);
    expect((await (await as(coordinator)).get('/en/meetings/99999999')).statusCode).toBe(404);
    expect((await (await as(coordinator)).get('/en/meetings/abc')).statusCode).toBe(404);
  });
  it('lets a member of an attending organization read it but not edit it', async () => {
    const id = await createMeeting();
    const client = await as(partnerMember);
    expect((await client.get(`/en/meetings/${id}`)).statusCode).toBe(200);
    expect((await client.get(`/en/meetings/${id}/edit`)).statusCode).toBe(403);
  });
});

describe('POST /:lang/meetings/:id/minutes/approve, …/minutes/corrections (approval and versions)', () => {
  it('an official drafts but cannot approve; the coordinator approves; approved minutes are read only', async () => {
    const id = await createMeeting();
    const off = await as(official);
    const denied = await off.post(`/en/meetings/${id}/minutes/approve`, {});
    expect(denied.statusCode).toBe(403);
    const coord = await as(coordinator);
    const approved = await coord.post(`/en/meetings/${id}/minutes/approve`, {});
    expect(approved.statusCode).toBe(303);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_minutes_versions WHERE meeting_id = $1`, [id])).toBe(1);
    // Editing the meeting afterwards leaves the approved minutes untouched.
    const edit = await coord.post(`/en/meetings/${id}/edit`, {
      ...validMeeting(),
      heldOn: '2022-04-11',
      minutes: 'rewritten behind everyone’s back',
    });
    expect(edit.statusCode).toBe(303);
    const row = await one<{ minutes: string }>(t.db, `SELECT minutes FROM meetings WHERE id = $1`, [id]);
    expect(defined(row, 'row').minutes).toBe('پیش‌نویس صورت‌جلسه');
    const again = await coord.post(`/en/meetings/${id}/minutes/approve`, {});
    expect(again.statusCode).toBe(403);
  });
  it('keeps corrections of approved minutes as numbered versions with their reason', async () => {
    const id = await createMeeting();
    const coord = await as(coordinator);
    await coord.post(`/en/meetings/${id}/minutes/approve`, {});
    const missingReason = await coord.post(`/en/meetings/${id}/minutes/corrections`, { minutes: 'fixed', reason: '' });
    expect(missingReason.statusCode).toBe(422);
    expect((await coord.post(`/en/meetings/${id}/minutes/corrections`, { minutes: 'x'.repeat(50_001), reason: 'long' })).statusCode).toBe(
      422,
    );
    expect((await coord.post(`/en/meetings/${id}/minutes/corrections`, { minutes: 'a\u202Eb', reason: 'bidi' })).statusCode).toBe(422);
    const corrected = await coord.post(`/en/meetings/${id}/minutes/corrections`, {
      minutes: 'Corrected minutes',
      reason: 'A name was misspelt',
    });
    expect(corrected.statusCode).toBe(303);
    const history = await coord.get(`/en/meetings/${id}/minutes`);
    expect(history.body).toContain('Version 2');
    expect(history.body).toContain('Version 1');
    expect(history.body).toContain('A name was misspelt');
    expect(history.body).toContain('<bdi>Coordinator</bdi>');
    expect(history.body).toContain('پیش‌نویس صورت‌جلسه');
    const versions = await count(`SELECT count(*)::int AS n FROM meeting_minutes_versions WHERE meeting_id = $1`, [id]);
    expect(versions).toBe(2);
    expect((await (await as(official)).post(`/en/meetings/${id}/minutes/corrections`, { minutes: 'x', reason: 'y' })).statusCode).toBe(403);
  });
  it('refuses to correct draft minutes and to approve empty ones', async () => {
    const coord = await as(coordinator);
    const response = await coord.post('/en/meetings/new', { ...validMeeting(), heldOn: '2022-04-11', minutes: '' });
    const id = Number(defined(/meetings\/(\d+)/.exec(String(response.headers.location)), 'the match')[1]);
    expect((await coord.post(`/en/meetings/${id}/minutes/corrections`, { minutes: 'x', reason: 'y' })).statusCode).toBe(403);
    expect((await coord.post(`/en/meetings/${id}/minutes/approve`, {})).statusCode).toBe(422);
  });
  it('posts approval and corrections to their own URLs (no intent field)', async () => {
    const id = await createMeeting();
    const coord = await as(coordinator);
    const draft = (await coord.get(`/en/meetings/${id}/minutes`)).body;
    expect(draft).toContain(`action="/en/meetings/${id}/minutes/approve"`);
    expect(draft).not.toContain(`/minutes/corrections"`);
    expect(draft).not.toContain('name="intent"');
    await coord.post(`/en/meetings/${id}/minutes/approve`, {});
    const approved = (await coord.get(`/en/meetings/${id}/minutes`)).body;
    expect(approved).toContain(`action="/en/meetings/${id}/minutes/corrections"`);
    expect(approved).not.toContain(`/minutes/approve"`);
  });
});

describe('POST /:lang/meetings/:id/resolutions/new', () => {
  const gilanList = 'موارد زیر تصویب شد: ۱ ـ همایش روز کارگر ۲ ـ دیدار با خانواده‌های ۴۱۸ شهید کارگر ۳ ـ مسابقات ورزشی';

  it('approves a pasted numbered list into the organizer’s program as draft activities linked to the resolution', async () => {
    const id = await createMeeting();
    const response = await (
      await as(coordinator)
    ).post(`/fa/meetings/${id}/resolutions/new`, {
      kind: 'activities',
      body: 'فعالیت‌های هفتهٔ کارگر تصویب شد',
      programId: String(programId),
      items: gilanList,
    });
    expect(response.statusCode).toBe(303);
    const activities = await t.db.query(
      `SELECT a.title, a.status FROM program_activities a JOIN meeting_resolutions r ON r.id = a.resolution_id WHERE r.meeting_id = $1 ORDER BY a.number`,
      [id],
    );
    expect(activities.rows.map((r) => r.title)).toEqual(['همایش روز کارگر', 'دیدار با خانواده‌های ۴۱۸ شهید کارگر', 'مسابقات ورزشی']);
    expect(activities.rows.every((r) => r.status === 'draft')).toBe(true);
    const page = await (await as(coordinator)).get(`/fa/meetings/${id}`);
    expect(page.body).toContain('Workers’ Week 1401');
  });
  it('refuses a program of another organization and stores nothing', async () => {
    const id = await createMeeting();
    const response = await (
      await as(coordinator)
    ).post(`/en/meetings/${id}/resolutions/new`, { kind: 'activities', body: 'x', programId: String(otherProgramId), items: gilanList });
    expect(response.statusCode).toBe(422);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_resolutions WHERE meeting_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM program_activities WHERE program_id = $1`, [otherProgramId])).toBe(0);
  });
  it('refuses an empty list, a missing program and an impossible Jalali deadline', async () => {
    const id = await createMeeting();
    const client = await as(coordinator);
    expect(
      (
        await client.post(`/en/meetings/${id}/resolutions/new`, {
          kind: 'activities',
          body: 'x',
          programId: String(programId),
          items: '  ',
        })
      ).statusCode,
    ).toBe(422);
    expect((await client.post(`/en/meetings/${id}/resolutions/new`, { kind: 'activities', body: 'x', items: gilanList })).statusCode).toBe(
      422,
    );
    const bad = await client.post(`/fa/meetings/${id}/resolutions/new`, {
      kind: 'task',
      body: 'x',
      ownerId: String(official.id),
      dueOn: '1401/13/40',
    });
    expect(bad.statusCode).toBe(422);
    expect((await client.post(`/en/meetings/${id}/resolutions/new`, { kind: 'nonsense', body: 'x' })).statusCode).toBe(422);
    expect((await client.post(`/en/meetings/${id}/resolutions/new`, { kind: 'decision', body: 'a\u202Eb' })).statusCode).toBe(422);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_resolutions WHERE meeting_id = $1`, [id])).toBe(0);
  });
  it('lets an official record a decision and a task but not approve activities', async () => {
    const id = await createMeeting();
    const client = await as(official);
    expect(
      (await client.post(`/en/meetings/${id}/resolutions/new`, { kind: 'decision', body: 'Hold the conference in Rasht' })).statusCode,
    ).toBe(303);
    expect(
      (
        await client.post(`/en/meetings/${id}/resolutions/new`, {
          kind: 'activities',
          body: 'x',
          programId: String(programId),
          items: gilanList,
        })
      ).statusCode,
    ).toBe(403);
    const numbers = await t.db.query(`SELECT number FROM meeting_resolutions WHERE meeting_id = $1 ORDER BY number`, [id]);
    expect(numbers.rows.map((r) => r.number)).toEqual([1]);
  });
  it('is forbidden to members of attending organizations and hidden from others', async () => {
    const id = await createMeeting();
    expect(
      (
        await (
          await as(partnerMember)
        ).post(`/en/meetings/${id}/resolutions/new`, { kind: 'decision', body: 'x' }, { from: `/en/meetings/${id}` })
      ).statusCode,
    ).toBe(403);
    expect(
      (await (await as(outsider)).post(`/en/meetings/${id}/resolutions/new`, { kind: 'decision', body: 'x' }, { from: '/en/meetings' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('tasks', () => {
  it('assigns a task, notifies the owner, shows it overdue on their page, and lets only them (or a coordinator) mark it done', async () => {
    const id = await createMeeting();
    const coord = await as(coordinator);
    const assigned = await coord.post(`/en/meetings/${id}/resolutions/new`, {
      kind: 'task',
      body: 'List the families to visit',
      ownerId: String(official.id),
      dueOn: '2022-04-20',
    });
    expect(assigned.statusCode).toBe(303);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'meetings.task'`, [official.id])).toBe(
      1,
    );
    // The owner's name (read through the accounts module) stands beside the task on the meeting's page.
    expect((await coord.get(`/en/meetings/${id}`)).body).toMatch(/List the families to visit[\s\S]*<bdi>Official<\/bdi>/);
    const owner = await as(official);
    const page = await owner.get('/en/tasks');
    expect(page.body).toContain('List the families to visit');
    expect(page.body).toContain('Overdue');
    const task = await one<{ id: number }>(t.db, `SELECT id FROM meeting_tasks WHERE meeting_id = $1`, [id]);
    const intruder = await as(partnerMember);
    expect((await intruder.post('/en/tasks', { taskId: String(defined(task, 'task').id) })).statusCode).toBe(404);
    expect((await owner.post('/en/tasks', { taskId: String(defined(task, 'task').id) })).statusCode).toBe(303);
    const row = await one<{ status: string }>(t.db, `SELECT status FROM meeting_tasks WHERE id = $1`, [defined(task, 'task').id]);
    expect(defined(row, 'row').status).toBe('done');
    expect((await owner.post('/en/tasks', { taskId: 'abc' })).statusCode).toBe(404);
  });
  it('refuses an owner from outside the meeting’s organizations', async () => {
    const id = await createMeeting();
    const response = await (
      await as(coordinator)
    ).post(`/en/meetings/${id}/resolutions/new`, { kind: 'task', body: 'x', ownerId: String(outsider.id), dueOn: '2022-04-20' });
    expect(response.statusCode).toBe(422);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_tasks WHERE meeting_id = $1`, [id])).toBe(0);
  });
  it('sends a visitor to log in', async () => {
    expect((await t.app.inject({ url: '/fa/tasks' })).statusCode).toBe(303);
  });
});

describe('JSON API', () => {
  it('answers 401 without a session and lists visible meetings with one', async () => {
    expect((await t.app.inject({ url: '/api/v1/meetings' })).statusCode).toBe(401);
    const id = await createMeeting();
    const list = await (await as(partnerMember)).get('/api/v1/meetings');
    expect(list.statusCode).toBe(200);
    expect(list.json().meetings.some((m: { id: number }) => m.id === id)).toBe(true);
    expect((await (await as(outsider)).get(`/api/v1/meetings/${id}`)).statusCode).toBe(404);
    const detail = await (await as(coordinator)).get(`/api/v1/meetings/${id}`);
    expect(detail.json().meeting.heldOn).toBe('2022-04-11');
    const tooMany = await (await as(coordinator)).get('/api/v1/meetings?limit=100000');
    expect([tooMany.statusCode, tooMany.json().error.code, Object.keys(tooMany.json().error.fields)]).toEqual([
      422,
      'invalid_input',
      ['limit'],
    ]);
  });
  it('creates a meeting and a resolution from JSON, refusing bad input with 422', async () => {
    const client = await as(coordinator);
    const json = (url: string, payload: object) =>
      client.request({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', 'x-csrf-token': 'none' } });
    // Cookie sessions need the CSRF token even for JSON; take it from a page.
    const page = await client.get('/en/meetings/new');
    const token = defined(/name="_csrf" value="([^"]+)"/.exec(page.body), 'the match')[1];
    const post = (url: string, payload: object) =>
      client.request({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': 'application/json', 'x-csrf-token': defined(token, 'token') },
      });
    expect((await json('/api/v1/meetings', {})).statusCode).toBe(403);
    const bad = await post('/api/v1/meetings', { organizerId: organizer.id, title: 'x', heldOn: '2022-02-30' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toEqual({
      code: 'invalid_input',
      message: expect.any(String),
      fields: { heldOn: expect.any(String) },
    });
    // JSON types: an id is a number, the attendees a list of objects, a list of activities a list of titles.
    const mistyped = await post('/api/v1/meetings', {
      organizerId: String(organizer.id),
      title: 'API meeting',
      heldOn: '2022-04-11',
      attendees: 'A — B',
    });
    expect([mistyped.statusCode, Object.keys(mistyped.json().error.fields).sort()]).toEqual([422, ['attendees', 'organizerId']]);
    const created = await post('/api/v1/meetings', {
      organizerId: organizer.id,
      title: 'API meeting',
      heldOn: '2022-04-11',
      attending: [partner.id],
      attendees: [{ name: 'A', role: 'B' }],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().meeting.id;
    const resolution = await post(`/api/v1/meetings/${id}/resolutions`, {
      kind: 'activities',
      body: 'ok',
      programId,
      items: ['One', 'Two'],
    });
    expect(resolution.statusCode).toBe(201);
    expect(resolution.json().activityIds).toHaveLength(2);
    const official_ = await as(official);
    const officialToken = defined(/name="_csrf" value="([^"]+)"/.exec((await official_.get('/en/meetings')).body), 'the match')[1];
    const officialApprove = await official_.request({
      method: 'POST',
      url: `/api/v1/meetings/${id}/minutes/approve`,
      payload: {},
      headers: { 'content-type': 'application/json', 'x-csrf-token': defined(officialToken, 'officialToken') },
    });
    expect(officialApprove.statusCode).toBe(403);
    expect((await post(`/api/v1/meetings/${id}/minutes/approve`, {})).statusCode).toBe(422);
    await t.db.query(`UPDATE meetings SET minutes = 'Draft' WHERE id = $1`, [id]);
    expect((await post(`/api/v1/meetings/${id}/minutes/corrections`, { minutes: 'x', reason: 'y' })).statusCode).toBe(403);
    expect((await post(`/api/v1/meetings/${id}/minutes/approve`, {})).json()).toEqual({ minutesStatus: 'approved', changed: true });
    expect((await post(`/api/v1/meetings/${id}/minutes/corrections`, { minutes: 'Fixed', reason: '' })).statusCode).toBe(422);
    expect((await post(`/api/v1/meetings/${id}/minutes/corrections`, { minutes: 'Fixed', reason: 'Typo' })).json()).toEqual({
      minutesStatus: 'approved',
      version: 2,
    });
    const openapi = await t.app.inject({ url: '/api/openapi.json' });
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/meetings', '/api/v1/meetings/{id}', '/api/v1/tasks']),
    );
  });
  it('lists my tasks and marks one done through the API, hiding others’ tasks', async () => {
    expect((await t.app.inject({ url: '/api/v1/tasks' })).statusCode).toBe(401);
    const id = await createMeeting();
    await (
      await as(coordinator)
    ).post(`/en/meetings/${id}/resolutions/new`, { kind: 'task', body: 'API task', ownerId: String(official.id), dueOn: '2099-01-01' });
    const owner = await as(official);
    const list = await owner.get('/api/v1/tasks');
    const task = list.json().tasks.find((x: { title: string }) => x.title === 'API task');
    expect(task).toMatchObject({ status: 'open', overdue: false });
    const token = defined(/name="_csrf" value="([^"]+)"/.exec((await owner.get('/en/tasks')).body), 'the match')[1];
    const done = (client: TestClient, csrf: string) =>
      client.request({ method: 'POST', url: `/api/v1/tasks/${task.id}/done`, headers: { 'x-csrf-token': csrf } });
    const intruder = await as(partnerMember);
    const intruderToken = defined(/name="_csrf" value="([^"]+)"/.exec((await intruder.get('/en/tasks')).body), 'the match')[1];
    expect((await done(intruder, defined(intruderToken, 'intruderToken'))).statusCode).toBe(404);
    const response = await done(owner, defined(token, 'token'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ done: true, changed: true });
    expect((await done(owner, defined(token, 'token'))).json()).toEqual({ done: true, changed: false });
    expect(
      (await owner.request({ method: 'POST', url: '/api/v1/tasks/abc/done', headers: { 'x-csrf-token': defined(token, 'token') } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('POST /:lang/meetings/:id/edit', () => {
  it('refuses an impossible date and keeps the meeting unchanged', async () => {
    const id = await createMeeting();
    const response = await (
      await as(coordinator)
    ).post(`/fa/meetings/${id}/edit`, { ...validMeeting(), heldOn: '۱۴۰۱/۱۲/۳۰', title: 'changed' });
    // 1401 is not a leap year in the Jalali calendar: Esfand has 29 days.
    expect(response.statusCode).toBe(422);
    const row = await one<{ title: string }>(t.db, `SELECT title FROM meetings WHERE id = $1`, [id]);
    expect(defined(row, 'row').title).toBe('جلسهٔ هماهنگی هفتهٔ کارگر');
  });
  it('updates details and draft minutes', async () => {
    const id = await createMeeting();
    const response = await (
      await as(official)
    ).post(`/en/meetings/${id}/edit`, { ...validMeeting(), heldOn: '2022-04-12', minutes: 'New draft', attending: [] });
    expect(response.statusCode).toBe(303);
    const row = await one<{ held_on: string; minutes: string; attending: number }>(
      t.db,
      `SELECT held_on, minutes, (SELECT count(*)::int FROM meeting_organizations WHERE meeting_id = $1) AS attending FROM meetings WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ held_on: '2022-04-12', minutes: 'New draft', attending: 0 });
  });
});

describe('an official limited to one county', () => {
  let provinceOrg: TestOrganization;
  let provinceCoordinator: TestUser;
  let rashtOfficial: TestUser;
  let rashtId: number;
  const meetingOf = (organizerId: number) => ({
    ...validMeeting(),
    organizerId: String(organizerId),
    attending: [],
    heldOn: '2022-04-11',
    startsAt: '09:30',
  });
  const tokenOf = async (client: TestClient) =>
    defined(/name="_csrf" value="([^"]+)"/.exec((await client.get('/en/meetings')).body), 'the match')[1];
  const newMeetingId = (location: unknown) =>
    Number(defined(/meetings\/(\d+)/.exec(String(location)), '/meetings\\/(\\d+)/.exec(String(location))')[1]);

  beforeAll(async () => {
    const gilan = await createRegion(t.db, { kind: 'province', name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } });
    const rasht = await createRegion(t.db, { kind: 'county', parentId: gilan.id, name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' } });
    rashtId = rasht.id;
    provinceOrg = await createOrganization(t.db, {
      regionId: gilan.id,
      name: { en: 'Gilan Workers Organization', fa: 'سازمان کارگران گیلان' },
    });
    provinceCoordinator = await createUser(t.db, { name: 'Province Coordinator' });
    rashtOfficial = await createUser(t.db, { name: 'Rasht Official' });
    await grantRole(t.db, provinceCoordinator.id, provinceOrg.id, 'coordinator');
    await grantRole(t.db, rashtOfficial.id, provinceOrg.id, 'official', rasht.id);
  });

  it('sees a province meeting but cannot edit it, draft its minutes or record a resolution on its pages', async () => {
    const created = await (await as(provinceCoordinator)).post('/en/meetings/new', meetingOf(provinceOrg.id));
    const id = newMeetingId(created.headers.location);
    const client = await as(rashtOfficial);
    const page = await client.get(`/en/meetings/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/en/meetings/${id}/edit`);
    expect((await client.get(`/en/meetings/${id}/edit`)).statusCode).toBe(403);
    const token = await tokenOf(client);
    const edit = await client.post(
      `/en/meetings/${id}/edit`,
      { ...meetingOf(provinceOrg.id), title: 'Changed from Rasht' },
      { csrf: token },
    );
    expect(edit.statusCode).toBe(403);
    expect(
      (await client.post(`/en/meetings/${id}/resolutions/new`, { kind: 'decision', body: 'From Rasht' }, { csrf: token })).statusCode,
    ).toBe(403);
    expect((await client.post(`/en/meetings/${id}/minutes/approve`, {}, { csrf: token })).statusCode).toBe(403);
    const row = await one<{ title: string; resolutions: number }>(
      t.db,
      `SELECT title, (SELECT count(*)::int FROM meeting_resolutions WHERE meeting_id = $1) AS resolutions FROM meetings WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ title: meetingOf(provinceOrg.id).title, resolutions: 0 });
  });

  it('cannot change a province meeting through the API either', async () => {
    const created = await (await as(provinceCoordinator)).post('/en/meetings/new', meetingOf(provinceOrg.id));
    const id = newMeetingId(created.headers.location);
    const client = await as(rashtOfficial);
    const token = await tokenOf(client);
    const post = (url: string, payload: object) =>
      client.request({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': 'application/json', 'x-csrf-token': defined(token, 'token') },
      });
    expect((await client.get(`/api/v1/meetings/${id}`)).json().abilities).toMatchObject({
      edit: false,
      recordResolution: false,
      draftMinutes: false,
    });
    expect((await post(`/api/v1/meetings/${id}/resolutions`, { kind: 'decision', body: 'From Rasht' })).statusCode).toBe(403);
    expect((await post(`/api/v1/meetings/${id}/minutes/approve`, {})).statusCode).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM meeting_resolutions WHERE meeting_id = $1`, [id])).toBe(0);
  });

  it('records a meeting for their county, then edits it and records its resolutions on pages and through the API', async () => {
    const client = await as(rashtOfficial);
    const created = await client.post('/en/meetings/new', meetingOf(provinceOrg.id));
    expect(created.statusCode).toBe(303);
    const id = newMeetingId(created.headers.location);
    expect(await count(`SELECT count(*)::int AS n FROM meetings WHERE id = $1 AND region_id = $2`, [id, rashtId])).toBe(1);
    expect((await client.post(`/en/meetings/${id}/edit`, { ...meetingOf(provinceOrg.id), title: 'Rasht meeting' })).statusCode).toBe(303);
    expect((await client.post(`/en/meetings/${id}/resolutions/new`, { kind: 'decision', body: 'Decided in Rasht' })).statusCode).toBe(303);
    const token = await tokenOf(client);
    const api = await client.request({
      method: 'POST',
      url: `/api/v1/meetings/${id}/resolutions`,
      payload: { kind: 'decision', body: 'Also decided' },
      headers: { 'content-type': 'application/json', 'x-csrf-token': defined(token, 'token') },
    });
    expect(api.statusCode).toBe(201);
    const viaApi = await client.request({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { organizerId: provinceOrg.id, title: 'API Rasht meeting', heldOn: '2022-04-12' },
      headers: { 'content-type': 'application/json', 'x-csrf-token': defined(token, 'token') },
    });
    expect(viaApi.statusCode).toBe(201);
    expect(
      await count(`SELECT count(*)::int AS n FROM meetings WHERE id = $1 AND region_id = $2`, [viaApi.json().meeting.id, rashtId]),
    ).toBe(1);
    // The province coordinator still records it: the county lies within their area.
    expect(
      (
        await (
          await as(provinceCoordinator)
        ).post(`/en/meetings/${id}/edit`, { ...meetingOf(provinceOrg.id), title: 'Rasht meeting, checked' })
      ).statusCode,
    ).toBe(303);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signIn } from '../../../test/support/factories.ts';
import { programWorld, programWithActivity, reportFor, type ProgramWorld } from './factories.ts';

let t: TestApp;
let w: ProgramWorld;
let programId: number;
let reports: { rasht: number; lahijan: number; own: number; resubmitted: number; approved: number };

beforeAll(async () => {
  t = await createTestApp();
  w = await programWorld(t.db);
  const program = await programWithActivity(t.db, w);
  programId = program.programId;
  const file = (regionId: number, reporterId: number, approve = false) =>
    reportFor(t.db, { activityId: program.activityId, regionId, reporterId, families: 3, approve });
  // Filed in this order: the queue lists them oldest first.
  reports = {
    rasht: await file(w.regions.rasht.id, w.users.rashtOfficial.id),
    lahijan: await file(w.regions.lahijan.id, w.users.lahijanOfficial.id),
    own: await file(w.regions.province.id, w.users.coordinator.id),
    resubmitted: await file(w.regions.rasht.id, w.users.rashtOfficial.id),
    approved: await file(w.regions.rasht.id, w.users.rashtOfficial.id, true),
  };
  // Returned once and filed again.
  await t.db.query(`UPDATE activity_reports SET reviewed_at = now(), reviewer_comment = 'Add the photos' WHERE id = $1`, [
    reports.resubmitted,
  ]);
});
afterAll(async () => {
  await t?.close();
});

async function as(user: { id: number } | null, lang = 'en') {
  const client = new TestClient(t.app, { 'accept-language': lang });
  if (user) await signIn(t.db, client, user.id);
  return client;
}

/** The report ids the page lists, in order. */
const listed = (html: string) => [...html.matchAll(/data-report-id="(\d+)"/g)].map((m) => Number(m[1]));

describe('GET /:lang/reviews', () => {
  it('sends a visitor to the login page', async () => {
    const response = await (await as(null)).get('/en/reviews');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/en/login');
  });

  it('refuses a member and an official, who review nothing (403)', async () => {
    expect((await (await as(w.users.member)).get('/en/reviews')).statusCode).toBe(403);
    expect((await (await as(w.users.rashtOfficial)).get('/en/reviews')).statusCode).toBe(403);
  });

  it('lists the waiting reports oldest first, never the reviewer’s own or an approved one', async () => {
    const response = await (await as(w.users.coordinator)).get('/en/reviews');
    expect(response.statusCode).toBe(200);
    expect(listed(response.body)).toEqual([reports.rasht, reports.lahijan, reports.resubmitted]);
    expect(response.body).toContain('3 reports wait for review');
    expect(response.body).toContain(`href="/en/programs/${programId}/reports/${reports.rasht}"`);
  });

  it('shows another organization’s coordinator none of them', async () => {
    const response = await (await as(w.users.outsider)).get('/en/reviews');
    expect(response.statusCode).toBe(200);
    expect(listed(response.body)).toEqual([]);
    expect(response.body).toContain('No report waits for your review.');
  });

  it('shows a coordinator limited to a county only that county’s reports', async () => {
    const response = await (await as(w.users.rashtCoordinator)).get('/en/reviews');
    expect(listed(response.body)).toEqual([reports.rasht, reports.resubmitted]);
  });

  it('lets a coordinator of a parent organization review below it', async () => {
    const federation = await createOrganization(t.db, { name: { en: 'Federation', fa: 'فدراسیون', vi: 'Liên đoàn' } });
    await t.db.query(`UPDATE organizations SET parent_id = $1, ancestor_ids = ARRAY[$1::bigint] WHERE id = $2`, [
      federation.id,
      w.orgs.lead.id,
    ]);
    const chair = await createUser(t.db, { name: 'Federation Chair' });
    await grantRole(t.db, chair.id, federation.id, 'coordinator');
    const response = await (await as(chair)).get('/en/reviews');
    expect(listed(response.body)).toEqual([reports.rasht, reports.lahijan, reports.own, reports.resubmitted]);
    await t.db.query(`UPDATE organizations SET parent_id = NULL, ancestor_ids = '{}' WHERE id = $1`, [w.orgs.lead.id]);
  });

  it('filters by region (and below), program, organization and status', async () => {
    const client = await as(w.users.coordinator);
    expect(listed((await client.get(`/en/reviews?region=${w.regions.lahijan.id}`)).body)).toEqual([reports.lahijan]);
    expect(listed((await client.get(`/en/reviews?region=${w.regions.province.id}`)).body)).toEqual([
      reports.rasht,
      reports.lahijan,
      reports.resubmitted,
    ]);
    expect(listed((await client.get(`/en/reviews?status=resubmitted`)).body)).toEqual([reports.resubmitted]);
    expect(listed((await client.get(`/en/reviews?status=submitted`)).body)).toEqual([reports.rasht, reports.lahijan]);
    expect(listed((await client.get(`/en/reviews?program=${programId}&status=`)).body)).toHaveLength(3);
    expect(listed((await client.get(`/en/reviews?program=999999`)).body)).toEqual([]);
    expect(listed((await client.get(`/en/reviews?organization=${w.orgs.lead.id}`)).body)).toHaveLength(3);
    expect(listed((await client.get(`/en/reviews?organization=${w.orgs.other.id}`)).body)).toEqual([]);
  });

  it('pages on with "after" (a keyset: the last id of the page before)', async () => {
    const client = await as(w.users.coordinator);
    expect(listed((await client.get(`/en/reviews?after=${reports.rasht}`)).body)).toEqual([reports.lahijan, reports.resubmitted]);
  });

  it('offers the programs and regions that have reports waiting, with counts, in Persian digits on Persian pages', async () => {
    const response = await (await as(w.users.coordinator)).get('/fa/reviews');
    expect(response.body).toMatch(new RegExp(`<option value="${w.regions.rasht.id}"[^>]*>رشت \\(۲\\)</option>`));
    expect(response.body).toContain('<html lang="fa" dir="rtl">');
  });

  it('answers bad filters with 422, the message beside the field and the unfiltered queue', async () => {
    const response = await (await as(w.users.coordinator)).get('/en/reviews?status=lost&region=abc');
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Choose a status from the list.');
    expect(response.body).toMatch(/id="field-region"[^>]*aria-invalid="true"/);
    expect(listed(response.body)).toHaveLength(3);
  });

  it('is linked from the program dashboard’s waiting count for a reviewer only', async () => {
    const link = `href="/en/reviews?program=${programId}"`;
    expect((await (await as(w.users.coordinator)).get(`/en/programs/${programId}`)).body).toContain(link);
    expect((await (await as(w.users.rashtOfficial)).get(`/en/programs/${programId}`)).body).not.toContain(link);
  });
});

describe('GET /:lang/programs/:id/reports/:reportId/edit of a returned report', () => {
  it('shows its reporter the reviewer’s comment above the form, right to left in Persian', async () => {
    const reviewer = await as(w.users.coordinator);
    const path = `/en/programs/${programId}/reports/${reports.lahijan}`;
    const review = await reviewer.post(path, { decision: 'return', comment: 'Count the families again, please.' });
    expect(review.statusCode).toBe(303);
    const page = await (await as(w.users.lahijanOfficial)).get(`/fa/programs/${programId}/reports/${reports.lahijan}/edit`);
    expect(page.statusCode).toBe(200);
    const note = page.body.indexOf('Count the families again, please.');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(page.body.indexOf('enctype="multipart/form-data"'));
    expect(page.body).toContain('بررسی‌کننده این گزارش را برای اصلاح برگرداند');
    expect(page.body).toMatch(/<blockquote dir="auto"/);
    // The queue no longer lists it.
    expect(listed((await reviewer.get('/en/reviews')).body)).not.toContain(reports.lahijan);
  });
});

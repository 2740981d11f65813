import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createOrganization, createUser, grantRole } from '../../test/support/factories.ts';
import { programWithActivity, programWorld, reportFor } from '../modules/programs/factories.ts';
import { createCategory, ageAccount } from '../modules/forum/factories.ts';
import { createApiToken } from '../modules/accounts/factories.ts';
import { translator } from './i18n.ts';
import { containsLoneSurrogate, parseFormStrictly } from './form-body.ts';

// Any UTF-16 code unit, so lone surrogates (and well-formed pairs) come up often.
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 12 });
const nested = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, codeUnits, fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(codeUnits, tie('value'), { maxKeys: 4 }),
})).value;

/** An independent oracle: encodeURIComponent throws on exactly the strings that are not well-formed UTF-16. */
function wellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** What the check must find: a string, key or value, anywhere, that is not well-formed Unicode. */
function illFormed(value: unknown): boolean {
  if (typeof value === 'string') return !wellFormed(value);
  if (Array.isArray(value)) return value.some(illFormed);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => !wellFormed(k) || illFormed(v));
  return false;
}

describe('containsLoneSurrogate', () => {
  it('finds a lone surrogate in any key or value at any depth, and nothing else (property)', () => {
    fc.assert(
      fc.property(nested, (value) => containsLoneSurrogate(value) === illFormed(value)),
      { numRuns: 500 },
    );
    expect(containsLoneSurrogate({ a: [{ b: 'ok \ud83d\ude00' }] })).toBe(false);
    expect(containsLoneSurrogate({ a: [{ b: 'x\udfff' }] })).toBe(true);
    expect(containsLoneSurrogate({ ['\ud800']: 1 })).toBe(true);
  });
  it('cannot be reached through urlencoded forms: an encoded surrogate is invalid UTF-8 and answers 400', () => {
    expect(() => parseFormStrictly(Buffer.from('reason=%ED%A0%80'))).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => parseFormStrictly(Buffer.from('%ED%B0%80=x'))).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(parseFormStrictly(Buffer.from('face=%F0%9F%98%80')).face).toBe('😀');
  });
});

describe('JSON bodies with a lone surrogate', () => {
  let t: TestApp;
  let token: string;
  let meetingId: number;
  let programId: number;
  let reportId: number;
  let categoryId: number;
  let programToken: string;

  const apiToken = (userId: number) => createApiToken(t.db, userId);
  // The body is sent as text so the "\ud800" escape reaches the server exactly as a client would write it.
  const postJson = (url: string, json: string, bearer = token) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'accept-language': 'fa' },
      payload: json,
    });
  // Answered in the language of the token's owner (the meeting's coordinator reads Persian).
  const expectRefused = (response: Awaited<ReturnType<typeof postJson>>, lang: 'fa' | 'en' = 'fa') => {
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toEqual({ code: 'invalidText', message: translator(lang)('errors.invalidText') });
  };

  beforeAll(async () => {
    t = await createTestApp();
    const org = await createOrganization(t.db);
    const coordinator = await createUser(t.db, { name: 'Coordinator', locale: 'fa' });
    await grantRole(t.db, coordinator.id, org.id, 'coordinator');
    await ageAccount(t.db, coordinator.id);
    token = await apiToken(coordinator.id);
    const created = await postJson(
      '/api/v1/meetings',
      JSON.stringify({ organizerId: org.id, title: 'Meeting', heldOn: '2022-04-11', minutes: 'Draft' }),
    );
    meetingId = created.json().meeting.id;
    expect((await postJson(`/api/v1/meetings/${meetingId}/minutes/approve`, '{}')).statusCode).toBe(200);
    categoryId = (await createCategory(t.db, org.id)).id;
    const w = await programWorld(t.db);
    const program = await programWithActivity(t.db, w);
    programId = program.programId;
    reportId = await reportFor(t.db, {
      activityId: program.activityId,
      regionId: w.regions.rasht.id,
      reporterId: w.users.rashtOfficial.id,
      families: 3,
    });
    programToken = await apiToken(w.users.coordinator.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a minutes-correction reason with 422, leaving the minutes as they were', async () => {
    expectRefused(await postJson(`/api/v1/meetings/${meetingId}/minutes/corrections`, '{"minutes":"Fixed","reason":"typo \\ud800"}'));
    const versions = await t.db.query(`SELECT count(*)::int AS n FROM meeting_minutes_versions WHERE meeting_id = $1`, [meetingId]);
    expect(versions.rows[0].n).toBe(1);
    expect(
      (await postJson(`/api/v1/meetings/${meetingId}/minutes/corrections`, '{"minutes":"Fixed","reason":"typo \\ud83d\\ude00"}'))
        .statusCode,
    ).toBe(200);
  });
  it('refuses a resolution, in a value or a key', async () => {
    expectRefused(await postJson(`/api/v1/meetings/${meetingId}/resolutions`, '{"kind":"decision","body":"\\udc00 decided"}'));
    expectRefused(await postJson(`/api/v1/meetings/${meetingId}/resolutions`, '{"kind":"decision","body":"ok","\\ud800":"x"}'));
    expectRefused(
      await postJson(`/api/v1/meetings/${meetingId}/resolutions`, '{"kind":"decision","body":"ok","extra":[{"deep":["\\ud800"]}]}'),
    );
    const resolutions = await t.db.query(`SELECT count(*)::int AS n FROM meeting_resolutions WHERE meeting_id = $1`, [meetingId]);
    expect(resolutions.rows[0].n).toBe(0);
  });
  it('refuses a report review comment', async () => {
    expectRefused(
      await postJson(
        `/api/v1/programs/${programId}/reports/${reportId}/review`,
        '{"decision":"return","comment":"see \\ud800"}',
        programToken,
      ),
      'en',
    );
    expect((await t.db.query(`SELECT status FROM activity_reports WHERE id = $1`, [reportId])).rows[0].status).toBe('submitted');
  });
  it('refuses a forum topic created through the API', async () => {
    expectRefused(await postJson(`/api/v1/forum/categories/${categoryId}/topics`, '{"title":"Wages \\ud800","body":"When are we paid?"}'));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM forum_topics WHERE category_id = $1`, [categoryId])).rows[0].n).toBe(0);
  });
  it('never answers 5xx to random JSON text, and refuses exactly the ill-formed (property)', async () => {
    await fc.assert(
      fc.asyncProperty(codeUnits, codeUnits, async (body, key) => {
        const response = await postJson(
          `/api/v1/meetings/${meetingId}/resolutions`,
          JSON.stringify({ kind: 'decision', body: `x${body}`, [`k${key}`]: 1 }),
        );
        expect(response.statusCode).toBeLessThan(500);
        if (!wellFormed(body) || !wellFormed(key)) expect(response.statusCode).toBe(422);
      }),
      { numRuns: 40 },
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import {
  createOrganization,
  createUser,
  grantRole,
  signedInClient,
  type TestOrganization,
  type TestUser,
} from '../../../test/support/factories.ts';
import { ageAccount, createCategory } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

const t = appForTests();
let union: TestOrganization;
let subUnion: TestOrganization;
let otherUnion: TestOrganization;
let worker: TestUser;
let subWorker: TestUser;
let outsider: TestUser;
let official: TestUser;
let publicCat: { id: number; slug: string };
let membersCat: { id: number; slug: string };
let officialsCat: { id: number; slug: string };

const clientFor = (user: TestUser | null, lang = 'en'): Promise<TestClient> => signedInClient(t, user, lang);

/** Starts a topic through the form and returns its id. */
async function startTopic(client: TestClient, categorySlug: string, fields: Record<string, string> = {}): Promise<number> {
  const url = `/en/organizations/${union.slug}/forum/${categorySlug}/new`;
  const response = await client.post(url, { title: 'Overtime pay in March', body: 'Were we paid for the extra hours?', ...fields });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
  const match = /\/forum\/t\/(\d+)/.exec(String(response.headers.location));
  return Number(defined(match, 'match')[1]);
}

beforeAll(async () => {
  union = await createOrganization(t.db, { slug: 'textile-union' });
  subUnion = await createOrganization(t.db, { slug: 'textile-mill-3', parentId: union.id });
  otherUnion = await createOrganization(t.db, { slug: 'other-union' });
  worker = await createUser(t.db, { name: 'Amir Worker' });
  subWorker = await createUser(t.db, { name: 'Lan Sub' });
  outsider = await createUser(t.db, { name: 'Olga Outsider' });
  official = await createUser(t.db, { name: 'Omid Official' });
  for (const u of [worker, subWorker, outsider, official]) await ageAccount(t.db, u.id);
  await grantRole(t.db, worker.id, union.id, 'member');
  await grantRole(t.db, subWorker.id, subUnion.id, 'member');
  await grantRole(t.db, outsider.id, otherUnion.id, 'member');
  await grantRole(t.db, official.id, union.id, 'official');
  publicCat = await createCategory(t.db, union.id, { slug: 'general', visibility: 'public' });
  membersCat = await createCategory(t.db, union.id, { slug: 'members-room', visibility: 'members' });
  officialsCat = await createCategory(t.db, union.id, { slug: 'officials-room', visibility: 'officials' });
});

describe('GET /:lang/organizations/:slug/forum', () => {
  it('shows a visitor only the public categories', async () => {
    const response = await t.app.inject({ url: `/en/organizations/${union.slug}/forum` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`/forum/${publicCat.slug}`);
    expect(response.body).not.toContain(`/forum/${membersCat.slug}`);
    expect(response.body).not.toContain(`/forum/${officialsCat.slug}`);
  });
  it('shows members the members category, and officials the officials one', async () => {
    const member = await (await clientFor(worker)).get(`/en/organizations/${union.slug}/forum`);
    expect(member.body).toContain(`/forum/${membersCat.slug}`);
    expect(member.body).not.toContain(`/forum/${officialsCat.slug}`);
    const sub = await (await clientFor(subWorker)).get(`/en/organizations/${union.slug}/forum`);
    expect(sub.body).toContain(`/forum/${membersCat.slug}`);
    const off = await (await clientFor(official)).get(`/en/organizations/${union.slug}/forum`);
    expect(off.body).toContain(`/forum/${officialsCat.slug}`);
  });
  it('answers 404 for an unknown organization', async () => {
    const response = await t.app.inject({ url: '/en/organizations/no-such-union/forum' });
    expect(response.statusCode).toBe(404);
  });
});

describe('GET /:lang/organizations/:slug/forum/:category', () => {
  it('answers 404 (not 403) to a visitor and to another organization’s member for a members category', async () => {
    expect((await t.app.inject({ url: `/en/organizations/${union.slug}/forum/${membersCat.slug}` })).statusCode).toBe(404);
    expect((await (await clientFor(outsider)).get(`/en/organizations/${union.slug}/forum/${membersCat.slug}`)).statusCode).toBe(404);
  });
  it('answers 404 to a member for an officials category', async () => {
    expect((await (await clientFor(worker)).get(`/en/organizations/${union.slug}/forum/${officialsCat.slug}`)).statusCode).toBe(404);
  });
  it('renders a public category for a visitor in Persian', async () => {
    const response = await t.app.inject({ url: `/fa/organizations/${union.slug}/forum/${publicCat.slug}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('دستمزد');
  });
});

describe('starting a topic and replying', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: `/en/organizations/${union.slug}/forum/${publicCat.slug}/new` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/en/login');
  });
  it('posts a topic, shows it, and takes a reply', async () => {
    const client = await clientFor(worker);
    const topicId = await startTopic(client, publicCat.slug);
    const page = await client.get(`/en/forum/t/${topicId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Overtime pay in March');
    expect(page.body).toContain('Amir Worker');
    const reply = await client.post(`/en/forum/t/${topicId}/reply`, { body: 'Yes, **double** rate.' }, { from: `/en/forum/t/${topicId}` });
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toBe(`/en/forum/t/${topicId}#p2`);
    const after = await t.app.inject({ url: `/en/forum/t/${topicId}` });
    expect(after.body).toContain('<strong>double</strong>');
    expect(after.body).toContain('id="p2"');
  });
});

describe('every forum route, as a visitor and as someone from another organization', () => {
  let topicId: number;
  beforeAll(async () => {
    topicId = await startTopic(await clientFor(official), membersCat.slug, { title: 'Members only question' });
    await (await clientFor(worker)).post(`/en/forum/t/${topicId}/reply`, { body: 'A member reply' }, { from: `/en/forum/t/${topicId}` });
  });

  const pagesNeedingLogin = (id: number) => [
    `/en/forum/t/${id}/reply`,
    `/en/forum/t/${id}/2/edit`,
    `/en/forum/t/${id}/2/delete`,
    `/en/forum/t/${id}/2/flag`,
    `/en/forum/t/${id}/2/history`,
    `/en/forum/t/${id}/2/moderate`,
    `/en/forum/t/${id}/2/reveal`,
    `/en/forum/t/${id}/moderate`,
    `/en/organizations/textile-union/forum/general/new`,
    `/en/organizations/textile-union/forum/moderation`,
    `/en/organizations/textile-union/forum/categories/new`,
  ];

  it('sends a visitor to log in from every page that needs an account', async () => {
    for (const url of pagesNeedingLogin(topicId)) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(303);
      expect(String(response.headers.location), url).toContain('/en/login?next=');
    }
  });
  it('hides members-only topics and their posts from visitors (404), in lists too', async () => {
    for (const url of [`/en/forum/t/${topicId}`, `/en/forum/t/${topicId}/2`, '/en/organizations/textile-union/forum/unanswered']) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(404);
    }
    expect((await t.app.inject({ url: '/en/forum' })).body).not.toContain('Members only question');
  });
  it('refuses every form post from a visitor without ever answering 5xx or storing anything', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM forum_posts`);
    const posts = [
      `/en/forum/t/${topicId}/reply`,
      `/en/forum/t/${topicId}/follow`,
      `/en/forum/t/${topicId}/moderate/lock`,
      `/en/forum/t/${topicId}/moderate/move`,
      `/en/forum/t/${topicId}/2/edit`,
      `/en/forum/t/${topicId}/2/delete`,
      `/en/forum/t/${topicId}/2/react`,
      `/en/forum/t/${topicId}/2/flag`,
      `/en/forum/t/${topicId}/2/answer`,
      `/en/forum/t/${topicId}/2/moderate/hide`,
      `/en/forum/t/${topicId}/2/moderate/dismiss`,
      `/en/forum/t/${topicId}/2/suspend-author`,
      `/en/forum/t/${topicId}/2/reveal`,
      `/en/organizations/textile-union/forum/general/new`,
      `/en/organizations/textile-union/forum/general/follow`,
      `/en/organizations/textile-union/forum/categories/new`,
      `/en/organizations/textile-union/forum/moderation/suspensions/1/lift`,
    ];
    for (const url of posts) {
      const response = await t.app.inject({ method: 'POST', url, payload: { body: 'x', reason: 'because' } });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    const after = await t.db.query(`SELECT count(*)::int AS n FROM forum_posts`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
  it('answers 404 on every page of the topic to a member of another organization', async () => {
    const client = await clientFor(outsider);
    for (const url of [`/en/forum/t/${topicId}`, ...pagesNeedingLogin(topicId).filter((u) => u.includes('/forum/t/'))]) {
      expect((await client.get(url)).statusCode, url).toBe(404);
    }
    const reply = await client.post(
      `/en/forum/t/${topicId}/reply`,
      { body: 'Let me in' },
      { from: `/en/organizations/${union.slug}/forum` },
    );
    expect(reply.statusCode).toBe(404);
    for (const url of [
      '/en/organizations/textile-union/forum/moderation',
      '/en/organizations/textile-union/forum/categories/new',
      '/en/organizations/textile-union/forum/unanswered',
    ]) {
      expect((await client.get(url)).statusCode, url).toBe(404);
    }
  });
});

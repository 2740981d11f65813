import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../src/db/database.ts';
import { oneOrThrow } from '../../src/core/rows.ts';
import { hashPassword } from '../../src/core/passwords.ts';
import { hashToken, newToken } from '../../src/core/session.ts';
import type { Role } from '../../src/core/authorization.ts';
import type { FastifyInstance } from 'fastify';
import { TestClient } from './client.ts';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export interface TestUser {
  id: number;
  name: string;
  email: string;
}

/** Creates a person who can log in with TEST_PASSWORD. */
export async function createUser(
  db: Queryable,
  overrides: Partial<{ name: string; email: string; phone: string; locale: 'fa' | 'vi' | 'en'; isPlatformAdmin: boolean }> = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `user-${unique()}@example.org`;
  const row = oneOrThrow(
    (
      await db.query<TestUser>(
        `INSERT INTO users (name, email, phone, password_hash, locale, is_platform_admin)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, email`,
        [
          overrides.name ?? 'Test Person',
          email,
          overrides.phone ?? null,
          await passwordHash,
          overrides.locale ?? 'en',
          overrides.isPlatformAdmin ?? false,
        ],
      )
    ).rows,
    'new user',
  );
  return row;
}

export interface TestRegion {
  id: number;
  code: string;
}

/** Creates a region, optionally under a parent. */
export async function createRegion(
  db: Queryable,
  overrides: Partial<{
    parentId: number;
    kind: 'country' | 'province' | 'county' | 'district';
    name: Record<string, string>;
    code: string;
  }> = {},
): Promise<TestRegion> {
  const row = oneOrThrow(
    (
      await db.query<TestRegion>(
        `INSERT INTO regions (parent_id, kind, code, name, ancestor_ids)
     VALUES ($1, $2, $3, $4, COALESCE((SELECT ancestor_ids || id FROM regions WHERE id = $1), '{}'))
     RETURNING id, code`,
        [
          overrides.parentId ?? null,
          overrides.kind ?? 'province',
          overrides.code ?? `r-${unique()}`,
          JSON.stringify(overrides.name ?? { en: 'Test Province', fa: 'استان آزمایشی', vi: 'Tỉnh Thử' }),
        ],
      )
    ).rows,
    'new region',
  );
  return row;
}

export interface TestOrganization {
  id: number;
  slug: string;
  ancestorIds: number[];
}

/** Creates an organization, optionally under a parent organization. */
export async function createOrganization(
  db: Queryable,
  overrides: Partial<{
    parentId: number;
    regionId: number;
    kind: string;
    name: Record<string, string>;
    slug: string;
    description: Record<string, string>;
  }> = {},
): Promise<TestOrganization> {
  const row = oneOrThrow(
    (
      await db.query<{ id: number; slug: string; ancestor_ids: number[] }>(
        `INSERT INTO organizations (slug, kind, parent_id, region_id, name, description, ancestor_ids)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE((SELECT ancestor_ids || id FROM organizations WHERE id = $3), '{}'))
     RETURNING id, slug, ancestor_ids`,
        [
          overrides.slug ?? `org-${unique()}`,
          overrides.kind ?? 'trade_union',
          overrides.parentId ?? null,
          overrides.regionId ?? null,
          JSON.stringify(overrides.name ?? { en: 'Test Union', fa: 'سندیکای آزمایشی', vi: 'Công đoàn Thử' }),
          JSON.stringify(overrides.description ?? {}),
        ],
      )
    ).rows,
    'new organization',
  );
  return { id: row.id, slug: row.slug, ancestorIds: row.ancestor_ids };
}

/** Gives a person a role in an organization (optionally limited to one region). */
export async function grantRole(
  db: Queryable,
  userId: number,
  organizationId: number,
  role: Role,
  regionId: number | null = null,
): Promise<void> {
  await db.query(`INSERT INTO memberships (user_id, organization_id, role, region_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
    userId,
    organizationId,
    role,
    regionId,
  ]);
}

/** Stores a session of a user, valid for a day, and returns its token: the value of the `uh_session` cookie. */
export async function createSession(db: Queryable, userId: number): Promise<string> {
  const token = newToken();
  await db.query(`INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
    hashToken(token),
    userId,
  ]);
  return token;
}

/** Signs a test client in as a user by creating a session directly (the login form has its own tests). */
export async function signIn(db: Queryable, client: TestClient, userId: number): Promise<void> {
  client.cookies.set('uh_session', await createSession(db, userId));
}

/** A test client of the app signed in as the user (a visitor's when null), asking for `lang` (Accept-Language) when given. */
export async function signedInClient(
  t: { app: FastifyInstance; db: Queryable },
  user: { id: number } | null,
  lang?: string,
): Promise<TestClient> {
  const client = new TestClient(t.app, lang === undefined ? {} : { 'accept-language': lang });
  if (user) await signIn(t.db, client, user.id);
  return client;
}

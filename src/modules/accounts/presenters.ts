import type { ApiTokenRow, ProfileRow } from './queries.ts';
import type { AccountView } from './views/account-page.tsx';
import type { TokenView } from './views/tokens-page.tsx';

/** What the profile page shows about the signed-in person (its form gets the name and language separately). */
export function presentAccount(profile: ProfileRow): AccountView {
  return { email: profile.email, phone: profile.phone, createdAt: profile.createdAt };
}

/** A personal API token as its page lists it: never its hash. */
export function presentApiToken(row: ApiTokenRow): TokenView {
  return { id: row.id, name: row.name, createdAt: row.createdAt };
}

/** GET /api/v1/me's answer: who the request is authenticated as. */
export function presentMe(userId: number, profile: ProfileRow) {
  return { id: userId, name: profile.name, email: profile.email, phone: profile.phone, locale: profile.locale };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createUser } from '../../../test/support/factories.ts';
import { countUsers, emailHasAccount, findUserContactsByIds, insertAccount } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('user lookups other modules use (accounts owns the users table)', () => {
  it('findUserContactsByIds gives name, email and language for several ids in one call, nothing for none', async () => {
    const hoa = await createUser(t.db, { name: 'Trần Thị Hoa', locale: 'vi' });
    const phoneOnly = await createUser(t.db, { name: 'کارگر', locale: 'fa', phone: '+989121234568' });
    await t.db.query(`UPDATE users SET email = NULL WHERE id = $1`, [phoneOnly.id]);
    const found = await findUserContactsByIds(t.db, [phoneOnly.id, hoa.id, 999_999]);
    expect(found).toEqual(
      [
        { id: hoa.id, name: 'Trần Thị Hoa', email: hoa.email, locale: 'vi' },
        { id: phoneOnly.id, name: 'کارگر', email: null, locale: 'fa' },
      ].sort((a, b) => a.id - b.id),
    );
    expect(await findUserContactsByIds(t.db, [])).toEqual([]);
  });
  it('emailHasAccount says whether an address is taken; insertAccount refuses a taken one without throwing', async () => {
    const user = await createUser(t.db, { name: 'Invited' });
    expect(await emailHasAccount(t.db, user.email)).toBe(true);
    expect(await emailHasAccount(t.db, 'nobody@example.org')).toBe(false);
    const before = await countUsers(t.db);
    expect(await insertAccount(t.db, { name: 'Again', email: user.email, phone: null, passwordHash: 'x', locale: 'en' })).toBeUndefined();
    const created = await insertAccount(t.db, {
      name: 'New',
      email: 'new-person@example.org',
      phone: null,
      passwordHash: 'x',
      locale: 'en',
    });
    expect(created?.id).toBeGreaterThan(0);
    expect(await countUsers(t.db)).toBe(before + 1);
  });
});

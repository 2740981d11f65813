import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/support/app.ts';
import { DayColumn, IdsColumn, LocalizedTextColumn } from '../core/rows.ts';
import { many, one } from './database.ts';

// docs/ARCHITECTURE.md, "Rows": what node-postgres returns for each kind of column, and a row that drifts from its schema.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const KindsRow = z.object({
  id: z.number(),
  ids: IdsColumn,
  n: z.number(),
  amount: z.number(),
  at: z.date(),
  day: DayColumn,
  name: LocalizedTextColumn,
  missing: z.string().nullable(),
  data: z.instanceof(Buffer),
});

describe('one() and many()', () => {
  it('parse each kind of column into what its schema says (int8, int8[], counts, numeric cast, timestamptz, date, jsonb, null, bytea)', async () => {
    const row = await one(
      database.pool,
      KindsRow,
      `SELECT 9007199254740::bigint AS id, ARRAY[1, 2]::bigint[] AS ids, count(*)::int AS n, 12.5::numeric::float8 AS amount,
              '2026-12-07T10:00:00Z'::timestamptz AS at, '2026-12-07'::date AS day, '{"fa": "کارگر", "en": "worker"}'::jsonb AS name,
              NULL::text AS missing, '\\x0102'::bytea AS data`,
    );
    expect(row).toEqual({
      id: 9007199254740,
      ids: [1, 2],
      n: 1,
      amount: 12.5,
      at: new Date('2026-12-07T10:00:00Z'),
      day: '2026-12-07',
      name: { fa: 'کارگر', en: 'worker' },
      missing: null,
      data: Buffer.from([1, 2]),
    });
  });

  it('drop the columns a schema does not name, and answer undefined or [] when there is no row', async () => {
    const Row = z.object({ id: z.number() });
    expect(await many(database.pool, Row, `SELECT 1 AS id, 'secret' AS extra UNION ALL SELECT 2, 'more'`)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await one(database.pool, Row, `SELECT 1 AS id WHERE false`)).toBeUndefined();
    expect(await many(database.pool, Row, `SELECT 1 AS id WHERE false`)).toEqual([]);
  });

  it('fail at the query, naming it, when a row drifts: an unaliased column, an uncast numeric, a null', async () => {
    const Row = z.object({ createdAt: z.date() });
    await expect(one(database.pool, Row, `SELECT now() AS created_at`)).rejects.toThrow(
      /SELECT now\(\) AS created_at.*does not match its schema/s,
    );
    await expect(many(database.pool, z.object({ amount: z.number() }), `SELECT 12.5::numeric AS amount`)).rejects.toThrow(
      /does not match its schema/,
    );
    await expect(one(database.pool, z.object({ name: z.string() }), `SELECT NULL::text AS name`)).rejects.toThrow(
      /does not match its schema/,
    );
  });
});

import type { Queryable } from '../../db/database.ts';

// The agreements module is built in parallel; it is asked through its index.ts only (never its tables).
// A path held in a variable lets this file compile before that module exists.
const AGREEMENTS_INDEX = '../agreements/index.ts';

type AreaCheck = (db: Queryable, areaId: number) => Promise<unknown>;

async function agreementsCheck(): Promise<AreaCheck | undefined> {
  try {
    const mod = (await import(AGREEMENTS_INDEX)) as Record<string, unknown>;
    for (const name of ['findAgreementAreaRef', 'findAreaRef', 'findAgreementArea', 'agreementAreaExists']) {
      if (typeof mod[name] === 'function') return mod[name] as AreaCheck;
    }
  } catch {
    // Not there yet.
  }
  return undefined;
}

/** True when the agreements module knows this area; false when it does not (or offers no way to ask yet). */
export async function agreementAreaExists(db: Queryable, areaId: number): Promise<boolean> {
  const check = await agreementsCheck();
  if (!check) return false;
  const found = await check(db, areaId);
  return found !== undefined && found !== null && found !== false;
}

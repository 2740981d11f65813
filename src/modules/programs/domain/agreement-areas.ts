import type { Queryable } from '../../../db/database.ts';

/**
 * What programs need to know of agreement areas (a program may serve one). The agreements module owns them and
 * imports programs (for the areas' progress), so programs cannot import agreements without a cycle: the
 * directory is handed to the programs manifest where the modules are put together (src/modules/registry.ts
 * passes agreements' exported lookups). Tests and a platform without agreements pass NO_AGREEMENT_AREAS.
 */
export interface AgreementAreaDirectory {
  /** The area by id, undefined when there is none. */
  find(db: Queryable, areaId: number): Promise<{ id: number } | undefined>;
  /** The areas of the agreements an organization is a party to. */
  listForOrganization(
    db: Queryable,
    organizationId: number,
  ): Promise<Array<{ id: number; number: number; description: string; agreementTitle: string }>>;
}

/** A directory without areas: every area id is unknown and no program form offers one. */
export const NO_AGREEMENT_AREAS: AgreementAreaDirectory = {
  find: async () => undefined,
  listForOrganization: async () => [],
};

/** True when the agreements module knows this area. */
export async function agreementAreaExists(areas: AgreementAreaDirectory, db: Queryable, areaId: number): Promise<boolean> {
  return (await areas.find(db, areaId)) !== undefined;
}

/** The agreement areas a program led by one of these organizations may serve, as select options. */
export async function agreementAreaOptions(
  areas: AgreementAreaDirectory,
  db: Queryable,
  organizationIds: number[],
): Promise<Array<[string, string]>> {
  const lists = await Promise.all(organizationIds.map((id) => areas.listForOrganization(db, id)));
  const seen = new Map<number, string>();
  for (const area of lists.flat()) seen.set(area.id, `${area.agreementTitle} — ${area.number}. ${area.description}`);
  return [...seen].map(([id, label]) => [String(id), label]);
}

import type { Queryable } from '../../db/database.ts';
import { findAgreementArea, listAgreementAreasForOrganization } from '../agreements/index.ts';

/** True when the agreements module knows this area. */
export async function agreementAreaExists(db: Queryable, areaId: number): Promise<boolean> {
  return (await findAgreementArea(db, areaId)) !== undefined;
}

/** The agreement areas a program led by one of these organizations may serve, as select options. */
export async function agreementAreaOptions(db: Queryable, organizationIds: number[]): Promise<Array<[string, string]>> {
  const lists = await Promise.all(organizationIds.map((id) => listAgreementAreasForOrganization(db, id)));
  const seen = new Map<number, string>();
  for (const area of lists.flat()) seen.set(area.id, `${area.agreementTitle} — ${area.number}. ${area.description}`);
  return [...seen].map(([id, label]) => [String(id), label]);
}

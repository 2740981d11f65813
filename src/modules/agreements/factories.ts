import type { Queryable } from '../../db/database.ts';
import { insertAgreement, insertAreas, type AgreementInput, type AgreementStatus } from './queries.ts';

/** What a test may set on an agreement; everything else gets a plain default. */
export interface AgreementOverrides {
  title?: string;
  status?: AgreementStatus;
  /** ISO days. */
  signedOn?: string | null;
  periodStart?: string;
  periodEnd?: string;
  goals?: string;
  /** The areas' descriptions, numbered 1, 2, … */
  areas?: string[];
  createdBy?: number | null;
}

/**
 * An agreement between these organizations (in this order, signatories left blank), written through the module's
 * own inserts (no audit entry: a test's setup, not a recorded act), for any module's tests. Returns its id.
 */
export async function createAgreement(db: Queryable, partyIds: readonly number[], overrides: AgreementOverrides = {}): Promise<number> {
  const input: AgreementInput = {
    title: overrides.title ?? 'Cooperation agreement',
    signedOn: overrides.signedOn ?? null,
    periodStart: overrides.periodStart ?? '2018-01-01',
    periodEnd: overrides.periodEnd ?? '2022-12-31',
    goals: overrides.goals ?? '',
    status: overrides.status ?? 'in_force',
    parties: partyIds.map((organizationId) => ({ organizationId, signatoryName: '', signatoryRole: '' })),
  };
  const id = await insertAgreement(db, input, overrides.createdBy ?? null);
  if (overrides.areas && overrides.areas.length > 0) await insertAreas(db, id, overrides.areas);
  return id;
}

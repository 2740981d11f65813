import type { Actor } from '../../core/authorization.ts';
import { authorize } from '../../core/errors.ts';
import type { Lang } from '../../core/i18n.ts';
import type { Queryable } from '../../db/database.ts';
import { findOrganizationsByIds, listOrganizationsForSelect, type OrganizationSummary } from '../organizations/index.ts';
import { agreementAreaProgressFor, progressByAgreementArea } from '../programs/index.ts';
import { agreementAbilities, canCreateAgreementFor, canViewAgreement } from './policy.ts';
import { agreementRef, presentAgreementDetail } from './presenters.ts';
import {
  findAgreement,
  listVisibleAgreements,
  type Agreement,
  type AgreementDetail,
  type AgreementInput,
  type AgreementRow,
} from './queries.ts';

/**
 * Gives each agreement its parties' organizations (slug, name, place in the tree), read in one batch through the
 * organizations module. A party whose organization is gone is left out, as the join it replaces did.
 */
async function withParties<R extends AgreementRow>(
  db: Queryable,
  rows: readonly R[],
): Promise<Array<Omit<R, 'parties'> & Pick<Agreement, 'parties'>>> {
  const ids = [...new Set(rows.flatMap((row) => row.parties.map((p) => p.organizationId)))];
  const organizations = new Map((await findOrganizationsByIds(db, ids)).map((o) => [o.id, o]));
  return rows.map((row) => ({
    ...row,
    parties: row.parties.flatMap((party) => {
      const o = organizations.get(party.organizationId);
      return o
        ? [
            {
              id: o.id,
              slug: o.slug,
              name: o.name,
              ancestorIds: o.ancestorIds,
              signatoryName: party.signatoryName,
              signatoryRole: party.signatoryRole,
            },
          ]
        : [];
    }),
  }));
}

/** One agreement with its parties, areas and documents; undefined when there is none. */
export async function loadAgreement(db: Queryable, id: number): Promise<AgreementDetail | undefined> {
  const row = await findAgreement(db, id);
  return row ? (await withParties(db, [row]))[0] : undefined;
}

/** Loads an agreement the viewer may see; 404 when it does not exist or is a draft of others (one answer). */
export async function loadVisibleAgreement(db: Queryable, actor: Actor | null, id: number): Promise<AgreementDetail> {
  const agreement = await loadAgreement(db, id);
  authorize(!!agreement && canViewAgreement(actor, agreementRef(agreement)));
  return agreement;
}

/**
 * An agreement as its page and its JSON show it to this viewer: with the progress of its areas (only what the viewer
 * may see of the programs behind them), documents only for those who may see them, and what the viewer may do.
 */
export async function presentAgreementFor(db: Queryable, actor: Actor | null, agreement: AgreementDetail, lang: Lang) {
  const areaIds = agreement.areas.map((a) => a.id);
  const progress = agreementAreaProgressFor(actor, await progressByAgreementArea(db, areaIds));
  const can = agreementAbilities(actor, agreementRef(agreement));
  return { agreement: presentAgreementDetail(agreement, lang, progress, can.viewDocuments), can };
}

/** The agreements the viewer may see (see listVisibleAgreements), with their parties. */
export async function loadVisibleAgreements(
  db: Queryable,
  actor: Actor | null,
  page: { limit: number; offset: number },
  organizationId: number | null = null,
): Promise<Agreement[]> {
  return withParties(db, await listVisibleAgreements(db, actor, page, organizationId));
}

/** Every organization for the party selects, and whether the actor may create an agreement for any. */
export async function partyChoices(db: Queryable, actor: Actor | null, lang: Lang) {
  const all = await listOrganizationsForSelect(db, lang);
  const refs: OrganizationSummary[] = await findOrganizationsByIds(
    db,
    all.map((o) => o.id),
  );
  const canCreateAny = refs.some((r) => canCreateAgreementFor(actor, r));
  return { options: all.map((o): [string, string] => [String(o.id), `${'— '.repeat(o.depth)}${o.name}`]), canCreateAny };
}

/** Among the parties, one where the actor is coordinator or admin; all parties must exist. */
export async function checkParties(
  db: Queryable,
  actor: Actor,
  parties: AgreementInput['parties'],
): Promise<'ok' | 'unknown' | 'notYours'> {
  const found = await findOrganizationsByIds(
    db,
    parties.map((p) => p.organizationId),
  );
  if (found.length !== parties.length) return 'unknown';
  return found.some((o) => canCreateAgreementFor(actor, o)) ? 'ok' : 'notYours';
}

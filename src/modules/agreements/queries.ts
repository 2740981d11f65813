import { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { many, one } from '../../db/database.ts';
import type { LocalizedText } from '../../core/i18n.ts';
import { reachedOrganizationsSql } from '../../core/reach-sql.ts';
import { DayColumn, IdRow, IdsColumn, oneOrThrow } from '../../core/rows.ts';

export const AGREEMENT_STATUSES = ['draft', 'in_force', 'ended', 'renewed'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** A party as agreement_parties keeps it: the organization's id and who signed for it. */
const AgreementPartyRow = z.object({ organizationId: z.number(), signatoryName: z.string(), signatoryRole: z.string() });
export type AgreementPartyRow = z.infer<typeof AgreementPartyRow>;

/** A party with its organization's slug, name and place in the tree (read through the organizations module). */
export interface AgreementParty {
  id: number;
  slug: string;
  name: LocalizedText;
  ancestorIds: number[];
  signatoryName: string;
  signatoryRole: string;
}

/** A yearly target inside an area's json_agg: the amount is cast to float8 there (numeric would be text). */
const AreaTarget = z.object({ id: z.number(), year: z.number(), target: z.string(), amount: z.number().nullable(), unit: z.string() });
export type AreaTarget = z.infer<typeof AreaTarget>;

const AgreementArea = z.object({ id: z.number(), number: z.number(), description: z.string(), targets: z.array(AreaTarget) });
export type AgreementArea = z.infer<typeof AgreementArea>;

const AgreementDocument = z.object({
  id: z.number(),
  filename: z.string(),
  contentType: z.string(),
  byteSize: z.number(),
  createdAt: z.date(),
});
export type AgreementDocument = z.infer<typeof AgreementDocument>;

/** An agreement's own columns, with its parties as agreement_parties keeps them. */
const AgreementRow = z.object({
  id: z.number(),
  title: z.string(),
  signedOn: DayColumn.nullable(),
  periodStart: DayColumn,
  periodEnd: DayColumn,
  goals: z.string(),
  status: z.enum(AGREEMENT_STATUSES),
  parties: z.array(AgreementPartyRow),
});
export type AgreementRow = z.infer<typeof AgreementRow>;

/** An agreement with its parties' organizations (loaders.ts joins them in). */
export interface Agreement extends Omit<AgreementRow, 'parties'> {
  parties: AgreementParty[];
}

/** What an agreement's own page adds: its areas (with their targets) and its documents' descriptions. */
interface AgreementContents {
  areas: AgreementArea[];
  documents: AgreementDocument[];
}
export type AgreementDetailRow = AgreementRow & AgreementContents;
export type AgreementDetail = Agreement & AgreementContents;

// Parties in their order; the organizations' names and slugs come from the organizations module.
const AGREEMENT_SELECT = `
  SELECT a.id, a.title, a.signed_on AS "signedOn", a.period_start AS "periodStart", a.period_end AS "periodEnd", a.goals, a.status,
         COALESCE((SELECT json_agg(json_build_object('organizationId', p.organization_id,
                                                     'signatoryName', p.signatory_name, 'signatoryRole', p.signatory_role) ORDER BY p.position)
                     FROM agreement_parties p WHERE p.agreement_id = a.id), '[]') AS parties
    FROM agreements a`;

/** The agreements a viewer may see: all but drafts, plus drafts of organizations they hold a role in. */
export function listVisibleAgreements(
  db: Queryable,
  viewer: { userId: number; isPlatformAdmin: boolean } | null,
  page: { limit: number; offset: number },
  /** Only agreements this organization is a party to. */
  organizationId: number | null = null,
): Promise<AgreementRow[]> {
  return many(
    db,
    AgreementRow,
    `${AGREEMENT_SELECT}
      WHERE (a.status <> 'draft' OR $2::boolean
             OR EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organization_id IN (${reachedOrganizationsSql('$1')})))
        AND ($5::bigint IS NULL OR EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organization_id = $5))
      ORDER BY a.period_start DESC, a.id DESC
      LIMIT $3 OFFSET $4`,
    [viewer?.userId ?? 0, viewer?.isPlatformAdmin ?? false, page.limit, page.offset, organizationId],
  );
}

/** One agreement with its areas (and their targets) and its documents' descriptions; undefined when none. */
export async function findAgreement(db: Queryable, id: number): Promise<AgreementDetailRow | undefined> {
  const agreement = await one(db, AgreementRow, `${AGREEMENT_SELECT} WHERE a.id = $1`, [id]);
  if (!agreement) return undefined;
  const [areas, documents] = await Promise.all([
    many(
      db,
      AgreementArea,
      `SELECT ar.id, ar.number, ar.description,
              COALESCE((SELECT json_agg(json_build_object('id', t.id, 'year', t.year, 'target', t.target, 'amount', t.amount::float8, 'unit', t.unit) ORDER BY t.year, t.id)
                          FROM agreement_area_targets t WHERE t.area_id = ar.id), '[]') AS targets
         FROM agreement_areas ar WHERE ar.agreement_id = $1 ORDER BY ar.number`,
      [id],
    ),
    many(
      db,
      AgreementDocument,
      `SELECT id, filename, content_type AS "contentType", byte_size AS "byteSize", created_at AS "createdAt"
         FROM agreement_documents WHERE agreement_id = $1 ORDER BY id`,
      [id],
    ),
  ]);
  return { ...agreement, areas, documents };
}

/** What creating or editing an agreement writes: its own columns and its parties, in order. */
export type AgreementInput = Omit<AgreementRow, 'id'>;

/** Inserts an agreement with its parties; returns its id. */
export async function insertAgreement(db: Queryable, input: AgreementInput, createdBy: number | null): Promise<number> {
  const { id } = oneOrThrow(
    await many(
      db,
      IdRow,
      `INSERT INTO agreements (title, signed_on, period_start, period_end, goals, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.title, input.signedOn, input.periodStart, input.periodEnd, input.goals, input.status, createdBy],
    ),
  );
  await replaceParties(db, id, input.parties);
  return id;
}

/** Updates an agreement and replaces its parties. */
export async function updateAgreement(db: Queryable, id: number, input: AgreementInput): Promise<void> {
  await db.query(
    `UPDATE agreements SET title = $2, signed_on = $3, period_start = $4, period_end = $5, goals = $6, status = $7, updated_at = now() WHERE id = $1`,
    [id, input.title, input.signedOn, input.periodStart, input.periodEnd, input.goals, input.status],
  );
  await replaceParties(db, id, input.parties);
}

async function replaceParties(db: Queryable, agreementId: number, parties: AgreementInput['parties']): Promise<void> {
  await db.query(`DELETE FROM agreement_parties WHERE agreement_id = $1`, [agreementId]);
  await db.query(
    `INSERT INTO agreement_parties (agreement_id, organization_id, position, signatory_name, signatory_role)
     SELECT $1, org, ord, name, role FROM unnest($2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY AS p(org, name, role, ord)`,
    [agreementId, parties.map((p) => p.organizationId), parties.map((p) => p.signatoryName), parties.map((p) => p.signatoryRole)],
  );
}

/** Adds numbered areas after the agreement's last one; returns their ids in order. */
export async function insertAreas(db: Queryable, agreementId: number, descriptions: string[]): Promise<number[]> {
  await db.query(`SELECT 1 FROM agreements WHERE id = $1 FOR UPDATE`, [agreementId]);
  const rows = await many(
    db,
    z.object({ id: z.number(), number: z.number() }),
    `INSERT INTO agreement_areas (agreement_id, number, description)
     SELECT $1, COALESCE((SELECT max(number) FROM agreement_areas WHERE agreement_id = $1), 0) + d.ord, d.description
       FROM unnest($2::text[]) WITH ORDINALITY AS d(description, ord)
     RETURNING id, number`,
    [agreementId, descriptions],
  );
  return rows.sort((a, b) => a.number - b.number).map((r) => r.id);
}

/** Rewrites an area's description; false when the area is not the agreement's. */
export async function updateArea(db: Queryable, agreementId: number, areaId: number, description: string): Promise<boolean> {
  const result = await db.query(`UPDATE agreement_areas SET description = $3 WHERE id = $2 AND agreement_id = $1`, [
    agreementId,
    areaId,
    description,
  ]);
  return (result.rowCount ?? 0) > 0;
}

/** Adds a yearly target to an area of this agreement; false when the area is not the agreement's. */
export async function insertTarget(
  db: Queryable,
  agreementId: number,
  input: { areaId: number; year: number; target: string; amount: number | null; unit: string },
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO agreement_area_targets (area_id, year, target, amount, unit)
     SELECT ar.id, $3, $4, $5, $6 FROM agreement_areas ar WHERE ar.id = $2 AND ar.agreement_id = $1`,
    [agreementId, input.areaId, input.year, input.target, input.amount, input.unit],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Stores a checked (and, for images, re-encoded) document. */
export async function insertDocument(
  db: Queryable,
  agreementId: number,
  file: { filename: string; contentType: string; data: Buffer },
  uploadedBy: number,
): Promise<number> {
  const rows = await many(
    db,
    IdRow,
    `INSERT INTO agreement_documents (agreement_id, filename, content_type, byte_size, data, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [agreementId, file.filename, file.contentType, file.data.length, file.data, uploadedBy],
  );
  return oneOrThrow(rows).id;
}

/** One document with its bytes, only if it belongs to the agreement. */
export function findDocument(db: Queryable, agreementId: number, documentId: number) {
  return one(
    db,
    z.object({ filename: z.string(), contentType: z.string(), data: z.instanceof(Buffer) }),
    `SELECT filename, content_type AS "contentType", data FROM agreement_documents WHERE id = $1 AND agreement_id = $2`,
    [documentId, agreementId],
  );
}

/** An area as other modules see it. */
const AgreementAreaRef = z.object({
  id: z.number(),
  number: z.number(),
  description: z.string(),
  agreementId: z.number(),
  agreementTitle: z.string(),
  agreementStatus: z.enum(AGREEMENT_STATUSES),
  partyOrganizationIds: IdsColumn,
});
export type AgreementAreaRef = z.infer<typeof AgreementAreaRef>;

const AREA_REF_SELECT = `
  SELECT ar.id, ar.number, ar.description, a.id AS "agreementId", a.title AS "agreementTitle", a.status AS "agreementStatus",
         to_json(ARRAY(SELECT p.organization_id FROM agreement_parties p WHERE p.agreement_id = a.id ORDER BY p.position)) AS "partyOrganizationIds"
    FROM agreement_areas ar JOIN agreements a ON a.id = ar.agreement_id`;

/** The areas of every agreement the organization is a party to. */
export function areasForOrganization(db: Queryable, organizationId: number): Promise<AgreementAreaRef[]> {
  return many(
    db,
    AgreementAreaRef,
    `${AREA_REF_SELECT} WHERE EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organization_id = $1)
      ORDER BY a.period_start DESC, a.id DESC, ar.number`,
    [organizationId],
  );
}

/** One area with its agreement's id, title, status and parties. */
export function findAreaRef(db: Queryable, areaId: number): Promise<AgreementAreaRef | undefined> {
  return one(db, AgreementAreaRef, `${AREA_REF_SELECT} WHERE ar.id = $1`, [areaId]);
}

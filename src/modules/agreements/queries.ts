import type { Queryable } from '../../db/database.ts';
import { many, one } from '../../db/database.ts';
import type { LocalizedText } from '../../core/i18n.ts';
import { reachedOrganizationsSql } from '../../core/reach-sql.ts';
import { oneOrThrow } from '../../core/rows.ts';

export const AGREEMENT_STATUSES = ['draft', 'in_force', 'ended', 'renewed'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** A party as agreement_parties keeps it: the organization's id and who signed for it. */
export interface AgreementPartyRow {
  organizationId: number;
  signatoryName: string;
  signatoryRole: string;
}

/** A party with its organization's slug, name and place in the tree (read through the organizations module). */
export interface AgreementParty {
  id: number;
  slug: string;
  name: LocalizedText;
  ancestorIds: number[];
  signatoryName: string;
  signatoryRole: string;
}

export interface AreaTarget {
  id: number;
  year: number;
  target: string;
  amount: number | null;
  unit: string;
}

export interface AgreementArea {
  id: number;
  number: number;
  description: string;
  targets: AreaTarget[];
}

export interface AgreementDocument {
  id: number;
  filename: string;
  contentType: string;
  byteSize: number;
  createdAt: Date;
}

/** An agreement's own columns, with its parties as agreement_parties keeps them. */
export interface AgreementRow {
  id: number;
  title: string;
  signedOn: string | null;
  periodStart: string;
  periodEnd: string;
  goals: string;
  status: AgreementStatus;
  parties: AgreementPartyRow[];
}

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
  return many<AgreementRow>(
    db,
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
  const agreement = await one<AgreementRow>(db, `${AGREEMENT_SELECT} WHERE a.id = $1`, [id]);
  if (!agreement) return undefined;
  const [areas, documents] = await Promise.all([
    many<AgreementArea>(
      db,
      `SELECT ar.id, ar.number, ar.description,
              COALESCE((SELECT json_agg(json_build_object('id', t.id, 'year', t.year, 'target', t.target, 'amount', t.amount::float8, 'unit', t.unit) ORDER BY t.year, t.id)
                          FROM agreement_area_targets t WHERE t.area_id = ar.id), '[]') AS targets
         FROM agreement_areas ar WHERE ar.agreement_id = $1 ORDER BY ar.number`,
      [id],
    ),
    many<AgreementDocument>(
      db,
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
    await many<{ id: number }>(
      db,
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
  const result = await db.query<{ id: number; number: number }>(
    `INSERT INTO agreement_areas (agreement_id, number, description)
     SELECT $1, COALESCE((SELECT max(number) FROM agreement_areas WHERE agreement_id = $1), 0) + d.ord, d.description
       FROM unnest($2::text[]) WITH ORDINALITY AS d(description, ord)
     RETURNING id, number`,
    [agreementId, descriptions],
  );
  return result.rows.sort((a, b) => a.number - b.number).map((r) => r.id);
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
  const rows = await many<{ id: number }>(
    db,
    `INSERT INTO agreement_documents (agreement_id, filename, content_type, byte_size, data, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [agreementId, file.filename, file.contentType, file.data.length, file.data, uploadedBy],
  );
  return oneOrThrow(rows).id;
}

/** One document with its bytes, only if it belongs to the agreement. */
export function findDocument(db: Queryable, agreementId: number, documentId: number) {
  return one<{ filename: string; contentType: string; data: Buffer }>(
    db,
    `SELECT filename, content_type AS "contentType", data FROM agreement_documents WHERE id = $1 AND agreement_id = $2`,
    [documentId, agreementId],
  );
}

/** An area as other modules see it. */
export interface AgreementAreaRef {
  id: number;
  number: number;
  description: string;
  agreementId: number;
  agreementTitle: string;
  agreementStatus: AgreementStatus;
  partyOrganizationIds: number[];
}

const AREA_REF_SELECT = `
  SELECT ar.id, ar.number, ar.description, a.id AS "agreementId", a.title AS "agreementTitle", a.status AS "agreementStatus",
         to_json(ARRAY(SELECT p.organization_id FROM agreement_parties p WHERE p.agreement_id = a.id ORDER BY p.position)) AS "partyOrganizationIds"
    FROM agreement_areas ar JOIN agreements a ON a.id = ar.agreement_id`;

/** The areas of every agreement the organization is a party to. */
export function areasForOrganization(db: Queryable, organizationId: number): Promise<AgreementAreaRef[]> {
  return many<AgreementAreaRef>(
    db,
    `${AREA_REF_SELECT} WHERE EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.organization_id = $1)
      ORDER BY a.period_start DESC, a.id DESC, ar.number`,
    [organizationId],
  );
}

/** One area with its agreement's id, title, status and parties. */
export function findAreaRef(db: Queryable, areaId: number): Promise<AgreementAreaRef | undefined> {
  return one<AgreementAreaRef>(db, `${AREA_REF_SELECT} WHERE ar.id = $1`, [areaId]);
}

import type { ActivityInput } from './schemas.ts';
import type { Pool } from '../../db/database.ts';
import { many, transaction } from '../../db/database.ts';
import { IdRow, oneOrThrow } from '../../core/rows.ts';
import { createOrganization, createRegion, createUser, grantRole, type TestUser } from '../../../test/support/factories.ts';
import { saveProgram } from './commands/save-program.ts';
import { saveActivity } from './commands/save-activity.ts';
import { fileReport } from './commands/file-report.ts';
import { NO_AGREEMENT_AREAS, type AgreementAreaDirectory } from './domain/agreement-areas.ts';

/**
 * Test factories of the programs module, for its own tests and other modules' (agreements, meetings, e2e): data is
 * built through the module's commands, the way the pages build it.
 */

/** What a command needs of its caller when a factory acts as this user (from a loopback address). */
const actingAs = (db: Pool, userId: number) => ({ db, actor: { userId, isPlatformAdmin: false, grants: [] }, ip: '127.0.0.1' });

/** A province with two counties, a lead and a partner organization, an outsider, and people in each role. */
export async function programWorld(db: Pool) {
  const province = await createRegion(db, { kind: 'province', name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } });
  const rasht = await createRegion(db, { kind: 'county', parentId: province.id, name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' } });
  const lahijan = await createRegion(db, { kind: 'county', parentId: province.id, name: { en: 'Lahijan', fa: 'لاهیجان', vi: 'Lahijan' } });
  const lead = await createOrganization(db, {
    regionId: province.id,
    name: { en: 'Workers Organization', fa: 'سازمان کارگران', vi: 'Tổ chức Công nhân' },
  });
  const partner = await createOrganization(db, {
    regionId: province.id,
    name: { en: 'Labour Directorate', fa: 'اداره کل کار', vi: 'Sở Lao động' },
  });
  const other = await createOrganization(db, { name: { en: 'Other Union', fa: 'سندیکای دیگر', vi: 'Công đoàn khác' } });
  const person = async (
    name: string,
    grants: Array<[number, 'member' | 'official' | 'coordinator' | 'admin', number | null]>,
  ): Promise<TestUser> => {
    const user = await createUser(db, { name, locale: 'en' });
    for (const [org, role, region] of grants) await grantRole(db, user.id, org, role, region);
    return user;
  };
  const users = {
    coordinator: await person('Maryam Coordinator', [[lead.id, 'coordinator', null]]),
    rashtOfficial: await person('Hossein Rasht', [[lead.id, 'official', rasht.id]]),
    lahijanOfficial: await person('Zahra Lahijan', [[lead.id, 'official', lahijan.id]]),
    partnerCoordinator: await person('Partner Coordinator', [[partner.id, 'coordinator', null]]),
    outsider: await person('Outside Coordinator', [[other.id, 'coordinator', null]]),
    member: await person('A Worker', [[lead.id, 'member', null]]),
    rashtCoordinator: await person('Rasht Coordinator', [[lead.id, 'coordinator', rasht.id]]),
  };
  return { regions: { province, rasht, lahijan }, orgs: { lead, partner, other }, users };
}
export type ProgramWorld = Awaited<ReturnType<typeof programWorld>>;

/** An agreement-area directory that knows only this area (programs' tests need no agreement for it). */
const onlyArea = (areaId: number): AgreementAreaDirectory => ({
  find: async (_db, id) => (id === areaId ? { id } : undefined),
  listForOrganization: async () => [],
});

/**
 * A program of the world's lead (partner: the directorate) over the province and both counties, with one activity;
 * `agreementAreaId` makes it serve that agreement area.
 */
export async function programWithActivity(
  db: Pool,
  w: ProgramWorld,
  options: { isPublic?: boolean; status?: 'draft' | 'active'; agreementAreaId?: number } = {},
) {
  const regionIds = [w.regions.province.id, w.regions.rasht.id, w.regions.lahijan.id];
  const saved = await saveProgram(actingAs(db, w.users.coordinator.id), {
    leadOrganizationId: w.orgs.lead.id,
    agreementAreas: options.agreementAreaId === undefined ? NO_AGREEMENT_AREAS : onlyArea(options.agreementAreaId),
    data: {
      title: "Workers' Week 1401",
      description: 'Activities across the province',
      lang: 'fa',
      periodStart: '2022-04-11',
      periodEnd: '2022-05-10',
      status: options.status ?? 'active',
      isPublic: options.isPublic ?? true,
      partnerIds: [w.orgs.partner.id],
      regionIds,
      agreementAreaId: options.agreementAreaId,
    },
  });
  if (!saved.ok) throw new Error(saved.reason);
  const activity = await saveActivity(actingAs(db, w.users.coordinator.id), {
    programId: saved.id,
    programTitle: "Workers' Week 1401",
    leadOrganizationId: w.orgs.lead.id,
    programOrganizationIds: [w.orgs.lead.id, w.orgs.partner.id],
    programRegionIds: regionIds,
    responsibleChoices: [w.users.rashtOfficial.id],
    data: commemorationActivity(w, regionIds),
  });
  if (!activity.ok) throw new Error(activity.reason);
  return { programId: saved.id, activityId: activity.id, activityNumber: activity.number };
}

/** The activity programWithActivity saves (responsible: the Rasht official), with overrides, for saving it again in tests. */
export function commemorationActivity(w: ProgramWorld, regionIds: number[], overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    title: 'Commemoration of the fallen workers',
    description: 'In the province and each county',
    type: 'commemoration',
    status: 'planned',
    leadOrganizationId: null,
    partnerIds: [],
    regionIds,
    startsOn: '2022-04-20',
    endsOn: '2022-04-30',
    responsibleUserId: w.users.rashtOfficial.id,
    budget: 1000,
    budgetCurrency: 'IRR',
    publicNotes: 'Open to all families',
    internalNotes: 'SECRET-INTERNAL-NOTE',
    targets: [{ amount: 30, unitLabel: 'families honoured', measure: 'families', scope: 'total' }],
    ...overrides,
  };
}

/**
 * A program led by an organization, saved through the command by `by` (its audit entry names them). The defaults are
 * the table's: a draft in Persian, not public, with no regions.
 */
export async function createProgram(
  db: Pool,
  input: {
    leadOrganizationId: number;
    by: number;
    title?: string;
    status?: 'draft' | 'active' | 'completed' | 'cancelled';
    periodStart?: string;
    periodEnd?: string;
    partnerIds?: number[];
  },
): Promise<number> {
  const saved = await saveProgram(actingAs(db, input.by), {
    leadOrganizationId: input.leadOrganizationId,
    agreementAreas: NO_AGREEMENT_AREAS,
    data: {
      title: input.title ?? 'Test program',
      description: '',
      lang: 'fa',
      periodStart: input.periodStart ?? '2022-04-01',
      periodEnd: input.periodEnd ?? '2022-05-31',
      status: input.status ?? 'draft',
      isPublic: false,
      partnerIds: input.partnerIds ?? [],
      regionIds: [],
      agreementAreaId: undefined,
    },
  });
  if (!saved.ok) throw new Error(saved.reason);
  return saved.id;
}

/** Files a report directly (status submitted), optionally approving it. */
export async function reportFor(
  db: Pool,
  input: { activityId: number; regionId: number; reporterId: number; families: number; approve?: boolean; notes?: string },
) {
  const { id } = await fileReport(actingAs(db, input.reporterId), {
    activityId: input.activityId,
    organizationId: oneOrThrow(
      await many(
        db,
        IdRow,
        `SELECT COALESCE(a.lead_organization_id, p.lead_organization_id) AS id FROM program_activities a JOIN programs p ON p.id = a.program_id WHERE a.id = $1`,
        [input.activityId],
      ),
    ).id,
    data: {
      regionId: input.regionId,
      heldOn: '2022-04-22',
      place: 'Main hall',
      workers: 10,
      employers: 2,
      families: input.families,
      otherParticipants: 0,
      beneficiaries: input.families,
      moneySpent: 100,
      notes: input.notes,
    },
    files: [],
  });
  if (input.approve) await approveReport(db, id);
  return id;
}

/** Marks a report approved (as a review would, without its notification or audit entry). */
export async function approveReport(db: Pool, reportId: number): Promise<void> {
  await transaction(db, (tx) => tx.query(`UPDATE activity_reports SET status = 'approved', reviewed_at = now() WHERE id = $1`, [reportId]));
}

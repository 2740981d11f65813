import type { Queryable } from '../../db/database.ts';
import type { UnionhallModule } from '../module.ts';
import { deriveProgress } from './derive.ts';
import { findProgramBrief, programsOfAgreementAreas, programTitlesForOrganization } from './queries.ts';
import { createDraftActivities as createDrafts } from './commands/create-draft-activities.ts';
import { programRoutes } from './routes/program-routes.ts';
import { activityRoutes } from './routes/activity-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { programsOpenapiPaths, programsOpenapiSchemas } from './openapi.ts';
import { seedProgramActivities, seedPrograms } from './seed.ts';

/**
 * Creates one draft activity per title in a program, numbered after its last activity (for the meetings module:
 * a resolution approving activities). Runs in the caller's transaction; the caller checks permissions.
 */
export async function createDraftActivities(
  tx: Queryable,
  input: { programId: number; actorId: number; titles: string[]; resolutionId?: number | null },
): Promise<number[]> {
  return createDrafts(tx, input);
}

/** Programs an organization leads or is a partner in: id and title, newest first. */
export async function listProgramsForOrganization(db: Queryable, organizationId: number): Promise<Array<{ id: number; title: string }>> {
  return programTitlesForOrganization(db, organizationId);
}

/** A program's lead, partners and title, or undefined when it does not exist. */
export async function findProgramRef(
  db: Queryable,
  programId: number,
): Promise<{ id: number; leadOrganizationId: number; partnerOrganizationIds: number[]; title: string } | undefined> {
  const row = await findProgramBrief(db, programId);
  if (!row) return undefined;
  return { id: row.id, leadOrganizationId: row.leadOrganizationId, partnerOrganizationIds: row.partnerOrganizationIds.map(Number), title: row.title };
}

/**
 * How far each agreement area's programs are, derived from approved execution reports. `progress` values are
 * percentages from 0 to 100; an area's is the average of its programs' that are not cancelled (0 without programs).
 * Areas without any program are absent from the map.
 */
export async function progressByAgreementArea(
  db: Queryable,
  areaIds: number[],
): Promise<Map<number, { progress: number; programs: Array<{ id: number; title: string; progress: number }> }>> {
  const programs = await programsOfAgreementAreas(db, areaIds);
  const progress = await deriveProgress(db, programs.map((p) => p.id));
  const result = new Map<number, { progress: number; programs: Array<{ id: number; title: string; progress: number }> }>();
  for (const p of programs) {
    let area = result.get(p.agreementAreaId);
    if (!area) result.set(p.agreementAreaId, (area = { progress: 0, programs: [] }));
    area.programs.push({ id: p.id, title: p.title, progress: progress.get(p.id)?.overall ?? 0 });
  }
  for (const [areaId, area] of result) {
    const counted = programs.filter((p) => p.agreementAreaId === areaId && p.status !== 'cancelled').map((p) => progress.get(p.id)?.overall ?? 0);
    area.progress = counted.length === 0 ? 0 : Math.round((counted.reduce((a, b) => a + b, 0) / counted.length) * 10) / 10;
  }
  return result;
}

/** Programs, their numbered activities, execution reports per region, derived progress, dashboard, exports. */
export const programsModule: UnionhallModule = {
  name: 'programs',
  plugin: async (app) => {
    await app.register(programRoutes);
    await app.register(activityRoutes);
    await app.register(reportRoutes);
    await app.register(apiRoutes);
  },
  nav: [{ labelId: 'programs.nav', path: '/programs' }],
  organizationLinks: [{ labelId: 'programs.organizationLink', path: (slug) => `/organizations/${slug}/programs` }],
  openapiPaths: programsOpenapiPaths,
  openapiSchemas: programsOpenapiSchemas,
  seed: seedPrograms,
};

/**
 * The second half of the programs demo: it completes the Workers' Week activities that the meetings seed drafts
 * from the coordination meeting's resolution, so it is registered after the meetings module (no routes).
 */
export const programsDemoActivities: UnionhallModule = {
  name: 'programs-demo-activities',
  plugin: async () => {},
  seed: seedProgramActivities,
};

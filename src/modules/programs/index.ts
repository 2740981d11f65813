import type { UnionhallModule } from '../module.ts';
import { NO_AGREEMENT_AREAS, type AgreementAreaDirectory } from './domain/agreement-areas.ts';
import { apiRoutes } from './routes/api.ts';
import { pageRoutes } from './routes/pages/index.ts';
import { seedProgramActivities, seedPrograms } from './seed.ts';
import { programJobs } from './jobs.ts';

export { createDraftActivities } from './commands/create-draft-activities.ts';
export { programsWorkFor } from './loaders.ts';
export { findProgramRef, programTitlesForOrganization as listProgramsForOrganization } from './queries/index.ts';
export {
  agreementAreaProgressFor,
  agreementAreaProgressInYear,
  programAccess,
  progressByAgreementArea,
  type AgreementAreaActivity,
  type AgreementAreaProgram,
  type AgreementAreaProgress,
  type VisibleAreaProgram,
} from './domain/agreement-area-progress.ts';
export { NO_AGREEMENT_AREAS, type AgreementAreaDirectory } from './domain/agreement-areas.ts';

/**
 * Programs, their numbered activities, execution reports per region, derived progress, dashboard, exports.
 * `agreementAreas` is how programs read agreement areas (the agreements module's lookups, passed in by
 * src/modules/registry.ts): programs never import agreements, which imports programs for the areas' progress.
 */
export function programsModule(agreementAreas: AgreementAreaDirectory = NO_AGREEMENT_AREAS): UnionhallModule {
  return {
    name: 'programs',
    plugin: async (app) => {
      await app.register(pageRoutes, { agreementAreas });
      await app.register(apiRoutes);
    },
    nav: [{ labelId: 'programs.nav', path: '/programs' }],
    organizationLinks: [{ labelId: 'programs.organizationLink', path: (slug) => `/organizations/${slug}/programs` }],
    seed: (tx, refs) => seedPrograms(tx, refs, agreementAreas),
    // The Workers' Week activities are drafted by the meetings demo (a resolution approves them); completed here.
    seedAfterOthers: seedProgramActivities,
    jobs: programJobs,
  };
}

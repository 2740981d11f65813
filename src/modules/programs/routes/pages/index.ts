import type { FastifyInstance } from 'fastify';
import type { AgreementAreaDirectory } from '../../domain/agreement-areas.ts';
import { activityPages } from './activities.ts';
import { programPages } from './programs.ts';
import { reportPages } from './reports.ts';
import { reviewPages } from './reviews.ts';

/** The programs module's HTML pages: programs, activities, execution reports, the review queue. */
export async function pageRoutes(app: FastifyInstance, options: { agreementAreas: AgreementAreaDirectory }): Promise<void> {
  await app.register(programPages, options);
  await app.register(activityPages);
  await app.register(reportPages);
  await app.register(reviewPages);
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, LoginRequiredError, NotFoundError, authorize } from '../../../core/errors.ts';
import type { Queryable } from '../../../db/database.ts';
import { canViewProgram } from '../policy.ts';
import { programSubject } from '../presenters.ts';
import { findActivity, findProgram, type ActivityRow, type ProgramRow } from '../queries.ts';

/** A positive whole number from a path parameter, or 404. */
export function idParam(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) throw new NotFoundError();
  const id = Number(value);
  // Activity numbers are PostgreSQL integers: a larger value would be a database error, not "not found".
  if (id < 1 || id > 2_147_483_647) throw new NotFoundError();
  return id;
}

/** Today as an ISO day (UTC). */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** The latest day a report may say it was held: tomorrow in UTC, since Tehran and Hanoi are ahead of UTC. */
export const latestReportDay = () => new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);

/** Loads a program the signed-in viewer may work on (staff of the lead or a partner); 404 otherwise. */
export async function loadProgramForStaff(db: Queryable, request: FastifyRequest, rawId: unknown): Promise<ProgramRow> {
  const id = idParam(rawId);
  if (!request.ctx.actor) throw new LoginRequiredError();
  const program = await findProgram(db, id);
  authorize(!!program && canViewProgram(request.ctx.actor, programSubject(program)));
  return program;
}

/** Loads an activity of a program by its number; 404 when there is none. */
export async function loadActivity(db: Queryable, program: ProgramRow, rawNumber: unknown): Promise<ActivityRow> {
  const number = idParam(rawNumber);
  const activity = await findActivity(db, program.id, number);
  authorize(!!activity);
  return activity;
}

/** Reports a person may file in an hour (photos are re-encoded on the server: a runaway script must not hog it). */
export const REPORTS_PER_HOUR = 60;

/** Counts one filed report for the signed-in person; answers 429 past the limit (shared by pages and API). */
export function reportLimiter(app: FastifyInstance) {
  const check = app.createRateLimit({ max: REPORTS_PER_HOUR, timeWindow: 3_600_000, keyGenerator: (request) => `programs:report:${request.ctx.actor?.userId ?? request.ip}` });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded) {
      reply.header('retry-after', String(Math.max(1, result.ttlInSeconds)));
      throw new HttpError(429, 'errors.rateLimited');
    }
  };
}

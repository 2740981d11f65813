import type { RequestContext } from '../../../core/context.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import type { Queryable } from '../../../db/database.ts';
import { allOrganizations, officialsOf, regionsAtOrBelow, type ActivityRow, type ProgramRow } from '../queries.ts';
import { canCreateProgram } from '../policy.ts';
import { agreementAreaOptions } from '../agreement-link.ts';

type Option = [string, string];

/** Organizations the viewer may start a program for. */
export async function leadChoices(db: Queryable, ctx: RequestContext): Promise<Option[]> {
  const orgs = await allOrganizations(db);
  return orgs.filter((o) => canCreateProgram(ctx.actor, o)).map((o) => [String(o.id), pickLocalized(o.name, ctx.lang)]);
}

/** Choices for the program form: partner organizations and regions (below the lead's region). */
export async function programChoices(db: Queryable, ctx: RequestContext, leadRegionId: number | null, leadIds: number[]) {
  const [orgs, regions, areaOptions] = await Promise.all([allOrganizations(db), regionsAtOrBelow(db, leadRegionId), agreementAreaOptions(db, leadIds)]);
  return {
    areaOptions,
    partnerOptions: orgs.map((o): Option => [String(o.id), pickLocalized(o.name, ctx.lang)]),
    regionOptions: regions.map((r): Option => [String(r.id), pickLocalized(r.name, ctx.lang)]),
  };
}

/** Choices for the activity form, all drawn from the program. */
export async function activityChoices(db: Queryable, ctx: RequestContext, program: ProgramRow, activity?: ActivityRow) {
  const programOrgs = [program.lead, ...program.partners];
  const orgs = await allOrganizations(db);
  const regions = program.regions.length > 0 ? program.regions : await regionsAtOrBelow(db, null);
  const people = await officialsOf(db, [...programOrgs.map((o) => o.id), ...(activity?.partners.map((p) => p.id) ?? [])]);
  return {
    leadOptions: programOrgs.map((o): Option => [String(o.id), pickLocalized(o.name, ctx.lang)]),
    partnerOptions: orgs.map((o): Option => [String(o.id), pickLocalized(o.name, ctx.lang)]),
    regionOptions: regions.map((r): Option => [String(r.id), pickLocalized(r.name, ctx.lang)]),
    responsibleOptions: people.map((p): Option => [String(p.id), p.name]),
    responsibleIds: people.map((p) => p.id),
  };
}

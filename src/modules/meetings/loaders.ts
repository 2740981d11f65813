import type { RequestContext } from '../../core/context.ts';
import type { Actor } from '../../core/authorization.ts';
import { LoginRequiredError, NotFoundError, authorize } from '../../core/errors.ts';
import type { Queryable } from '../../db/database.ts';
import { findOrganizationsByIds, listOrganizationsForSelect } from '../organizations/index.ts';
import { canCreateMeeting, canViewMeeting, regionOfNewMeeting } from './policy.ts';
import { meetingRef } from './presenters.ts';
import { findMeeting, type Meeting } from './queries.ts';

/** The signed-in actor, or a LoginRequiredError (a visitor is sent to log in; the API answers 401). */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new LoginRequiredError();
  return ctx.actor;
}

/** A positive id from a URL parameter, or 404. */
export function idParam(value: unknown): number {
  const id = typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

/** Loads a meeting the actor may see; 404 when it does not exist or they may not see it (one answer). */
export async function loadVisibleMeeting(db: Queryable, actor: Actor, id: number): Promise<Meeting> {
  const meeting = await findMeeting(db, id);
  authorize(!!meeting && canViewMeeting(actor, meetingRef(meeting)));
  return meeting;
}

/** Every organization for the attending checkboxes, and those the actor may organize a meeting for. */
export async function organizationChoices(db: Queryable, actor: Actor, lang: RequestContext['lang']) {
  const all = await listOrganizationsForSelect(db, lang);
  const refs = await findOrganizationsByIds(db, all.map((o) => o.id));
  // bigint[] columns arrive as strings; the policy compares numbers.
  const ancestors = new Map(refs.map((r) => [r.id, r.ancestorIds.map(Number)]));
  const refOf = (id: number) => ({ id, ancestorIds: ancestors.get(id) ?? [] });
  const organizers = all.filter((o) => canCreateMeeting(actor, refOf(o.id)));
  return {
    all,
    /** The region a new meeting by this actor for this organizer is for (see regionOfNewMeeting). */
    regionFor: (organizerId: number) => regionOfNewMeeting(actor, refOf(organizerId)),
    organizerOptions: organizers.map((o): [string, string] => [String(o.id), o.name]),
    organizerIds: new Set(organizers.map((o) => o.id)),
  };
}

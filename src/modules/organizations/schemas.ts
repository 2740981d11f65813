import { z } from 'zod';
import { ROLES } from '../../core/authorization.ts';
import { dateField, email, integer, longText, optional, password, slugText, text } from '../../core/forms.ts';
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import { ORGANIZATION_KINDS, type OrganizationInput } from './queries/organizations.ts';
import { isTimeZone } from './domain/time-zones.ts';

/** Addresses a slug may not take: they are pages of their own under /organizations. */
export const RESERVED_SLUGS = new Set(['new', 'edit', 'members', 'audit', 'invitations']);

/** A slug: lower-case Latin letters and digits joined by single dashes (the organization's address). */
export const slug = () =>
  slugText({
    max: 80,
    error: 'organizations.form.slugInvalid',
    reserved: { words: RESERVED_SLUGS, error: 'organizations.form.slugReserved' },
  });

/** Creating or editing an organization. */
export const organizationSchema = z
  .object({
    /** What kind of organization it is (federation, union, office...). */
    kind: z.enum(ORGANIZATION_KINDS),
    /** Its name in each language; at least one is needed. */
    name_fa: optional(text({ max: 200 })),
    name_vi: optional(text({ max: 200 })),
    name_en: optional(text({ max: 200 })),
    /** What it does, in each language; all optional. */
    description_fa: optional(longText({ max: 5000 })),
    description_vi: optional(longText({ max: 5000 })),
    description_en: optional(longText({ max: 5000 })),
    /** The region it works in (id), or none. */
    region: optional(integer({ min: 1 })),
    /** Its address: /organizations/<slug>. */
    slug: slug(),
    /** The IANA time zone its deadline reminders follow (08:00 there); absent: unchanged, or derived when created. */
    time_zone: optional(z.string().trim().refine(isTimeZone, { error: 'organizations.form.timeZoneInvalid' })),
  })
  .superRefine((v, ctx) => {
    if (!v.name_fa && !v.name_vi && !v.name_en)
      ctx.addIssue({ code: 'custom', path: ['name_en'], message: 'organizations.form.nameRequired' });
  });
export type OrganizationForm = z.output<typeof organizationSchema>;

/** Inviting someone by email to a role. */
export const inviteSchema = z.object({
  /** Where the invitation is sent; the account it creates uses this address. */
  email: email(),
  /** The role they will hold. */
  role: z.enum(ROLES),
  /** For officials: the one region they will answer for (id), or none for the whole organization. */
  region: optional(integer({ min: 1 })),
});

/** The directory's filters and page, read from the query string. */
export const directoryQuerySchema = z.object({
  /** Only organizations in this region or below it (id). */
  region: optional(integer({ min: 1 })),
  kind: optional(z.enum(ORGANIZATION_KINDS)),
  /** Only the direct sub-organizations of this organization (id). */
  parent: optional(integer({ min: 1 })),
  page: optional(integer({ min: 1, max: 100_000 })),
});

/** The member list's page and search words, read from the query string. */
export const membersQuerySchema = z.object({
  page: optional(integer({ min: 1, max: 100_000 })),
  /** Words in the person's name or email address. */
  q: optional(text({ max: 100 })),
});

/** Changing one of a member's roles to another (the member is in the address). */
export const changeRoleSchema = z.object({
  /** The role held now. */
  role: z.enum(ROLES),
  /** The role to hold instead. */
  newRole: z.enum(ROLES),
  /** For officials: the region limit (id), or none. */
  region: optional(integer({ min: 1 })),
});

/** Removing one of a member's roles (the member is in the address). */
export const removeMemberSchema = z.object({
  /** The role taken away (a person may hold several). */
  role: z.enum(ROLES),
});

/** Creating an account from an invitation (the email is the invitation's). */
export const invitationSignupSchema = z.object({
  /** The name others will see. */
  name: text({ max: 100 }),
  password: password(),
});

/** The audit log's filters, read from the query string; dates in the page's calendar. */
export function auditFilterSchema(lang: Lang) {
  return z.object({
    action: optional(text({ max: 100 })),
    actor: optional(integer({ min: 1 })),
    from: optional(dateField(lang)),
    to: optional(dateField(lang)),
    before: optional(integer({ min: 1 })),
  });
}

/** Turns the form's per-language fields into the stored shape ({fa, vi, en}, empty languages left out). */
export function organizationInputFrom(form: OrganizationForm): OrganizationInput {
  const pick = (fa?: string, vi?: string, en?: string): LocalizedText => ({
    ...(fa ? { fa } : {}),
    ...(vi ? { vi } : {}),
    ...(en ? { en } : {}),
  });
  return {
    slug: form.slug,
    kind: form.kind,
    regionId: form.region ?? null,
    name: pick(form.name_fa, form.name_vi, form.name_en),
    description: pick(form.description_fa, form.description_vi, form.description_en),
    timeZone: form.time_zone ?? null,
  };
}

import { z } from 'zod';
import type { Lang } from '../../core/i18n.ts';
import { dateField, integer, longText, optional, text } from '../../core/forms.ts';
import { toAsciiDigits } from '../../core/dates.ts';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, PROGRAM_STATUSES } from './queries/index.ts';
import { MEASURES, TARGET_SCOPES } from './domain/progress.ts';

/** How many target rows the activity form offers (a form that works without JavaScript has fixed rows). */
export const TARGET_ROWS = 3;

/** A list of ids from checkboxes or a multiple select (one value arrives as a string). */
const idList = () =>
  z.preprocess(
    (v): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER))
      .max(500)
      .transform((ids) => [...new Set(ids)]),
  );

/** An amount typed with any digits and separators: 1,250.5 or ۱٬۲۵۰٫۵; never negative. */
export const decimal = (options: { max?: number; positive?: boolean } = {}) =>
  z.preprocess(
    (v) =>
      typeof v === 'number'
        ? String(v)
        : typeof v === 'string'
          ? toAsciiDigits(v)
              .replace(/[٬,\s]/g, '')
              .replace('٫', '.')
              .trim()
          : v,
    z
      .string()
      .regex(/^-?\d+(\.\d{1,2})?$/, { error: 'programs.errors.notANumber' })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(options.positive ? 0.01 : 0, { error: options.positive ? 'programs.errors.mustBePositive' : 'programs.errors.negative' })
          .max(options.max ?? 1e15),
      ),
  );

/** A count of people: a whole number, zero when left empty, never negative. */
const count = () =>
  z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? '0' : v),
    z.preprocess(
      (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? toAsciiDigits(v).trim() : v),
      z
        .string()
        .regex(/^-?\d+$/, { error: 'programs.errors.notANumber' })
        .transform(Number)
        .pipe(z.number().int().min(0, { error: 'programs.errors.negative' }).max(10_000_000)),
    ),
  );

/** The program form. */
export function programSchema(lang: Lang) {
  return z
    .object({
      /** The organization that leads it (chosen on creation only). */
      leadOrganizationId: z.coerce.number().int().positive().optional(),
      title: text({ max: 300 }),
      description: optional(longText({ max: 20_000 })),
      /** The language the program is written and printed in. */
      lang: z.enum(['fa', 'vi', 'en']),
      periodStart: dateField(lang),
      periodEnd: dateField(lang),
      status: z.enum(PROGRAM_STATUSES),
      isPublic: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
      partnerIds: idList(),
      regionIds: idList(),
      /** The agreement area it serves, if any (checked against the agreements module). */
      agreementAreaId: optional(integer({ min: 1 })),
    })
    .superRefine((v, ctx) => {
      if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) {
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'programs.errors.endBeforeStart' });
      }
    });
}
export type ProgramInput = z.output<ReturnType<typeof programSchema>>;

const targetFields: Record<string, z.ZodType> = {};
for (let i = 1; i <= TARGET_ROWS; i++) {
  targetFields[`target${i}Amount`] = optional(decimal({ positive: true }));
  targetFields[`target${i}Unit`] = optional(text({ max: 100 }));
  targetFields[`target${i}Measure`] = z.enum(MEASURES).default('beneficiaries');
  targetFields[`target${i}Scope`] = z.enum(TARGET_SCOPES).default('total');
}

/** The activity form. */
export function activitySchema(lang: Lang) {
  return z
    .object({
      title: text({ max: 500 }),
      description: optional(longText({ max: 20_000 })),
      type: z.enum(ACTIVITY_TYPES),
      status: z.enum(ACTIVITY_STATUSES),
      /** Empty: the program's lead organization leads it. */
      leadOrganizationId: optional(z.coerce.number().int().positive()),
      partnerIds: idList(),
      regionIds: idList(),
      startsOn: optional(dateField(lang)),
      endsOn: optional(dateField(lang)),
      responsibleUserId: optional(z.coerce.number().int().positive()),
      budget: optional(decimal()),
      budgetCurrency: optional(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{3}$/, { error: 'programs.errors.currency' }),
      ),
      publicNotes: optional(longText({ max: 5_000 })),
      internalNotes: optional(longText({ max: 5_000 })),
      ...targetFields,
    })
    .superRefine((v, ctx) => {
      if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'programs.errors.endBeforeStart' });
      const values = v as Record<string, unknown>;
      for (let i = 1; i <= TARGET_ROWS; i++) {
        const amount = values[`target${i}Amount`];
        const unit = values[`target${i}Unit`];
        if (amount !== undefined && unit === undefined)
          ctx.addIssue({ code: 'custom', path: [`target${i}Unit`], message: 'programs.errors.targetWithoutUnit' });
        if (amount === undefined && unit !== undefined)
          ctx.addIssue({ code: 'custom', path: [`target${i}Amount`], message: 'programs.errors.targetWithoutAmount' });
      }
    })
    .transform((v) => {
      const values = v as Record<string, unknown>;
      const targets = [];
      for (let i = 1; i <= TARGET_ROWS; i++) {
        if (values[`target${i}Amount`] === undefined) continue;
        targets.push({
          amount: values[`target${i}Amount`] as number,
          unitLabel: values[`target${i}Unit`] as string,
          measure: values[`target${i}Measure`] as (typeof MEASURES)[number],
          scope: values[`target${i}Scope`] as (typeof TARGET_SCOPES)[number],
        });
      }
      return {
        title: v.title,
        description: v.description ?? '',
        type: v.type,
        status: v.status,
        leadOrganizationId: v.leadOrganizationId ?? null,
        partnerIds: v.partnerIds,
        regionIds: v.regionIds,
        startsOn: v.startsOn ?? null,
        endsOn: v.endsOn ?? null,
        responsibleUserId: v.responsibleUserId ?? null,
        budget: v.budget ?? null,
        budgetCurrency: v.budgetCurrency ?? null,
        publicNotes: v.publicNotes ?? '',
        internalNotes: v.internalNotes ?? '',
        targets,
      };
    });
}
export type ActivityInput = z.output<ReturnType<typeof activitySchema>>;

/** The execution report form (files are read separately). */
export function reportSchema(lang: Lang) {
  return z.object({
    regionId: z.coerce.number({ error: 'forms.required' }).int().positive(),
    heldOn: dateField(lang),
    place: text({ max: 300 }),
    workers: count(),
    employers: count(),
    families: count(),
    otherParticipants: count(),
    beneficiaries: count(),
    moneySpent: z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? '0' : v), decimal()),
    notes: optional(longText({ max: 10_000 })),
  });
}
export type ReportInput = z.output<ReturnType<typeof reportSchema>>;

/** Approve or return a report; returning needs a comment. */
export const reviewSchema = z
  .object({
    decision: z.enum(['approve', 'return']),
    comment: optional(longText({ max: 2_000 })),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.comment)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'programs.errors.commentRequired' });
  });

/** A pasted numbered list. */
export const pasteSchema = z.object({ list: longText({ max: 30_000 }) });

// The API's answers (presenters.ts builds them; a key these do not declare never reaches the JSON).
const organizationJson = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });

/** A program as the API lists it (programJson); dates are ISO (YYYY-MM-DD), progress 0–100. */
export const programJsonSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    lang: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    status: z.enum(PROGRAM_STATUSES),
    isPublic: z.boolean(),
    agreementAreaId: z.number().int().nullable(),
    leadOrganization: organizationJson,
    partnerOrganizations: z.array(organizationJson),
    regions: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })),
    progress: z.number(),
  })
  .meta({ id: 'Program' });

/** An activity as the API shows it (activityJson); the program's staff also get its internal notes, budget, responsible person and resolution. */
export const activityJsonSchema = z
  .object({
    id: z.number().int(),
    number: z.number().int(),
    title: z.string(),
    description: z.string(),
    type: z.enum(ACTIVITY_TYPES),
    status: z.enum(ACTIVITY_STATUSES),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    leadOrganizationId: z.number().int(),
    partnerOrganizationIds: z.array(z.number().int()),
    targets: z.array(z.object({ amount: z.number(), unitLabel: z.string(), measure: z.enum(MEASURES), scope: z.enum(TARGET_SCOPES) })),
    publicNotes: z.string(),
    progress: z.number(),
    regions: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), progress: z.number() })),
    internalNotes: z.string().optional(),
    budget: z.number().nullable().optional(),
    budgetCurrency: z.string().nullable().optional(),
    responsibleUserId: z.number().int().nullable().optional(),
    resolutionId: z.number().int().nullable().optional(),
  })
  .meta({ id: 'Activity' });

/** A program's page as JSON: the program and the activities the viewer may see. */
export const programDetailJsonSchema = programJsonSchema.extend({ activities: z.array(activityJsonSchema) }).meta({ id: 'ProgramDetail' });

/** The review queue's filters (a GET form): each may be left empty; `after` is the last report id of the previous page. */
export const reviewQueueSchema = z.object({
  organization: optional(integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  program: optional(integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  region: optional(integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  status: optional(z.enum(['submitted', 'resubmitted'], { error: 'programs.errors.queueStatus' })),
  after: optional(integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
});
export type ReviewQueueQuery = z.output<typeof reviewQueueSchema>;

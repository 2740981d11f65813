import { z } from 'zod';
import type { Lang } from '../../core/i18n.ts';
import { dateField, integer, longText, optional, text } from '../../core/forms.ts';
import { parseDateInput, toAsciiDigits, yearBound } from '../../core/dates.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import { AGREEMENT_STATUSES, type AgreementInput } from './queries.ts';

export const MAX_PARTIES = 4;

/**
 * The start or end of an agreement's period: a year ("2018", or "1397" on Persian pages, a Jalali year) or a
 * full date in the page's calendar. A year starts on its first day and ends on its last.
 */
export function periodBound(lang: Lang, bound: 'start' | 'end') {
  return z.string().transform((raw, ctx) => {
    const value = toAsciiDigits(raw.trim());
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: 'forms.required' });
      return z.NEVER;
    }
    if (/^\d{4}$/.test(value)) {
      const day = yearBound(Number(value), lang, bound);
      if (day === null) {
        ctx.addIssue({ code: 'custom', message: 'dates.impossible' });
        return z.NEVER;
      }
      return day;
    }
    const parsed = parseDateInput(value, lang);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.iso;
  });
}

const partyFields = Object.fromEntries(
  Array.from({ length: MAX_PARTIES }, (_, i) => [
    [`party${i + 1}`, optional(integer({ min: 1 }))],
    [`signatory${i + 1}`, optional(text({ max: 200 }))],
    [`signatoryRole${i + 1}`, optional(text({ max: 300 }))],
  ]).flat(),
) as Record<string, z.ZodType>;

/** The form that creates or edits an agreement. */
export function agreementFormSchema(lang: Lang) {
  return z
    .object({
      /** e.g. "Coordination program 2018–2022". */
      title: text({ max: 300 }),
      /** The day it was signed, in the page's calendar. */
      signedOn: optional(dateField(lang)),
      /** The period: a year or a date each. */
      periodStart: periodBound(lang, 'start'),
      periodEnd: periodBound(lang, 'end'),
      /** What the parties aim for. */
      goals: optional(longText({ max: 10_000 })),
      status: z.enum(AGREEMENT_STATUSES),
      /** Areas of activity pasted as a numbered list (when creating). */
      areas: optional(longText({ max: 20_000 })),
      ...partyFields,
    })
    .superRefine((v, ctx) => {
      if (v.periodEnd < v.periodStart)
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'agreements.form.periodEndsBeforeStart' });
      const ids = partiesOf(v as unknown as Record<string, unknown>).map((p) => p.organizationId);
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['party2'], message: 'agreements.form.partyTwice' });
      else if (ids.length < 2)
        ctx.addIssue({ code: 'custom', path: [ids.length === 0 ? 'party1' : 'party2'], message: 'agreements.form.twoParties' });
      const areas = parseNumberedList(v.areas ?? '');
      if (areas.length > 50) ctx.addIssue({ code: 'custom', path: ['areas'], message: 'agreements.form.tooManyAreas' });
      else if (areas.some((a) => a.length > 1000))
        ctx.addIssue({ code: 'custom', path: ['areas'], message: 'agreements.form.areaTooLong' });
    });
}
export type AgreementForm = z.output<ReturnType<typeof agreementFormSchema>>;

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** The parties filled in on the form, in order. */
export function partiesOf(form: Record<string, unknown>): Array<{ organizationId: number; signatoryName: string; signatoryRole: string }> {
  const parties = [];
  for (let i = 1; i <= MAX_PARTIES; i++) {
    const id = form[`party${i}`];
    if (typeof id === 'number') {
      parties.push({
        organizationId: id,
        signatoryName: textOf(form[`signatory${i}`]),
        signatoryRole: textOf(form[`signatoryRole${i}`]),
      });
    }
  }
  return parties;
}

/** A decimal amount typed with any digits and either decimal sign. */
const amount = z.preprocess(
  (v) => (typeof v === 'string' ? toAsciiDigits(v).replace(/[٫,]/g, '.').trim() : v),
  z.coerce.number().positive().max(1e15),
);

/** Areas of activity pasted as a numbered list, one area per item. */
const areaList = longText({ max: 20_000 }).superRefine((v, ctx) => {
  const items = parseNumberedList(v);
  if (items.length === 0) ctx.addIssue({ code: 'custom', message: 'agreements.form.noAreas' });
  else if (items.length > 50) ctx.addIssue({ code: 'custom', message: 'agreements.form.tooManyAreas' });
  else if (items.some((a) => a.length > 1000)) ctx.addIssue({ code: 'custom', message: 'agreements.form.areaTooLong' });
});

/** More areas for an agreement (POST /agreements/:id/areas). */
export const areasFormSchema = z.object({ areas: areaList });

/** A yearly target for one of the agreement's areas (POST /agreements/:id/targets). */
export const targetFormSchema = z
  .object({
    areaId: integer({ min: 1 }),
    /** The year (Gregorian, or Jalali on Persian pages). */
    year: integer({ min: 1300, max: 2200 }),
    /** What is to be reached, e.g. "a dialogue in every industrial park". */
    target: text({ max: 500 }),
    /** An optional figure, e.g. 12 … */
    amount: optional(amount),
    /** … and its unit, e.g. "dialogues" (required with a figure). */
    unit: optional(text({ max: 100 })),
  })
  .superRefine((v, ctx) => {
    if (v.amount !== undefined && !v.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'agreements.target.unitRequired' });
  });

/** An area's new wording (POST /agreements/:id/areas/:areaId/edit). */
export const areaFormSchema = z.object({ description: text({ max: 1000 }) });

/** Turns a valid agreement form into the command's input. */
export function agreementInputFrom(data: AgreementForm): AgreementInput {
  return {
    title: data.title,
    signedOn: data.signedOn ?? null,
    periodStart: data.periodStart,
    periodEnd: data.periodEnd,
    goals: data.goals ?? '',
    status: data.status,
    parties: partiesOf(data),
  };
}

// The API's answers (presenters.ts builds them; a key these do not declare never reaches the JSON).
const agreementPartyJson = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  signatoryName: z.string(),
  signatoryRole: z.string(),
});

/** An agreement in a list (presentAgreement); dates are ISO (YYYY-MM-DD), the `…Text` fields in the request's language. */
export const agreementJson = z
  .object({
    id: z.number().int(),
    title: z.string(),
    status: z.enum(AGREEMENT_STATUSES),
    signedOn: z.string().nullable(),
    signedOnText: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    periodText: z.string(),
    goals: z.string(),
    parties: z.array(agreementPartyJson),
  })
  .meta({ id: 'Agreement' });

const areaProgramJson = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  progress: z.number(),
  path: z.string(),
  activities: z.array(
    z.object({ number: z.number().int(), title: z.string(), status: z.string(), progress: z.number(), path: z.string() }),
  ),
});

/** An agreement's page as JSON (presentAgreementDetail): its areas with targets and progress, its documents if you may see them. */
export const agreementDetailJson = agreementJson
  .extend({
    areas: z.array(
      z.object({
        id: z.number().int(),
        number: z.number().int(),
        description: z.string(),
        targets: z.array(
          z.object({
            year: z.number().int(),
            yearText: z.string(),
            target: z.string(),
            amount: z.number().nullable(),
            amountText: z.string(),
            unit: z.string(),
            yearProgress: z.number().nullable(),
          }),
        ),
        progress: z.number().nullable(),
        programs: z.array(areaProgramJson),
      }),
    ),
    documents: z.array(z.object({ id: z.number().int(), filename: z.string(), contentType: z.string(), sizeText: z.string() })),
  })
  .meta({ id: 'AgreementDetail' });

/** GET /api/v1/agreements' paging. */
export const agreementListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

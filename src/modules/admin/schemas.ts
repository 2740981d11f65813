import { z } from 'zod';
import { integer, optional, slugText, text } from '../../core/forms.ts';
import { REGION_KINDS } from '../../core/regions.ts';

/** Adding a region under a parent (or at the top). */
export const regionSchema = z.object({
  /** The region it lies in (id); empty for a country at the top. */
  parent: optional(integer({ min: 1 })),
  /** Country, province, county or district. */
  kind: z.enum(REGION_KINDS),
  /** A stable code, e.g. ir-gilan-rasht: lower-case Latin letters, digits, dashes. */
  code: slugText({ max: 60, error: 'admin.regions.codeInvalid' }),
  /** Its name in each of the three languages. */
  name_fa: text({ max: 120 }),
  name_vi: text({ max: 120 }),
  name_en: text({ max: 120 }),
});
export type RegionForm = z.output<typeof regionSchema>;

/** The outbox's pagination. */
export const outboxQuerySchema = z.object({ before: optional(integer({ min: 1 })) });

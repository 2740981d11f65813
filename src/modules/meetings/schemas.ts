import { z } from 'zod';
import type { Lang } from '../../core/i18n.ts';
import { formReading, integer, jsonReading, longText, optional, text, type FieldReading } from '../../core/forms.ts';
import { parseTimeInput } from '../../core/dates.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import type { MeetingAttendee } from './queries.ts';

/** A row's id: a positive whole number. */
const rowId = z.number().int().min(1).max(2_000_000_000);

/** Organizations attending: their ids (checkboxes on the form). */
const idList = (read: FieldReading) => read.list(z.array(read.number(rowId)).max(100));

/** A time of day "HH:MM" (Persian or ASCII digits); empty means not recorded. */
const timeOfDay = z.string().transform((v, ctx) => {
  if (v.trim() === '') return null;
  const parsed = parseTimeInput(v);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'meetings.form.invalidTime' });
    return z.NEVER;
  }
  return parsed;
});

/** A meeting's fields, read from its form or from the API's JSON; the attendees as the form or the API lists them. */
function meetingSchema<A extends z.ZodType>(read: FieldReading, attendees: A) {
  return z.object({
    /** The organizing organization (chosen only when the meeting is created). */
    organizerId: read.optional(read.number(rowId)),
    /** What the meeting was about, e.g. "Workers' Week coordination meeting". */
    title: text({ max: 300 }),
    /** The day (in the page's calendar on the form, Jalali on Persian pages; ISO in JSON). */
    heldOn: read.day(),
    /** The local time it started, HH:MM; empty or left out when not recorded. */
    startsAt: z.preprocess((v) => v ?? '', timeOfDay),
    /** Where it was held. */
    place: read.optional(text({ max: 300 })),
    /** The attending organizations (besides the organizer). */
    attending: idList(read),
    /** The people who attended. */
    attendees,
    /** The agenda. */
    agenda: read.optional(longText({ max: 10_000 })),
    /** The draft minutes (ignored once approved). */
    minutes: read.optional(longText({ max: 50_000 })),
  });
}

/** The form that records or edits a meeting: one attendee a line, "name — role", optionally followed by "— email" to link their account. */
export const meetingFormSchema = (lang: Lang) => meetingSchema(formReading(lang), optional(longText({ max: 10_000 })));

/** POST /api/v1/meetings: the attendees as a list of names and roles (never linked to an account: the API takes no emails here). */
export const meetingJsonBody = meetingSchema(
  jsonReading,
  z
    .array(z.object({ name: text({ max: 200 }), role: optional(text({ max: 300 })) }))
    .max(500)
    .default([]),
).meta({ id: 'NewMeeting' });

export type MeetingForm = z.output<ReturnType<typeof meetingFormSchema>>;

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Splits the attendee lines (numbered or not) into name, role and an optional email to link an account:
 * "علی کاظمی — مدیرکل تعاون، کار و رفاه اجتماعی" or "Nguyễn Thị Hương: Phó Chủ tịch — huong@example.org".
 */
export function parseAttendees(textValue: string | undefined): Array<MeetingAttendee & { email: string | null }> {
  if (!textValue) return [];
  return parseNumberedList(textValue).map((line) => {
    const parts = line
      .split(/\s+[—–-]\s+|\s*[|:]\s+/u)
      .map((p) => p.trim())
      .filter(Boolean);
    let email: string | null = null;
    const last = parts.length > 1 ? parts.at(-1)?.replace(/^<|>$/g, '') : undefined;
    if (last !== undefined && EMAIL.test(last)) {
      parts.pop();
      email = last.toLowerCase();
    }
    const [name = line, ...role] = parts;
    return { name: name.slice(0, 200), role: role.join(' — ').slice(0, 300), userId: null, email };
  });
}

/** Correcting approved minutes (POST /meetings/:id/minutes/corrections); a reason is required. Approving has no fields. */
export const minutesCorrectionSchema = z.object({
  /** The corrected text. */
  minutes: longText({ max: 50_000 }),
  /** Why it changed, shown in the history. */
  reason: text({ max: 500 }),
});

export const RESOLUTION_KINDS = ['decision', 'activities', 'task'] as const;

/** A resolution's fields, read from its form or from the API's JSON; which are needed depends on its kind. */
function resolutionSchema(read: FieldReading, items: z.ZodType<string>) {
  return z
    .object({
      /** decision: text only; activities: approves a pasted list into a program; task: assigns it to someone. */
      kind: z.enum(RESOLUTION_KINDS),
      /** The resolution's text (for a task, what is to be done). */
      body: longText({ max: 5_000 }),
      /** For activities: the program they go into. */
      programId: read.optional(read.number(rowId)),
      /** For activities: the activities to add, one per item. */
      items: read.optional(items),
      /** For a task: who is responsible. */
      ownerId: read.optional(read.number(rowId)),
      /** For a task: the deadline (a day in the page's calendar on the form, ISO in JSON). */
      dueOn: read.optional(read.day()),
    })
    .superRefine((v, ctx) => {
      if (v.kind === 'activities') {
        if (v.programId === undefined) ctx.addIssue({ code: 'custom', path: ['programId'], message: 'forms.required' });
        const titles = parseNumberedList(v.items ?? '');
        if (titles.length === 0) ctx.addIssue({ code: 'custom', path: ['items'], message: 'meetings.resolution.noItems' });
        else if (titles.length > 100) ctx.addIssue({ code: 'custom', path: ['items'], message: 'meetings.resolution.tooManyItems' });
        else if (titles.some((t) => t.length > 500))
          ctx.addIssue({ code: 'custom', path: ['items'], message: 'meetings.resolution.itemTooLong' });
      }
      if (v.kind === 'task') {
        if (v.ownerId === undefined) ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'forms.required' });
        if (v.dueOn === undefined) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'forms.required' });
        if (v.body.length > 500) ctx.addIssue({ code: 'custom', path: ['body'], message: 'meetings.resolution.taskTooLong' });
      }
    });
}

/** The form that records a resolution: the activities come as a pasted numbered list. */
export const resolutionFormSchema = (lang: Lang) => resolutionSchema(formReading(lang), longText({ max: 20_000 }));

/** POST /api/v1/meetings/:id/resolutions: the activities as a list of titles (read as the form's numbered list). */
export const resolutionJsonBody = resolutionSchema(
  jsonReading,
  z
    .array(text({ max: 500 }))
    .max(100, { error: 'meetings.resolution.tooManyItems' })
    .transform((titles) => titles.map((title, i) => `${i + 1}. ${title}`).join('\n')),
).meta({ id: 'NewResolution' });
export type ResolutionForm = z.output<ReturnType<typeof resolutionFormSchema>>;

/** Marking one of my tasks done. */
export const taskDoneSchema = z.object({ taskId: integer({ min: 1 }) });

// The API's answers (presenters.ts builds them; a key these do not declare never reaches the JSON).
const organizationJson = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });

/** A meeting (presentMeeting): dates ISO, `…Text` in the request's language; attendees never show an email or account. */
export const meetingJson = z
  .object({
    id: z.number().int(),
    title: z.string(),
    heldOn: z.string(),
    heldOnText: z.string(),
    startsAt: z.string().nullable(),
    startsAtText: z.string(),
    place: z.string(),
    agenda: z.string(),
    minutes: z.string(),
    minutesStatus: z.string(),
    organizer: organizationJson,
    attending: z.array(organizationJson),
    attendees: z.array(z.object({ name: z.string(), role: z.string(), linked: z.boolean() })),
  })
  .meta({ id: 'Meeting' });

/** A task with its deadline (presentTask). */
export const taskJson = z
  .object({
    id: z.number().int(),
    meetingId: z.number().int(),
    title: z.string(),
    ownerId: z.number().int(),
    ownerName: z.string(),
    dueOn: z.string(),
    dueOnText: z.string(),
    status: z.string(),
    overdue: z.boolean(),
  })
  .meta({ id: 'Task' });

/** One of my tasks, with its meeting (presentOwnedTask). */
export const ownedTaskJson = taskJson.extend({ meetingTitle: z.string(), meetingHeldOnText: z.string() }).meta({ id: 'OwnedTask' });

/** A resolution with its approved items, program and tasks (presentResolution). */
export const resolutionJson = z
  .object({
    number: z.number().int(),
    kind: z.string(),
    body: z.string(),
    items: z.array(z.string()),
    program: z.object({ id: z.number().int(), title: z.string() }).nullable(),
    tasks: z.array(taskJson),
  })
  .meta({ id: 'Resolution' });

/** What the viewer may do with a meeting (meetingAbilities). */
export const meetingAbilitiesJson = z.object({
  edit: z.boolean(),
  draftMinutes: z.boolean(),
  approveMinutes: z.boolean(),
  correctMinutes: z.boolean(),
  recordResolution: z.boolean(),
  assignTask: z.boolean(),
  approveActivities: z.boolean(),
});

/** GET /api/v1/meetings' paging. */
export const meetingListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

import { z } from 'zod';
import { optional } from '../../core/forms.ts';

/** A notification id as it appears in a URL: ASCII digits only (the app writes these links itself), no leading zero. */
const idText = () =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/)
    .transform(Number);

/** The list's query string. */
export const listQuerySchema = z.object({
  /** Keyset cursor: the id of the last notification of the previous page; absent for the newest page. */
  before: optional(idText()),
});

/** The id in /notifications/:id. */
export const notificationIdSchema = z.object({
  id: idText(),
});

/** The email choices a person can make for a kind of notification. */
export const EMAIL_CHOICES = ['immediate', 'digest', 'off'] as const;

/** The settings form: one select per declared kind, named by the kind (e.g. "programs.report_filed"); all required. */
export function emailSettingsSchema(kindNames: string[]) {
  return z.object(Object.fromEntries(kindNames.map((name) => [name, z.enum(EMAIL_CHOICES)])));
}

/** One notification in GET /api/v1/notifications (presentNotificationJson): declared fields only reach the JSON. */
export const notificationJson = z
  .object({
    id: z.number().int(),
    kind: z.string().meta({ description: 'What happened, e.g. forum.reply.' }),
    text: z.string(),
    path: z.string().meta({ description: 'Where it leads, with the language prefix, e.g. /vi/forum/topics/12.' }),
    url: z.string().meta({ description: 'Opens it: marks it read and redirects to path.' }),
    unread: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });

/** GET /api/v1/notifications's answer. */
export const notificationPageJson = z
  .object({
    notifications: z.array(notificationJson),
    unreadCount: z.number().int().meta({ description: 'Unread notifications, counted up to 100.' }),
    nextBefore: z.number().int().nullable(),
  })
  .meta({ id: 'NotificationPage' });

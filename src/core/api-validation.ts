import type { FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { builtContext } from './context.ts';
import { issueMessage } from './forms.ts';
import { translator } from './i18n.ts';

/** What an API route answers when its zod schema refuses the request. */
export interface ValidationAnswer {
  status: number;
  body: { error: { code: string; message: string; fields?: Record<string, string> } };
}

/**
 * Maps a zod schema's refusal of a request to today's API answers: a body is 422 `invalid_input` with a localized
 * message per field (the same messages as the forms, core/forms.ts), a query string 400 `badRequest`, a path
 * parameter 404 (as `idParam` answers). Anything that is not a zod validation error gives null.
 */
export function validationAnswer(error: unknown, request: FastifyRequest): ValidationAnswer | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const t = builtContext(request)?.t ?? translator(request.server.uh.config.defaultLanguage);
  const part = (error as { validationContext?: string }).validationContext;
  if (part === 'params') return { status: 404, body: { error: { code: 'notFound', message: t('errors.notFound') } } };
  if (part !== 'body') return { status: 400, body: { error: { code: 'badRequest', message: t('errors.badRequest') } } };
  const fields: Record<string, string> = {};
  for (const refusal of error.validation) {
    const field = refusal.instancePath.split('/')[1] || '_form';
    const issue = { ...refusal.params, code: refusal.keyword, message: refusal.message } as unknown as z.core.$ZodIssue;
    fields[field] ??= issueMessage(issue, t);
  }
  return { status: 422, body: { error: { code: 'invalid_input', message: t('errors.badRequest'), fields } } };
}

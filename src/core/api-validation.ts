import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { builtContext } from './context.ts';
import { issueMessage } from './forms.ts';
import { translator, type Translate } from './i18n.ts';

/**
 * The one code the whole API answers bad input with (422): a body or query string its schema refuses, or a value
 * a handler refuses after validation (an organization that is not yours, a day in the future). docs/api.md.
 */
export const INVALID_INPUT = 'invalid_input';

/** The body of every API refusal: a code, a message in the viewer's language and, on 422, a message per field. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** What an API route answers when its zod schema refuses the request. */
export interface ValidationAnswer {
  status: number;
  body: ApiErrorBody;
}

/** The 422 body for fields refused (messages already translated), `_form` for a refusal of the whole request. */
export const invalidInputBody = (t: Translate, fields: Record<string, string>): ApiErrorBody => ({
  error: { code: INVALID_INPUT, message: t('errors.badRequest'), fields },
});

/** Answers 422 `invalid_input` with a message per field, for refusals a handler finds after the schema passed. */
export function invalidInput(reply: FastifyReply, t: Translate, fields: Record<string, string>) {
  return reply.code(422).send(invalidInputBody(t, fields));
}

/**
 * Maps a zod schema's refusal of a request to the API's answers: a body or a query string is 422 `invalid_input`
 * with a localized message per field (the same messages as the forms, core/forms.ts), a path parameter 404 (as
 * `idParam` answers). Anything that is not a zod validation error gives null.
 */
export function validationAnswer(error: unknown, request: FastifyRequest): ValidationAnswer | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const t = builtContext(request)?.t ?? translator(request.server.uh.config.defaultLanguage);
  const part = (error as { validationContext?: string }).validationContext;
  if (part === 'params') return { status: 404, body: { error: { code: 'notFound', message: t('errors.notFound') } } };
  const fields: Record<string, string> = {};
  for (const refusal of error.validation) {
    const field = refusal.instancePath.split('/')[1] || '_form';
    const issue = { ...refusal.params, code: refusal.keyword, message: refusal.message } as unknown as z.core.$ZodIssue;
    fields[field] ??= issueMessage(issue, t);
  }
  return { status: 422, body: invalidInputBody(t, fields) };
}

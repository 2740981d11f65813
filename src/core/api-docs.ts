import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, LoginRequiredError } from './errors.ts';

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const IDEMPOTENCY_KEY_REF = { $ref: '#/components/parameters/IdempotencyKey' };

/** Who may call an /api/v1 route: a personal API token or the session cookie (core/session.ts). */
export const apiSecurity: Array<Record<string, string[]>> = [{ bearerToken: [] }, { sessionCookie: [] }];

/** Routes a visitor may call too (public data): signed in or not. */
export const visitorOrApiSecurity: Array<Record<string, string[]>> = [...apiSecurity, {}];

/** A numeric path segment (an id, a number within its parent); the handler reads it with idParam, a mismatch is 404. */
export const idPathSegment = () => z.string().regex(/^[0-9]{1,15}$/);

/** The error body every API refusal has (core/error-handlers.ts), with a message per field on 422. */
export const apiErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  })
  .meta({ id: 'Error' });

/** The refusals every signed-in API route may answer, for its `response` map. */
export const apiRefusals = { 401: apiErrorSchema, 404: apiErrorSchema };

/** A refused query string (422 `invalid_input`, a message per field), for a route's `response` map. */
export const apiQueryRefusals = { 422: apiErrorSchema };

/**
 * What every write may answer besides its success: 400 a body that is not JSON, 401 not signed in, 403 seen but
 * not allowed, 404 not found or not yours, 415 a body that is not `application/json`, 422 a field refused.
 */
export const apiWriteRefusals = { ...apiRefusals, 400: apiErrorSchema, 403: apiErrorSchema, 415: apiErrorSchema, 422: apiErrorSchema };

/** Refuses a body that is not JSON (a form, plain text) with 415 before its schema reads it. */
async function requireJsonBody(request: FastifyRequest): Promise<void> {
  const type = request.headers['content-type'];
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) throw new HttpError(415, 'errors.unsupportedMedia');
}

/** Refuses a visitor (401) before the body is validated, on routes only the signed in may call. */
async function requireSignedIn(request: FastifyRequest): Promise<void> {
  if (!request.ctx.actor) throw new LoginRequiredError();
}

/**
 * The zod validator, keeping the raw strings of path and query parameters once they pass: the loaders the pages
 * share parse those themselves (and a second parse of an already-coerced value would fail). Bodies get the parsed value.
 */
const zodValidator: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = validatorCompiler(route);
  return (data: unknown) => {
    // The zod compiler answers synchronously with { error } or { value }.
    const result = validate(data) as unknown as { error?: FastifySchemaValidationError[]; value?: unknown };
    return result.error || route.httpPart === 'body' ? result : { value: data };
  };
};

type OpenApiDocument = { paths?: Record<string, Record<string, { parameters?: unknown[] }>> } & Record<string, unknown>;

/** Every write operation gets the Idempotency-Key header (core/idempotency.ts applies it to all of them). */
function withIdempotencyKey(document: OpenApiDocument): OpenApiDocument {
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => [
          method,
          WRITE_METHODS.has(method) ? { ...operation, parameters: [...(operation.parameters ?? []), IDEMPOTENCY_KEY_REF] } : operation,
        ]),
      ),
    ]),
  );
  return { ...document, paths };
}

const apiRoutesOf = new WeakMap<FastifyInstance, Array<{ method: string; url: string }>>();

/** Every /api/v1 route the app registered (method in lower case, path as Fastify spells it), for the document's test. */
export const registeredApiRoutes = (app: FastifyInstance) => apiRoutesOf.get(app) ?? [];

/**
 * Registers @fastify/swagger (the document home serves at /api/openapi.json, built from the routes' zod schemas)
 * and the zod validator and serializer compilers. These only act on routes that declare a schema, which only the
 * /api/v1 routes do: pages keep parsing their forms themselves. A response serialized through a zod object drops
 * the keys its schema does not declare, so a private column cannot reach JSON by accident.
 */
export async function installApiDocs(app: FastifyInstance): Promise<void> {
  const apiRoutes: Array<{ method: string; url: string }> = [];
  apiRoutesOf.set(app, apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    // A visitor hears 401 before anything about their input: the schema runs after this check.
    const checks = [
      ...(route.schema?.security === apiSecurity ? [requireSignedIn] : []),
      ...(route.schema?.body === undefined ? [] : [requireJsonBody]),
    ];
    if (checks.length > 0) route.preValidation = [...checks, ...[route.preValidation ?? []].flat()];
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method: method.toLowerCase(), url: route.url });
  });
  app.setValidatorCompiler(zodValidator);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Unionhall API',
        version: '1',
        description:
          'JSON API of Unionhall. Authenticate with the session cookie or with a personal API token: `Authorization: Bearer <token>`. ' +
          'Every endpoint applies the same permissions as the pages; a resource you may not see answers 404. ' +
          'Every write accepts an `Idempotency-Key` header, kept 24 hours: a retry with the same key and request gets the first answer ' +
          '(with `Idempotent-Replayed: true`); the same key with another request answers 422, a retry while the first runs 409 with Retry-After.',
      },
      servers: [{ url: app.uh.config.baseUrl }],
      components: {
        parameters: {
          IdempotencyKey: {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'A unique key per intended write (a UUID, for example), 1 to 255 visible ASCII characters. Retrying with it never writes twice.',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        },
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token created on your account page.' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'uh_session' },
        },
      },
    },
    // Only the JSON API is documented: pages, health checks and the document itself are hidden.
    transform: (input) =>
      input.url.startsWith('/api/v1/') ? jsonSchemaTransform(input) : { schema: { ...input.schema, hide: true }, url: input.url },
    transformObject: (input) => withIdempotencyKey(jsonSchemaTransformObject(input) as OpenApiDocument),
  });
}

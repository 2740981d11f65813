import { modules } from '../../registry.ts';

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/** The modules' paths, every write given the Idempotency-Key header (src/core/idempotency.ts applies it to all). */
function pathsWithIdempotencyKey(): Record<string, Record<string, { parameters?: unknown[] }>> {
  const paths = Object.assign({}, ...modules.map((m) => m.openapiPaths ?? {})) as Record<
    string,
    Record<string, { parameters?: unknown[] }>
  >;
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) =>
          WRITE_METHODS.includes(method)
            ? [method, { ...operation, parameters: [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }] }]
            : [method, operation],
        ),
      ),
    ]),
  );
}

/** The OpenAPI 3.1 document for /api/v1, assembled from every module's manifest. */
export function openapiDocument(baseUrl: string) {
  return {
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
    servers: [{ url: baseUrl }],
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
      schemas: Object.assign(
        {
          Error: {
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: { code: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
        ...modules.map((m) => m.openapiSchemas ?? {}),
      ),
    },
    security: [{ bearerToken: [] }, { sessionCookie: [] }, {}],
    paths: pathsWithIdempotencyKey(),
  };
}

import { modules } from '../registry.ts';

/** The OpenAPI 3.1 document for /api/v1, assembled from every module's manifest. */
export function openapiDocument(baseUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Unionhall API',
      version: '1',
      description:
        'JSON API of Unionhall. Authenticate with the session cookie or with a personal API token: `Authorization: Bearer <token>`. ' +
        'Every endpoint applies the same permissions as the pages; a resource you may not see answers 404.',
    },
    servers: [{ url: baseUrl }],
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token created on your account page.' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'uh_session' },
      },
      schemas: Object.assign(
        {
          Error: {
            type: 'object',
            required: ['error'],
            properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
        ...modules.map((m) => m.openapiSchemas ?? {}),
      ),
    },
    security: [{ bearerToken: [] }, { sessionCookie: [] }, {}],
    paths: Object.assign({}, ...modules.map((m) => m.openapiPaths ?? {})),
  };
}

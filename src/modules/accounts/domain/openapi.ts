/** OpenAPI description of GET /api/v1/me, the accounts module's one API endpoint. */
export const meOpenapiSchemas = {
  Me: {
    type: 'object',
    required: ['id', 'name', 'email', 'phone', 'locale'],
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      email: { type: ['string', 'null'] },
      phone: { type: ['string', 'null'] },
      locale: { type: 'string', enum: ['fa', 'vi', 'en'] },
    },
  },
};

export const meOpenapiPaths = {
  '/api/v1/me': {
    get: {
      summary: 'The account the request is authenticated as',
      tags: ['accounts'],
      responses: {
        '200': { description: 'The signed-in person', content: { 'application/json': { schema: { $ref: '#/components/schemas/Me' } } } },
        '401': {
          description: 'Not authenticated, or the token is not valid',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  },
};

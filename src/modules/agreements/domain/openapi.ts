const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

/** The agreements module's part of /api/openapi.json. */
export const agreementOpenapiPaths = {
  '/api/v1/agreements': {
    get: {
      summary: 'Cooperation agreements: all but drafts, plus drafts of organizations you hold a role in',
      security: [{ bearerToken: [] }, { sessionCookie: [] }, {}],
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
        { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
      ],
      responses: {
        '200': {
          description: 'Agreements',
          content: {
            'application/json': { schema: { type: 'object', properties: { agreements: { type: 'array', items: ref('Agreement') } } } },
          },
        },
        '400': error('Bad paging'),
      },
    },
    post: {
      summary: 'Create an agreement (coordinators and admins of one of its parties)',
      requestBody: { required: true, content: { 'application/json': { schema: ref('AgreementInput') } } },
      responses: {
        '201': {
          description: 'Created',
          content: { 'application/json': { schema: { type: 'object', properties: { agreement: ref('AgreementDetail') } } } },
        },
        '401': error('Not signed in'),
        '422': error('Invalid input (e.g. a period that ends before it starts); `error.fields` holds a message per field'),
      },
    },
  },
  '/api/v1/agreements/{id}': {
    get: {
      summary: 'One agreement with its numbered areas, yearly targets and the progress derived from the programs serving each area',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: {
        '200': {
          description: 'The agreement',
          content: { 'application/json': { schema: { type: 'object', properties: { agreement: ref('AgreementDetail') } } } },
        },
        '404': error('No such agreement, or a draft you may not see (one answer)'),
      },
    },
  },
};

const party = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    name: { type: 'string' },
    signatoryName: { type: 'string' },
    signatoryRole: { type: 'string' },
  },
};

export const agreementOpenapiSchemas = {
  Agreement: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      title: { type: 'string' },
      status: { enum: ['draft', 'in_force', 'ended', 'renewed'] },
      signedOn: { type: ['string', 'null'], format: 'date' },
      periodStart: { type: 'string', format: 'date' },
      periodEnd: { type: 'string', format: 'date' },
      periodText: { type: 'string', description: 'e.g. "2018–2022" in the request language' },
      goals: { type: 'string' },
      parties: { type: 'array', items: party },
    },
  },
  AgreementDetail: {
    allOf: [
      ref('Agreement'),
      {
        type: 'object',
        properties: {
          areas: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                number: { type: 'integer' },
                description: { type: 'string' },
                targets: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      year: { type: 'integer' },
                      target: { type: 'string' },
                      amount: { type: ['number', 'null'] },
                      unit: { type: 'string' },
                      yearProgress: {
                        type: ['number', 'null'],
                        description: 'Percent: the area progress of the programs shown whose period overlaps the year; null when none does',
                      },
                    },
                  },
                },
                progress: {
                  type: ['number', 'null'],
                  description: 'Percent, derived from the programs serving the area that the caller may see; null without any',
                },
                programs: {
                  type: 'array',
                  description:
                    'Programs serving the area that the caller may see (non-public programs only for their staff; drafts of activities only for staff)',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'integer' },
                      title: { type: 'string' },
                      status: { type: 'string' },
                      progress: { type: 'number' },
                      path: { type: 'string', description: 'Page path without the language prefix' },
                      activities: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            number: { type: 'integer' },
                            title: { type: 'string' },
                            status: { type: 'string' },
                            progress: { type: 'number' },
                            path: { type: 'string' },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          documents: {
            type: 'array',
            description: 'Only for people of the parties',
            items: {
              type: 'object',
              properties: { id: { type: 'integer' }, filename: { type: 'string' }, contentType: { type: 'string' } },
            },
          },
        },
      },
    ],
  },
  AgreementInput: {
    type: 'object',
    required: ['title', 'periodStart', 'periodEnd', 'status', 'parties'],
    properties: {
      title: { type: 'string', maxLength: 300 },
      signedOn: { type: 'string', format: 'date' },
      periodStart: { type: 'string', description: 'A year (2018) or a date (2018-08-14)' },
      periodEnd: { type: 'string', description: 'A year (2022) or a date; not before periodStart' },
      goals: { type: 'string', maxLength: 10000 },
      status: { enum: ['draft', 'in_force', 'ended', 'renewed'] },
      parties: {
        type: 'array',
        minItems: 2,
        maxItems: 4,
        items: {
          type: 'object',
          required: ['organizationId'],
          properties: { organizationId: { type: 'integer' }, signatoryName: { type: 'string' }, signatoryRole: { type: 'string' } },
        },
      },
      areas: {
        oneOf: [
          { type: 'array', items: { type: 'string' } },
          { type: 'string', description: 'A pasted numbered list' },
        ],
      },
    },
  },
};

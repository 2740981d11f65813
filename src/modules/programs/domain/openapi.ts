import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../queries/index.ts';
/** OpenAPI path items and schemas of the programs API (merged into /api/openapi.json). */
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
const errors = {
  '401': { description: 'Not signed in', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '403': { description: 'Seen but not allowed', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '404': { description: 'Not found or no access', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '422': {
    description: 'Invalid input; `error.fields` names each field with a message in the request language',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};

export const programsOpenapiPaths = {
  '/api/v1/programs': {
    get: {
      summary: 'Programs the caller works on (staff of the lead or a partner) and published ones',
      tags: ['programs'],
      responses: {
        '200': {
          description: 'Programs',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { programs: { type: 'array', items: { $ref: '#/components/schemas/Program' } } } },
            },
          },
        },
      },
    },
  },
  '/api/v1/programs/{id}': {
    get: {
      summary: 'A program with its activities and their derived progress (overall and per region)',
      description: 'Staff see drafts, internal notes, budgets and the responsible official; anyone else sees a published program only.',
      tags: ['programs'],
      parameters: [idParam('id')],
      responses: {
        '200': { description: 'The program', content: { 'application/json': { schema: { $ref: '#/components/schemas/ProgramDetail' } } } },
        '404': errors['404'],
      },
    },
  },
  '/api/v1/programs/{id}/activities': {
    post: {
      summary: 'Add an activity (coordinators and admins of the lead or a partner organization)',
      tags: ['programs'],
      parameters: [idParam('id')],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ActivityInput' } } } },
      responses: {
        '201': {
          description: 'Created',
          content: {
            'application/json': { schema: { type: 'object', properties: { id: { type: 'integer' }, number: { type: 'integer' } } } },
          },
        },
        ...errors,
      },
    },
  },
  '/api/v1/programs/{id}/activities/{number}/reports': {
    post: {
      summary: 'File an execution report for a region the caller answers for (without files; attach photos on the page)',
      tags: ['programs'],
      parameters: [idParam('id'), idParam('number')],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportInput' } } } },
      responses: {
        '201': {
          description: 'Filed, waiting for review',
          content: {
            'application/json': { schema: { type: 'object', properties: { id: { type: 'integer' }, status: { const: 'submitted' } } } },
          },
        },
        ...errors,
      },
    },
  },
  '/api/v1/programs/{id}/reports/{reportId}/review': {
    post: {
      summary:
        'Approve a submitted report or return it with a comment (coordinators and admins of the lead reaching its region; not your own)',
      tags: ['programs'],
      parameters: [idParam('id'), idParam('reportId')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['decision'],
              properties: { decision: { enum: ['approve', 'return'] }, comment: { type: 'string', maxLength: 2000 } },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'Reviewed',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { id: { type: 'integer' }, status: { enum: ['approved', 'returned'] } } },
            },
          },
        },
        '409': { description: 'Already reviewed', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ...errors,
      },
    },
  },
};

const orgRef = { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' } } };
const target = {
  type: 'object',
  required: ['amount', 'unitLabel'],
  properties: {
    amount: { type: 'number', exclusiveMinimum: 0 },
    unitLabel: { type: 'string', maxLength: 100 },
    measure: {
      enum: ['beneficiaries', 'participants', 'workers', 'employers', 'families', 'other_participants', 'reports', 'money_spent'],
      default: 'beneficiaries',
    },
    scope: { enum: ['total', 'each_region'], default: 'total' },
  },
};

export const programsOpenapiSchemas = {
  Program: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      title: { type: 'string' },
      description: { type: 'string' },
      lang: { enum: ['fa', 'vi', 'en'] },
      periodStart: { type: 'string', format: 'date' },
      periodEnd: { type: 'string', format: 'date' },
      status: { enum: ['draft', 'active', 'completed', 'cancelled'] },
      isPublic: { type: 'boolean' },
      agreementAreaId: { type: ['integer', 'null'] },
      leadOrganization: orgRef,
      partnerOrganizations: { type: 'array', items: orgRef },
      regions: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'integer' }, code: { type: 'string' }, name: { type: 'string' } } },
      },
      progress: {
        type: 'number',
        minimum: 0,
        maximum: 100,
        description: 'Derived from approved reports: average of the activities (percent)',
      },
    },
  },
  ProgramDetail: {
    allOf: [
      { $ref: '#/components/schemas/Program' },
      {
        type: 'object',
        properties: {
          activities: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                number: { type: 'integer' },
                title: { type: 'string' },
                type: { enum: ACTIVITY_TYPES },
                status: { enum: ACTIVITY_STATUSES },
                startsOn: { type: ['string', 'null'], format: 'date' },
                endsOn: { type: ['string', 'null'], format: 'date' },
                targets: { type: 'array', items: target },
                progress: { type: 'number', minimum: 0, maximum: 100 },
                regions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'integer' },
                      code: { type: 'string' },
                      name: { type: 'string' },
                      progress: { type: 'number' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
  ActivityInput: {
    type: 'object',
    required: ['title'],
    properties: {
      title: { type: 'string', maxLength: 500 },
      description: { type: 'string' },
      type: { enum: ACTIVITY_TYPES },
      status: { enum: ACTIVITY_STATUSES },
      leadOrganizationId: { type: 'integer', description: "Empty: the program's lead" },
      partnerIds: { type: 'array', items: { type: 'integer' } },
      regionIds: { type: 'array', items: { type: 'integer' }, description: "Among the program's regions" },
      startsOn: { type: 'string', format: 'date' },
      endsOn: { type: 'string', format: 'date' },
      responsibleUserId: { type: 'integer' },
      budget: { type: 'number', minimum: 0 },
      budgetCurrency: { type: 'string', pattern: '^[A-Z]{3}$' },
      targets: { type: 'array', maxItems: 3, items: target },
      publicNotes: { type: 'string' },
      internalNotes: { type: 'string' },
    },
  },
  ReportInput: {
    type: 'object',
    required: ['regionId', 'heldOn', 'place'],
    properties: {
      regionId: { type: 'integer' },
      heldOn: { type: 'string', format: 'date', description: 'Not in the future' },
      place: { type: 'string', maxLength: 300 },
      workers: { type: 'integer', minimum: 0 },
      employers: { type: 'integer', minimum: 0 },
      families: { type: 'integer', minimum: 0 },
      otherParticipants: { type: 'integer', minimum: 0 },
      beneficiaries: { type: 'integer', minimum: 0 },
      moneySpent: { type: 'number', minimum: 0 },
      notes: { type: 'string' },
    },
  },
};

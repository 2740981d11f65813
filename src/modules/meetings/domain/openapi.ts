const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = {
  '401': { description: 'Not signed in', content: { 'application/json': { schema: ref('Error') } } },
  '403': { description: 'May see the meeting but not do this', content: { 'application/json': { schema: ref('Error') } } },
  '404': { description: 'No such meeting, or not visible to you (one answer)', content: { 'application/json': { schema: ref('Error') } } },
  '422': {
    description: 'Invalid input; `error.fields` holds a translated message per field',
    content: { 'application/json': { schema: ref('Error') } },
  },
};
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

/** The meetings module's part of /api/openapi.json. */
export const meetingOpenapiPaths = {
  '/api/v1/meetings': {
    get: {
      summary: 'Coordination meetings you may see (members of the organizer or an attending organization), newest first',
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
        { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
      ],
      responses: {
        '200': {
          description: 'A page of meetings',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { total: { type: 'integer' }, meetings: { type: 'array', items: ref('Meeting') } } },
            },
          },
        },
        '401': errors['401'],
      },
    },
    post: {
      summary: 'Record a meeting (officials, coordinators and admins of the organizer)',
      requestBody: { required: true, content: { 'application/json': { schema: ref('MeetingInput') } } },
      responses: {
        '201': {
          description: 'Recorded',
          content: { 'application/json': { schema: { type: 'object', properties: { meeting: ref('Meeting') } } } },
        },
        '401': errors['401'],
        '403': errors['403'],
        '422': errors['422'],
      },
    },
  },
  '/api/v1/meetings/{id}': {
    get: {
      summary: 'One meeting with its numbered resolutions and their tasks',
      parameters: [idParameter],
      responses: {
        '200': {
          description: 'The meeting',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  meeting: ref('Meeting'),
                  resolutions: { type: 'array', items: ref('Resolution') },
                  abilities: { type: 'object', additionalProperties: { type: 'boolean' } },
                },
              },
            },
          },
        },
        '401': errors['401'],
        '404': errors['404'],
      },
    },
  },
  '/api/v1/meetings/{id}/resolutions': {
    post: {
      summary: 'Record a resolution: a decision, activities approved into a program (coordinators, admins) or a task',
      parameters: [idParameter],
      requestBody: { required: true, content: { 'application/json': { schema: ref('ResolutionInput') } } },
      responses: {
        '201': {
          description: 'Recorded',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  number: { type: 'integer' },
                  activityIds: { type: 'array', items: { type: 'integer' } },
                  taskId: { type: ['integer', 'null'] },
                },
              },
            },
          },
        },
        '401': errors['401'],
        '403': errors['403'],
        '404': errors['404'],
        '422': errors['422'],
      },
    },
  },
  '/api/v1/meetings/{id}/minutes/approve': {
    post: {
      summary: 'Approve draft minutes: they become read only, kept as version 1 (coordinators and admins of the organizer)',
      parameters: [idParameter],
      responses: {
        '200': {
          description: 'Approved; changed is false when they already were',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { minutesStatus: { const: 'approved' }, changed: { type: 'boolean' } } },
            },
          },
        },
        '401': errors['401'],
        '403': errors['403'],
        '404': errors['404'],
        '422': errors['422'],
      },
    },
  },
  '/api/v1/meetings/{id}/minutes/corrections': {
    post: {
      summary: 'Correct approved minutes: the text becomes the next version, with its reason (coordinators and admins of the organizer)',
      parameters: [idParameter],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['minutes', 'reason'],
              properties: { minutes: { type: 'string', maxLength: 50000 }, reason: { type: 'string', maxLength: 500 } },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The correction’s version number',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { minutesStatus: { const: 'approved' }, version: { type: 'integer' } } },
            },
          },
        },
        '401': errors['401'],
        '403': errors['403'],
        '404': errors['404'],
        '422': errors['422'],
      },
    },
  },
  '/api/v1/tasks': {
    get: {
      summary: 'Your tasks from meeting resolutions: open first by deadline, overdue flagged',
      responses: {
        '200': {
          description: 'Tasks',
          content: {
            'application/json': { schema: { type: 'object', properties: { tasks: { type: 'array', items: ref('MeetingTask') } } } },
          },
        },
        '401': errors['401'],
      },
    },
  },
  '/api/v1/tasks/{id}/done': {
    post: {
      summary: 'Mark a task done (its owner, or a coordinator or admin of the organizer)',
      parameters: [idParameter],
      responses: {
        '200': {
          description: 'Done',
          content: {
            'application/json': { schema: { type: 'object', properties: { done: { type: 'boolean' }, changed: { type: 'boolean' } } } },
          },
        },
        '401': errors['401'],
        '404': errors['404'],
      },
    },
  },
};

const organization = { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' } } };

export const meetingOpenapiSchemas = {
  Meeting: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      title: { type: 'string' },
      heldOn: { type: 'string', format: 'date' },
      heldOnText: { type: 'string', description: 'The day in the request language’s calendar (Jalali in Persian)' },
      startsAt: { type: ['string', 'null'], pattern: '^[0-9]{2}:[0-9]{2}$' },
      place: { type: 'string' },
      agenda: { type: 'string' },
      minutes: { type: 'string' },
      minutesStatus: { enum: ['draft', 'approved'] },
      organizer: organization,
      attending: { type: 'array', items: organization },
      attendees: {
        type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' }, role: { type: 'string' }, linked: { type: 'boolean' } } },
      },
    },
  },
  MeetingInput: {
    type: 'object',
    required: ['organizerId', 'title', 'heldOn'],
    properties: {
      organizerId: { type: 'integer' },
      title: { type: 'string', maxLength: 300 },
      heldOn: { type: 'string', format: 'date' },
      startsAt: { type: 'string', pattern: '^[0-9]{1,2}:[0-9]{2}$' },
      place: { type: 'string', maxLength: 300 },
      attending: { type: 'array', items: { type: 'integer' } },
      attendees: {
        type: 'array',
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, role: { type: 'string' } } },
      },
      agenda: { type: 'string', maxLength: 10000 },
      minutes: { type: 'string', maxLength: 50000 },
    },
  },
  Resolution: {
    type: 'object',
    properties: {
      number: { type: 'integer' },
      kind: { enum: ['decision', 'activities', 'task'] },
      body: { type: 'string' },
      items: { type: 'array', items: { type: 'string' }, description: 'The approved items, one per activity created' },
      program: { type: ['object', 'null'], properties: { id: { type: 'integer' }, title: { type: 'string' } } },
      tasks: { type: 'array', items: ref('MeetingTask') },
    },
  },
  ResolutionInput: {
    type: 'object',
    required: ['kind', 'body'],
    properties: {
      kind: { enum: ['decision', 'activities', 'task'] },
      body: { type: 'string', maxLength: 5000 },
      programId: { type: 'integer', description: 'activities: a program the organizer leads or partners in' },
      items: { type: 'string', description: 'activities: a pasted numbered list, one activity per item' },
      ownerId: { type: 'integer', description: 'task: a person of the organizer or an attending organization' },
      dueOn: { type: 'string', format: 'date', description: 'task: the deadline' },
    },
  },
  MeetingTask: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      meetingId: { type: 'integer' },
      title: { type: 'string' },
      ownerName: { type: 'string' },
      dueOn: { type: 'string', format: 'date' },
      status: { enum: ['open', 'done'] },
      overdue: { type: 'boolean' },
    },
  },
};

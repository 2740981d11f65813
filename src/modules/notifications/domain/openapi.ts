/** OpenAPI 3.1 description of the notifications API, merged into /api/openapi.json. */
export const notificationsOpenapiPaths = {
  '/api/v1/notifications': {
    get: {
      summary: 'The authenticated person’s notifications, newest first',
      description:
        'Texts are rendered in the account’s language. Values inside a text (names, titles) are wrapped in Unicode first-strong isolates ' +
        '(U+2068 … U+2069) so they keep their own direction. Pages of 30; pass `nextBefore` as `before` for the next (older) page.',
      tags: ['notifications'],
      parameters: [
        {
          name: 'before',
          in: 'query',
          required: false,
          description: 'The `nextBefore` of the previous page.',
          schema: { type: 'integer', minimum: 1 },
        },
      ],
      responses: {
        '200': {
          description: 'One page of notifications',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationPage' } } },
        },
        '400': { description: 'A malformed cursor', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '401': { description: 'Not authenticated', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  },
};

export const notificationsOpenapiSchemas = {
  Notification: {
    type: 'object',
    required: ['id', 'kind', 'text', 'path', 'url', 'unread', 'createdAt'],
    properties: {
      id: { type: 'integer' },
      kind: { type: 'string', description: 'What happened, e.g. forum.reply.' },
      text: { type: 'string' },
      path: { type: 'string', description: 'Where it leads, with the language prefix, e.g. /vi/forum/topics/12.' },
      url: { type: 'string', format: 'uri', description: 'Opens it: marks it read and redirects to path.' },
      unread: { type: 'boolean' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  NotificationPage: {
    type: 'object',
    required: ['notifications', 'unreadCount', 'nextBefore'],
    properties: {
      notifications: { type: 'array', items: { $ref: '#/components/schemas/Notification' } },
      unreadCount: { type: 'integer', description: 'Unread notifications, counted up to 100.' },
      nextBefore: { type: ['integer', 'null'] },
    },
  },
};

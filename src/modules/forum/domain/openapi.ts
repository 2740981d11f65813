/** OpenAPI 3.1 description of GET /api/v1/search (merged into /api/openapi.json). */
export const searchOpenapiSchemas = {
  SearchResult: {
    type: 'object',
    required: ['postId', 'topicId', 'postNumber', 'topicTitle', 'category', 'organization', 'author', 'createdAt', 'snippet'],
    properties: {
      postId: { type: 'integer' },
      topicId: { type: 'integer' },
      postNumber: { type: 'integer', description: '1 for the topic’s first post.' },
      topicTitle: { type: 'string' },
      titleMatch: { type: 'boolean', description: 'The topic title matched the query.' },
      category: { type: 'object', properties: { id: { type: 'integer' }, name: { $ref: '#/components/schemas/LocalizedText' } } },
      organization: { type: 'object', properties: { slug: { type: 'string' }, name: { $ref: '#/components/schemas/LocalizedText' } } },
      author: { $ref: '#/components/schemas/ForumAuthor' },
      createdAt: { type: 'string', format: 'date-time' },
      snippet: {
        type: 'array',
        description: 'Words around the first match, in order; `match` marks the words that matched. Plain text: escape before showing.',
        items: { type: 'object', required: ['text', 'match'], properties: { text: { type: 'string' }, match: { type: 'boolean' } } },
      },
    },
  },
  LocalizedText: {
    type: 'object',
    description: 'A text in each language the author gave.',
    properties: { fa: { type: 'string' }, vi: { type: 'string' }, en: { type: 'string' } },
  },
  ForumAuthor: {
    description: 'Who wrote a post. An anonymous author is only ever a pseudonym number, stable within the topic ("Worker 3").',
    oneOf: [
      {
        type: 'object',
        required: ['kind', 'id', 'name'],
        properties: { kind: { const: 'member' }, id: { type: 'integer' }, name: { type: 'string' } },
      },
      {
        type: 'object',
        required: ['kind', 'pseudonymNumber'],
        properties: { kind: { const: 'anonymous' }, pseudonymNumber: { type: 'integer' } },
      },
      { type: 'object', required: ['kind'], properties: { kind: { const: 'gone' } } },
    ],
  },
};

export const searchOpenapiPaths = {
  '/api/v1/search': {
    get: {
      summary: 'Search forum topics and posts',
      description:
        'Full-text search over the topics and posts the caller may read (Persian and Vietnamese normalized: letter variants, ZWNJ, digits, diacritics). ' +
        'Each word is a prefix. When nothing matches, a fallback finds words written together or apart. At most 10 pages of 20.',
      tags: ['forum'],
      parameters: [
        { name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 200 } },
        { name: 'org', in: 'query', schema: { type: 'string' }, description: 'Organization slug.' },
        { name: 'category', in: 'query', schema: { type: 'integer' } },
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'First day, inclusive (YYYY-MM-DD).' },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Last day, inclusive.' },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10 } },
      ],
      responses: {
        '200': {
          description: 'Results, best first.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['query', 'page', 'results', 'nextPage'],
                properties: {
                  query: { type: 'string' },
                  page: { type: 'integer' },
                  fuzzy: { type: 'boolean', description: 'True when the fallback answered.' },
                  results: { type: 'array', items: { $ref: '#/components/schemas/SearchResult' } },
                  nextPage: { type: ['integer', 'null'] },
                },
              },
            },
          },
        },
        '401': {
          description: 'The bearer token is not valid.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        '422': {
          description: 'Invalid input (e.g. an empty query).',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  },
};

const json = (schema: unknown) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const id = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });

/** Schemas of the forum's JSON API (LocalizedText and ForumAuthor come from the search module). */
export const forumApiSchemas = {
  ForumCategory: {
    type: 'object',
    required: ['id', 'slug', 'name', 'visibility', 'organization'],
    properties: {
      id: { type: 'integer' },
      slug: { type: 'string' },
      name: { $ref: '#/components/schemas/LocalizedText' },
      description: { $ref: '#/components/schemas/LocalizedText' },
      visibility: { enum: ['public', 'members', 'officials'] },
      topicCount: { type: 'integer' },
      lastPostedAt: { type: ['string', 'null'], format: 'date-time' },
      organization: { type: 'object', properties: { slug: { type: 'string' }, name: { $ref: '#/components/schemas/LocalizedText' } } },
    },
  },
  ForumTopicListItem: {
    type: 'object',
    required: ['id', 'title', 'status', 'starter', 'replyCount', 'lastPostedAt'],
    properties: {
      id: { type: 'integer' },
      categoryId: { type: 'integer' },
      title: { type: 'string' },
      status: { enum: ['open', 'answered', 'closed'] },
      isPinned: { type: 'boolean' },
      isLocked: { type: 'boolean' },
      starter: { type: 'string', description: 'The starter’s name, or a pseudonym ("Worker 1") when the topic was started anonymously.' },
      replyCount: { type: 'integer' },
      lastPostedAt: { type: 'string', format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  ForumPost: {
    type: 'object',
    required: ['id', 'topicId', 'postNumber', 'author', 'state', 'bodyHtml', 'createdAt'],
    properties: {
      id: { type: 'integer' },
      topicId: { type: 'integer' },
      postNumber: { type: 'integer' },
      author: { $ref: '#/components/schemas/ForumAuthor' },
      state: { enum: ['visible', 'hidden', 'deleted'] },
      bodyHtml: { type: ['string', 'null'], description: 'Sanitized HTML; null when the caller may not read it.' },
      quotedPostNumber: { type: ['integer', 'null'] },
      isOfficialAnswer: { type: 'boolean' },
      reactions: { type: 'object', additionalProperties: { type: 'integer' } },
      isEdited: { type: 'boolean' },
      createdAt: { type: 'string', format: 'date-time' },
      editedAt: { type: ['string', 'null'], format: 'date-time' },
      imageUrls: { type: 'array', items: { type: 'string' } },
    },
  },
};

const writeNote =
  'Signed in callers only (401 otherwise). With a bearer token no CSRF token is needed; with the session cookie, send the token from ' +
  'GET /api/v1/forum/csrf-token in the x-csrf-token header. Flood limits answer 429 with Retry-After.';

/** Paths of the forum's JSON API. */
export const forumApiPaths = {
  '/api/v1/forum/csrf-token': {
    get: {
      summary: 'A CSRF token for writes made with the session cookie',
      tags: ['forum'],
      responses: { '200': { description: 'The token.', content: json({ type: 'object', properties: { token: { type: 'string' } } }) } },
    },
  },
  '/api/v1/forum/categories': {
    get: {
      summary: 'Categories the caller may read',
      tags: ['forum'],
      parameters: [{ name: 'org', in: 'query', schema: { type: 'string' }, description: 'Only this organization’s (slug).' }],
      responses: {
        '200': {
          description: 'Categories.',
          content: json({
            type: 'object',
            properties: { categories: { type: 'array', items: { $ref: '#/components/schemas/ForumCategory' } } },
          }),
        },
        '401': error('Invalid bearer token.'),
      },
    },
  },
  '/api/v1/forum/categories/{categoryId}/topics': {
    get: {
      summary: 'A category’s topics, pinned first then by last activity (keyset pagination)',
      tags: ['forum'],
      parameters: [
        id('categoryId'),
        { name: 'after', in: 'query', schema: { type: 'string' }, description: 'The nextCursor of the previous page.' },
      ],
      responses: {
        '200': {
          description: 'One page of 30 topics.',
          content: json({
            type: 'object',
            properties: {
              category: { type: 'object' },
              topics: { type: 'array', items: { $ref: '#/components/schemas/ForumTopicListItem' } },
              nextCursor: { type: ['string', 'null'] },
            },
          }),
        },
        '404': error('No such category, or the caller may not read it.'),
      },
    },
    post: {
      summary: 'Start a topic',
      description: writeNote,
      tags: ['forum'],
      parameters: [id('categoryId')],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['title', 'body'],
          properties: {
            title: { type: 'string', minLength: 3, maxLength: 150 },
            body: { type: 'string', minLength: 2, maxLength: 10000, description: 'Markdown subset.' },
            anonymous: { type: 'boolean', description: 'Post under a pseudonym.' },
          },
        }),
      },
      responses: {
        '201': {
          description: 'Created.',
          content: json({
            type: 'object',
            properties: { topic: { type: 'object', properties: { id: { type: 'integer' }, url: { type: 'string' } } } },
          }),
        },
        '401': error('Not signed in.'),
        '403': error('May read but not post here.'),
        '404': error('No such category.'),
        '422': error('Invalid input.'),
        '429': error('Too many posts.'),
      },
    },
  },
  '/api/v1/forum/topics/{topicId}': {
    get: {
      summary: 'A topic with one page of its posts',
      tags: ['forum'],
      parameters: [id('topicId'), { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } }],
      responses: {
        '200': {
          description: 'The topic and 20 posts.',
          content: json({
            type: 'object',
            properties: {
              topic: { type: 'object' },
              page: { type: 'integer' },
              pageCount: { type: 'integer' },
              posts: { type: 'array', items: { $ref: '#/components/schemas/ForumPost' } },
            },
          }),
        },
        '404': error('No such topic, or the caller may not read it.'),
      },
    },
  },
  '/api/v1/forum/topics/{topicId}/posts': {
    post: {
      summary: 'Reply to a topic',
      description: writeNote,
      tags: ['forum'],
      parameters: [id('topicId')],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          required: ['body'],
          properties: {
            body: { type: 'string', minLength: 2, maxLength: 10000 },
            anonymous: { type: 'boolean' },
            quote: { type: 'integer', description: 'Post number quoted.' },
          },
        }),
      },
      responses: {
        '201': {
          description: 'Created.',
          content: json({
            type: 'object',
            properties: {
              post: {
                type: 'object',
                properties: { topicId: { type: 'integer' }, postNumber: { type: 'integer' }, url: { type: 'string' } },
              },
            },
          }),
        },
        '401': error('Not signed in.'),
        '403': error('Locked, closed, or suspended.'),
        '404': error('No such topic.'),
        '422': error('Invalid input.'),
        '429': error('Too many posts.'),
      },
    },
  },
  '/api/v1/forum/posts/{postId}': {
    get: {
      summary: 'One post',
      tags: ['forum'],
      parameters: [id('postId')],
      responses: {
        '200': {
          description: 'The post.',
          content: json({ type: 'object', properties: { post: { $ref: '#/components/schemas/ForumPost' } } }),
        },
        '404': error('No such post, or the caller may not read it.'),
      },
    },
  },
};

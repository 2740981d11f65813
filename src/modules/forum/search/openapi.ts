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
      { type: 'object', required: ['kind', 'id', 'name'], properties: { kind: { const: 'member' }, id: { type: 'integer' }, name: { type: 'string' } } },
      { type: 'object', required: ['kind', 'pseudonymNumber'], properties: { kind: { const: 'anonymous' }, pseudonymNumber: { type: 'integer' } } },
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
        '401': { description: 'The bearer token is not valid.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '422': { description: 'Invalid input (e.g. an empty query).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  },
};

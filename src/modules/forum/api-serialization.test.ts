import Fastify from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { postJsonSchema, searchResultJsonSchema } from './schemas.ts';

/** A bare app answering `answer` through `schema`, with the serializer core/api-docs.ts installs for every API route. */
async function serialized(schema: Parameters<typeof serializerCompiler>[0]['schema'], answer: unknown): Promise<string> {
  const app = Fastify();
  app.setSerializerCompiler(serializerCompiler);
  app.get('/answer', { schema: { response: { 200: schema } } }, async () => answer);
  const response = await app.inject({ url: '/answer' });
  await app.close();
  return response.body;
}

// Who wrote an anonymous post must never reach JSON, even when a query or a presenter hands the row's columns on.
const leakedAuthor = { id: 41, userId: 41, authorUserId: 41, name: 'Real Name', email: 'real@example.org' };

describe('the forum API’s response schemas', () => {
  it('drop an anonymous post’s author account, name and email, keeping only the pseudonym', async () => {
    const post = {
      id: 1,
      topicId: 2,
      postNumber: 3,
      author: { kind: 'anonymous', pseudonymNumber: 4, ...leakedAuthor },
      state: 'visible',
      bodyHtml: '<p>hi</p>',
      quotedPostNumber: null,
      isOfficialAnswer: false,
      reactions: {},
      isEdited: false,
      createdAt: '2026-12-07T10:00:00Z',
      editedAt: null,
      imageUrls: [],
      ...{ authorUserId: 41, authorSeal: 'sealed-bytes', passwordHash: 'hash', moderationNote: 'private' },
    };
    const body = await serialized(postJsonSchema, post);
    expect(JSON.parse(body).author).toEqual({ kind: 'anonymous', pseudonymNumber: 4 });
    for (const secret of ['Real Name', 'real@example.org', 'authorUserId', 'sealed-bytes', 'hash', 'private', '41'])
      expect(body).not.toContain(secret);
  });
  it('drop the same columns from a search result', async () => {
    const result = {
      postId: 1,
      topicId: 2,
      postNumber: 3,
      topicTitle: 'Title',
      titleMatch: false,
      category: { id: 5, name: { en: 'General' } },
      organization: { slug: 'union', name: { en: 'Union' } },
      author: { kind: 'anonymous', pseudonymNumber: 4, ...leakedAuthor },
      createdAt: '2026-12-07T10:00:00Z',
      snippet: [{ text: 'hi', match: true }],
      ...leakedAuthor,
    };
    const body = await serialized(searchResultJsonSchema, result);
    for (const secret of ['Real Name', 'real@example.org', 'authorUserId', '"userId"', '"email"']) expect(body).not.toContain(secret);
  });
});

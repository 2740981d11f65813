import Fastify from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { presentMe } from './presenters.ts';
import { meResponse } from './schemas.ts';

// GET /api/v1/me's response schema through the serializer core/api-docs.ts installs for every API route.
describe('a response schema', () => {
  it('drops a field the presenter returns but the schema does not declare', async () => {
    const app = Fastify();
    app.setSerializerCompiler(serializerCompiler);
    const profile = { name: 'Sara', email: 'sara@example.org', phone: null, locale: 'en' as const, createdAt: new Date() };
    app.get('/me', { schema: { response: { 200: meResponse } } }, async () => ({ ...presentMe(7, profile), passwordHash: 'secret' }));
    const response = await app.inject({ url: '/me' });
    await app.close();
    expect(response.json()).toEqual({ id: 7, name: 'Sara', email: 'sara@example.org', phone: null, locale: 'en' });
  });
  it('makes a response that does not match it a 500, not a wrong answer', async () => {
    const app = Fastify({ logger: false });
    app.setSerializerCompiler(serializerCompiler);
    app.get('/me', { schema: { response: { 200: meResponse } } }, async () => ({ id: 'seven' }));
    const response = await app.inject({ url: '/me' });
    await app.close();
    expect(response.statusCode).toBe(500);
  });
});

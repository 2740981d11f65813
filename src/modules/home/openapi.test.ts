import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { registeredApiRoutes } from '../../core/api-docs.ts';
import { createUser } from '../../../test/support/factories.ts';
import { createApiToken } from '../accounts/factories.ts';

type Operation = {
  parameters?: Array<{ $ref?: string; in?: string; name?: string }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>> };
beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
});
afterAll(async () => {
  await t.close();
});

/** Fastify's `/api/v1/topics/:id` as OpenAPI spells it: `/api/v1/topics/{id}`. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the generated /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
  it('describes every /api/v1 route the app serves, with its method', () => {
    const routes = registeredApiRoutes(t.app);
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) expect(doc.paths[openapiPath(route.url)]?.[route.method], `${route.method} ${route.url}`).toBeDefined();
  });
  it('gives every write the Idempotency-Key header', () => {
    for (const route of registeredApiRoutes(t.app).filter((r) => r.method !== 'get')) {
      const operation = doc.paths[openapiPath(route.url)]?.[route.method];
      expect(operation?.parameters, `${route.method} ${route.url}`).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    }
  });
  it('gives every write a JSON request body', () => {
    // Writes whose whole input is in the path (approve, mark done) have no body.
    const bodiless = new Set(['post /api/v1/meetings/:id/minutes/approve', 'post /api/v1/tasks/:id/done']);
    for (const route of registeredApiRoutes(t.app).filter((r) => r.method !== 'get' && !bodiless.has(`${r.method} ${r.url}`))) {
      const operation = doc.paths[openapiPath(route.url)]?.[route.method];
      expect(operation?.requestBody?.content?.['application/json']?.schema, `${route.method} ${route.url}`).toBeDefined();
    }
  });
  it('declares every route’s answers: a JSON schema for its success and for each refusal, 401 when it needs a signed-in user', () => {
    for (const route of registeredApiRoutes(t.app)) {
      const name = `${route.method} ${route.url}`;
      const responses = doc.paths[openapiPath(route.url)]?.[route.method]?.responses ?? {};
      const success = Object.keys(responses).filter((status) => status.startsWith('2'));
      expect(success, name).not.toEqual([]);
      for (const [status, response] of Object.entries(responses))
        expect(response.content?.['application/json']?.schema, `${name} ${status}`).toBeDefined();
      if (route.method !== 'get') expect(Object.keys(responses), name).toEqual(expect.arrayContaining(['401', '403', '404', '422']));
    }
  });
  it('declares the query string of every list and search, so a client sees what it may pass', () => {
    const query = (url: string) => (doc.paths[url]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(query('/api/v1/search')).toEqual(expect.arrayContaining(['q', 'page', 'org', 'category', 'from', 'to']));
    expect(query('/api/v1/meetings').length).toBeGreaterThan(0);
    expect(query('/api/v1/agreements').length).toBeGreaterThan(0);
  });
  it('refuses bad input with one shape: 422 invalid_input and a message per field, in the viewer’s language', async () => {
    const vi = await t.app.inject({ url: '/api/v1/search?q=ab&page=abc', headers: { 'accept-language': 'vi' } });
    expect(vi.statusCode).toBe(422);
    expect(vi.json()).toEqual({ error: { code: 'invalid_input', message: expect.any(String), fields: { page: expect.any(String) } } });
    const en = await t.app.inject({ url: '/api/v1/search?q=ab&page=abc', headers: { 'accept-language': 'en' } });
    expect(vi.json().error.fields.page).not.toBe(en.json().error.fields.page);
  });
  it('answers a body that is not JSON 415, and broken JSON 400, with the same error shape', async () => {
    const token = await createApiToken(t.db, (await createUser(t.db)).id);
    const headers = { authorization: `Bearer ${token}` };
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings/1/minutes/corrections',
      headers: { ...headers, 'content-type': 'text/plain' },
      payload: 'minutes',
    });
    expect([form.statusCode, form.json()]).toEqual([415, { error: { code: 'unsupportedMedia', message: expect.any(String) } }]);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings/1/minutes/corrections',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"minutes": ',
    });
    expect([broken.statusCode, broken.json()]).toEqual([400, { error: { code: 'badRequest', message: expect.any(String) } }]);
  });
  it('answers a visitor 401 on a write before looking at the body', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/meetings', payload: { title: 7 } });
    expect([response.statusCode, response.json().error.code]).toEqual([401, 'loginRequired']);
  });
  it('answers a visitor 401 loginRequired on every write, whatever the body', async () => {
    for (const route of registeredApiRoutes(t.app).filter((r) => r.method !== 'get')) {
      const url = route.url.replace(/:[A-Za-z0-9_]+/g, '1');
      const response = await t.app.inject({ method: route.method.toUpperCase() as 'POST', url, payload: { title: 7 } });
      expect([response.statusCode, response.json().error.code], `${route.method} ${route.url}`).toEqual([401, 'loginRequired']);
    }
  });
  it('refuses a mistyped body on every write with 422 invalid_input and a message per field', async () => {
    const headers = { authorization: `Bearer ${await createApiToken(t.db, (await createUser(t.db)).id)}` };
    for (const route of registeredApiRoutes(t.app).filter((r) => r.method !== 'get')) {
      if (!doc.paths[openapiPath(route.url)]?.[route.method]?.requestBody) continue;
      const url = route.url.replace(/:[A-Za-z0-9_]+/g, '1');
      const response = await t.app.inject({ method: route.method.toUpperCase() as 'POST', url, headers, payload: { body: 7, title: 7 } });
      const name = `${route.method} ${route.url}`;
      expect(response.statusCode, name).toBe(422);
      expect(response.json(), name).toEqual({ error: { code: 'invalid_input', message: expect.any(String), fields: expect.any(Object) } });
      expect(Object.keys(response.json().error.fields).length, name).toBeGreaterThan(0);
    }
  });
  it('lists no page, health check or the document itself', () => {
    expect(Object.keys(doc.paths).every((path) => path.startsWith('/api/v1/'))).toBe(true);
  });
});

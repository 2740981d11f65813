import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { registeredApiRoutes } from '../../core/api-docs.ts';

type Operation = { parameters?: Array<{ $ref?: string }> };
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
  it('lists no page, health check or the document itself', () => {
    expect(Object.keys(doc.paths).every((path) => path.startsWith('/api/v1/'))).toBe(true);
  });
});

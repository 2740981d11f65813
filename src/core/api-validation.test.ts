import Fastify from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationAnswer } from './api-validation.ts';
import { idPathSegment } from './api-docs.ts';
import { text } from './forms.ts';
import { translator } from './i18n.ts';

/** A bare app with one zod-validated route and the API's refusal mapping, in English. */
async function appWithRoute() {
  const app = Fastify();
  app.decorate('uh', { config: { defaultLanguage: 'en' } } as never);
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler((error, request, reply) => {
    const refused = validationAnswer(error, request);
    return refused ? reply.code(refused.status).send(refused.body) : reply.code(500).send({ error: String(error) });
  });
  const schema = {
    params: z.object({ id: idPathSegment() }),
    querystring: z.object({ limit: z.coerce.number().int().max(100).optional() }),
    body: z.object({ title: text({ max: 10 }) }),
  };
  app.post('/api/v1/things/:id', { schema }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('validationAnswer', () => {
  const t = translator('en');
  it('answers a refused body 422 invalid_input with the forms’ message per field', async () => {
    const app = await appWithRoute();
    const response = await app.inject({ method: 'POST', url: '/api/v1/things/1', payload: { title: 'far too long a title' } });
    await app.close();
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({
      error: { code: 'invalid_input', message: t('errors.badRequest'), fields: { title: t('forms.tooLong', { max: 10 }) } },
    });
  });
  it('answers a missing field with "required"', async () => {
    const app = await appWithRoute();
    const response = await app.inject({ method: 'POST', url: '/api/v1/things/1', payload: {} });
    await app.close();
    expect(response.json().error.fields).toEqual({ title: t('forms.required') });
  });
  it('answers a bad query string 422 invalid_input too, and a bad path parameter 404', async () => {
    const app = await appWithRoute();
    const query = await app.inject({ method: 'POST', url: '/api/v1/things/1?limit=1000', payload: { title: 'ok' } });
    const path = await app.inject({ method: 'POST', url: '/api/v1/things/abc', payload: { title: 'ok' } });
    const fine = await app.inject({ method: 'POST', url: '/api/v1/things/1?limit=5', payload: { title: 'ok' } });
    await app.close();
    expect([query.statusCode, query.json().error.code]).toEqual([422, 'invalid_input']);
    expect(query.json().error.fields).toEqual({ limit: t('forms.tooLarge', { max: 100 }) });
    expect([path.statusCode, path.json().error.code]).toEqual([404, 'notFound']);
    expect(fine.statusCode).toBe(200);
  });
});

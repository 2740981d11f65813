import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, signIn } from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /', () => {
  it('redirects by Accept-Language when nobody is signed in', async () => {
    const response = await t.app.inject({ url: '/', headers: { 'accept-language': 'vi-VN,vi;q=0.9' } });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/vi');
  });
  it('falls back to the configured default language', async () => {
    const response = await t.app.inject({ url: '/', headers: { 'accept-language': 'de' } });
    expect(response.headers.location).toBe('/en');
  });
  it('prefers the signed-in user’s language over the browser’s', async () => {
    const user = await createUser(t.db, { locale: 'fa' });
    const client = new TestClient(t.app, { 'accept-language': 'vi' });
    await signIn(t.db, client, user.id);
    const response = await client.get('/');
    expect(response.headers.location).toBe('/fa');
  });
});

describe('GET /:lang', () => {
  it('renders Persian right to left with a Jalali date and the Persian font', async () => {
    const response = await t.app.inject({ url: '/fa' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="fa" dir="rtl">');
    expect(response.body).toMatch(/class="today">[^<]*[۰-۹]{4}/);
    expect(response.body).toContain('/static/css/fa.css');
  });
  it('renders Vietnamese left to right without the Persian font', async () => {
    const response = await t.app.inject({ url: '/vi' });
    expect(response.body).toContain('<html lang="vi" dir="ltr">');
    expect(response.body).not.toContain('fa.css');
    expect(response.body).toContain('Đăng nhập');
  });
  it('answers 404 for a language it does not speak', async () => {
    const response = await t.app.inject({ url: '/de' });
    expect(response.statusCode).toBe(404);
  });
  it('links every page to the same page in the other languages', async () => {
    const response = await t.app.inject({ url: '/en' });
    expect(response.body).toContain('href="/fa" hreflang="fa"');
    expect(response.body).toContain('href="/vi" hreflang="vi"');
  });
});

describe('security headers', () => {
  it('sends a CSP without inline script or style, and frame-ancestors none', async () => {
    const response = await t.app.inject({ url: '/en' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });
  it('puts no inline script or style attribute in pages', async () => {
    const response = await t.app.inject({ url: '/fa' });
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.body).not.toMatch(/\sstyle="/);
  });
});

describe('health checks', () => {
  it('GET /healthz says the process is up', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.json()).toEqual({ status: 'ok' });
  });
  it('GET /readyz says the database answers', async () => {
    const response = await t.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('errors', () => {
  it('answers an unknown page with a localized 404', async () => {
    const response = await t.app.inject({ url: '/fa/no-such-page' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('این صفحه وجود ندارد');
  });
  it('serves the Persian font and the stylesheet with long caching', async () => {
    const font = await t.app.inject({ url: '/static/fonts/Vazirmatn-Regular.woff2' });
    expect(font.statusCode).toBe(200);
    const css = await t.app.inject({ url: '/static/css/app.css' });
    expect(css.headers['cache-control']).toContain('immutable');
  });
});

describe('GET /api/openapi.json', () => {
  it('serves an OpenAPI 3.1 document with both ways to authenticate', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearerToken', 'sessionCookie']);
  });
  it('answers an unknown API path with JSON, not a page', async () => {
    const response = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('notFound');
  });
});

import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/**
 * A UTF-16 surrogate without its partner (JSON may spell one as "\ud800"). It is not text: PostgreSQL refuses it
 * in jsonb columns (the audit entry, notification payloads), so it must never get past the edge.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string holds a lone surrogate (is not well-formed Unicode). */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/** True when any string in the value (object keys included, at any depth) holds a lone surrogate. */
export function containsLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasLoneSurrogate(value);
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => containsLoneSurrogate(item, depth + 1));
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([key, item]) => hasLoneSurrogate(key) || containsLoneSurrogate(item, depth + 1));
}

/**
 * Refuses input with a lone surrogate: 422 (the request is well-formed, JSON allows the escape, but its text
 * cannot be processed), with a message in the page's language. Invalid UTF-8 bytes stay 400: those are malformed.
 */
export function assertWellFormedText(value: unknown): void {
  if (containsLoneSurrogate(value)) throw new HttpError(422, 'errors.invalidText');
}
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one urlencoded component, throwing on a percent-sequence that is not UTF-8. */
const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));

/**
 * Parses urlencoded forms strictly: bytes or percent-escapes that are not valid UTF-8 answer 400
 * (in the page's language) instead of slipping into a name as "%FF" or U+FFFD. Repeated keys
 * become arrays, as with the default parser. Installed for the whole app (src/app.ts).
 */
export function parseFormStrictly(body: Buffer): Record<string, string | string[]> {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new HttpError(400, 'errors.badRequest');
  }
  const result = Object.create(null) as Record<string, string | string[]>;
  if (text === '') return result;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decode(eq === -1 ? pair : pair.slice(0, eq));
      value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    } catch {
      throw new HttpError(400, 'errors.badRequest');
    }
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[key] = [existing, value];
  }
  return result;
}

/**
 * Installs the strict urlencoded parser and a JSON parser that refuses lone surrogates for every route of the
 * app, and checks query strings and URL parameters the same way (multipart fields: core/uploads.ts).
 */
export function installFormParser(app: FastifyInstance): void {
  // Fastify's own JSON parser (prototype poisoning refused as by default), then the text check.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body as string, (error: Error | null, parsed?: unknown) => {
      if (error) {
        done(error, undefined);
        return;
      }
      try {
        assertWellFormedText(parsed);
        done(null, parsed);
      } catch (refused) {
        done(refused as Error, undefined);
      }
    });
  });
  app.addHook('preValidation', async (request) => {
    assertWellFormedText(request.query);
    assertWellFormedText(request.params);
  });
  app.addContentTypeParser(FORM, { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseFormStrictly(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

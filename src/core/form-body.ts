import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';

const FORM = 'application/x-www-form-urlencoded';
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
  const result: Record<string, string | string[]> = Object.create(null);
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

/** Installs the strict urlencoded parser for every route of the app. */
export function installFormParser(app: FastifyInstance): void {
  app.addContentTypeParser(FORM, { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseFormStrictly(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

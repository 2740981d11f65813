import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * What a request log line says about the request: its method, URL and host, and nothing about who sent it.
 * Fastify's default also logs the client's address and port. With the sessions table (which says which
 * account signs in from where) an address on the line of an anonymous post's submission, or on any line
 * next to it (the page the author is sent to afterwards), ties the author to the post; a keyed hash of
 * the address would still tie the post's line to the author's other lines of the day, and those to the
 * rows their named acts leave in the database at the same moments. So the app logs no address at all.
 */
export function requestLogFields(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: request.url, host: request.host };
}

/**
 * Header sets some plugins log at trace level (@fastify/multipart logs its busboy options, headers and
 * all): cookies (the session token), authorization, the browser's User-Agent and any forwarded address.
 */
const REDACTED = ['headers', '*.headers', 'req.headers', '*.*.headers'];

/**
 * The app's logger options: the caller's (level, stream…) with the request serializer above and every
 * logged header set redacted, whoever builds the app (the server, or a test capturing the log).
 */
export function loggerOptions(base: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (base === false || base === undefined) return base;
  const options = typeof base === 'object' ? base : {};
  return {
    ...options,
    redact: { paths: REDACTED, censor: '[redacted]' },
    serializers: { ...('serializers' in options ? options.serializers : {}), req: requestLogFields },
  };
}

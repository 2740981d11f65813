/**
 * Telling "the database is unavailable for now" (answer 503, try again) from every other failure.
 * pg reports a lost or frozen server in several shapes: SQLSTATE codes sent by the server before it
 * closes the connection, Node's socket errors, and a few plain messages of its own (timeouts).
 */

type MaybeDatabaseError = { code?: unknown; syscall?: unknown; message?: unknown; cause?: unknown };

/** Socket errors of connecting to, or talking with, the server (ENOENT: the embedded server's socket is gone). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** pg's and pg-pool's own messages for a connection that was cut, never opened in time, or stopped answering. */
const LOST_MESSAGES = [
  'Connection terminated',
  'Query read timeout',
  'timeout expired', // a lone pg.Client's own connect timeout
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/**
 * SQLSTATEs of a server going away or refusing sessions for now: class 08 (connection exception),
 * 57P01–57P05 (shut down by an administrator, crash, cannot connect now, database dropped, idle session timeout).
 */
function isLostCode(code: string): boolean {
  return code.startsWith('08') || /^57P0[1-5]$/.test(code);
}

function causes(error: unknown): MaybeDatabaseError[] {
  const chain: MaybeDatabaseError[] = [];
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as MaybeDatabaseError).cause, depth++) {
    chain.push(e);
  }
  return chain;
}

/**
 * Whether the connection itself failed (cut, refused, timed out on our side), as opposed to a statement
 * the server refused: such a client must be thrown away, not given back to the pool or rolled back.
 */
export function isConnectionLost(error: unknown): boolean {
  return causes(error).some(({ code, syscall, message }) => {
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || isLostCode(code))) return true;
    if (code === 'ENOENT' && syscall === 'connect') return true;
    return typeof message === 'string' && LOST_MESSAGES.some((lost) => message.startsWith(lost));
  });
}

/**
 * Whether a request failed because the database is unavailable for now: the connection was lost (above),
 * a statement ran past statement_timeout (57014), a transaction sat idle too long (25P03), or the server is
 * short of a resource it may get back (class 53: disk full, out of memory, too many connections).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isConnectionLost(error)) return true;
  return causes(error).some(({ code }) => typeof code === 'string' && (code === '57014' || code === '25P03' || code.startsWith('53')));
}

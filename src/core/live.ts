import pg from 'pg';
import { EventEmitter } from 'node:events';
import type { DatabaseTimeouts } from '../config.ts';
import { timeoutSettings } from '../db/database.ts';

/**
 * Live updates across app processes: PostgreSQL LISTEN/NOTIFY carries events between processes,
 * and an in-process emitter fans them out to open Server-Sent Event streams.
 */
export interface LiveEvents {
  /** Publishes an event on a channel to every app process (after the caller's transaction commits). */
  publish(channel: string, payload: Record<string, unknown>): Promise<void>;
  /** Subscribes to a channel in this process; returns the unsubscribe function. */
  subscribe(channel: string, listener: (payload: Record<string, unknown>) => void): () => void;
  /**
   * Calls listener each time the LISTEN connection is back after it was lost: notifications sent meanwhile
   * never arrived, so whatever they would have invalidated must be dropped. Returns the unsubscribe function.
   */
  onResync(listener: () => void): () => void;
  /** Resolves once this process is listening (at once when it is; after the next reconnection when it is not). */
  listening(): Promise<void>;
  /** Whether the LISTEN connection is up now. */
  isListening(): boolean;
  close(): Promise<void>;
}

/** Where LiveEvents reports losing and regaining its connection (pino's logger fits). */
export interface LiveLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface LiveOptions {
  log?: LiveLog;
  /** Limits on connecting and on the heartbeat query (the app passes config.databaseTimeouts). */
  timeouts?: DatabaseTimeouts;
  /** First wait before reconnecting; it doubles after each failed attempt, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often the idle LISTEN connection is checked with a query: a frozen server or network sends no error. */
  heartbeatMs?: number;
}

/** The one PostgreSQL channel live events travel on (with livePayload), for SQL that publishes inside a transaction. */
export const LIVE_PG_CHANNEL = 'unionhall_live';
const PG_CHANNEL = LIVE_PG_CHANNEL;

/**
 * The NOTIFY payload of a live event. `SELECT pg_notify(LIVE_PG_CHANNEL, livePayload(...))` inside a transaction
 * publishes it only when that transaction commits (publish() sends at once, outside any transaction).
 */
export function livePayload(channel: string, payload: Record<string, unknown>): string {
  return JSON.stringify({ channel, payload });
}
const RESYNC = Symbol('resync');
const UP = Symbol('up');

/**
 * Starts listening on one dedicated connection. When that connection is lost (a restart, a network cut, a
 * heartbeat that gets no answer), it reconnects for as long as the process lives, waiting backoffMs, then twice
 * as long after each failed attempt (at most maxBackoffMs); once back, it tells onResync listeners.
 */
export async function createLiveEvents(connectionString: string, pool: pg.Pool, options: LiveOptions = {}): Promise<LiveEvents> {
  const { log, timeouts } = options;
  const backoffMs = options.backoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  let current: pg.Client | null = null; // the connection being opened or in use
  let lostAt = 0;
  let attempt = 0;

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString, ...(timeouts ? timeoutSettings(timeouts) : {}), application_name: 'unionhall-live' });
    let gone = false;
    let listened = false;
    const lost = (error?: Error) => {
      // Before LISTEN succeeded, the failed connect() itself is the caller's to retry.
      if (gone || !listened) return;
      gone = true;
      clearInterval(heartbeat);
      if (client === c) client = null;
      // end() alone waits for the server to close the socket, which a frozen server never does.
      void c.end().catch(() => {});
      (c as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      if (!closed && c === current) connectionLost(error);
    };
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        const { channel, payload } = JSON.parse(msg.payload) as { channel: string; payload: Record<string, unknown> };
        emitter.emit(channel, payload);
      } catch {
        // A malformed notification is dropped; it cannot come from this app.
      }
    });
    // Every way a connection ends ('error' may come several times, or only 'end'): lost, once.
    c.on('error', lost);
    c.on('end', () => lost());
    current = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${PG_CHANNEL}`);
    } catch (error) {
      gone = true; // the caller retries; this client's late events must not start a second retry
      current = null;
      void c.end().catch(() => {});
      throw error;
    }
    if (closed) {
      gone = true;
      void c.end().catch(() => {});
      return c;
    }
    client = c;
    listened = true;
    // A frozen server or network sends no error: a query that gets no answer in time counts as a lost connection.
    heartbeat = setInterval(() => {
      c.query('SELECT 1').catch((error: unknown) => lost(error instanceof Error ? error : new Error(String(error))));
    }, heartbeatMs);
    heartbeat.unref();
    emitter.emit(UP);
    return c;
  };

  const connectionLost = (error?: Error) => {
    lostAt = Date.now();
    attempt = 0;
    log?.warn({ err: error }, 'live events: the LISTEN connection to the database was lost; reconnecting');
    scheduleReconnect();
  };
  const scheduleReconnect = () => {
    const wait = Math.min(maxBackoffMs, backoffMs * 2 ** attempt);
    attempt++;
    retry = setTimeout(() => {
      connect().then(
        () => {
          log?.info(
            { downMs: Date.now() - lostAt, attempts: attempt },
            'live events: listening again; caches that may have missed changes are dropped',
          );
          emitter.emit(RESYNC);
        },
        () => {
          if (!closed) scheduleReconnect();
        },
      );
    }, wait);
    retry.unref();
  };
  await connect();

  return {
    async publish(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, livePayload(channel, payload)]);
    },
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    onResync(listener) {
      emitter.on(RESYNC, listener);
      return () => emitter.off(RESYNC, listener);
    },
    listening() {
      if (client) return Promise.resolve();
      return new Promise((resolve) => emitter.once(UP, () => resolve()));
    },
    isListening: () => client !== null,
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      emitter.removeAllListeners();
      const c = current;
      client = null;
      current = null;
      await c?.end().catch(() => {});
    },
  };
}

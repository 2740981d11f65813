import pg from 'pg';
import { EventEmitter } from 'node:events';

/**
 * Live updates across app processes: PostgreSQL LISTEN/NOTIFY carries events between processes,
 * and an in-process emitter fans them out to open Server-Sent Event streams.
 */
export interface LiveEvents {
  /** Publishes an event on a channel to every app process (after the caller's transaction commits). */
  publish(channel: string, payload: Record<string, unknown>): Promise<void>;
  /** Subscribes to a channel in this process; returns the unsubscribe function. */
  subscribe(channel: string, listener: (payload: Record<string, unknown>) => void): () => void;
  close(): Promise<void>;
}

const PG_CHANNEL = 'unionhall_live';

/** Starts listening on one dedicated connection; reconnects if the connection drops. */
export async function createLiveEvents(connectionString: string, pool: pg.Pool): Promise<LiveEvents> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | null = null;
  let closed = false;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        const { channel, payload } = JSON.parse(msg.payload) as { channel: string; payload: Record<string, unknown> };
        emitter.emit(channel, payload);
      } catch {
        // A malformed notification is dropped; it cannot come from this app.
      }
    });
    c.on('error', () => {
      if (closed) return;
      client = null;
      setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${PG_CHANNEL}`);
    client = c;
  };
  await connect();

  return {
    async publish(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, JSON.stringify({ channel, payload })]);
    },
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    async close() {
      closed = true;
      emitter.removeAllListeners();
      await client?.end().catch(() => {});
    },
  };
}

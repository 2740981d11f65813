import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvents } from '../../../core/live.ts';

/** How often an idle stream sends a comment line, so proxies and phones keep the connection open. */
export const HEARTBEAT_MS = 25_000;
/** How long a browser waits before reconnecting a dropped stream (sent as the SSE "retry" field). */
export const RETRY_MS = 3_000;

export interface EventStreamOptions {
  live: LiveEvents;
  /** The live channel to relay, e.g. "topic:42". */
  channel: string;
  /** The SSE event name the browser listens for. */
  event: string;
  /** Turns a live payload into the data sent, or null to drop it. */
  toData: (payload: Record<string, unknown>) => Record<string, unknown> | null;
  heartbeatMs?: number;
  /** The app's set of open streams, so they can be ended on shutdown. */
  openStreams?: Set<() => void>;
}

/**
 * Answers with a Server-Sent Events stream that relays one live channel until the client goes away.
 * The reply is hijacked (no compression, no buffering); the security headers already set on the reply
 * are kept. Unsubscribes and stops the heartbeat when the connection closes.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, options: EventStreamOptions): void {
  reply.hijack();
  const raw = reply.raw;
  const inherited: Record<string, string | number | string[]> = {};
  for (const [key, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined && key !== 'content-length') inherited[key] = value;
  raw.writeHead(200, {
    ...inherited,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write(`retry: ${RETRY_MS}\n: connected\n\n`);

  const unsubscribe = options.live.subscribe(options.channel, (payload) => {
    const data = options.toData(payload);
    if (!data || raw.writableEnded) return;
    const id = typeof data.id === 'number' || typeof data.id === 'string' ? `id: ${data.id}\n` : '';
    raw.write(`${id}event: ${options.event}\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const heartbeat = setInterval(() => {
    if (!raw.writableEnded) raw.write(': heartbeat\n\n');
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    if (!raw.writableEnded) raw.end();
  };
  request.raw.on('close', close);
  raw.on('close', close);
  raw.on('error', close);
  // Registered so the app can end every stream when it shuts down (app.close() waits for open sockets).
  options.openStreams?.add(close);
  raw.on('close', () => options.openStreams?.delete(close));
}

/** Ends every stream in the set (from the plugin's onClose hook). */
export function closeAllStreams(openStreams: Set<() => void>): void {
  for (const close of [...openStreams]) close();
}

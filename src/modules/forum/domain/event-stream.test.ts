import { EventEmitter } from 'node:events';
import http from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { LiveEvents } from '../../../core/live.ts';
import { waitFor } from '../../../../test/support/wait.ts';
import { closeAllStreams, openEventStream } from './event-stream.ts';

/** An in-process stand-in for LISTEN/NOTIFY (the real one is exercised by live.test.ts across processes). */
function memoryLive(): LiveEvents & { listeners(channel: string): number } {
  const emitter = new EventEmitter();
  return {
    async publish(channel, payload) {
      emitter.emit(channel, payload);
    },
    subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    onResync: () => () => {},
    listening: async () => {},
    isListening: () => true,
    async close() {},
    listeners: (channel) => emitter.listenerCount(channel),
  };
}

/** Reads a stream until `until` holds for the text so far, then hangs up; `connected` resolves once the stream is subscribed. */
function read(url: string, until: (text: string) => boolean) {
  let onConnected!: () => void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const done = new Promise<{ headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.get(url, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (c: string) => {
        text += c;
        if (text.includes(': connected\n')) onConnected();
        if (until(text)) {
          request.destroy();
          resolve({ headers: response.headers, text });
        }
      });
    });
    request.on('error', reject);
  });
  return Object.assign(done, { connected });
}

describe('openEventStream', () => {
  it('sends the retry hint, heartbeats, events with ids, keeps headers set before, and cleans up', async () => {
    const live = memoryLive();
    const open = new Set<() => void>();
    const app = Fastify();
    app.get('/events', async (request, reply) => {
      reply.header('x-frame-options', 'DENY');
      openEventStream(request, reply, {
        live,
        channel: 'topic:1',
        event: 'post',
        toData: (p) => ({ id: p.n as number, n: p.n }),
        heartbeatMs: 100,
        openStreams: open,
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    // Read until both a heartbeat (every 100 ms) and the event have arrived.
    const reading = read(`http://127.0.0.1:${port}/events`, (text) => text.includes(': heartbeat\n\n') && text.includes('event: post'));
    await reading.connected;
    expect(live.listeners('topic:1')).toBe(1);
    await live.publish('topic:1', { n: 5 });
    const { headers, text } = await reading;
    expect(headers['content-type']).toContain('text/event-stream');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(text).toMatch(/^retry: \d+\n/);
    expect(text).toContain(': heartbeat\n\n');
    expect(text).toContain('id: 5\nevent: post\ndata: {"id":5,"n":5}\n\n');
    await waitFor(() => live.listeners('topic:1') === 0, 'the stream to unsubscribe');
    expect(live.listeners('topic:1')).toBe(0);
    expect(open.size).toBe(0);
    await app.close();
  });

  it('ends open streams when asked (app shutdown)', async () => {
    const live = memoryLive();
    const open = new Set<() => void>();
    const app = Fastify();
    app.get('/events', async (request, reply) => {
      openEventStream(request, reply, { live, channel: 'c', event: 'e', toData: () => null, openStreams: open });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    let onConnected!: () => void;
    const connected = new Promise<void>((resolve) => (onConnected = resolve));
    const ended = new Promise<boolean>((resolve) =>
      http.get(`http://127.0.0.1:${port}/events`, (response) => {
        response.setEncoding('utf8').on('data', (c: string) => c.includes(': connected\n') && onConnected());
        response.on('end', () => resolve(true));
      }),
    );
    await connected;
    expect(open.size).toBe(1);
    closeAllStreams(open);
    expect(await ended).toBe(true);
    expect(live.listeners('c')).toBe(0);
    await app.close();
  });
});

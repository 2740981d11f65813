import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchCase } from '../lib.ts';

/** Fetches one page from the app as a browser would (brotli), to replay its exact bytes. */
function fetchPage(url: string): Promise<{ body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve({ body: Buffer.concat(chunks), encoding: response.headers['content-encoding'] })
            : reject(new Error(`${url} answered ${response.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/**
 * The floor for topic_page: a bare node:http server answering each of topic_page's URLs with the exact bytes the
 * app sends for it (brotli), under the same rotating load. Same requests and same responses for the load
 * generator, so the ratio compares the app with the cheapest possible server, not one URL with two hundred.
 */
export const benchCase: BenchCase = {
  name: 'floor_http_topic_page',
  order: 0,
  async run(ctx) {
    const langs = ['fa', 'vi', 'en'];
    const requests = ctx.dataset.busyTopicIds.map((id, i) => ({ path: `/${langs[i % 3]}/forum/t/${id}` }));
    const pages = new Map<string, { body: Buffer; headers: Record<string, string> }>();
    for (const { path } of requests) {
      const page = await fetchPage(ctx.baseUrl + path);
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(page.body.length) };
      if (page.encoding) headers['content-encoding'] = page.encoding;
      pages.set(path, { body: page.body, headers });
    }
    const server = http.createServer((request, response) => {
      const page = pages.get(request.url ?? '');
      if (!page) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, page.headers);
      response.end(page.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const { runLoad } = await import('../lib.ts');
      return await runLoad(`http://127.0.0.1:${port}`, requests, {
        connections: ctx.connections,
        duration: ctx.duration,
        spread: true,
        warmup: ctx.quick ? 1 : 2,
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  },
};

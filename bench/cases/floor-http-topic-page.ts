import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchCase } from '../lib.ts';

/** The floor for topic_page: a bare node:http server sending the same topic page bytes (brotli, as the app serves them), under the same rotating load. */
export const benchCase: BenchCase = {
  name: 'floor_http_topic_page',
  order: 0,
  async run(ctx) {
    const path = `/en/forum/t/${ctx.dataset.busyTopicIds[0]}`;
    const page = await new Promise<{ body: Buffer; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      http
        .get(ctx.baseUrl + path, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => (response.statusCode === 200 ? resolve({ body: Buffer.concat(chunks), headers: response.headers }) : reject(new Error(`topic page answered ${response.statusCode}`))));
        })
        .on('error', reject);
    });
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(page.body.length) };
    if (page.headers['content-encoding']) headers['content-encoding'] = String(page.headers['content-encoding']);
    const server = http.createServer((_request, response) => {
      response.writeHead(200, headers);
      response.end(page.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const { runLoad } = await import('../lib.ts');
      // The same rotating request list as topic_page, so the load generator does the same work for both and
      // the ratio compares the app with the bare server, not one URL with two hundred.
      const langs = ['fa', 'vi', 'en'];
      const requests = ctx.dataset.busyTopicIds.map((id, i) => ({ path: `/${langs[i % 3]}/forum/t/${id}` }));
      return await runLoad(`http://127.0.0.1:${port}`, requests, { connections: ctx.connections, duration: ctx.duration, spread: true, warmup: ctx.quick ? 1 : 2 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  },
};

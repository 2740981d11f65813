import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

interface Fetched {
  /** Bytes on the wire (the body as encoded). */
  size: number;
  encoding: string;
  text: string;
}

/** GETs a URL without decompressing, to count the bytes as served. */
function fetchEncoded(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const encoding = response.headers['content-encoding'] ?? 'identity';
          const plain = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
          resolve({ size: body.length, encoding, text: plain.toString('utf8') });
        });
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The bytes a first visit to a page transfers, compressed as served: HTML, its stylesheets and scripts (fonts aside). */
export async function measureFirstVisit(baseUrl: string, pagePath: string) {
  const page = await fetchEncoded(baseUrl + pagePath);
  const decode = (s: string) => s.replace(/&amp;/g, '&');
  const css = [...page.text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].flatMap((m) => (m[1] ? [decode(m[1])] : []));
  const js = [...page.text.matchAll(/<script src="([^"]+)"/g)].flatMap((m) => (m[1] ? [decode(m[1])] : []));
  let cssBytes = 0;
  for (const u of css) cssBytes += (await fetchEncoded(baseUrl + u)).size;
  let jsBytes = 0;
  for (const u of js) jsBytes += (await fetchEncoded(baseUrl + u)).size;
  return {
    page: pagePath,
    html_bytes: page.size,
    css_bytes: cssBytes,
    js_bytes: jsBytes,
    total_bytes: page.size + cssBytes + jsBytes,
    encoding: page.encoding,
  };
}

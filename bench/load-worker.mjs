// Runs autocannon in a worker thread, so the load generator does not share the app's event loop.
// Input (workerData): { url, connections, duration, warmup, headers, spread, perConnectionHeaders, requests: [{ method, path, headers, body }] }.
// `warmup` seconds of the same load run first and are not measured (JIT, connection pools, caches reach steady state).
// Output (postMessage): { rps, p50_ms, p95_ms, p99_ms, bytes, statuses, errors, requests }.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, connections, duration, warmup = 0, requests, headers, spread, perConnectionHeaders } = workerData;
let clientIndex = 0;
// With `spread`, connection k starts k/connections of the way through the list (e.g. a different person each).
// With `perConnectionHeaders`, connection k adds headers k (e.g. its own session cookie) to every request.
const setupClient =
  spread || perConnectionHeaders
    ? (client) => {
        const k = clientIndex++ % connections;
        const offset = spread ? Math.floor((k * requests.length) / connections) : 0;
        const own = perConnectionHeaders?.[k % perConnectionHeaders.length];
        const rotated = requests.slice(offset).concat(requests.slice(0, offset));
        client.setRequests(own ? rotated.map((r) => ({ ...r, headers: { ...r.headers, ...own } })) : rotated);
      }
    : undefined;
const latencies = [];
const statuses = {};
let bodyBytes = 0;
if (warmup > 0) {
  clientIndex = 0;
  await new Promise((resolve, reject) =>
    autocannon({ url, connections, duration: warmup, requests, headers, pipelining: 1, setupClient }, (error) => (error ? reject(error) : resolve())),
  );
  clientIndex = 0;
}
const instance = autocannon({ url, connections, duration, requests, headers, pipelining: 1, setupClient }, (error, result) => {
  if (error) {
    parentPort.postMessage({ error: String(error) });
    return;
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0);
  parentPort.postMessage({
    rps: latencies.length / duration,
    requests: latencies.length,
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    p99_ms: at(0.99),
    bytes: latencies.length ? Math.round(bodyBytes / latencies.length) : 0,
    statuses,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  });
});
instance.on('response', (_client, statusCode, resBytes, responseTime) => {
  latencies.push(responseTime);
  bodyBytes += resBytes;
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});

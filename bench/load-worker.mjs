// Runs autocannon in a worker thread, so the load generator does not share the app's event loop.
// Input (workerData): { url, connections, duration, requests: [{ method, path, headers, body }] }.
// Output (postMessage): { rps, p50_ms, p95_ms, p99_ms, bytes, statuses, errors, requests }.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, connections, duration, requests, headers } = workerData;
const latencies = [];
const statuses = {};
const instance = autocannon({ url, connections, duration, requests, headers, pipelining: 1 }, (error, result) => {
  if (error) {
    parentPort.postMessage({ error: String(error) });
    return;
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0);
  parentPort.postMessage({
    rps: result.requests.average,
    requests: result.requests.total,
    p50_ms: at(0.5),
    p95_ms: at(0.95),
    p99_ms: at(0.99),
    bytes: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    statuses,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  });
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});

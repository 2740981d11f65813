// Runs autocannon in a worker thread, so the load generator does not share the app's event loop.
// Input (workerData): { url, connections, duration, warmup, headers, spread, perConnectionHeaders, requests: [{ method, path, headers, body }] }.
// One continuous run of `warmup + duration` seconds: only responses that complete after the first `warmup`
// seconds are measured (JIT, connection pools and caches have reached their steady state by then, and
// the connections are the same ones throughout).
// Output (postMessage): { rps, p50_ms, p95_ms, p99_ms, bytes, statuses, errors, requests }.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, connections, duration, warmup = 0, requests, headers, spread, perConnectionHeaders } = workerData;

// autocannon prepares every request of a client's list when the client is made, so each connection
// gets only what it will send: with `spread`, connection k replays its own k-th share of the list (a
// different person, a different part of a search log); with `perConnectionHeaders`, connection k adds
// headers k (e.g. its own session cookie) to every request. (Giving 50 connections a 50,000-request list
// each once kept the load generator busy for a minute, its connections waiting unread.)
let clientIndex = 0;
const share = spread ? Math.max(1, Math.ceil(requests.length / connections)) : requests.length;
const setupClient =
  spread || perConnectionHeaders
    ? (client) => {
        const k = clientIndex++ % connections;
        const start = spread ? (k * share) % requests.length : 0;
        const mine = requests.slice(start, start + share);
        const own = perConnectionHeaders?.[k % perConnectionHeaders.length];
        client.setRequests(own ? mine.map((r) => ({ ...r, headers: { ...r.headers, ...own } })) : mine);
      }
    : undefined;

const latencies = [];
const statuses = {};
let bodyBytes = 0;
const measureFrom = performance.now() + warmup * 1000;
// Tells the runner when measuring starts (a case may read the app's counters then).
setTimeout(() => parentPort.postMessage({ measuring: true }), warmup * 1000);
const instance = autocannon(
  {
    url,
    connections,
    duration: warmup + duration,
    requests: setupClient ? requests.slice(0, 1) : requests,
    headers,
    pipelining: 1,
    setupClient,
  },
  (error, result) => {
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
  },
);
instance.on('response', (_client, statusCode, resBytes, responseTime) => {
  if (performance.now() < measureFrom) return;
  latencies.push(responseTime);
  bodyBytes += resBytes;
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});

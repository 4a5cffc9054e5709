import { Agent, request } from 'node:http';

/** What one load run measured. */
export interface LoadResult {
  requests: number;
  /** Responses per second. */
  rps: number;
  /** Latency of each response, ms, in completion order. */
  latencies: number[];
  /** Responses that were not a 200 without `errors` (when `allowErrors` is false these throw). */
  failures: number;
}

export interface LoadOptions {
  url: URL;
  /** A body per request; called with the request's ordinal so traffic can be mixed. */
  body: (n: number) => string;
  connections: number;
  /** Stop after this long... */
  ms: number;
  /** ...or after this many requests, whichever comes first. */
  maxRequests?: number;
  /** Count non-200s and `errors` in the failures instead of throwing on the first. */
  allowErrors?: boolean;
  headers?: Record<string, string>;
  /** Send at this steady rate (requests per second, over all connections) instead of flat out. */
  ratePerSecond?: number;
  /** Told each response's latency, ms, as it completes. */
  onResponse?: (ms: number) => void;
}

/**
 * Sends POSTs on `connections` keep-alive connections back to back until the time or the request
 * budget runs out. The one load generator of the benchmarks: bounded in time and count, loopback only.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const { url, connections, ms, maxRequests = 1_000_000 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const deadline = performance.now() + ms;
  const latencies: number[] = [];
  let issued = 0;
  let failures = 0;
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...options.headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const ms = performance.now() - started;
            latencies.push(ms);
            options.onResponse?.(ms);
            if (res.statusCode !== 200 || text.includes('"errors"')) {
              if (!options.allowErrors) {
                reject(new Error(`bad response ${res.statusCode}: ${text.slice(0, 300)}`));
                return;
              }
              failures++;
            }
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && issued < maxRequests) {
        const n = issued++;
        // A steady rate: request n is not sent before its slot (open loop while the server keeps up).
        const due = options.ratePerSecond ? started + (n / options.ratePerSecond) * 1000 : 0;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await post(options.body(n));
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  return {
    requests: latencies.length,
    rps: (latencies.length / elapsed) * 1000,
    latencies,
    failures,
  };
}

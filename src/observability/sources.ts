import { createObservedCache } from '../cache/observed.js';
import type { Cache } from '../cache/types.js';
import { isGatewayError } from '../errors.js';
import { isStale, type Fetched } from '../sources/cached.js';
import type { Source } from '../sources/types.js';
import type { Metrics } from './metrics.js';

/** The part of Metrics the source layer reports to. */
export type SourceObserver = Pick<
  Metrics,
  'recordSourceCall' | 'recordUpstream' | 'recordSourceCache'
>;

/** A key's outcome as a label: `ok`, or the error's code (`INTERNAL` for anything uncoded). */
const outcomeOf = (result: unknown) =>
  result instanceof Error ? (isGatewayError(result) ? result.code : 'INTERNAL') : 'ok';

/** Times each `loadMany` of a provider and counts its keys by outcome; same interface. */
export function observeSource<K, V>(source: Source<K, V>, observer?: SourceObserver): Source<K, V> {
  if (!observer) return source;
  return {
    name: source.name,
    // A `then`, not an async function: one promise per call, not two (see cache/observed.ts).
    loadMany(keys, context) {
      const started = performance.now();
      let loading: ReturnType<typeof source.loadMany>;
      try {
        loading = source.loadMany(keys, context);
      } catch (error) {
        return Promise.reject(error); // as an async function would: a rejection, never a throw
      }
      return loading.then((results) => {
        observer.recordSourceCall(
          source.name,
          (performance.now() - started) / 1000,
          results.map(outcomeOf),
        );
        return results;
      });
    },
  };
}

/** How an upstream HTTP call ended, as a label. */
export function upstreamOutcome(status: number): string {
  if (status < 400) return 'ok';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'server_error' : 'client_error';
}

/** A provider's fetch that times each upstream call (to its response headers) by outcome. */
export function observeFetch(
  fetchImpl: typeof globalThis.fetch,
  provider: string,
  observer?: SourceObserver,
): typeof globalThis.fetch {
  if (!observer) return fetchImpl;
  return async function observedFetch(input, init) {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await fetchImpl(input, init);
      observer.recordUpstream(provider, upstreamOutcome(response.status), seconds());
      return response;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      observer.recordUpstream(provider, timedOut ? 'timeout' : 'network_error', seconds());
      throw error;
    }
  };
}

const isFetched = (value: unknown): value is Fetched =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Fetched).fetchedAt === 'string' &&
  typeof (value as Fetched).ttlSeconds === 'number';

/** A provider's cache that counts each lookup as a hit, a stale value (kept past its TTL) or a miss. */
export function observeProviderCache(
  cache: Cache,
  provider: string,
  observer?: SourceObserver,
): Cache {
  if (!observer) return cache;
  return createObservedCache(cache, (value) =>
    observer.recordSourceCache(
      provider,
      value === undefined ? 'miss' : isFetched(value) && isStale(value) ? 'stale' : 'hit',
    ),
  );
}

import type { Cache } from '../cache/types.js';
import type { Logger } from '../logger.js';
import type { SourceScope } from '../resilience/scope.js';
import type { UsageSink } from '../vector/embedder.js';

/**
 * A batch source: the DataLoader contract. `loadMany` resolves to an array of the same length and
 * order as `keys`, with an Error in the slot of each key that failed. It never rejects for the
 * failure of some keys; it may reject only on a programming error.
 */
export interface Source<K, V> {
  /** Provider name as reported in `provider` fields (e.g. `open-meteo`). */
  readonly name: string;
  /** Wrappers (chains, routers, observers) pass `context` on unchanged. */
  loadMany(keys: readonly K[], context?: LoadContext): Promise<Array<V | Error>>;
}

/**
 * What a caller's loads carry down to the providers, passed along explicitly rather than through
 * an async context: an `AsyncLocalStorage` taxes every promise of the process once it has run.
 */
export interface LoadContext {
  /** Told the usage of paid calls made for these keys (search's query embedding), to bill them. */
  readonly onUsage?: UsageSink;
  /** Epoch ms by which upstream calls for these keys end, retries included (the answer's fan-out). */
  readonly deadline?: number;
  /**
   * Set by `withResilience` for the adapter it wraps, which hands it to `requestUpstream` and
   * `loadManyCached`: the provider's guard and refresh lock, and this call's breaker tickets.
   */
  readonly scope?: SourceScope;
}

/** The parts every provider adapter is built from; nothing is constructed inside an adapter. */
export interface SourceDeps {
  fetch: typeof globalThis.fetch;
  /** Already namespaced per provider by the caller or by the adapter. */
  cache: Cache;
  logger: Logger;
  /** Scheme and host (and optional path prefix) without a trailing slash. */
  baseUrl: string;
  /** Per upstream call. */
  timeoutMs: number;
  /** Present for keyed providers. */
  apiKey?: string;
}

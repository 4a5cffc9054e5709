import type { Cache } from '../cache/types.js';
import type { Logger } from '../logger.js';

/**
 * A batch source: the DataLoader contract. `loadMany` resolves to an array of the same length and
 * order as `keys`, with an Error in the slot of each key that failed. It never rejects for the
 * failure of some keys; it may reject only on a programming error.
 */
export interface Source<K, V> {
  /** Provider name as reported in `provider` fields (e.g. `open-meteo`). */
  readonly name: string;
  loadMany(keys: readonly K[]): Promise<Array<V | Error>>;
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

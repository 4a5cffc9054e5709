/**
 * The cache surface every layer implements: three methods, TTL in seconds (after apollo-utils'
 * KeyValueCache). Behaviour is added by wrappers that implement the same interface.
 */
export interface Cache {
  /** The stored value, or undefined on a miss (and, for remote layers, on any failure). */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value for `ttlSeconds`. */
  set(key: string, value: unknown, options: { ttlSeconds: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

/** How a read is made. Layers that are not tiered ignore it; wrappers pass it on. */
export interface GetOptions {
  /**
   * Read the shared tier, past this process's own copy: what a replica that just took a refresh
   * lock needs, since its local copy may predate another replica's refresh.
   */
  shared?: boolean;
}

/**
 * The cache surface every layer implements: three methods, TTL in seconds (after apollo-utils'
 * KeyValueCache), and `peek` where a layer has an in-process tier. Behaviour is added by wrappers
 * that implement the same interface.
 */
export interface Cache {
  /** The stored value, or undefined on a miss (and, for remote layers, on any failure). */
  get<T = unknown>(key: string, options?: GetOptions): Promise<T | undefined>;
  /**
   * The value if this process holds it in memory, read synchronously (what `get` would return from
   * the in-process tier); undefined when it does not, and the caller then asks `get`. Only layers
   * with an in-process tier have it, and a wrapper has it when what it wraps does: a read of a hot
   * key then costs no promise, where `get` through the wrappers costs several per key.
   */
  peek?<T = unknown>(key: string): T | undefined;
  /** Stores a JSON-serialisable value for `ttlSeconds`. */
  set(key: string, value: unknown, options: { ttlSeconds: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

import { randomUUID } from 'node:crypto';
import { withTimeout } from './with-timeout.js';

/** The node-redis commands the lock uses (@keyv/redis `client` has them). */
export interface RefreshLockClient {
  set(
    key: string,
    value: string,
    options: { condition: 'NX'; expiration: { type: 'PX'; value: number } },
  ): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** The outcome of trying to take a key's refresh lock. */
export type LockAttempt =
  /** This replica refreshes the key; release when done. */
  | { status: 'acquired'; release(): Promise<void> }
  /** Another replica is refreshing it. */
  | { status: 'held' }
  /** Redis failed or was slow: proceed without the lock. */
  | { status: 'unavailable' };

/** Cross-replica coordination of refreshes, so a hot key that expires makes one upstream call. */
export interface RefreshLock {
  /** Longest a waiting replica polls the cache before fetching itself. */
  readonly waitMs: number;
  /** Pause between polls. */
  readonly pollMs: number;
  acquire(cacheKey: string): Promise<LockAttempt>;
}

export interface RedisRefreshLockOptions {
  client: RefreshLockClient;
  /** REDIS_NAMESPACE. */
  namespace: string;
  /** How long a holder keeps the lock at most (REFRESH_LOCK_MS); it expires by itself after. */
  lockMs: number;
  /** Per Redis command (REDIS_OPERATION_TIMEOUT_MS). */
  timeoutMs: number;
  /** Default: 1 s, or the lock time if shorter. */
  waitMs?: number;
  pollMs?: number;
}

// Deletes the lock only while it is still ours: an expired lock may belong to another replica now.
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/** `SET <ns>:lock:<key> <token> NX PX lockMs`; each command has a deadline; failing is no lock. */
export function createRedisRefreshLock(options: RedisRefreshLockOptions): RefreshLock {
  const { client, namespace, lockMs, timeoutMs } = options;
  return {
    waitMs: options.waitMs ?? Math.min(1000, lockMs),
    pollMs: options.pollMs ?? 50,
    async acquire(cacheKey) {
      const key = `${namespace}:lock:${cacheKey}`;
      const token = randomUUID();
      let reply: unknown;
      try {
        reply = await withTimeout(
          client.set(key, token, {
            condition: 'NX',
            expiration: { type: 'PX', value: lockMs },
          }),
          timeoutMs,
        );
      } catch {
        return { status: 'unavailable' };
      }
      if (reply !== 'OK') return { status: 'held' };
      return {
        status: 'acquired',
        async release() {
          try {
            await withTimeout(client.eval(RELEASE, { keys: [key], arguments: [token] }), timeoutMs);
          } catch {
            // It expires by itself after lockMs.
          }
        },
      };
    },
  };
}

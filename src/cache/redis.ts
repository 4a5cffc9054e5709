import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import type { Logger } from '../logger.js';

export interface RedisKeyvOptions {
  url: string;
  /** Key namespace shared by every replica of one deployment. */
  namespace: string;
  logger: Logger;
}

export interface RedisKeyv {
  keyv: Keyv;
  /** The node-redis client underneath, for the few commands Keyv has no word for (INCRBYFLOAT). */
  client: KeyvRedis<unknown>['client'];
  /** Resolves true when Redis answers a PING. Never throws. */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Keyv over Redis, configured not to hang: no offline queue (commands fail at once while
 * disconnected instead of queueing forever) and a reconnect strategy that keeps trying in the
 * background, so the client comes back when Redis does without a restart.
 */
export function createRedisKeyv({ url, namespace, logger }: RedisKeyvOptions): RedisKeyv {
  const store = new KeyvRedis(
    {
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 1_000,
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
      },
    },
    { namespace, keyPrefixSeparator: ':', throwOnConnectError: false, throwOnErrors: true },
  );
  let lastError = '';
  const onError = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // One line per distinct failure, not one per reconnect attempt.
    if (message !== lastError) logger.warn({ err: message }, 'redis error');
    lastError = message;
  };
  store.on('error', onError);
  store.client.on('error', onError);
  store.client.on('ready', () => {
    if (lastError) logger.info({}, 'redis reconnected');
    lastError = '';
  });
  const keyv = new Keyv({ store, namespace, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', onError);

  return {
    keyv,
    client: store.client,
    async ping(timeoutMs) {
      try {
        const client = await store.getClient();
        const reply = await Promise.race([
          client.ping(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('timeout')), timeoutMs).unref(),
          ),
        ]);
        return reply === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await store.disconnect().catch(() => {});
    },
  };
}

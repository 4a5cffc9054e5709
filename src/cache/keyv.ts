import type { Keyv } from 'keyv';
import type { Cache } from './types.js';

/** Adapts a Keyv instance (any store) to the Cache interface. */
export function createKeyvCache(keyv: Keyv): Cache {
  return {
    async get<T>(key: string) {
      return (await keyv.get(key)) as T | undefined;
    },
    async set(key, value, { ttlSeconds }) {
      await keyv.set(key, value, Math.max(1, Math.round(ttlSeconds * 1000)));
    },
    async delete(key) {
      await keyv.delete(key);
    },
  };
}

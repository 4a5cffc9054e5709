import type { Cache } from './types.js';

export interface ErrorsAreMissesOptions {
  /** Each operation is abandoned after this long and counts as a miss. */
  timeoutMs: number;
  /** Told about every failure (for a log line or a metric); must not throw. */
  onError?: (error: unknown, operation: 'get' | 'set' | 'delete') => void;
}

export class CacheTimeoutError extends Error {
  override readonly name = 'CacheTimeoutError';
}

/**
 * Wraps a remote cache so a slow or failing backend degrades to misses, never to errors or stalls.
 * Redis clients queue or hang while the server is away; callers must not wait for them.
 */
export function createErrorsAreMissesCache(inner: Cache, options: ErrorsAreMissesOptions): Cache {
  const { timeoutMs, onError = () => {} } = options;

  async function guarded<T>(operation: 'get' | 'set' | 'delete', run: () => Promise<T>) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CacheTimeoutError(`cache ${operation} exceeded ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([run(), timeout]);
    } catch (error) {
      onError(error, operation);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: <T>(key: string) => guarded('get', () => inner.get<T>(key)),
    set: async (key, value, opts) => {
      await guarded('set', () => inner.set(key, value, opts));
    },
    delete: async (key) => {
      await guarded('delete', () => inner.delete(key));
    },
  };
}

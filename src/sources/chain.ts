import { isUpstreamFailure } from '../errors.js';
import type { Source } from './types.js';

/**
 * An ordered provider chain with the Source interface: keys go to the first provider, and the keys
 * it failed with an upstream error (unavailable, timeout, rate limited, bad response) go to the
 * next. NOT_FOUND and bad input are answers, not failures, and stop the chain. The error of the
 * last provider tried stands when every provider failed.
 */
export function createFallbackChain<K, V>(
  name: string,
  providers: ReadonlyArray<Source<K, V>>,
): Source<K, V> {
  if (providers.length === 0) throw new TypeError(`chain ${name} needs at least one provider`);
  return {
    name,
    async loadMany(keys) {
      const results: Array<V | Error> = new Array(keys.length);
      let pending = keys.map((_, i) => i);
      for (const provider of providers) {
        if (pending.length === 0) break;
        const answers = await provider.loadMany(pending.map((i) => keys[i] as K));
        const retry: number[] = [];
        pending.forEach((slot, j) => {
          const answer = answers[j] as V | Error;
          results[slot] = answer;
          if (isUpstreamFailure(answer)) retry.push(slot);
        });
        pending = retry;
      }
      return results;
    },
  };
}

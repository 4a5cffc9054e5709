import { isGatewayError, isUpstreamFailure, withMessage, type GatewayError } from '../errors.js';
import { fetchedAtMs, refreshFailure, type Fetched } from './cached.js';
import type { Source } from './types.js';

/**
 * An ordered provider chain with the Source interface: keys go to the first provider, and the keys
 * it failed with an upstream error (unavailable, timeout, rate limited, bad response, skipped by
 * its breaker or quota) go to the next. NOT_FOUND and bad input are answers, not failures, and
 * stop the chain. A provider that could only serve a stale copy (its refresh failed) counts as
 * failed too, so the next one may answer fresh; when none does, the freshest stale copy any
 * provider kept is served. Otherwise the error of the last provider tried stands (its code), with
 * a message naming what each provider tried said ("yahoo timed out; stooq could not be reached").
 */
export function createFallbackChain<K, V>(
  name: string,
  providers: ReadonlyArray<Source<K, V>>,
): Source<K, V> {
  if (providers.length === 0) throw new TypeError(`chain ${name} needs at least one provider`);
  return {
    name,
    async loadMany(keys, context) {
      const firstAnswers = await (providers[0] as Source<K, V>).loadMany(keys, context);
      // The common case: the first provider answered every key with a value it did not have to
      // serve stale. Nothing goes further down the chain, and its answers are the chain's.
      if (firstAnswers.every((answer) => !(answer instanceof Error) && !refreshFailure(answer))) {
        return firstAnswers;
      }
      const results: Array<V | Error> = new Array(keys.length);
      const stale = new Map<number, V>();
      const failures = new Map<number, GatewayError[]>(); // per slot, each provider's failure
      let pending = keys.map((_, i) => i);
      for (const [index, provider] of providers.entries()) {
        if (pending.length === 0) break;
        const answers =
          index === 0
            ? firstAnswers
            : await provider.loadMany(
                pending.map((i) => keys[i] as K),
                context,
              );
        const retry: number[] = [];
        pending.forEach((slot, j) => {
          const answer = answers[j] as V | Error;
          const failure = refreshFailure(answer);
          const failed = failure ?? (isUpstreamFailure(answer) ? answer : undefined);
          if (isGatewayError(failed)) failures.set(slot, [...(failures.get(slot) ?? []), failed]);
          if (failure && !(answer instanceof Error)) {
            const kept = stale.get(slot);
            if (kept === undefined || fetchedAt(answer) > fetchedAt(kept)) stale.set(slot, answer);
            results[slot] = failure;
            retry.push(slot);
            return;
          }
          results[slot] = answer;
          if (isUpstreamFailure(answer)) retry.push(slot);
        });
        pending = retry;
      }
      for (const [slot, value] of stale) {
        if (results[slot] instanceof Error) results[slot] = value;
      }
      for (const [slot, errors] of failures) {
        const result = results[slot];
        if (errors.length < 2 || !isGatewayError(result) || !errors.includes(result)) continue;
        results[slot] = withMessage(result, errors.map(describeFailure).join('; '));
      }
      return results;
    },
  };
}

/** Values marked by `refreshFailure` come from `loadManyCached`, so they carry `fetchedAt`. */
const fetchedAt = (value: unknown) => fetchedAtMs(value as Fetched);

/** A provider's failure as one clause that names the provider. */
function describeFailure(error: GatewayError): string {
  const message = error.message.replace(/\.$/, '');
  if (!error.provider || message.toLowerCase().includes(error.provider.toLowerCase()))
    return message;
  return `${error.provider}: ${message}`;
}

import type { Source } from '../sources/types.js';
import type { UpstreamGuard } from './guard.js';
import type { RefreshLock } from './refresh-lock.js';
import { openSourceScope } from './scope.js';

/** What a provider adapter is wrapped with. */
export interface ResilienceParts {
  guard: UpstreamGuard;
  /** With Redis: one replica refreshes an expired key; the others wait briefly or serve stale. */
  refreshLock?: RefreshLock;
}

/**
 * A provider adapter with the same interface, whose upstream calls (`requestUpstream`) go through
 * the provider's guard and whose cache misses (`loadManyCached`) take the refresh lock. Outcomes
 * of calls that answered are reported when `loadMany` ends, once the adapter has parsed them.
 */
export function withResilience<K, V>(source: Source<K, V>, parts: ResilienceParts): Source<K, V> {
  return {
    name: source.name,
    // A `then`, not an async function: one promise per call, not two (see cache/observed.ts).
    loadMany(keys, context) {
      const { scope, settle } = openSourceScope(parts.guard, parts.refreshLock, context?.deadline);
      let loading: ReturnType<typeof source.loadMany>;
      try {
        loading = source.loadMany(keys, { ...context, scope });
      } catch (error) {
        settle();
        return Promise.reject(error);
      }
      return loading.then(
        (results) => {
          settle();
          return results;
        },
        (error: unknown) => {
          settle();
          throw error;
        },
      );
    },
  };
}

import { RESPONSE_KEY_PREFIX } from '../cache/response-cache.js';
import { badInput } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { requireRole } from '../protection/principal.js';
import type { Sources } from '../sources/index.js';

/** Kinds of data a client may name, mapped to the provider chains that serve them. */
const KINDS: Record<string, ReadonlyArray<keyof Sources['chains']>> = {
  weather: ['geocoding', 'forecast'],
  geocoding: ['geocoding'],
  news: ['news'],
  quote: ['equity', 'crypto', 'fx'],
  exchangeRate: ['rates'],
};

/** The cache key prefixes a `source` argument names (see `invalidateCache` in the schema). */
export function invalidationPrefixes(
  source: string | null | undefined,
  chains: Sources['chains'],
): string[] {
  if (!source) return [''];
  if (source === 'answer') return ['answer:'];
  const providers = new Set(Object.values(chains).flat());
  if (providers.has(source)) return [`v1:${source}:`];
  const kind = KINDS[source];
  if (kind)
    return [...new Set(kind.flatMap((chain) => chains[chain] ?? []))].map((p) => `v1:${p}:`);
  const valid = ['answer', ...Object.keys(KINDS), ...[...providers].sort()].join(', ');
  throw badInput(`unknown source "${source}"; use one of: ${valid}`);
}

/** Admin operations. */
export const adminResolvers: Resolvers = {
  Mutation: {
    async invalidateCache(_, { source, pattern, olderThanSeconds }, ctx) {
      requireRole(ctx, 'admin');
      if (
        pattern !== null &&
        pattern !== undefined &&
        (pattern.length === 0 || pattern.length > 200)
      ) {
        throw badInput('`pattern` must be 1 to 200 characters');
      }
      if (olderThanSeconds !== null && olderThanSeconds !== undefined && olderThanSeconds < 0) {
        throw badInput('`olderThanSeconds` must be zero or more');
      }
      const removed = await ctx.invalidator.invalidate({
        prefixes: invalidationPrefixes(source, ctx.sources.chains),
        pattern,
        olderThanSeconds,
      });
      // Whole responses are kept by query, not by source or key: when any data goes, every stored
      // response goes too, so none serves what was just removed. They are not counted.
      if (removed > 0 && source !== 'answer') {
        await ctx.invalidator.invalidate({ prefixes: [RESPONSE_KEY_PREFIX] });
      }
      return removed;
    },
  },
};

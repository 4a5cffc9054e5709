import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { Kind, print, type DocumentNode, type SelectionSetNode } from 'graphql';
import { asKeyValueCache } from './key-value-cache.js';
import type { Cache } from './types.js';

/** Key prefix of whole responses in the cache stack (what `invalidateCache` removes). */
export const RESPONSE_KEY_PREFIX = 'response:';

/**
 * How long the response being built stays true: the least freshness left of the values its fields
 * served (resolvers call `restrict`). A stale value makes it 0: a response that says `stale` is
 * never stored, and one stored never outlives the freshness it claims.
 */
export interface Freshness {
  readonly maxAge: number;
  restrict(seconds: number): void;
}

export function createFreshness(): Freshness {
  let maxAge = Number.POSITIVE_INFINITY;
  return {
    get maxAge() {
      return maxAge;
    },
    restrict(seconds) {
      maxAge = Math.min(maxAge, Math.max(0, Math.floor(seconds)));
    },
  };
}

/** What the plugins read from a request's context. */
export interface ResponseCacheContext extends BaseContext {
  freshness: Freshness;
  principal: { role: string };
}

export interface ResponseCacheOptions {
  /** Root fields whose resolvers report freshness; an operation with any other is never cached. */
  cacheableFields: ReadonlySet<string>;
  /** Where whole responses are kept (the gateway's stack: local tier, and Redis when configured). */
  cache?: Cache;
}

/**
 * The HTTP cache policy and, with `cache`, the whole-response cache. Apollo's cache-control plugin
 * is replaced (disable it beside these): its hook on every resolved field costs more than the one
 * decision made here at the end of execution, from the root fields and the freshness resolvers
 * reported. The response cache is Apollo's plugin, keyed by the normalised document, operation
 * name, variables and the caller's role; it stores only queries that executed without errors,
 * with the policy's max-age as TTL, and answers hits with an `Age` header.
 */
export function responseCachePlugins<TContext extends ResponseCacheContext>(
  options: ResponseCacheOptions,
): ApolloServerPlugin<TContext>[] {
  const policy: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        async executionDidStart(requestContext) {
          return {
            async executionDidEnd() {
              const maxAge = cacheableFor(requestContext, options.cacheableFields);
              if (maxAge > 0)
                requestContext.overallCachePolicy.replace({ maxAge, scope: 'PUBLIC' });
            },
          };
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const cacheable = overallCachePolicy.policyIfCacheable();
          const failed = response.body.kind !== 'single' || response.body.singleResult.errors;
          // `private`: responses depend on who asks (keys, roles); shared HTTP caches keep out.
          response.http.headers.set(
            'cache-control',
            cacheable && !failed ? `max-age=${cacheable.maxAge}, private` : 'no-store',
          );
        },
      };
    },
  };
  if (!options.cache) return [policy];
  const stored = ApolloServerPluginResponseCache<TContext>({
    cache: asKeyValueCache(options.cache, { prefix: RESPONSE_KEY_PREFIX }),
    extraCacheKeyData: async ({ contextValue }) => contextValue.principal.role,
    // Only operations that could be stored are looked up (an `answer` costs no hash, no read), and
    // only with variables that serialise (a hostile, deeply nested value is refused later by
    // coercion, with its code, instead of failing here).
    shouldReadFromCache: async (requestContext) =>
      mayStore(requestContext, options.cacheableFields),
    shouldWriteToCache: async (requestContext) => mayStore(requestContext, options.cacheableFields),
    generateCacheKey: ({ document }, keyData) =>
      createHash('sha256')
        .update(
          JSON.stringify({
            ...(keyData as object),
            source: document ? normalised(document) : null,
          }),
        )
        .digest('hex'),
  });
  return [policy, stored];
}

/** Whether an operation is a query of cacheable root fields with variables that serialise. */
function mayStore(
  requestContext: GraphQLRequestContext<ResponseCacheContext>,
  cacheable: ReadonlySet<string>,
): boolean {
  if (!ofCacheableFields(requestContext, cacheable)) return false;
  try {
    JSON.stringify(requestContext.request.variables ?? null);
    return true;
  } catch {
    return false;
  }
}

/** Whether an operation is a query whose root fields all report their freshness. */
function ofCacheableFields(
  { operation, document }: GraphQLRequestContext<ResponseCacheContext>,
  cacheable: ReadonlySet<string>,
): boolean {
  if (!operation || !document || operation.operation !== 'query') return false;
  const fields = rootFields(document, operation.selectionSet);
  return fields.length > 0 && fields.every((name) => cacheable.has(name));
}

/** Seconds the finished operation may be cached: 0 unless a query of cacheable root fields only. */
function cacheableFor(
  requestContext: GraphQLRequestContext<ResponseCacheContext>,
  cacheable: ReadonlySet<string>,
): number {
  if (!ofCacheableFields(requestContext, cacheable)) return 0;
  const { maxAge } = requestContext.contextValue.freshness;
  return Number.isFinite(maxAge) ? maxAge : 0;
}

const printed = new WeakMap<DocumentNode, string>();

/** The document as `print` writes it: whitespace, comments and commas do not split the cache. */
function normalised(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

const rootsBySelection = new WeakMap<SelectionSetNode, string[]>();

/**
 * The root field names an operation selects, through fragments (`__typename` is no source).
 * Apollo keeps one parsed document per query text, so this runs once per distinct operation.
 */
function rootFields(document: DocumentNode, selectionSet: SelectionSetNode): string[] {
  const known = rootsBySelection.get(selectionSet);
  if (known) return known;
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [],
    ),
  );
  const names = new Set<string>();
  const seen = new Set<SelectionSetNode>();
  const walk = (set: SelectionSetNode) => {
    if (seen.has(set)) return;
    seen.add(set);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment);
      }
    }
  };
  walk(selectionSet);
  const result = [...names];
  rootsBySelection.set(selectionSet, result);
  return result;
}

import type { Context as OtelContext } from '@opentelemetry/api';
import type { AnswerServices } from './answer/create.js';
import type { CacheInvalidator } from './cache/invalidation.js';
import { createFreshness, type Freshness } from './cache/response-cache.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { Logger } from './logger.js';
import type { HealthService } from './observability/health.js';
import { LOCAL_PRINCIPAL, type Principal } from './protection/principal.js';
import type { Sources } from './sources/index.js';
import { billTo, type Billing } from './usage/billing.js';

/** What every resolver receives. Built fresh for each request. */
export interface Context {
  /** Per-request DataLoaders: batching and de-duplication within one operation. */
  loaders: Loaders;
  sources: Sources;
  answers: AnswerServices;
  logger: Logger;
  /** Who is asking and in which role (see `requireRole`). */
  principal: Principal;
  /** Who is asking, for budgets and limits: `key:<keyId>`, or `ip:<address>` without a key. */
  caller: string;
  /** The `health` field's source; absent in contexts built without observability. */
  health?: HealthService;
  /** Removes cached entries from every layer and replica (`invalidateCache`). */
  invalidator: CacheInvalidator;
  /** The request's trace id (HTTP requests): the response header's and the log line's. */
  traceId?: string;
  /**
   * Where the request's spans go when tracing: its server span's context, replaced by its
   * operation span's once execution starts (src/observability/graphql-span.ts). Passed, never
   * looked up: Sluice registers no async context manager.
   */
  otel?: OtelContext;
  /** How long the response stays true: data resolvers restrict it by what they serve. */
  freshness: Freshness;
  /** Where priced model calls are recorded (`usage`), with the prices they are recorded at. */
  billing: Billing;
}

export interface ContextDeps {
  sources: Sources;
  answers: AnswerServices;
  logger: Logger;
  health?: HealthService;
  invalidator: CacheInvalidator;
  billing: Billing;
}

/**
 * Builds a request's context. Loaders are per request; cross-request caching is Keyv's job. Without
 * a principal (in-process operations, which never crossed HTTP) the caller is trusted as `local`.
 */
export function createContext(
  deps: ContextDeps,
  principal: Principal = LOCAL_PRINCIPAL,
  traceId?: string,
  otel?: OtelContext,
): Context {
  return {
    // Embeddings a load pays for (search's query) are billed to this request's caller.
    loaders: createLoaders(deps.sources, { onUsage: billTo(deps.billing, principal.id) }),
    ...deps,
    principal,
    caller: principal.id,
    traceId,
    otel,
    freshness: createFreshness(),
  };
}

import type { IncomingMessage } from 'node:http';
import type { Cache } from '../cache/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createApiKeyStore, type ApiKeyStore } from './api-keys.js';
import { createApqCache, persistedDocument, type ApqCache } from './apq-cache.js';
import { createArmor, type ArmorProtection } from './armor.js';
import { createAuthenticator, type Authenticate } from './auth.js';
import { createClientIp, parseTrustProxy } from './client-ip.js';
import { createCors, type Cors } from './cors.js';
import { createRequestCost } from './operation-cost.js';
import {
  createRateLimit,
  createRateLimiter,
  type RateLimit,
  type RedisConnection,
} from './rate-limit.js';
import { documentIdHash, loadPersistedDocuments, type PersistedDocuments } from './safelist.js';

export { assertAuthConfigured } from './auth.js';
export { ApolloServerPluginOperationSafelist } from './safelist.js';
export { LOCAL_PRINCIPAL, requireRole, type Principal, type Role } from './principal.js';

/**
 * Everything createGateway wires around GraphQL, in the order requests meet it: plain functions
 * over node's request and response, each answering the request itself when it refuses it.
 */
export interface Protection {
  /** The client address under TRUST_PROXY (which `X-Forwarded-For` hops to believe). */
  clientIp(req: IncomingMessage): string;
  cors: Cors;
  /** Puts the principal on the request's state or answers 401 (before the body is read). */
  authenticate: Authenticate;
  bodyLimitBytes: number;
  /** Charges the request to its principal or answers 429 (after body parsing). */
  rateLimit: RateLimit;
  armor: ArmorProtection;
  /** APQ store (Apollo's `persistedQueries.cache`). */
  apqCache: ApqCache | undefined;
  /** With OPERATION_SAFELIST, the only documents accepted. */
  safelist: PersistedDocuments | undefined;
  keys: ApiKeyStore;
}

export interface ProtectionDeps {
  logger: Logger;
  /** The gateway's cache stack: holds APQ documents (shared by replicas with Redis). */
  cache?: Cache;
  /** The cache stack's Redis: rate limits shared by replicas. */
  redis?: RedisConnection;
}

/**
 * Builds the protection layer from config. Throws a ConfigError for malformed API_KEYS, an
 * unreadable API_KEYS_FILE, a TRUST_PROXY entry that is no address, or a missing or tampered
 * safelist manifest; see `assertAuthConfigured`
 * for the production check.
 */
export function createProtectionFromConfig(config: Config, deps: ProtectionDeps): Protection {
  const { logger } = deps;
  const keys = createApiKeyStore({
    entries: config.API_KEYS,
    file: config.API_KEYS_FILE,
    logger,
  });
  const safelist = config.OPERATION_SAFELIST
    ? loadPersistedDocuments(config.PERSISTED_QUERIES_MANIFEST)
    : undefined;
  const apqCache = deps.cache ? createApqCache(deps.cache) : undefined;
  const limiter = createRateLimiter({
    pointsPerMinute: config.RATE_LIMIT_PER_MINUTE,
    logger,
    redis: deps.redis,
    keyPrefix: `${config.REDIS_NAMESPACE}:ratelimit`,
    redisTimeoutMs: Math.max(config.REDIS_OPERATION_TIMEOUT_MS, 100),
  });
  const cost = createRequestCost({
    answerCost: config.ANSWER_RATE_COST,
    maxTokens: config.MAX_QUERY_TOKENS,
    // Either id form (`sha256:<hex>` from the client preset); both stores key by bare hex.
    resolvePersisted: async (id) => {
      const hash = documentIdHash(id) ?? id;
      return safelist?.get(hash) ?? (apqCache ? persistedDocument(apqCache, hash) : undefined);
    },
  });
  const clientIp = createClientIp(parseTrustProxy(config.TRUST_PROXY));
  return {
    clientIp,
    cors: createCors(config.CORS_ORIGINS),
    authenticate: createAuthenticator({
      keys,
      allowAnonymous: config.ALLOW_ANONYMOUS,
      clientIp,
    }),
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    rateLimit: createRateLimit({ limiter, cost, clientIp }),
    armor: createArmor(
      {
        maxDepth: config.MAX_QUERY_DEPTH,
        maxAliases: config.MAX_ALIASES,
        maxCost: config.MAX_QUERY_COST,
        maxTokens: config.MAX_QUERY_TOKENS,
        maxDirectives: config.MAX_DIRECTIVES,
      },
      { blockFieldSuggestions: config.NODE_ENV === 'production' },
    ),
    apqCache,
    safelist,
    keys,
  };
}

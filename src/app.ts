import { describeError } from './errors.js';
import { createCacheFromConfig, type CacheStack } from './cache/index.js';
import {
  createCacheInvalidator,
  type CacheInvalidator,
  type InvalidationRedisClient,
} from './cache/invalidation.js';
import type { Config } from './config.js';
import type { ContextDeps } from './context.js';
import type { Logger } from './logger.js';
import { observeAnswerServices } from './observability/answers.js';
import { createObservability } from './observability/index.js';
import { createMetrics } from './observability/metrics.js';
import { createResilienceFromConfig } from './resilience/create.js';
import { createProtectionFromConfig } from './protection/index.js';
import { createGateway, type Gateway, type ReadinessCheck } from './server.js';
import { createSources, type Sources } from './sources/index.js';
import { createAnswerServices, type AnswerServices } from './answer/create.js';
import { createPostgresPool } from './db/postgres.js';
import { createPriceTable } from './llm/pricing.js';
import { logAnswerUsage } from './usage/billing.js';
import { createPostgresUsageLog } from './usage/postgres-usage-log.js';
import { createMemoryUsageLog } from './usage/usage-log.js';
import {
  createDocumentStoreFromConfig,
  createEmbedderFromConfig,
  createVectorIndexFromConfig,
} from './vector/create.js';

export interface App {
  gateway: Gateway;
  sources: Sources;
  answers: AnswerServices;
  cacheStack: CacheStack;
  invalidator: CacheInvalidator;
  /** What a request context is built from: for operations run in-process (tests, benchmarks). */
  contextDeps: ContextDeps;
  /** Stops the server (draining requests) and closes Redis. */
  close(): Promise<void>;
}

/**
 * Wires a whole gateway from config: cache stack, vector index (loaded or built), sources and the
 * server. Shared by `main.ts`, the demo and the tests, so all three run the same assembly.
 */
export async function createApp(
  config: Config,
  logger: Logger,
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): Promise<App> {
  const metrics = createMetrics();
  const cacheStack = createCacheFromConfig(config, logger, metrics.recordCacheLayer);
  // One embedder for the index and the semantic cache; each caller passes where its usage is
  // billed (the answer's ledger, the search's caller).
  const embedder = createEmbedderFromConfig(config, { fetch: fetchImpl });
  const documentStore = createDocumentStoreFromConfig(config, logger);
  logger.info(
    { component: 'document-store', store: documentStore.kind, location: documentStore.location },
    `documents are kept in the ${documentStore.kind} store`,
  );
  const vectorIndex = createVectorIndexFromConfig(config, {
    fetch: fetchImpl,
    logger,
    queryCache: cacheStack.cache,
    embedder,
    store: documentStore,
  });
  // The index needs the embedder and the document store; when either is down, the gateway starts
  // anyway (data fields need neither) and keeps trying in the background.
  let indexReady = await vectorIndex.ready().then(
    () => true,
    (error: unknown) => {
      logger.warn(
        { component: 'vector-index', err: describeError(error) },
        'vector index not ready (its embedder or document store failed); serving without it and retrying',
      );
      return false;
    },
  );
  let retryTimer: NodeJS.Timeout | undefined;
  const retryIndex = (delayMs: number) => {
    retryTimer = setTimeout(() => {
      void vectorIndex.ready().then(
        () => {
          indexReady = true;
          logger.info({ component: 'vector-index' }, 'vector index ready');
        },
        () => retryIndex(Math.min(delayMs * 2, 60_000)),
      );
    }, delayMs);
    retryTimer.unref();
  };
  if (!indexReady) retryIndex(1000);
  const resilience = createResilienceFromConfig(config, { redis: cacheStack.redis, logger });
  const sources = createSources({
    config,
    fetch: fetchImpl,
    cache: cacheStack.cache,
    logger,
    vectorIndex,
    // Resilience: with Redis, quotas are shared by every replica and refreshes take a lock.
    resilience,
    observer: metrics,
  });
  // Model spend per day, caller and model (`usage`): PostgreSQL when configured, else this process.
  const usageLog = config.DATABASE_URL
    ? createPostgresUsageLog({
        pool: createPostgresPool(config.DATABASE_URL, 2),
        logger: logger.child({ component: 'usage-log' }),
      })
    : createMemoryUsageLog();
  const billing = { log: usageLog, prices: createPriceTable(config.MODEL_PRICES) };
  const services = observeAnswerServices(
    createAnswerServices({
      config,
      sources,
      cacheStack,
      embedder,
      logger,
      fetch: fetchImpl,
      // The model endpoint has a breaker like every provider, and shows in `health` as `llm`.
      llmBreaker: resilience.registry.guard('llm').breaker,
    }),
    metrics,
  );
  const answers = { ...services, answers: logAnswerUsage(services.answers, usageLog) };
  const readiness: ReadinessCheck[] = [
    {
      name: 'vectorIndex',
      check: async () => indexReady,
      reason:
        'the vector index is not loaded yet (its embedder or document store failed): search and document answers are unavailable; retrying',
    },
  ];
  if (documentStore.check) {
    const check = documentStore.check.bind(documentStore);
    readiness.push({
      name: 'documentStore',
      check,
      reason: `the ${documentStore.kind} document store is unreachable: search answers UPSTREAM_UNAVAILABLE until it is back; data fields are unaffected`,
    });
  }
  if (cacheStack.redis) {
    const { redis } = cacheStack;
    readiness.push({
      name: 'redis',
      check: () => redis.ping(200),
      reason:
        'Redis did not answer PING within 200 ms: caches, rate limits, quotas and locks fall back to this replica alone until it is back',
    });
  }
  const invalidator = await createCacheInvalidator({
    local: cacheStack.local,
    redis: cacheStack.redis && {
      // node-redis's client has scanIterator/unlink/publish/duplicate; its union type does not say so.
      client: cacheStack.redis.client as unknown as InvalidationRedisClient,
      namespace: config.REDIS_NAMESPACE,
    },
    logger,
  });
  const protection = createProtectionFromConfig(config, {
    logger,
    cache: cacheStack.cache,
    redis: cacheStack.redis,
  });
  const gateway = createGateway({
    sources,
    answers,
    logger,
    nodeEnv: config.NODE_ENV,
    readiness,
    invalidator,
    billing,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    protection,
    responseCache: config.RESPONSE_CACHE ? cacheStack.cache : undefined,
    responseFront: config.RESPONSE_CACHE ? cacheStack.local : undefined,
    observability: createObservability({
      metrics,
      providers: sources.providerHealth,
      metricsToken: config.METRICS_TOKEN,
    }),
  });
  return {
    gateway,
    sources,
    answers,
    cacheStack,
    invalidator,
    contextDeps: { sources, answers, logger, invalidator, billing },
    async close() {
      clearTimeout(retryTimer);
      await gateway.stop();
      await invalidator.close();
      await cacheStack.close();
      await vectorIndex.close();
      await usageLog.close();
    },
  };
}

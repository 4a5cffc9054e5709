import { createCacheFromConfig, type CacheStack } from './cache/index.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createGateway, type Gateway, type ReadinessCheck } from './server.js';
import { createSources, type Sources } from './sources/index.js';
import { createAnswerServices, type AnswerServices } from './answer/create.js';
import { recordEmbeddingUsage } from './llm/usage-scope.js';
import { createEmbedderFromConfig, createVectorIndexFromConfig } from './vector/create.js';

export interface App {
  gateway: Gateway;
  sources: Sources;
  answers: AnswerServices;
  cacheStack: CacheStack;
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
  const cacheStack = createCacheFromConfig(config, logger);
  // One embedder for the index and the semantic cache; OpenAI usage is billed to the request.
  const embedder = createEmbedderFromConfig(config, {
    fetch: fetchImpl,
    onUsage: recordEmbeddingUsage,
  });
  const vectorIndex = createVectorIndexFromConfig(config, {
    fetch: fetchImpl,
    logger,
    queryCache: cacheStack.cache,
    embedder,
  });
  await vectorIndex.ready();
  const sources = createSources({
    config,
    fetch: fetchImpl,
    cache: cacheStack.cache,
    logger,
    vectorIndex,
  });
  const answers = createAnswerServices({
    config,
    sources,
    cacheStack,
    embedder,
    logger,
    fetch: fetchImpl,
  });
  const readiness: ReadinessCheck[] = [{ name: 'vectorIndex', check: async () => true }];
  if (cacheStack.redis) {
    const { redis } = cacheStack;
    readiness.push({ name: 'redis', check: () => redis.ping(200) });
  }
  const gateway = createGateway({ sources, answers, logger, nodeEnv: config.NODE_ENV, readiness });
  return {
    gateway,
    sources,
    answers,
    cacheStack,
    async close() {
      await gateway.stop();
      await cacheStack.close();
    },
  };
}

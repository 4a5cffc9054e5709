import type { CacheStack } from '../cache/index.js';
import { createSemanticIndex } from './semantic-cache/semantic-index.js';
import { createSemanticMatcher, type SemanticMatcher } from './semantic-cache/semantic-match.js';
import type { Config } from '../config.js';
import {
  createMemoryBudgetStore,
  createRedisBudgetStore,
  type BudgetRedisClient,
} from '../llm/budget.js';
import { createBreakingLlmClient } from '../llm/breaking-client.js';
import { createOpenAiLlmClient } from '../llm/openai-client.js';
import type { CircuitBreaker } from '../resilience/breaker.js';
import { createPriceTable } from '../llm/pricing.js';
import type { Logger } from '../logger.js';
import type { Sources } from '../sources/index.js';
import { calibrationFor } from '../vector/calibration.js';
import type { Embedder } from '../vector/embedder.js';
import { createExactAnswerCache } from './answer-cache.js';
import { createOutputGates, type OutputGates } from './output.js';
import { createAnswerService, type AnswerService } from './pipeline.js';
import { createRuleRouter } from './router.js';
import { createScreener, type Screener } from './screening.js';
import { createSemanticAnswerCache } from './semantic-cache/semantic-answer-cache.js';

/** What resolvers of `answer`, `verify`, `screen` and `semanticMatch` use. */
export interface AnswerServices {
  answers: AnswerService;
  outputGates: OutputGates;
  /** The question and retrieval gates `answer` runs, shared with `screen`. */
  screener: Screener;
  matcher: SemanticMatcher;
}

export interface AnswerServicesDeps {
  config: Config;
  sources: Sources;
  cacheStack: CacheStack;
  /** The embedder of the semantic cache (the vector index's, so one key serves both). */
  embedder: Embedder;
  logger: Logger;
  fetch: typeof globalThis.fetch;
  /** The model endpoint's circuit breaker (the provider registry's `llm` guard), if any. */
  llmBreaker?: CircuitBreaker;
}

/** Wires the answer pipeline from config: LLM when a key or base URL is set, caches, budgets. */
export function createAnswerServices({
  config,
  sources,
  cacheStack,
  embedder,
  logger,
  fetch,
  llmBreaker,
}: AnswerServicesDeps): AnswerServices {
  const client =
    config.OPENAI_API_KEY || config.OPENAI_BASE_URL
      ? createOpenAiLlmClient({
          apiKey: config.OPENAI_API_KEY,
          baseURL: config.OPENAI_BASE_URL,
          fetch,
          logger: logger.child({ component: 'llm' }),
        })
      : null;
  const llm = client && llmBreaker ? createBreakingLlmClient(client, llmBreaker) : client;
  const budget = cacheStack.redis
    ? createRedisBudgetStore({
        // node-redis's client has get/incrByFloat/expire; its union type does not say so.
        client: cacheStack.redis.client as unknown as BudgetRedisClient,
        namespace: config.REDIS_NAMESPACE,
      })
    : createMemoryBudgetStore();
  const calibration = calibrationFor(embedder.id);
  const threshold = config.SEMANTIC_CACHE_THRESHOLD ?? calibration.semanticCache;
  const matcher = createSemanticMatcher({ embedder, threshold });
  const outputGates = createOutputGates({ maxAnswerChars: 2000 });
  const screener = createScreener();
  const isPlace = async (name: string) => {
    const [result] = await sources.geocoder.loadMany([name]);
    return result !== undefined && !(result instanceof Error);
  };
  const answers = createAnswerService({
    router: createRuleRouter({ isPlace }),
    llm,
    defaultModel: config.OPENAI_MODEL,
    allowedModels: config.ALLOWED_MODELS,
    prices: createPriceTable(config.MODEL_PRICES),
    budget,
    dailyBudgetUsd: config.DAILY_BUDGET_USD,
    maxTokens: config.LLM_MAX_TOKENS,
    exactCache: createExactAnswerCache(cacheStack.cache),
    semanticCache: createSemanticAnswerCache({
      cache: cacheStack.cache,
      redis: cacheStack.redis && {
        client: cacheStack.redis.client,
        namespace: config.REDIS_NAMESPACE,
        timeoutMs: config.REDIS_OPERATION_TIMEOUT_MS,
      },
      createIndex: () => createSemanticIndex({ embedder, matcher }),
      logger: logger.child({ component: 'semantic-cache' }),
    }),
    outputGates,
    screener,
    limits: {
      timeoutMs: config.ANSWER_TIMEOUT_MS,
      sourceTimeoutMs: config.ANSWER_SOURCE_TIMEOUT_MS,
      maxQuestionChars: 500,
      maxContextChars: 12_000,
      maxAnswerChars: 2000,
      maxSources: 6,
      relevanceThreshold: calibration.relevance,
      cacheTtlSeconds: config.ANSWER_CACHE_TTL_SECONDS,
    },
    logger: logger.child({ component: 'answer' }),
  });
  return { answers, outputGates, screener, matcher };
}

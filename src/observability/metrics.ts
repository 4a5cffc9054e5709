import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { createLabelBound, GRAPHQL_NAME } from './labels.js';

/** How a GraphQL request ended: `error` is the gateway's or a provider's fault, `client_error` the caller's. */
export type RequestStatus = 'ok' | 'client_error' | 'error';
/** What the cache of one provider answered. */
export type CacheResult = 'hit' | 'stale' | 'miss';
/** The caches `health` reports on. */
export type CacheLayer = 'local' | 'redis' | 'response' | 'answer-exact' | 'answer-semantic';
export type BreakerStateName = 'closed' | 'open' | 'half-open';

export interface MetricsOptions {
  /** Distinct operation names kept as label values; the rest are `other` (default 100). */
  maxOperationNames?: number;
  /** Default process metrics (CPU, memory, event loop, GC); off in tests that build many. */
  processMetrics?: boolean;
  now?: () => number;
}

/** The gateway's Prometheus metrics and the recorders the other layers call. */
export interface Metrics {
  /** The gateway's own registry (not prom-client's global one: tests build several gateways). */
  readonly registry: Registry;
  recordRequest(
    operation: string | null | undefined,
    type: string | null | undefined,
    status: RequestStatus,
    seconds: number,
  ): void;
  recordGraphqlError(code: string | null | undefined): void;
  /** One provider's `loadMany`: its duration and each key's outcome (`ok` or an error code). */
  recordSourceCall(provider: string, seconds: number, outcomes: readonly string[]): void;
  /** One upstream HTTP call of a provider: `ok`, `rate_limited`, `client_error`, `server_error`, `timeout`, `network_error`. */
  recordUpstream(provider: string, outcome: string, seconds: number): void;
  recordSourceCache(provider: string, result: CacheResult): void;
  recordCacheLayer(layer: CacheLayer, hit: boolean): void;
  recordGate(name: string, status: string): void;
  recordLlm(model: string, inputTokens: number, outputTokens: number, usd: number): void;
  recordEmbedding(model: string, tokens: number, usd: number): void;
  recordAnswer(status: string, cache: string): void;
  recordRateLimitRejection(): void;
  setBreakerState(provider: string, state: BreakerStateName): void;
  setQuotaRemaining(provider: string, window: 'minute' | 'day', remaining: number): void;
  /** Runs before every scrape: a place to copy state that is read, not counted (breakers). */
  onCollect(fn: () => void): void;
  /** LLM spend since midnight UTC, this replica. */
  llmUsdToday(): number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BREAKER_STATES: readonly BreakerStateName[] = ['closed', 'half-open', 'open'];

/** Builds the registry with every metric of the gateway, plus default process metrics. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const { now = Date.now } = options;
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const collectors: Array<() => void> = [];

  const operationName = createLabelBound({
    pattern: GRAPHQL_NAME,
    max: options.maxOperationNames ?? 100,
    missing: 'anonymous',
  });
  const operationType = createLabelBound({ pattern: /^[a-z]+$/, max: 3, missing: 'unknown' });
  const errorCode = createLabelBound({ pattern: /^[A-Z][A-Z_]{0,39}$/, max: 40, missing: 'NONE' });
  // Models come from config or from the provider's answer; bounded all the same.
  const modelName = createLabelBound({ pattern: /^[\w.:/-]{1,80}$/, max: 20, missing: 'unknown' });
  const outcomeLabel = createLabelBound({ pattern: /^[A-Za-z_]{1,40}$/, max: 40, missing: 'ok' });

  const requestDuration = new Histogram({
    name: 'sluice_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name (bounded), type and status',
    labelNames: ['operation', 'type', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const graphqlErrors = new Counter({
    name: 'sluice_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code',
    labelNames: ['code'] as const,
    registers,
  });
  const sourceDuration = new Histogram({
    name: 'sluice_source_duration_seconds',
    help: "One provider's batch load (cache included), by provider",
    labelNames: ['provider'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const sourceResults = new Counter({
    name: 'sluice_source_results_total',
    help: 'Keys loaded by each provider, by outcome (ok or the error code)',
    labelNames: ['provider', 'outcome'] as const,
    registers,
    collect: (): void => sourceResultsTally.flush(),
  });
  const upstreamDuration = new Histogram({
    name: 'sluice_upstream_request_duration_seconds',
    help: 'HTTP calls to providers (time to response headers), by provider and outcome',
    labelNames: ['provider', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const sourceCache = new Counter({
    name: 'sluice_source_cache_total',
    help: "Cache lookups of each provider's values: hit, stale (served only if the refresh fails) or miss",
    labelNames: ['provider', 'result'] as const,
    registers,
    collect: (): void => sourceCacheTally.flush(),
  });
  const cacheLayer = new Counter({
    name: 'sluice_cache_requests_total',
    help: 'Lookups per cache layer (local, redis, answer-exact, answer-semantic) and result',
    labelNames: ['layer', 'result'] as const,
    registers,
    collect: (): void => cacheLayerTally.flush(),
  });
  const breakerState = new Gauge({
    name: 'sluice_breaker_state',
    help: "1 for each provider's current circuit state (closed, half-open, open), 0 for the others",
    labelNames: ['provider', 'state'] as const,
    registers,
    collect() {
      for (const fn of collectors) fn();
    },
  });
  const quotaRemaining = new Gauge({
    name: 'sluice_provider_quota_remaining',
    help: 'Calls left in the outbound quota of each provider, per window',
    labelNames: ['provider', 'window'] as const,
    registers,
  });
  const gates = new Counter({
    name: 'sluice_gate_results_total',
    help: 'Quality gate results of answers, by gate and status',
    labelNames: ['gate', 'status'] as const,
    registers,
  });
  const llmTokens = new Counter({
    name: 'sluice_llm_tokens_total',
    help: 'Tokens of model calls, by model, kind (llm, embedding) and direction (input, output)',
    labelNames: ['model', 'kind', 'direction'] as const,
    registers,
  });
  const llmCost = new Counter({
    name: 'sluice_llm_cost_usd_total',
    help: 'Spend on models in USD, by model and kind (llm, embedding)',
    labelNames: ['model', 'kind'] as const,
    registers,
  });
  const answers = new Counter({
    name: 'sluice_answers_total',
    help: 'Answers by status (ANSWERED, DEGRADED, REFUSED) and cache hit (NONE, EXACT, SEMANTIC)',
    labelNames: ['status', 'cache'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: 'sluice_rate_limit_rejections_total',
    help: 'Requests refused by the per-caller rate limit (HTTP 429)',
    registers,
  });

  const sourceResultsTally = createTally(sourceResults, 'provider', 'outcome');
  const sourceCacheTally = createTally(sourceCache, 'provider', 'result');
  const cacheLayerTally = createTally(cacheLayer, 'layer', 'result');

  let day = '';
  let usdToday = 0;
  const today = () => new Date(now()).toISOString().slice(0, 10);

  return {
    registry,
    recordRequest(operation, type, status, seconds) {
      requestDuration.observe(
        { operation: operationName(operation), type: operationType(type), status },
        seconds,
      );
    },
    recordGraphqlError(code) {
      graphqlErrors.inc({ code: errorCode(code) });
    },
    recordSourceCall(provider, seconds, outcomes) {
      sourceDuration.observe({ provider }, seconds);
      // One increment per distinct outcome, not per key: a batch is mostly `ok`s, and each
      // increment hashes its labels.
      const counts = new Map<string, number>();
      for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      for (const [outcome, n] of counts) sourceResultsTally.add(provider, outcomeLabel(outcome), n);
    },
    recordUpstream(provider, outcome, seconds) {
      upstreamDuration.observe({ provider, outcome: outcomeLabel(outcome) }, seconds);
    },
    recordSourceCache(provider, result) {
      sourceCacheTally.add(provider, result);
    },
    recordCacheLayer(layer, hit) {
      cacheLayerTally.add(layer, hit ? 'hit' : 'miss');
    },
    recordGate(name, status) {
      gates.inc({ gate: outcomeLabel(name), status: outcomeLabel(status) });
    },
    recordLlm(model, inputTokens, outputTokens, usd) {
      const label = modelName(model);
      llmTokens.inc({ model: label, kind: 'llm', direction: 'input' }, inputTokens);
      llmTokens.inc({ model: label, kind: 'llm', direction: 'output' }, outputTokens);
      llmCost.inc({ model: label, kind: 'llm' }, usd);
      const current = today();
      if (current !== day) [day, usdToday] = [current, 0];
      usdToday += usd;
    },
    recordEmbedding(model, tokens, usd) {
      const label = modelName(model);
      llmTokens.inc({ model: label, kind: 'embedding', direction: 'input' }, tokens);
      llmCost.inc({ model: label, kind: 'embedding' }, usd);
    },
    recordAnswer(status, cache) {
      answers.inc({ status: outcomeLabel(status), cache: outcomeLabel(cache) });
    },
    recordRateLimitRejection() {
      rateLimited.inc();
    },
    setBreakerState(provider, state) {
      for (const s of BREAKER_STATES) breakerState.set({ provider, state: s }, s === state ? 1 : 0);
    },
    setQuotaRemaining(provider, window, remaining) {
      quotaRemaining.set({ provider, window }, remaining);
    },
    onCollect(fn) {
      collectors.push(fn);
    },
    llmUsdToday() {
      return day === today() ? usdToday : 0;
    },
  };
}

/**
 * Increments of a two-label counter kept as plain numbers and added to it when it is read (every
 * scrape, and any `get`): for the counters bumped once per key or cache lookup, 42 `inc`s of a warm
 * request, each of which hashes and checks its labels (prom-client was ~2.5% of that request's
 * CPU). Holds one number per pair of label values the counter has: bounded as the counter is.
 */
function createTally<L extends string>(counter: Counter<L>, first: L, second: L) {
  const counts = new Map<string, Map<string, { n: number }>>();
  return {
    add(a: string, b: string, n = 1) {
      let inner = counts.get(a);
      if (!inner) counts.set(a, (inner = new Map()));
      const slot = inner.get(b);
      if (slot) slot.n += n;
      else inner.set(b, { n });
    },
    flush() {
      for (const [a, inner] of counts) {
        for (const [b, slot] of inner) {
          if (slot.n === 0) continue;
          counter.inc({ [first]: a, [second]: b } as Partial<Record<L, string>>, slot.n);
          slot.n = 0;
        }
      }
    },
  };
}

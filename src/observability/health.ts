import type { ProviderHealth } from '../resilience/registry.js';
import type { Metrics } from './metrics.js';

/** Hits and misses of one cache layer, this replica since it started. */
export interface CacheLayerStatsModel {
  layer: string;
  hits: number;
  misses: number;
  /** Null before the first lookup. */
  hitRate: number | null;
}

/** One provider's circuit, calls and quota left. */
export interface ProviderHealthModel {
  name: string;
  breaker: string;
  /** Upstream calls since start; `errors` are those that did not answer usefully. */
  calls: number;
  errors: number;
  quotaRemainingMinute: number | null;
  quotaRemainingDay: number | null;
}

/** Model spend of this replica. */
export interface CostTotalsModel {
  llmUsdToday: number;
  llmUsdTotal: number;
  embeddingUsdTotal: number;
  tokensIn: number;
  tokensOut: number;
}

/** The `health` field: what an operator checks first. */
export interface HealthModel {
  /** `ok`, or `degraded` while any provider's circuit is open. */
  status: string;
  uptimeSeconds: number;
  cacheHitRates: CacheLayerStatsModel[];
  providers: ProviderHealthModel[];
  costs: CostTotalsModel;
}

export interface HealthService {
  snapshot(): Promise<HealthModel>;
}

export interface HealthDeps {
  metrics: Metrics;
  providers: ProviderHealth;
  now?: () => number;
}

const LAYERS = ['local', 'redis', 'response', 'answer-exact', 'answer-semantic'] as const;

type Sample = {
  labels: Partial<Record<string, string | number>>;
  value: number;
  metricName?: string;
};

/** Samples of one metric of the registry (histograms: only their `_count` series). */
async function samples(metrics: Metrics, name: string): Promise<Sample[]> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) return [];
  const { values } = await metric.get();
  return (values as Sample[]).filter((v) => !v.metricName || v.metricName.endsWith('_count'));
}

const sum = (list: Sample[], where: (labels: Sample['labels']) => boolean) =>
  list.reduce((total, s) => (where(s.labels) ? total + s.value : total), 0);

/** Builds `health` from the metrics (counts) and the resilience registry (breakers, quotas). */
export function createHealthService({
  metrics,
  providers,
  now = Date.now,
}: HealthDeps): HealthService {
  const started = now();
  return {
    async snapshot() {
      const [layers, upstream, tokens, cost] = await Promise.all([
        samples(metrics, 'sluice_cache_requests_total'),
        samples(metrics, 'sluice_upstream_request_duration_seconds'),
        samples(metrics, 'sluice_llm_tokens_total'),
        samples(metrics, 'sluice_llm_cost_usd_total'),
      ]);
      const entries = providers.snapshot();
      return {
        status: entries.some((e) => e.breaker === 'open') ? 'degraded' : 'ok',
        uptimeSeconds: (now() - started) / 1000,
        cacheHitRates: LAYERS.map((layer) => {
          const hits = sum(layers, (l) => l.layer === layer && l.result === 'hit');
          const misses = sum(layers, (l) => l.layer === layer && l.result === 'miss');
          return {
            layer,
            hits,
            misses,
            hitRate: hits + misses > 0 ? hits / (hits + misses) : null,
          };
        }),
        providers: entries.map((entry) => ({
          name: entry.provider,
          breaker: entry.breaker,
          calls: sum(upstream, (l) => l.provider === entry.provider),
          errors: sum(upstream, (l) => l.provider === entry.provider && l.outcome !== 'ok'),
          quotaRemainingMinute: entry.quotaRemainingMinute ?? null,
          quotaRemainingDay: entry.quotaRemainingDay ?? null,
        })),
        costs: {
          llmUsdToday: metrics.llmUsdToday(),
          llmUsdTotal: sum(cost, (l) => l.kind === 'llm'),
          embeddingUsdTotal: sum(cost, (l) => l.kind === 'embedding'),
          tokensIn: sum(tokens, (l) => l.kind === 'llm' && l.direction === 'input'),
          tokensOut: sum(tokens, (l) => l.kind === 'llm' && l.direction === 'output'),
        },
      };
    },
  };
}

/** Copies every provider's breaker state and quota left into the metrics at each scrape. */
export function watchProviders(metrics: Metrics, providers: ProviderHealth): void {
  metrics.onCollect(() => {
    for (const entry of providers.snapshot()) {
      metrics.setBreakerState(entry.provider, entry.breaker);
      if (entry.quotaRemainingMinute !== undefined) {
        metrics.setQuotaRemaining(entry.provider, 'minute', entry.quotaRemainingMinute);
      }
      if (entry.quotaRemainingDay !== undefined) {
        metrics.setQuotaRemaining(entry.provider, 'day', entry.quotaRemainingDay);
      }
    }
  });
}

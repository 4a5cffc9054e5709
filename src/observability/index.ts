import type { Express } from 'express';
import type { Logger } from '../logger.js';
import type { ProviderHealth } from '../resilience/registry.js';
import { createHealthService, watchProviders, type HealthService } from './health.js';
import { createMetricsHandler } from './metrics-handler.js';
import type { Metrics } from './metrics.js';
import { countRateLimited } from './rate-limit-counter.js';
import { createRequestLogger } from './request-log.js';

/** What the server mounts: the metrics, `/metrics` (behind METRICS_TOKEN) and `health`. */
export interface Observability {
  metrics: Metrics;
  health: HealthService;
  /** When set, `/metrics` requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export interface ObservabilityParams {
  metrics: Metrics;
  /** The resilience registry: breaker states and quotas for `health` and the metrics. */
  providers: ProviderHealth;
  metricsToken?: string;
}

/** Joins the metrics to the providers' state: breaker gauges at each scrape, and `health`. */
export function createObservability({
  metrics,
  providers,
  metricsToken,
}: ObservabilityParams): Observability {
  watchProviders(metrics, providers);
  return { metrics, health: createHealthService({ metrics, providers }), metricsToken };
}

/**
 * Mounts the request log, the rate-limit counter and `/metrics` on an express app: call it before
 * any other route, so every request is logged.
 */
export function mountObservability(app: Express, observability: Observability, logger: Logger) {
  app.use(createRequestLogger(logger), countRateLimited(observability.metrics));
  app.get(
    '/metrics',
    createMetricsHandler({
      registry: observability.metrics.registry,
      token: observability.metricsToken,
    }),
  );
}

export { ApolloServerPluginMetrics } from './apollo-plugin.js';
export { createMetrics, type Metrics } from './metrics.js';

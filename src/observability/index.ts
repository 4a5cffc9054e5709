import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { RequestState } from '../http/request-state.js';
import type { Logger } from '../logger.js';
import type { ProviderHealth } from '../resilience/registry.js';
import { createHealthService, watchProviders, type HealthService } from './health.js';
import { createMetricsHandler } from './metrics-handler.js';
import type { Metrics } from './metrics.js';
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
 * What the gateway's request listener runs on every request, `/graphql` or not, as it arrives:
 * its log line, and the count of requests the rate limit refused (HTTP 429, seen from outside: the
 * limiter needs no knowledge of metrics), both taken when the response closes. One `close`
 * listener does both: a response's `finish` already has node's own listener, and every listener
 * added to an event makes each of its emits walk a copied list.
 */
export function createRequestObserver(
  observability: Observability,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse, state: RequestState) => void {
  const logRequest = createRequestLogger(logger);
  const { metrics } = observability;
  return function observeRequest(req, res, state) {
    const writeLine = logRequest(req, state);
    // `on`, not `once`: a response closes once, and is dropped after.
    res.on('close', () => {
      writeLine(res);
      if (res.writableFinished && res.statusCode === 429) metrics.recordRateLimitRejection();
    });
  };
}

/** Mounts `/metrics` (behind METRICS_TOKEN when set) on the express app. */
export function mountMetrics(app: Express, observability: Observability) {
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

/**
 * The `--import` hook of bench/otel.ts's server processes: starts OpenTelemetry with the GraphQL
 * settings named by BENCH_TRACING (`off` starts nothing), exporting to BENCH_OTLP_ENDPOINT, before
 * the server module is imported (the way src/instrumentation.ts does in production).
 */
import { register } from 'node:module';
import type { GraphQLInstrumentationConfig } from '@opentelemetry/instrumentation-graphql';
import type * as OtelModule from '../src/observability/otel.js';

const RESOLVER_SPANS = { ignoreTrivialResolveSpans: false, mergeItems: false, depth: -1 };

/** GraphQL instrumentation settings of each traced variant (`false`: http instrumentation only). */
const BENCH_MODES: Record<string, GraphQLInstrumentationConfig | false | undefined> = {
  off: undefined,
  'http only': false,
  // The instrumentation's defaults: a span per resolved field.
  standard: { ...RESOLVER_SPANS, ignoreResolveSpans: false },
  'ignore-resolve': { ...RESOLVER_SPANS, ignoreResolveSpans: true },
  // src/observability/otel.ts's GRAPHQL_TRACING, unchanged.
  sluice: {},
};

const mode = process.env.BENCH_TRACING ?? 'off';
const graphql = BENCH_MODES[mode];
if (graphql !== undefined) {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  // The build the server runs (bench/server.ts): the gateway's own HTTP span is switched on in
  // that module instance, not in a second one loaded from src/.
  const built = new URL('../dist/src/observability/otel.js', import.meta.url).href;
  const { startTelemetry } = (await import(built)) as typeof OtelModule;
  startTelemetry({
    serviceName: 'sluice-bench',
    endpoint: process.env.BENCH_OTLP_ENDPOINT,
    graphql,
  });
}

/**
 * The `--import` hook of bench/otel.ts's server processes: starts OpenTelemetry the way named by
 * BENCH_TRACING (`off` starts nothing), exporting to BENCH_OTLP_ENDPOINT, before the server module
 * is imported (the way src/instrumentation.ts does in production).
 *
 * - `http only`, `sluice`: the gateway's own spans (src/observability/otel.ts), without and with
 *   the operation spans; no async context manager.
 * - `standard`, `ignore-resolve`, `instrumentation`: `@opentelemetry/instrumentation-graphql` (a
 *   span per resolved field; none; none, with the settings Sluice ran it with until 2026-12-08),
 *   with the SDK's default context manager (an `AsyncLocalStorage`) that it needs to find its
 *   parent, and on the gateway the gateway's HTTP span beside it: what tracing cost before Sluice
 *   passed its spans' parents down itself.
 * - `spans dropped`, `spans batched`: Sluice's setting taken apart. Its spans are made and dropped
 *   as they end (the SDK's `NoopSpanProcessor`), or batched as Sluice's are and then handed to an
 *   exporter that sends nothing; `sluice` less these is what the export costs (encoding, posting).
 */
import { register } from 'node:module';
import type { GraphQLInstrumentationConfig } from '@opentelemetry/instrumentation-graphql';
import type * as HttpSpanModule from '../src/observability/http-span.js';
import type * as OtelModule from '../src/observability/otel.js';

const RESOLVER_SPANS = { ignoreTrivialResolveSpans: false, mergeItems: false, depth: -1 };
const INSTRUMENTED: Record<string, GraphQLInstrumentationConfig> = {
  // The instrumentation's defaults: a span per resolved field.
  standard: { ...RESOLVER_SPANS, ignoreResolveSpans: false },
  'ignore-resolve': { ...RESOLVER_SPANS, ignoreResolveSpans: true },
  instrumentation: {
    ignoreResolveSpans: true,
    ignoreTrivialResolveSpans: true,
    mergeItems: true,
    depth: 2,
    allowValues: false,
  },
};

const mode = process.env.BENCH_TRACING ?? 'off';
const serviceName = 'sluice-bench';
const endpoint = process.env.BENCH_OTLP_ENDPOINT;
// The build the server runs (bench/server.ts): the gateway's tracing switches are set in that
// module instance, not in a second one loaded from src/.
const built = (path: string) => new URL(`../dist/src/observability/${path}`, import.meta.url).href;
const instrumented = INSTRUMENTED[mode];
if (instrumented) {
  // The instrumentation patches graphql as it is imported: the ESM loader hook comes first.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const { BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { GraphQLInstrumentation } = await import('@opentelemetry/instrumentation-graphql');
  new NodeSDK({
    serviceName,
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` })),
    ],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [new GraphQLInstrumentation(instrumented)],
  }).start();
  const { enableRequestTracing } = (await import(built('http-span.js'))) as typeof HttpSpanModule;
  enableRequestTracing({ graphql: false });
} else if (mode === 'http only' || mode === 'sluice') {
  const { startTelemetry } = (await import(built('otel.js'))) as typeof OtelModule;
  startTelemetry({ serviceName, endpoint, graphql: mode === 'sluice' });
} else if (mode === 'spans dropped' || mode === 'spans batched') {
  const { startTelemetry } = (await import(built('otel.js'))) as typeof OtelModule;
  const { BatchSpanProcessor, NoopSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const processor =
    mode === 'spans dropped'
      ? new NoopSpanProcessor()
      : new BatchSpanProcessor({
          export: (_spans, done) => done({ code: 0 }), // ExportResultCode.SUCCESS
          shutdown: async () => {},
        });
  startTelemetry({ serviceName, spanProcessors: [processor] });
}

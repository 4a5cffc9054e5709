import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  GraphQLInstrumentation,
  type GraphQLInstrumentationConfig,
} from '@opentelemetry/instrumentation-graphql';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { enableRequestTracing } from './http-span.js';

/**
 * Sluice's GraphQL tracing: one `graphql.execute` span per operation (plus parse and validate when
 * Apollo's document cache misses), no span per resolved field. The answer pipeline adds its own
 * spans for what operators need (each source call, gate and the LLM call); resolver spans cost
 * most of the throughput (bench/otel.ts) and tell little. `depth` and `mergeItems` only bound the
 * resolver spans if someone turns them back on.
 */
export const GRAPHQL_TRACING: GraphQLInstrumentationConfig = {
  ignoreResolveSpans: true,
  ignoreTrivialResolveSpans: true,
  mergeItems: true,
  depth: 2,
  // Literal values in `graphql.source` are replaced by `*`: they may be a user's question.
  allowValues: false,
};

export interface TelemetryOptions {
  /** `service.name` of every span. */
  serviceName: string;
  /** OTLP/HTTP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`); traces are posted to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Processors to use instead of the OTLP exporter (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  /** Overrides of GRAPHQL_TRACING, or `false` for no GraphQL instrumentation (the bench compares). */
  graphql?: GraphQLInstrumentationConfig | false;
}

/** A started SDK. */
export interface Telemetry {
  /** Flushes spans still batched and unpatches. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK with the graphql instrumentation, exporting over OTLP (the HTTP
 * server span is the gateway's own: src/observability/http-span.ts).
 * Returns null, starting nothing, when there is nowhere to send spans: tracing with no exporter
 * is pure cost, and the answer pipeline falls back to its own trace ids. Must run before the app
 * is imported (see src/instrumentation.ts) or nothing gets patched.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry | null {
  const processors =
    options.spanProcessors ??
    (options.endpoint
      ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.endpoint}/v1/traces` }))]
      : []);
  if (processors.length === 0) return null;
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: processors,
    // Metrics are Prometheus' job (/metrics) and logs go to stdout: without these, the SDK would
    // also start OTLP metric and log exporters from its defaults.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations:
      options.graphql === false
        ? []
        : [new GraphQLInstrumentation({ ...GRAPHQL_TRACING, ...options.graphql })],
  });
  sdk.start();
  enableRequestTracing();
  const telemetry = { shutdown: () => sdk.shutdown() };
  started = telemetry;
  return telemetry;
}

let started: Telemetry | null = null;

/** Flushes and stops the SDK started by `startTelemetry`, if any: call it before the process exits. */
export async function shutdownTelemetry(): Promise<void> {
  const telemetry = started;
  started = null;
  await telemetry?.shutdown();
}

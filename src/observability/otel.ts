import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { enableRequestTracing } from './http-span.js';

export interface TelemetryOptions {
  /** `service.name` of every span. */
  serviceName: string;
  /** OTLP/HTTP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`); traces are posted to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Processors to use instead of the OTLP exporter (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  /** `false`: the HTTP server span only, no operation spans (the bench compares). */
  graphql?: boolean;
}

/** A started SDK. */
export interface Telemetry {
  /** Flushes spans still batched and stops the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK, exporting over OTLP, and turns on Sluice's spans: the HTTP server
 * span (src/observability/http-span.ts), an operation's `graphql.parse`, `graphql.validate` and
 * execution spans (src/observability/graphql-span.ts, no span per resolved field: those cost most
 * of the throughput in bench/otel.ts and tell little) and the answer pipeline's (sources, gates, the
 * LLM call: src/answer/trace.ts).
 *
 * No instrumentation is registered, and no async context manager: each span's parent is passed
 * down with the request (its state, the GraphQL context, the pipeline's tracer). On Node 20 the
 * context manager, an `AsyncLocalStorage`, taxes every promise of the process once it has run;
 * without it a traced warm request costs 77–90 µs less (docs/BENCHMARKS.md, "Tracing"). An
 * instrumentation added by hand would see no active span, and start traces of its own.
 *
 * Returns null, starting nothing, when there is nowhere to send spans: tracing with no exporter
 * is pure cost, and the answer pipeline falls back to its own trace ids. Runs before the app is
 * imported (src/instrumentation.ts), so the first request is traced.
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
    instrumentations: [],
    // Not the default, an AsyncLocalStorage: nothing is ever active (see above).
    contextManager: NO_ACTIVE_CONTEXT,
  });
  sdk.start();
  enableRequestTracing({ graphql: options.graphql !== false });
  const telemetry = { shutdown: () => sdk.shutdown() };
  started = telemetry;
  return telemetry;
}

/**
 * A context manager that keeps nothing: the active context is always the root, and `with` just
 * calls its function (the API's own no-op manager, which `@opentelemetry/api` does not export).
 */
const NO_ACTIVE_CONTEXT: ContextManager = {
  active: () => ROOT_CONTEXT,
  with: (_context, fn, thisArg, ...args) => fn.call(thisArg, ...args),
  bind: <T>(_context: Context, target: T) => target,
  enable() {
    return this;
  },
  disable() {
    return this;
  },
};

let started: Telemetry | null = null;

/** Flushes and stops the SDK started by `startTelemetry`, if any: call it before the process exits. */
export async function shutdownTelemetry(): Promise<void> {
  const telemetry = started;
  started = null;
  await telemetry?.shutdown();
}

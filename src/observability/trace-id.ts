import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace id of the active OpenTelemetry span, if the SDK is started and a span is active. */
export function activeTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : undefined;
}

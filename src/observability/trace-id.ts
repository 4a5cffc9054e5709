import { randomFillSync } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace id of the active OpenTelemetry span, if the SDK is started and a span is active. */
export function activeTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : undefined;
}

const ID_BYTES = 16;
// Random bytes for 256 ids at a time: one call into the CSPRNG instead of one per request.
const pool = Buffer.allocUnsafe(ID_BYTES * 256);
let offset = pool.length;

/** A random 32-hex id (128 bits from the CSPRNG, as random as `randomBytes(16)`). */
function randomTraceId(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

/**
 * The one trace id of an HTTP request, chosen when it arrives: the OpenTelemetry trace's when
 * tracing, else a fresh random one. The `x-trace-id` header, the request log line,
 * `Answer.trace.traceId` and the exported trace all carry it.
 */
export function requestTraceId(): string {
  return activeTraceId() ?? randomTraceId();
}

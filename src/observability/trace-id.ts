import { randomFillSync } from 'node:crypto';
import { isSpanContextValid, trace, type Context } from '@opentelemetry/api';

/** The trace id of the OpenTelemetry span in `otel`, if there is one (the SDK is started). */
function traceIdOf(otel: Context | undefined): string | undefined {
  const span = otel && trace.getSpanContext(otel);
  return span && isSpanContextValid(span) ? span.traceId : undefined;
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
 * tracing (`otel`, the request's server span), else a fresh random one. The `x-trace-id` header,
 * the request log line, `Answer.trace.traceId` and the exported trace all carry it.
 */
export function requestTraceId(otel?: Context): string {
  return traceIdOf(otel) ?? randomTraceId();
}

import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace id of the active OpenTelemetry span, if the SDK is started and a span is active. */
export function activeTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : undefined;
}

/**
 * The one trace id of an HTTP request, chosen on first use and kept on `res.locals`: the
 * OpenTelemetry trace's when tracing, else a fresh one. The response header, the request log line,
 * `Answer.trace.traceId` and the exported trace all carry it.
 */
export function requestTraceId(res: Response): string {
  const locals = res.locals as { traceId?: string };
  return (locals.traceId ??= activeTraceId() ?? randomBytes(16).toString('hex'));
}

/** Sends the request's trace id as `x-trace-id`, so a caller can quote it in a report. */
export const traceIdHeader: RequestHandler = function traceIdHeader(_req, res, next) {
  res.setHeader('x-trace-id', requestTraceId(res));
  next();
};

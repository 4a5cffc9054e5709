import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
} from '@opentelemetry/api';
import { isGraphQLPath, pathOf } from '../http/url.js';
import { UNTRACED_PATHS } from './paths.js';

const tracer = trace.getTracer('sluice.http');
/** Set once the SDK is started (src/observability/otel.ts): until then a request costs nothing here. */
let tracing = false;
let graphqlSpans = false;

/**
 * Turns the server span on, and the graphql spans (src/observability/graphql-span.ts) unless
 * `graphql` is false; called by `startTelemetry`, before the first request.
 */
export function enableRequestTracing({ graphql = true }: { graphql?: boolean } = {}): void {
  tracing = true;
  graphqlSpans = graphql;
}

/** Whether operations get their graphql spans (the SDK is started, and they are not turned off). */
export function tracesGraphQL(): boolean {
  return graphqlSpans;
}

/**
 * Runs `next` with the request's OpenTelemetry server span, in a context passed to it (Sluice's
 * spans are parented through it: the gateway registers no async context manager, see
 * src/observability/otel.ts), and made active for a context manager someone else registers. The
 * caller's W3C trace context (`traceparent`) is the span's parent, its attributes follow the
 * stable HTTP conventions, it ends when the response closes, and a 5xx marks it an error. Probes
 * and scrapes (UNTRACED_PATHS) are not traced. Without the SDK (no exporter configured) `next` runs
 * as it is, with no context.
 *
 * Why not `@opentelemetry/instrumentation-http`: the gateway owns its request listener, so one
 * span started here is all the instrumentation did for incoming requests, without its per-request
 * work that Sluice never reads (patching `emit`, binding every listener of the request and
 * response to the context, collecting two generations of attribute names). Measured in
 * docs/BENCHMARKS.md (`npm run bench:otel`).
 */
export function traceRequest(
  req: IncomingMessage,
  res: ServerResponse,
  next: (otel?: Context) => void,
): void {
  if (!tracing) return next();
  const path = pathOf(req.url);
  if (UNTRACED_PATHS.includes(path)) return next();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const method = req.method ?? 'GET';
  // A route only where it is known: a path a caller made up would make names unbounded.
  const route = isGraphQLPath(req.url) ? '/graphql' : undefined;
  const attributes: Attributes = {
    'http.request.method': method,
    'url.path': path,
    'url.scheme': 'http',
    'network.protocol.version': req.httpVersion,
    'client.address': req.socket.remoteAddress,
    'user_agent.original': req.headers['user-agent'],
  };
  if (route) attributes['http.route'] = route;
  const span = tracer.startSpan(
    route ? `${method} ${route}` : method,
    { kind: SpanKind.SERVER, attributes },
    parent,
  );
  // A span the sampler dropped still carries the trace on (its id, for the caller's trace).
  if (span.isRecording()) {
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      else if (!res.writableFinished)
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'aborted' });
      span.end();
    });
  }
  const traced = trace.setSpan(parent, span);
  context.with(traced, next, undefined, traced);
}

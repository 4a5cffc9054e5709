import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context as OtelContext } from '@opentelemetry/api';
import type { Principal } from '../protection/principal.js';

/**
 * What the gateway learns of one HTTP request as it passes the steps of the `/graphql` path, kept
 * beside node's own request and response (which carry none of it): the request log, the rate
 * limit, the response front and the GraphQL context read it.
 */
export interface RequestState {
  /** The request's one trace id: `x-trace-id`, the log line, `Answer.trace.traceId`. */
  readonly traceId: string;
  /** The request's OpenTelemetry context (its server span), when tracing. */
  readonly otel?: OtelContext;
  /** Who asks, once auth has run; none on the landing page, which passes without a key. */
  principal?: Principal;
  /** The JSON body of a `/graphql` request, once read (undefined when it has none). */
  body?: unknown;
  /** The body's bytes as sent, when it came as plain UTF-8 JSON (the response front's key). */
  bytes?: Buffer;
  /** The request's rate-limit points, once known (a response front hit carries them). */
  cost?: number;
}

/**
 * One step of the `/graphql` path (auth, the rate limit): true to go on, false when it has
 * answered the request itself (a 401, a 429).
 */
export type GraphQLStep = (
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
) => Promise<boolean>;

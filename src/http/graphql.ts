import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HeaderMap,
  type ApolloServer,
  type BaseContext,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import type { ResponseFront, SentResponse } from '../cache/response-front.js';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Protection } from '../protection/index.js';
import { sendGraphQLError } from '../protection/respond.js';
import { createJsonBodyReader } from './json-body.js';
import type { RequestState } from './request-state.js';
import { searchOf } from './url.js';

/** Handles one HTTP request, given its state (trace id; the steps fill in the rest). */
export type StatefulHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
) => void;

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  /** A started Apollo Server. */
  apollo: ApolloServer<TContext>;
  protection: Pick<Protection, 'cors' | 'authenticate' | 'bodyLimitBytes' | 'rateLimit'>;
  /** The whole-response cache's front in this replica, when the response cache is on. */
  front?: ResponseFront;
  /** An operation's context from the request's state (throws to refuse it, as Apollo allows). */
  context(state: RequestState): Promise<TContext>;
  logger: Logger;
}

/**
 * The `/graphql` endpoint on node's own request and response, with no framework between: CORS
 * (answering preflights), auth before the body is read, the JSON body, the response front's
 * lookup, the rate limit, then the front's copy or Apollo's `executeHTTPGraphQLRequest` (what
 * `@as-integrations/express5` did, without express's router, body-parser and `res.send`). Each
 * step answers the request itself when it refuses it.
 */
export function createGraphQLHandler<TContext extends BaseContext>(
  options: GraphQLHandlerOptions<TContext>,
): StatefulHandler {
  const { apollo, protection, front, context, logger } = options;
  const { cors, authenticate, rateLimit, bodyLimitBytes } = protection;
  apollo.assertStarted('createGraphQLHandler()');
  const readJson = createJsonBodyReader(bodyLimitBytes);

  async function readBody(req: IncomingMessage, res: ServerResponse, state: RequestState) {
    const body = await readJson(req, res);
    if (body.ok) {
      state.body = body.value;
      state.bytes = body.bytes;
      return true;
    }
    sendGraphQLError(res, body.status, 'BAD_REQUEST', body.message, {
      extensions: { http: { status: body.status } },
    });
    return false;
  }

  async function serve(req: IncomingMessage, res: ServerResponse, state: RequestState) {
    if (cors(req, res)) return;
    if (!(await authenticate(req, res, state))) return;
    if (!(await readBody(req, res, state))) return;
    // The front's copy, if any, is only sent once the request has been charged for it.
    const lookup = await front?.(req, state);
    if (!(await rateLimit(req, res, state))) return;
    if (lookup?.hit) return lookup.hit.send(res);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: apolloRequest(req, state.body),
      context: () => context(state),
    });
    await send(res, response, lookup?.keep);
  }

  return function graphqlHandler(req, res, state) {
    serve(req, res, state).catch((error: unknown) => {
      logger.error({ err: error }, 'unhandled HTTP error');
      if (res.headersSent) res.destroy();
      else sendGraphQLError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    });
  };
}

function apolloRequest(req: IncomingMessage, body: unknown): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    // Repeated headers are joined as the Fetch API's `Headers` joins them; names are lower-case.
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return { method: (req.method ?? 'GET').toUpperCase(), headers, search: searchOf(req.url), body };
}

async function send(
  res: ServerResponse,
  response: HTTPGraphQLResponse,
  keep: ((response: SentResponse) => void) | undefined,
): Promise<void> {
  const { headers, body } = response;
  res.statusCode = response.status ?? 200;
  if (body.kind === 'chunked') {
    // Incremental delivery: each part as it comes (node sends every write at once).
    for (const [name, value] of headers) res.setHeader(name, value);
    for await (const chunk of body.asyncIterator) res.write(chunk);
    res.end();
    return;
  }
  // A text body says it is UTF-8, as express's `res.send` made it say (the landing page's
  // `text/html`); Apollo's JSON types already do.
  const type = headers.get('content-type');
  if (type === undefined) headers.set('content-type', 'text/html; charset=utf-8');
  else if (!/;\s*charset=/i.test(type)) headers.set('content-type', `${type}; charset=utf-8`);
  for (const [name, value] of headers) res.setHeader(name, value);
  res.end(body.string);
  keep?.({ status: res.statusCode, headers, body: body.string });
}

import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { sendGraphQLError } from './protection/respond.js';

interface HttpError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/**
 * The last express middleware (every path but `/graphql`): an error a route raises answers with
 * its 4xx status, or a 500, as a GraphQL-shaped error with a code, instead of express's default
 * handler printing the stack.
 */
export function createHttpErrorHandler(logger: Logger): ErrorRequestHandler {
  return function httpErrorHandler(error: unknown, _req, res, next) {
    if (res.headersSent) return next(error);
    const { status = 500, statusCode, expose } = (error ?? {}) as HttpError;
    const code = statusCode ?? status;
    if (code >= 400 && code < 500 && expose !== false) {
      sendGraphQLError(res, code, 'BAD_REQUEST', 'The request could not be read', {
        extensions: { http: { status: code } },
      });
      return;
    }
    logger.error({ err: error }, 'unhandled HTTP error');
    sendGraphQLError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  };
}

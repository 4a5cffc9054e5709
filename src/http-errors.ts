import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { sendGraphQLError } from './protection/respond.js';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/**
 * The last express middleware: errors raised before GraphQL runs (a body that is not JSON, one
 * over the size limit, a bad charset) answer with their 4xx status and a GraphQL-shaped error with
 * a code, instead of express's default handler printing the stack.
 */
export function createHttpErrorHandler(logger: Logger): ErrorRequestHandler {
  return function httpErrorHandler(error: unknown, _req, res, next) {
    if (res.headersSent) return next(error);
    const { status = 500, statusCode, type, expose } = (error ?? {}) as HttpError;
    const code = statusCode ?? status;
    if (code >= 400 && code < 500 && expose !== false) {
      const message =
        type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : type === 'entity.too.large'
            ? 'The request body is too large'
            : 'The request could not be read';
      sendGraphQLError(res, code, 'BAD_REQUEST', message, {
        extensions: { http: { status: code } },
      });
      return;
    }
    logger.error({ err: error }, 'unhandled HTTP error');
    sendGraphQLError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  };
}

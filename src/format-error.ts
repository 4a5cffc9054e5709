import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isGatewayError } from './errors.js';
import type { Logger } from './logger.js';

/** Codes Apollo Server and graphql-js assign to the client's own mistakes: passed through. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo's `formatError`: a GatewayError keeps its code and client message; Apollo's own client
 * errors pass through; anything else is logged and masked as INTERNAL_SERVER_ERROR, so no raw
 * upstream message, stack or secret reaches a client.
 */
export function createFormatError(logger: Logger) {
  return function formatError(
    formatted: GraphQLFormattedError,
    error: unknown,
  ): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    const { locations, path } = formatted;
    if (isGatewayError(original)) {
      const extensions: Record<string, unknown> = { code: original.code };
      if (original.provider) extensions.provider = original.provider;
      if (original.retryAfterSeconds !== undefined)
        extensions.retryAfterSeconds = original.retryAfterSeconds;
      if (original.isUpstreamFailure) {
        logger.warn(
          {
            code: original.code,
            provider: original.provider,
            path,
            cause: describe(original.cause),
          },
          'upstream failure',
        );
      }
      return { message: original.message, locations, path, extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      return { message: formatted.message, locations, path, extensions: { code } };
    }
    logger.error({ err: original, path }, 'unexpected error');
    return {
      message: 'Internal server error',
      locations,
      path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function describe(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}

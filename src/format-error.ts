import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isGatewayError } from './errors.js';
import type { Logger } from './logger.js';

/** Codes Apollo Server and graphql-js assign to the client's own mistakes: passed through. */
const CLIENT_CODES: ReadonlySet<string> = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // Request-level refusals raised by src/protection (their HTTP status is set by Apollo from
  // `extensions.http` before formatError runs).
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.RATE_LIMITED,
  ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
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
    const unwrapped = unwrapResolverError(error);
    // Errors raised outside resolvers (context, plugins) wrap a GatewayError without a path.
    const original =
      unwrapped instanceof GraphQLError && isGatewayError(unwrapped.originalError)
        ? unwrapped.originalError
        : unwrapped;
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
      const extensions: Record<string, unknown> = { code };
      const retryAfter = formatted.extensions?.retryAfterSeconds;
      if (typeof retryAfter === 'number') extensions.retryAfterSeconds = retryAfter;
      return { message: clientMessage(code, formatted.message), locations, path, extensions };
    }
    if (isUncodedClientError(error)) {
      return { message: formatted.message, locations, path, extensions: { code: 'BAD_REQUEST' } };
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

/**
 * A client error's message as the caller reads it. GraphQL Armor words its limits (depth, aliases,
 * cost, directives) "Syntax Error: …", but they refuse a well-formed document in validation
 * (`GRAPHQL_VALIDATION_FAILED`), where graphql-js itself never says "Syntax Error": the prefix
 * would send the caller looking for a typo.
 */
function clientMessage(code: string, message: string): string {
  return code === 'GRAPHQL_VALIDATION_FAILED' ? message.replace(/^Syntax Error: /, '') : message;
}

/**
 * Apollo refuses a few malformed requests with a 4xx `extensions.http` status but no code
 * (`Unsupported persisted query version`, `provided sha does not match query`): client mistakes,
 * so their message is safe to show and the code is BAD_REQUEST.
 */
function isUncodedClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function describe(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}

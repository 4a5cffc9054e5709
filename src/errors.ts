import { GraphQLError } from 'graphql';

/** Every code a client may see in `extensions.code`. Anything else is masked. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_BAD_RESPONSE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  PERSISTED_QUERY_NOT_ALLOWED: 'PERSISTED_QUERY_NOT_ALLOWED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * HTTP status of the codes that refuse a whole request (auth, rate limit, safelist). Apollo Server
 * honours `extensions.http.status` on errors raised before execution (context, plugins).
 */
export const REQUEST_ERROR_STATUS: Readonly<Partial<Record<ErrorCode, number>>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PERSISTED_QUERY_NOT_ALLOWED: 400,
};

/** Codes that mean "this provider failed": the next provider in a chain may serve instead. */
const UPSTREAM_FAILURES: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.UPSTREAM_UNAVAILABLE,
  ErrorCode.UPSTREAM_TIMEOUT,
  ErrorCode.UPSTREAM_RATE_LIMITED,
  ErrorCode.UPSTREAM_BAD_RESPONSE,
]);

export interface GatewayErrorOptions {
  /** Provider that failed, for logs and `extensions.provider`. Never a secret. */
  provider?: string;
  /** Seconds the provider asked us to wait (from `Retry-After`). */
  retryAfterSeconds?: number;
  /** The underlying error: kept for logs, never sent to clients. */
  cause?: unknown;
  /**
   * This provider does not cover the key, but another in the chain may (CoinGecko's coin list,
   * Frankfurter's ~30 ECB currencies, Finnhub's free US coverage): a chain tries the next one.
   */
  passOn?: boolean;
}

/**
 * The one error class that crosses the GraphQL boundary. Its message is written for clients and
 * must never interpolate a raw upstream error, URL with credentials or any secret.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: ErrorCode;
  readonly provider: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly passOn: boolean;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.provider = options.provider;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.passOn = options.passOn ?? false;
  }

  /** True when a different provider might succeed where this one failed. */
  get isUpstreamFailure(): boolean {
    return UPSTREAM_FAILURES.has(this.code);
  }
}

/** The same error (code, provider, Retry-After, cause) with a message written for its context. */
export function withMessage(error: GatewayError, message: string): GatewayError {
  return new GatewayError(error.code, message, {
    provider: error.provider,
    retryAfterSeconds: error.retryAfterSeconds,
    cause: error.cause,
    passOn: error.passOn,
  });
}

/** An error as words fit for a log line or a client: a coded error's code and message, never a raw one. */
export function describeError(error: unknown, otherwise = 'unexpected error'): string {
  return isGatewayError(error) ? `${error.code}: ${error.message}` : otherwise;
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** True for errors on which a fallback chain should move to its next provider. */
export function isUpstreamFailure(error: unknown): boolean {
  return isGatewayError(error) && (error.isUpstreamFailure || error.passOn);
}

export function badInput(message: string): GatewayError {
  return new GatewayError(ErrorCode.BAD_USER_INPUT, message);
}

export function notFound(message: string, provider?: string): GatewayError {
  return new GatewayError(ErrorCode.NOT_FOUND, message, { provider });
}

/** NOT_FOUND from a provider whose coverage is narrower than the chain's: the next one may know. */
export function notCovered(message: string, provider: string): GatewayError {
  return new GatewayError(ErrorCode.NOT_FOUND, message, { provider, passOn: true });
}

/**
 * Converts a GatewayError to the GraphQLError a client sees. With `http`, a request-level code
 * also carries its HTTP status (and `Retry-After`) for Apollo to answer with.
 */
export function toGraphQLError(
  error: GatewayError,
  options: { http?: boolean } = {},
): GraphQLError {
  const extensions: Record<string, unknown> = { code: error.code };
  if (error.provider) extensions.provider = error.provider;
  if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
  const status = REQUEST_ERROR_STATUS[error.code];
  if (options.http && status !== undefined) {
    const headers = new Map<string, string>();
    if (error.retryAfterSeconds !== undefined)
      headers.set('retry-after', String(error.retryAfterSeconds));
    extensions.http = { status, headers };
  }
  return new GraphQLError(error.message, { extensions, originalError: error });
}

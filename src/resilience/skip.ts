import { ErrorCode, GatewayError } from '../errors.js';

/** Why a provider was skipped without being called. */
export type SkipReason = 'circuit-open' | 'quota' | 'retry-after';

/** The cause of a skip: marks the GatewayError as "not called": neither retried nor counted. */
export class ProviderSkipped extends Error {
  override readonly name = 'ProviderSkipped';
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

/**
 * The error of a provider skipped at once. An upstream failure, so a chain moves on: an open
 * circuit is UPSTREAM_UNAVAILABLE; a used-up quota or a provider's own Retry-After is
 * UPSTREAM_RATE_LIMITED with `retryAfterSeconds`, which is what a client can act on.
 */
export function providerSkipped(
  provider: string,
  reason: SkipReason,
  retryAfterMs?: number,
): GatewayError {
  const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  switch (reason) {
    case 'circuit-open':
      return new GatewayError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        `${provider} is failing: circuit open`,
        { provider, cause: new ProviderSkipped(reason) },
      );
    case 'quota':
      return new GatewayError(
        ErrorCode.UPSTREAM_RATE_LIMITED,
        `${provider} is skipped: its request quota is used up`,
        { provider, retryAfterSeconds, cause: new ProviderSkipped(reason) },
      );
    case 'retry-after':
      return new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, `${provider} asked us to wait`, {
        provider,
        retryAfterSeconds,
        cause: new ProviderSkipped(reason),
      });
    default: {
      const never: never = reason;
      throw new TypeError(`unknown skip reason ${String(never)}`);
    }
  }
}

/** The reason when `error` is a skip (the provider was not called), else undefined. */
export function skipReason(error: unknown): SkipReason | undefined {
  return error instanceof GatewayError && error.cause instanceof ProviderSkipped
    ? error.cause.reason
    : undefined;
}

import { ErrorCode, isGatewayError } from '../errors.js';
import { skipReason } from './skip.js';

/** How idempotent upstream calls are retried. */
export interface RetryOptions {
  /** Retries after the first attempt (RETRY_MAX_ATTEMPTS); 0 turns retries off. */
  maxRetries: number;
  /** Backoff before the first retry, doubled for each next one (default 100 ms). */
  baseDelayMs?: number;
  /** Largest backoff (default 2000 ms). */
  maxDelayMs?: number;
  /** All attempts and waits of one call fit in this many per-attempt timeouts (default 2). */
  budgetFactor?: number;
  /** No attempt starts with less time left than this (default 100 ms, or the timeout if less). */
  minAttemptMs?: number;
  random?: () => number;
}

/** The decisions of a retry loop; the loop itself is the guard's. */
export interface RetryPolicy {
  readonly maxRetries: number;
  /** When the whole call must be over, for a call starting at `start` with this attempt timeout. */
  deadline(start: number, timeoutMs: number): number;
  /** Smallest time worth starting an attempt with. */
  minAttemptMs(timeoutMs: number): number;
  /**
   * The wait before retry number `retry` (0-based) after `error`, or undefined when the error is
   * not worth retrying: Retry-After when the provider sent one, else exponential backoff with
   * jitter.
   */
  delayBefore(retry: number, error: unknown): number | undefined;
}

/**
 * Transport failures, 5xx, timeouts and 429 are worth another attempt. Nothing else: other 4xx
 * never reach here as errors (requestUpstream returns them), and a skip never called anyone.
 */
export function isRetryable(error: unknown): boolean {
  if (!isGatewayError(error) || skipReason(error) !== undefined) return false;
  return (
    error.code === ErrorCode.UPSTREAM_UNAVAILABLE ||
    error.code === ErrorCode.UPSTREAM_TIMEOUT ||
    error.code === ErrorCode.UPSTREAM_RATE_LIMITED
  );
}

/** A retry policy: "equal jitter" backoff (half fixed, half random), Retry-After honoured. */
export function createRetryPolicy(options: RetryOptions): RetryPolicy {
  const {
    maxRetries,
    baseDelayMs = 100,
    maxDelayMs = 2000,
    budgetFactor = 2,
    random = Math.random,
  } = options;
  return {
    maxRetries,
    deadline: (start, timeoutMs) => start + budgetFactor * timeoutMs,
    minAttemptMs: (timeoutMs) => Math.min(options.minAttemptMs ?? 100, timeoutMs),
    delayBefore(retry, error) {
      if (retry >= maxRetries || !isRetryable(error)) return undefined;
      if (isGatewayError(error) && error.retryAfterSeconds !== undefined) {
        return error.retryAfterSeconds * 1000;
      }
      const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
      return cap / 2 + (random() * cap) / 2;
    },
  };
}

import { ErrorCode, isGatewayError, type GatewayError } from '../errors.js';
import type { BreakerTicket, CircuitBreaker } from './breaker.js';
import type { ProviderQuota } from './quota.js';
import type { RetryPolicy } from './retry.js';
import { providerSkipped } from './skip.js';

/** How one upstream call is made through a guard. */
export interface UpstreamCallOptions {
  /** Timeout of one attempt (UPSTREAM_TIMEOUT_MS). */
  timeoutMs: number;
  /** Only idempotent calls (GETs) are retried. */
  idempotent: boolean;
  /**
   * Takes the breaker ticket of an attempt that answered, to settle it later (the adapter may yet
   * find the body unusable); without it the ticket is settled as a success at once.
   */
  defer?: (ticket: BreakerTicket) => void;
  /** The caller's deadline (epoch ms): no attempt starts and no retry waits past it. */
  deadline?: number;
}

/** Retries, circuit breaking, quota and Retry-After for every call to one provider. */
export interface UpstreamGuard {
  readonly provider: string;
  readonly breaker: CircuitBreaker;
  readonly quota?: ProviderQuota;
  /**
   * Runs `attempt` (one HTTP exchange with the given timeout) until it answers or the policy gives
   * up, and rethrows the last failure. A provider whose circuit is open, whose quota is used up or
   * who asked us to wait past the deadline is skipped at once with an upstream-failure error.
   */
  call<T>(attempt: (timeoutMs: number) => Promise<T>, options: UpstreamCallOptions): Promise<T>;
}

export interface UpstreamGuardOptions {
  provider: string;
  retry: RetryPolicy;
  breaker: CircuitBreaker;
  /** Absent for a provider with no known allowance. */
  quota?: ProviderQuota;
  /**
   * Longest a provider's Retry-After holds every call back (default 10 min): a wild header must
   * not black the provider out for a day.
   */
  maxHoldMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A guard for one provider. Each attempt is admitted by the breaker and counted by the quota;
 * failed attempts feed the breaker; a 429 with Retry-After holds back every call to the provider
 * until then. All attempts and waits of one call end by the retry policy's deadline (two attempt
 * timeouts by default) or the caller's (`deadline`), whichever is first.
 */
export function createUpstreamGuard(options: UpstreamGuardOptions): UpstreamGuard {
  const { provider, retry, breaker, quota, now = Date.now, sleep = defaultSleep } = options;
  const maxHoldMs = options.maxHoldMs ?? 600_000;
  let holdUntil = 0;

  async function call<T>(
    attempt: (timeoutMs: number) => Promise<T>,
    { timeoutMs, idempotent, defer, deadline: callerDeadline = Infinity }: UpstreamCallOptions,
  ): Promise<T> {
    const deadline = Math.min(retry.deadline(now(), timeoutMs), callerDeadline);
    const minMs = retry.minAttemptMs(timeoutMs);
    let lastError: GatewayError | undefined;
    for (let retries = 0; ; retries += 1) {
      let ticket: BreakerTicket;
      try {
        ticket = await admit(deadline, minMs);
      } catch (skipped) {
        // A retry the breaker or quota refuses ends the call with what the provider said.
        throw lastError ?? skipped;
      }
      try {
        const value = await attempt(Math.min(timeoutMs, Math.max(minMs, deadline - now())));
        if (defer) defer(ticket);
        else ticket.success();
        return value;
      } catch (error) {
        if (!isGatewayError(error)) {
          ticket.cancel();
          throw error;
        }
        ticket.failure();
        lastError = error;
        if (
          error.code === ErrorCode.UPSTREAM_RATE_LIMITED &&
          error.retryAfterSeconds !== undefined
        ) {
          const until = now() + Math.min(error.retryAfterSeconds * 1000, maxHoldMs);
          holdUntil = Math.max(holdUntil, until);
        }
        const delay = idempotent ? retry.delayBefore(retries, error) : undefined;
        if (delay === undefined || now() + delay + minMs > deadline) throw error;
        await sleep(delay);
      }
    }
  }

  /** Waits out a Retry-After hold that ends in time, then asks the breaker and the quota. */
  async function admit(deadline: number, minMs: number): Promise<BreakerTicket> {
    const hold = holdUntil - now();
    if (hold > 0) {
      if (now() + hold + minMs > deadline) throw providerSkipped(provider, 'retry-after', hold);
      await sleep(hold);
    }
    const ticket = breaker.admit();
    if (!ticket) throw providerSkipped(provider, 'circuit-open');
    const verdict = quota ? await quota.take() : { ok: true as const };
    if (!verdict.ok) {
      ticket.cancel();
      throw providerSkipped(provider, 'quota', verdict.retryAfterMs);
    }
    return ticket;
  }

  return { provider, breaker, quota, call };
}

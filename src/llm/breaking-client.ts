import { ErrorCode, GatewayError, isUpstreamFailure } from '../errors.js';
import type { CircuitBreaker } from '../resilience/breaker.js';
import type { LlmClient } from './types.js';

/**
 * Puts an LLM client behind a circuit breaker, as providers are: while the endpoint keeps failing
 * the circuit is open and a completion fails at once with UPSTREAM_UNAVAILABLE (the answer falls
 * back to extractive) instead of every answer waiting on its own connection attempts and retries.
 * Only upstream failures count against the endpoint; a refused budget or a bad request do not.
 */
export function createBreakingLlmClient(inner: LlmClient, breaker: CircuitBreaker): LlmClient {
  return {
    async complete(request) {
      const ticket = breaker.admit();
      if (!ticket) {
        throw new GatewayError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          'the model endpoint is failing; not called while its circuit is open',
          { provider: 'llm' },
        );
      }
      try {
        const result = await inner.complete(request);
        ticket.success();
        return result;
      } catch (error) {
        if (isUpstreamFailure(error)) ticket.failure();
        else ticket.cancel();
        throw error;
      }
    },
  };
}

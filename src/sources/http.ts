import type { z } from 'zod';
import { ErrorCode, GatewayError } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface UpstreamRequest {
  fetch: typeof globalThis.fetch;
  provider: string;
  url: URL;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** When present, the call is a POST of this value as JSON; otherwise a GET. */
  json?: unknown;
  /** The resilient source call this request is made for (`LoadContext.scope`), if any. */
  scope?: SourceScope;
}

/**
 * One call to a provider with a hard timeout. Network failures become UPSTREAM_UNAVAILABLE, the
 * timeout UPSTREAM_TIMEOUT; the status is returned as is for the adapter to interpret, except
 * 429 (UPSTREAM_RATE_LIMITED, with Retry-After) and 5xx (UPSTREAM_UNAVAILABLE), which mean the
 * same for every provider. With the scope of a resilient source call (`withResilience`) of the same
 * provider, the call goes through the provider's guard: retries of GETs, circuit breaker, quota,
 * Retry-After, the caller's deadline.
 */
export async function requestUpstream(request: UpstreamRequest): Promise<UpstreamResponse> {
  const { scope } = request;
  if (scope?.guard.provider !== request.provider) {
    return attemptUpstream(request, request.timeoutMs);
  }
  return scope.guard.call((timeoutMs) => attemptUpstream(request, timeoutMs), {
    timeoutMs: request.timeoutMs,
    idempotent: request.json === undefined,
    defer: scope.defer,
    deadline: scope.deadline,
  });
}

/** One HTTP exchange: what `requestUpstream` does per attempt. */
async function attemptUpstream(
  request: UpstreamRequest,
  timeoutMs: number,
): Promise<UpstreamResponse> {
  const { provider, url, json } = request;
  let response: Response;
  let text: string;
  const signal = AbortSignal.timeout(timeoutMs);
  const post = json !== undefined;
  try {
    response = await request.fetch(url, {
      method: post ? 'POST' : 'GET',
      headers: {
        accept: post ? 'application/json' : 'application/json, text/csv;q=0.9, */*;q=0.5',
        ...(post ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      },
      body: post ? JSON.stringify(json) : undefined,
      signal,
    });
    text = await response.text();
  } catch (cause) {
    if (signal.aborted) {
      throw new GatewayError(
        ErrorCode.UPSTREAM_TIMEOUT,
        `${provider} did not answer within ${timeoutMs} ms`,
        { provider, cause },
      );
    }
    throw new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `${provider} could not be reached`, {
      provider,
      cause,
    });
  }
  if (response.status === 429) {
    throw new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, `${provider} is rate limiting us`, {
      provider,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
  if (response.status >= 500) {
    throw new GatewayError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `${provider} answered HTTP ${response.status}`,
      { provider },
    );
  }
  return { status: response.status, headers: response.headers, text };
}

/** A GET to a provider: `requestUpstream` without a body. */
export const getUpstream = (request: Omit<UpstreamRequest, 'json'>) => requestUpstream(request);

/** Seconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent or bad. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Parses a JSON body against a schema; anything else is UPSTREAM_BAD_RESPONSE, never a crash. */
export function parseJson<S extends z.ZodType>(
  provider: string,
  text: string,
  schema: S,
): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw badResponse(provider, 'a body that is not JSON', cause);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badResponse(provider, 'a body in an unexpected format', parsed.error);
  return parsed.data;
}

/**
 * UPSTREAM_BAD_RESPONSE. Returned by a resilient source's load, it also counts as a failure for the
 * provider's breaker (see `loadManyCached`): the provider answered, with something unusable.
 */
export function badResponse(provider: string, what: string, cause?: unknown): GatewayError {
  return new GatewayError(ErrorCode.UPSTREAM_BAD_RESPONSE, `${provider} sent ${what}`, {
    provider,
    cause,
  });
}

/** An error for a status the adapter did not expect (e.g. 401 from a bad key, 400, 403). */
export function unexpectedStatus(provider: string, status: number): GatewayError {
  return new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `${provider} answered HTTP ${status}`, {
    provider,
  });
}

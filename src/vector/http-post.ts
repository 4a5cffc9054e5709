import { ErrorCode, GatewayError } from '../errors.js';
import { parseRetryAfter, type UpstreamResponse } from '../sources/http.js';

/** One JSON POST to a provider. */
export interface PostJsonRequest {
  fetch: typeof globalThis.fetch;
  provider: string;
  url: URL;
  timeoutMs: number;
  /** Serialised with JSON.stringify. */
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * One JSON POST to a provider, with the same failure mapping as `getUpstream` (which is GET-only):
 * network failure UPSTREAM_UNAVAILABLE, timeout UPSTREAM_TIMEOUT, 429 UPSTREAM_RATE_LIMITED with
 * Retry-After, 5xx UPSTREAM_UNAVAILABLE; other statuses are returned for the caller to interpret.
 */
export async function postJson(request: PostJsonRequest): Promise<UpstreamResponse> {
  const { provider, url, timeoutMs } = request;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await request.fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...request.headers,
      },
      body: JSON.stringify(request.body),
      signal,
    });
    text = await response.text();
  } catch (cause) {
    if (signal.aborted) {
      throw new GatewayError(
        ErrorCode.UPSTREAM_TIMEOUT,
        `${provider} did not answer within ${timeoutMs} ms`,
        {
          provider,
          cause,
        },
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
      {
        provider,
      },
    );
  }
  return { status: response.status, headers: response.headers, text };
}

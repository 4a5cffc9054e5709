/** A response in a provider's real wire format. */
export interface EmulatedResponse {
  status: number;
  /** Exact bytes to send (JSON text, CSV with CRLF, plain text). */
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export interface EmulatedRequest {
  url: URL;
  /** The path below the provider's prefix, e.g. `/v1/forecast`. */
  path: string;
  params: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** HTTP method; absent means GET (providers written before POST support ignore it). */
  method?: string;
  /** The request body as text, read for methods other than GET and HEAD. */
  body?: string;
}

/** One emulated provider, mounted under `/<name>` on the emulator. */
export interface EmulatedProvider {
  /** Also the path prefix: `open-meteo` is served at `<emulator>/open-meteo/v1/forecast`. */
  name: string;
  /** Answers a request, or undefined for an unknown path (the emulator sends the provider's 404). */
  handle(request: EmulatedRequest): EmulatedResponse | undefined;
  /** The provider's own body for an unknown path. */
  notFound(): EmulatedResponse;
}

/** What an injected fault does to a provider's next calls. */
export type Fault =
  /** Answers with this status and body instead (e.g. 500, 429 with Retry-After, 200 with a throttle text). */
  | { kind: 'respond'; response: EmulatedResponse }
  /** Destroys the socket without answering (connection reset). */
  | { kind: 'reset' }
  /** Never answers; the caller's timeout must fire. */
  | { kind: 'hang' };

export interface FaultOptions {
  fault?: Fault;
  /** Added before every answer (or fault). */
  latencyMs?: number;
  /** The fault applies to this many calls, then clears; forever when absent. */
  times?: number;
}

export const json = (
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): EmulatedResponse => ({
  status,
  body: JSON.stringify(value),
  contentType: 'application/json; charset=utf-8',
  headers,
});

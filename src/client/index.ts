import type { TypedDocumentString } from './generated/graphql.js';

export * from './generated/graphql.js';

/** A GraphQL error as the gateway sends it: `extensions.code` is always set. */
export interface ClientError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** One response: `data` as typed by the document (null when the request failed as a whole). */
export interface ClientResult<TResult> {
  data: TResult | null;
  errors: ClientError[];
  /** HTTP status; 200 also for responses with field errors. */
  status: number;
}

export interface SluiceClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey?: string;
  /** Defaults to the global `fetch` (browsers, Node 18+). */
  fetch?: typeof fetch;
}

/** A typed GraphQL client over `fetch`: variables and results follow the generated documents. */
export interface SluiceClient {
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    init?: { signal?: AbortSignal },
  ): Promise<ClientResult<TResult>>;
}

/**
 * The typed client the console and `npm run example` use. Documents are the client preset's strings
 * (no graphql-js at run time); a body that is not GraphQL's JSON becomes one coded error, so callers
 * handle a proxy's HTML error page like any other failure.
 */
export function createSluiceClient({
  url,
  apiKey,
  fetch: fetchImpl = fetch,
}: SluiceClientOptions): SluiceClient {
  return {
    async request(document, variables, init) {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          // Apollo's CSRF prevention accepts JSON bodies; this header also marks the call as ours.
          'apollographql-client-name': 'sluice-client',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify({ query: document.toString(), variables }),
        signal: init?.signal,
      });
      const text = await response.text();
      let body: { data?: unknown; errors?: ClientError[] } | undefined;
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = undefined;
      }
      if (!body || typeof body !== 'object') {
        return {
          data: null,
          status: response.status,
          errors: [
            {
              message: `HTTP ${response.status}: the response is not GraphQL JSON`,
              extensions: { code: 'BAD_RESPONSE' },
            },
          ],
        };
      }
      return {
        data: (body.data ?? null) as never,
        errors: body.errors ?? [],
        status: response.status,
      };
    },
  };
}

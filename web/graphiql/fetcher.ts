import type { GraphiQLProps } from 'graphiql';

type Fetcher = GraphiQLProps['fetcher'];

/**
 * A fetcher that POSTs each operation as JSON to `url` on the page's own origin, with the headers
 * typed in GraphiQL's Headers editor (`{"Authorization": "Bearer <key>"}` when keys are set).
 *
 * Written here rather than taken from `@graphiql/toolkit`, which is only a transitive dependency
 * of graphiql: Sluice has no subscriptions or incremental delivery, so a plain POST is all of it.
 * A JSON body is returned whatever the status (a 401 or 429 carries GraphQL errors with codes);
 * anything else (a proxy's HTML page) becomes an error GraphiQL shows in the response pane.
 */
export function createSameOriginFetcher(url: string): Fetcher {
  return async function fetchSameOrigin(params, options) {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(options?.headers as Record<string, string> | undefined),
      },
      body: JSON.stringify(params),
    });
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) {
      const text = (await response.text()).slice(0, 500);
      throw new Error(`${response.status} ${response.statusText}: ${text}`);
    }
    return response.json();
  };
}

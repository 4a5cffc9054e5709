import {
  createSluiceClient,
  type ClientError,
  type ClientResult,
  type TypedDocumentString,
} from '../../../src/client/index.js';

const KEY_ITEM = 'sluice.apiKey';

/** The API key, in this tab's session storage only: never localStorage, never a cookie. */
export const apiKeyStore = {
  get(): string | undefined {
    return sessionStorage.getItem(KEY_ITEM) ?? undefined;
  },
  set(key: string): void {
    sessionStorage.setItem(KEY_ITEM, key);
  },
  clear(): void {
    sessionStorage.removeItem(KEY_ITEM);
  },
};

/** What the page does with one response: data, or errors to show, or a key to ask for. */
export type Outcome<T> =
  | { kind: 'data'; data: T; errors: ClientError[] }
  | { kind: 'unauthenticated'; errors: ClientError[] }
  | { kind: 'failed'; errors: ClientError[] };

/** True for a 401 or an error coded UNAUTHENTICATED (the gateway sends both together). */
function needsKey(result: ClientResult<unknown>): boolean {
  return (
    result.status === 401 || result.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
  );
}

/**
 * Runs a typed document against this origin's `/graphql` with the stored key, and sorts the
 * result for the page. A network failure becomes one coded error like any other, so every
 * failure is shown the same way.
 */
export async function run<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<Outcome<TResult>> {
  const client = createSluiceClient({ url: '/graphql', apiKey: apiKeyStore.get() });
  let result: ClientResult<TResult>;
  try {
    result = await client.request(document, variables, { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      kind: 'failed',
      errors: [{ message: 'The gateway could not be reached', extensions: { code: 'NETWORK' } }],
    };
  }
  if (needsKey(result)) return { kind: 'unauthenticated', errors: result.errors };
  if (result.data === null) return { kind: 'failed', errors: result.errors };
  return { kind: 'data', data: result.data, errors: result.errors };
}

/** A request target's path, without its query string. */
export function pathOf(url: string | undefined): string {
  const start = url?.indexOf('?') ?? -1;
  return start === -1 ? (url ?? '') : (url as string).slice(0, start);
}

/** A request target's query string with its `?` (`''` when there is none), as Apollo takes it. */
export function searchOf(url: string | undefined): string {
  const start = url?.indexOf('?') ?? -1;
  return start === -1 ? '' : (url as string).slice(start);
}

/** A request target's query parameters (the last of a repeated name). */
export function queryParams(url: string | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(searchOf(url)));
}

/** `/graphql`, with or without a query string; not `/graphqlx`, `/graphql/` or `/GraphQL`. */
export function isGraphQLPath(url: string | undefined): boolean {
  return url === '/graphql' || (url?.startsWith('/graphql?') ?? false);
}

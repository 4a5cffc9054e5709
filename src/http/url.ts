/** A request target's query string with its `?` (`''` when there is none), as Apollo takes it. */
export function searchOf(url: string | undefined): string {
  const start = url?.indexOf('?') ?? -1;
  return start === -1 ? '' : (url as string).slice(start);
}

/** A request target's query parameters (the last of a repeated name). */
export function queryParams(url: string | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(searchOf(url)));
}

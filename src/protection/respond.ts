import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../errors.js';

/**
 * Answers a refused request before GraphQL runs: the HTTP status, and a GraphQL-shaped body with
 * the code in `extensions.code`, so clients handle it like any other GraphQL error.
 */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  code: ErrorCode | 'BAD_REQUEST',
  message: string,
  options: { headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): void {
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...options.extensions } }] }));
}

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { redactPii } from '../gates/pii.js';
import type { RequestState } from '../http/request-state.js';
import { pathOf, queryParams } from '../http/url.js';
import type { Logger } from '../logger.js';
import { GRAPHQL_NAME } from './labels.js';
import { UNTRACED_PATHS } from './paths.js';

export interface RequestLoggerOptions {
  /** Paths logged at `debug` rather than `info`: probes and scrapes (default: UNTRACED_PATHS). */
  quietPaths?: readonly string[];
}

/**
 * Begins a request's log line as it arrives; the function it returns writes the line once the
 * response has closed.
 */
export type RequestLogger = (
  req: IncomingMessage,
  state: RequestState,
) => (res: ServerResponse) => void;

type Hash = (text: string) => string;

/**
 * A short SHA-256 of a text, remembered: clients send the same few documents from the same few
 * addresses, and a digest was a few percent of a cached response's CPU. Bounded by count and by
 * characters (a document may be as large as the body limit).
 */
function rememberedShortHash(): Hash {
  const hashes = new LRUCache<string, string>({
    max: 2000,
    maxSize: 4 * 2 ** 20,
    sizeCalculation: (_, key) => Math.max(1, key.length),
  });
  return function shortHash(text) {
    let hash = hashes.get(text);
    if (hash === undefined) {
      hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
      hashes.set(text, hash);
    }
    return hash;
  };
}

/** The operation name the client sent, if it is a GraphQL name (anything else is `invalid`). */
function operationOf(url: string, body: unknown): string | undefined {
  const sent =
    (typeof body === 'object' && body !== null
      ? (body as { operationName?: unknown }).operationName
      : undefined) ?? (url.includes('?') ? queryParams(url).operationName : undefined);
  if (sent === undefined || sent === null || sent === '') return undefined;
  return typeof sent === 'string' && GRAPHQL_NAME.test(sent) ? sent : 'invalid';
}

/** The query document's length and hash: it may hold a question or other user text verbatim. */
function queryOf(body: unknown, shortHash: Hash): { length: number; sha256: string } | undefined {
  const query =
    typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : undefined;
  return typeof query === 'string' ? { length: query.length, sha256: shortHash(query) } : undefined;
}

/** Who asked: an API key's id as is; an address (PII) only as a hash, enough to group by. */
function callerOf(state: RequestState, shortHash: Hash): string | undefined {
  const id = state.principal?.id;
  if (!id?.startsWith('ip:')) return id;
  return `ip#${shortHash(id.slice(3))}`;
}

/**
 * One JSON line per request when it ends: method, path (no query string), status, duration,
 * operation name, trace id (the OpenTelemetry one when tracing, else a fresh id) and caller.
 * Headers and bodies are never logged: no Authorization value, cookie or question reaches a line.
 */
export function createRequestLogger(
  logger: Logger,
  options: RequestLoggerOptions = {},
): RequestLogger {
  const quiet = new Set(options.quietPaths ?? UNTRACED_PATHS);
  const shortHash = rememberedShortHash();
  return function logRequest(req, state) {
    const started = performance.now();
    // Read now: express rewrites `req.url` under a mounted router.
    const url = req.url ?? '';
    return function writeLine(res) {
      const path = pathOf(url).slice(0, 200);
      const line = {
        method: req.method,
        // Unknown paths are whatever a client typed.
        path: path === '/graphql' ? path : redactPii(path).text,
        // 499: the client went away before the response was sent.
        status: res.writableFinished ? res.statusCode : 499,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        operation: operationOf(url, state.body),
        query: queryOf(state.body, shortHash),
        traceId: state.traceId,
        caller: callerOf(state, shortHash),
      };
      if (quiet.has(path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    };
  };
}

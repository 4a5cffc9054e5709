import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { redactPii } from '../gates/pii.js';
import type { Logger } from '../logger.js';
import { principalOf } from '../protection/auth.js';
import { GRAPHQL_NAME } from './labels.js';
import { UNTRACED_PATHS } from './paths.js';
import { requestTraceId } from './trace-id.js';

export interface RequestLoggerOptions {
  /** Paths logged at `debug` rather than `info`: probes and scrapes (default: UNTRACED_PATHS). */
  quietPaths?: readonly string[];
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The operation name the client sent, if it is a GraphQL name (anything else is `invalid`). */
function operationOf(req: Request): string | undefined {
  const body: unknown = req.body;
  const sent =
    (typeof body === 'object' && body !== null
      ? (body as { operationName?: unknown }).operationName
      : undefined) ?? req.query?.operationName;
  if (sent === undefined || sent === null || sent === '') return undefined;
  return typeof sent === 'string' && GRAPHQL_NAME.test(sent) ? sent : 'invalid';
}

/** The query document's length and hash: it may hold a question or other user text verbatim. */
function queryOf(req: Request): { length: number; sha256: string } | undefined {
  const body: unknown = req.body;
  const query =
    typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : undefined;
  return typeof query === 'string' ? { length: query.length, sha256: shortHash(query) } : undefined;
}

/** Who asked: an API key's id as is; an address (PII) only as a hash, enough to group by. */
function callerOf(res: Response): string | undefined {
  const id = principalOf(res)?.id;
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
): RequestHandler {
  const quiet = new Set(options.quietPaths ?? UNTRACED_PATHS);
  return function requestLogger(req, res, next) {
    const started = performance.now();
    const traceId = requestTraceId(res);
    res.once('close', () => {
      const path = (req.originalUrl.split('?')[0] ?? '').slice(0, 200);
      const line = {
        method: req.method,
        // Unknown paths are whatever a client typed.
        path: path === '/graphql' ? path : redactPii(path).text,
        // 499: the client went away before the response was sent.
        status: res.writableFinished ? res.statusCode : 499,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        operation: operationOf(req),
        query: queryOf(req),
        traceId,
        caller: callerOf(res),
      };
      if (quiet.has(path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}

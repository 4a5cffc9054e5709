import { hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestState } from '../http/request-state.js';
import { RESPONSE_KEY_PREFIX } from './response-cache.js';
import type { Cache } from './types.js';

/** Where the front keeps its copies: under the response prefix, so `invalidateCache` drops them too. */
const FRONT_PREFIX = `${RESPONSE_KEY_PREFIX}front:`;

/** A response as it went out: its bytes and the headers that say what and how old it is. */
interface FrontEntry {
  body: string;
  contentType: string;
  maxAge: number;
  /** Its `Age` when it was kept (a copy of a stored response is already that old). */
  age: number;
  keptAt: number;
}

export interface ResponseFrontOptions {
  /** This replica's local tier (never Redis: a copy is only worth keeping if reading it is free). */
  local: Cache;
  /** Told of every POST the front could have served: a hit, or a miss that goes on to Apollo. */
  onLookup?(hit: boolean, operationName: string | undefined, seconds: number): void;
}

/** A response Apollo sent, as the front may copy it. */
export interface SentResponse {
  status: number;
  headers: ReadonlyMap<string, string>;
  body: string;
}

/** Served from a copy, or not: then `keep` (when the request could be copied) takes Apollo's answer. */
export type FrontLookup = { served: true } | { served: false; keep?(response: SentResponse): void };

/** Serves byte-identical repeats of cacheable queries before Apollo runs. */
export type ResponseFront = (
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
) => Promise<FrontLookup>;

const SERVED: FrontLookup = { served: true };
const NOT_COPIED: FrontLookup = { served: false };

/**
 * The whole-response cache's front, in this replica: an exact copy of each cacheable response,
 * keyed by the request as it arrived (role, `Accept`, query text, operation name, variables,
 * extensions), served before Apollo parses, validates or plans anything. Apollo's response-cache
 * plugin stays the shared cache behind it (normalised documents, every replica); the front only
 * repeats byte-identical requests, for the freshness left of what it copied. Auth, rate limits and
 * CORS run before it; invalidation reaches it through the local tier (its keys are under
 * `response:`).
 */
export function createResponseFront({ local, onLookup }: ResponseFrontOptions): ResponseFront {
  return async function responseFront(req, res, state) {
    const body = state.body as {
      query?: unknown;
      operationName?: unknown;
      variables?: unknown;
      extensions?: unknown;
    };
    const role = state.principal?.role;
    if (req.method !== 'POST' || !role || typeof body !== 'object' || body === null) {
      return NOT_COPIED;
    }
    if (typeof body.query !== 'string') return NOT_COPIED;
    const started = performance.now();
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    let key: string;
    try {
      key =
        FRONT_PREFIX +
        frontKey(
          role,
          req.headers.accept,
          body.query,
          operationName,
          body.variables,
          body.extensions,
        );
    } catch {
      return NOT_COPIED; // variables that do not serialise: Apollo refuses them with a code
    }
    let entry: FrontEntry | undefined;
    try {
      entry = await local.get<FrontEntry>(key);
    } catch {
      return NOT_COPIED;
    }
    const now = Date.now();
    const elapsed = entry ? Math.floor((now - entry.keptAt) / 1000) : 0;
    if (entry && entry.age + elapsed < entry.maxAge) {
      res.statusCode = 200;
      res.setHeader('content-type', entry.contentType);
      res.setHeader('cache-control', `max-age=${entry.maxAge}, private`);
      res.setHeader('age', String(entry.age + elapsed));
      res.end(entry.body);
      onLookup?.(true, operationName, (performance.now() - started) / 1000);
      return SERVED;
    }
    onLookup?.(false, operationName, (performance.now() - started) / 1000);
    return { served: false, keep: (response) => keep(local, key, response) };
  };
}

/**
 * The front's key: a digest of everything a byte-identical request repeats (its extensions too),
 * NUL-separated, hashed in one call (`crypto.hash`: half the time of a `Hash` object's updates).
 */
function frontKey(
  role: string,
  accept: string | undefined,
  query: string,
  operationName: string | undefined,
  variables: unknown,
  extensions: unknown,
): string {
  return hash(
    'sha256',
    `${role}\u0000${accept ?? ''}\u0000${operationName ?? ''}\u0000${JSON.stringify(variables ?? null)}` +
      // An APQ hash sent beside the query is checked by Apollo: a copy is only for the same one.
      `\u0000${JSON.stringify(extensions ?? null)}\u0000${query}`,
    'base64url',
  );
}

/**
 * Copies a response that went out as a cacheable 200 (`Cache-Control: max-age=N, private`, which
 * the response-cache policy sets only for error-free queries of cacheable fields), for the N
 * seconds minus its `Age`.
 */
function keep(local: Cache, key: string, { status, headers, body }: SentResponse): void {
  const maxAge = Number(/^max-age=(\d+), private$/.exec(headers.get('cache-control') ?? '')?.[1]);
  const age = Number(headers.get('age') ?? 0);
  const contentType = headers.get('content-type');
  const left = maxAge - age;
  if (status !== 200 || !(left > 0) || contentType === undefined) return;
  const entry: FrontEntry = { body, contentType, maxAge, age, keptAt: Date.now() };
  void local.set(key, entry, { ttlSeconds: left }).catch(() => {});
}

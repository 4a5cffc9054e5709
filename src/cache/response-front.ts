import { hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestState } from '../http/request-state.js';
import { RESPONSE_KEY_PREFIX } from './response-cache.js';
import type { Cache } from './types.js';

/** Where the front keeps its copies: under the response prefix, so `invalidateCache` drops them too. */
const FRONT_PREFIX = `${RESPONSE_KEY_PREFIX}front:`;

/** A response as it went out, and what the request it answers cost. */
interface FrontEntry {
  body: string;
  contentType: string;
  maxAge: number;
  /** Its `Age` when it was kept (a copy of a stored response is already that old). */
  age: number;
  keptAt: number;
  /** The request's rate-limit points: a repeat is charged what the original was. */
  cost: number;
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

/**
 * What the front holds for a request: a copy to `send` (once the request has been charged
 * `state.cost`, which the lookup sets), or, when the request could be copied, a `keep` for
 * Apollo's answer.
 */
export interface FrontLookup {
  hit?: { send(res: ServerResponse): void };
  keep?(response: SentResponse): void;
}

/** Looks a request up in the front (see `createResponseFront`). */
export type ResponseFront = (req: IncomingMessage, state: RequestState) => Promise<FrontLookup>;

const NOT_COPIED: FrontLookup = {};

/**
 * The whole-response cache's front, in this replica: an exact copy of each cacheable response,
 * keyed by the request as it arrived (role, `Accept`, and the body's bytes when it came as plain
 * JSON, else its query text, operation name, variables and extensions), served before Apollo
 * parses, validates or plans anything. Apollo's response-cache plugin stays the shared cache behind
 * it (normalised documents, every replica); the front only repeats byte-identical requests, for the
 * freshness left of what it copied. CORS and auth run before it, and the rate limit charges a
 * repeat what the original cost before its copy is sent; invalidation reaches it through the local
 * tier (its keys are under `response:`).
 */
export function createResponseFront({ local, onLookup }: ResponseFrontOptions): ResponseFront {
  return async function responseFront(req, state) {
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
    const { query } = body;
    if (typeof query !== 'string') return NOT_COPIED;
    const started = performance.now();
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const accept = req.headers.accept ?? '';
    // Every byte a repeat repeats: an APQ hash beside the query too (Apollo checks it; a copy is
    // only for the same one). Bytes read as latin1 are one character each: the text is the bytes.
    let key: string;
    try {
      key =
        FRONT_PREFIX +
        (state.bytes
          ? digest(`${role}\u0000${accept}\u0000${state.bytes.toString('latin1')}`)
          : digest(
              `${role}\u0000${accept}\u0000${operationName ?? ''}\u0000${JSON.stringify(body.variables ?? null)}` +
                `\u0000${JSON.stringify(body.extensions ?? null)}\u0000${query}`,
            ));
    } catch {
      return NOT_COPIED; // variables that do not serialise: Apollo refuses them with a code
    }
    let copy: FrontEntry | undefined;
    try {
      // The in-process tier read synchronously where it can be (`peek`): no promise on a hit.
      copy = local.peek?.<FrontEntry>(key) ?? (await local.get<FrontEntry>(key));
    } catch {
      return NOT_COPIED;
    }
    const seconds = () => (performance.now() - started) / 1000;
    const age = copy ? copy.age + Math.floor((Date.now() - copy.keptAt) / 1000) : Infinity;
    if (copy && age < copy.maxAge) {
      state.cost = copy.cost;
      return {
        hit: {
          send(res) {
            res.statusCode = 200;
            res.setHeader('content-type', copy.contentType);
            res.setHeader('cache-control', `max-age=${copy.maxAge}, private`);
            res.setHeader('age', String(age));
            res.end(copy.body);
            onLookup?.(true, operationName, seconds());
          },
        },
      };
    }
    onLookup?.(false, operationName, seconds());
    return {
      keep: (response) => keep(local, key, response, state.cost ?? 1),
    };
  };
}

/** A key's digest: SHA-256 in one `crypto.hash` call (half the time of a `Hash` object's updates). */
function digest(text: string): string {
  return hash('sha256', text, 'base64url');
}

/**
 * Copies a response that went out as a cacheable 200 (`Cache-Control: max-age=N, private`, which
 * the response-cache policy sets only for error-free queries of cacheable fields), for the N
 * seconds minus its `Age`.
 */
function keep(
  local: Cache,
  key: string,
  { status, headers, body }: SentResponse,
  cost: number,
): void {
  const maxAge = Number(/^max-age=(\d+), private$/.exec(headers.get('cache-control') ?? '')?.[1]);
  const age = Number(headers.get('age') ?? 0);
  const contentType = headers.get('content-type');
  const left = maxAge - age;
  if (status !== 200 || !(left > 0) || contentType === undefined) return;
  const entry: FrontEntry = { body, contentType, maxAge, age, keptAt: Date.now(), cost };
  void local.set(key, entry, { ttlSeconds: left }).catch(() => {});
}

import type { Cache } from '../cache/types.js';
import { ErrorCode, isGatewayError } from '../errors.js';
import { runDetached, type SourceScope } from '../resilience/scope.js';
import { createSingleFlight, type SingleFlight } from '../resilience/single-flight.js';
import type { LockAttempt, RefreshLock } from '../resilience/refresh-lock.js';

/** Provenance every cached model carries, so `fetchedAt` and `stale` survive the cache. */
export interface Fetched {
  /** ISO time the upstream answered (not the time it was read from cache). */
  fetchedAt: string;
  /** Freshness budget of the value; past it the value is stale. */
  ttlSeconds: number;
}

const fetchedTimes = new WeakMap<Fetched, number>();

/**
 * When a value was fetched, in ms since the epoch: its `fetchedAt` parsed once per value object. A
 * cached value is one shared, frozen object that a request asks about several times (the cache
 * tier's staleness count, the load, refresh ahead, the response's freshness, the `stale` field),
 * and every request after it asks again; each ask parsed the ISO text anew.
 */
export function fetchedAtMs(value: Fetched): number {
  let at = fetchedTimes.get(value);
  if (at === undefined) {
    at = Date.parse(value.fetchedAt);
    fetchedTimes.set(value, at);
  }
  return at;
}

/** Whether a value is past its TTL at `now`. Computed, never stored. */
export function isStale(value: Fetched, now = Date.now()): boolean {
  return now - fetchedAtMs(value) > value.ttlSeconds * 1000;
}

/** Seconds a value stays fresh from `now`: 0 once it is stale. */
export function freshForSeconds(value: Fetched, now = Date.now()): number {
  return Math.max(0, value.ttlSeconds - (now - fetchedAtMs(value)) / 1000);
}

/**
 * The end of a value's TTL, as a fraction of it, in which a read serves the value and refreshes it
 * in the background: a key read in that window never expires under its readers.
 */
export const REFRESH_AHEAD_FRACTION = 0.2;

/** Whether a fresh value is in the last `REFRESH_AHEAD_FRACTION` of its TTL at `now`. */
export function isDueForRefresh(value: Fetched, now = Date.now()): boolean {
  return now - fetchedAtMs(value) > value.ttlSeconds * 1000 * (1 - REFRESH_AHEAD_FRACTION);
}

const failedRefreshes = new WeakMap<object, Error>();

/**
 * The failure behind a value `loadManyCached` served stale because its refresh failed; undefined
 * for any other value. A chain reads it to try its next provider before settling for stale.
 */
export function refreshFailure(value: unknown): Error | undefined {
  return typeof value === 'object' && value !== null ? failedRefreshes.get(value) : undefined;
}

function servedStale<V extends Fetched>(value: V, failure: Error): V {
  // A copy: the cached object itself may be served to other callers, unmarked.
  const copy = { ...value };
  failedRefreshes.set(copy, failure);
  return copy;
}

export interface CachedLoadOptions<K, V extends Fetched> {
  cache: Cache;
  /** Cache key of one key: must include every parameter that changes the answer. */
  keyOf(key: K): string;
  /** How long a value is fresh. */
  ttlSeconds: number;
  /** How long past its TTL a value is kept to be served, marked stale, when the upstream fails. */
  graceSeconds: number;
  /**
   * Fetches the distinct keys that missed; the DataLoader contract (same length and order). Its
   * upstream requests go with `scope` (see `requestUpstream`).
   */
  load(keys: readonly K[], scope: SourceScope | undefined): Promise<Array<V | Error>>;
  /** The resilient source call this load is for (`LoadContext.scope`), if any. */
  scope?: SourceScope;
}

// Per cache (each provider has its own prefixed cache, each gateway its own stack), so two
// gateways in one process never share a load.
const flightsByCache = new WeakMap<Cache, SingleFlight<unknown>>();

function flightsOf<V>(cache: Cache): SingleFlight<V | Error> {
  let flights = flightsByCache.get(cache);
  if (!flights) {
    flights = createSingleFlight<unknown>();
    flightsByCache.set(cache, flights);
  }
  return flights as SingleFlight<V | Error>;
}

/**
 * A batch load through the cache: reads every key, sends one `load` for the distinct misses, writes
 * what came back, and serves a kept stale value in the slot of a key whose reload failed (marked,
 * see `refreshFailure`). A miss another caller in this process is already loading joins that load
 * (single flight); in a resilient source call with Redis, a miss takes the key's refresh lock first
 * (see `loadMisses`). A fresh value near the end of its TTL is served and refreshed in the
 * background by this caller alone (see `refreshAhead`), so readers of a hot key never wait on it.
 */
export async function loadManyCached<K, V extends Fetched>(
  keys: readonly K[],
  options: CachedLoadOptions<K, V>,
): Promise<Array<V | Error>> {
  const { cache, keyOf } = options;
  const cacheKeys = keys.map(keyOf);
  // Distinct keys in first-seen order, by a plain loop: building a Map from pairs and spreading its
  // entries was a third of this function's own time on the warm path.
  const distinct: Array<[string, K]> = [];
  const seen = new Set<string>();
  cacheKeys.forEach((ck, i) => {
    if (seen.has(ck)) return;
    seen.add(ck);
    distinct.push([ck, keys[i] as K]);
  });
  const read = readMany<V>(
    cache,
    distinct.map(([ck]) => ck),
  );
  const cached = Array.isArray(read) ? read : await read;
  const now = Date.now();
  // The warm path: each key read once and fresh, none yet due for refresh (so none stale), so
  // there is nothing to load, join or refresh, and the values are the answer as they were read.
  if (
    distinct.length === keys.length &&
    cached.every((hit) => hit !== undefined && !isDueForRefresh(hit, now))
  ) {
    return cached as V[];
  }

  const found = new Map<string, V | Error>();
  const stale = new Map<string, V>();
  const joined: Array<[string, Promise<V | Error>]> = [];
  const misses: Array<[string, K]> = [];
  const due = new Map<string, [K, V]>();
  const flights = flightsOf<V>(cache);
  distinct.forEach((entry, i) => {
    const hit = cached[i];
    if (hit !== undefined && !isStale(hit, now)) {
      found.set(entry[0], hit);
      if (isDueForRefresh(hit, now) && !flights.join(entry[0])) due.set(entry[0], [entry[1], hit]);
      return;
    }
    if (hit !== undefined) stale.set(entry[0], hit);
    const inFlight = flights.join(entry[0]);
    if (inFlight) joined.push([entry[0], inFlight]);
    else misses.push(entry);
  });
  // Claimed synchronously after the joins above: no second leader can slip in between.
  const settle = new Map(misses.map(([ck]) => [ck, flights.lead(ck)]));
  if (due.size > 0) refreshAhead(due, options, flights);

  let loaded: Map<string, V | Error>;
  try {
    loaded = misses.length > 0 ? await loadMisses(misses, stale, options) : new Map();
  } catch (error) {
    // A programming error: joiners get it as their value instead of waiting forever.
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const done of settle.values()) done(failure);
    throw error;
  }
  for (const [ck, done] of settle) done(loaded.get(ck) as V | Error);
  for (const [ck, inFlight] of joined) loaded.set(ck, await inFlight);

  for (const [ck, value] of loaded) {
    const kept = stale.get(ck);
    found.set(ck, value instanceof Error && kept !== undefined ? servedStale(kept, value) : value);
  }
  return cacheKeys.map((ck) => found.get(ck) as V | Error);
}

/**
 * Every key's value (undefined on a miss): from this process's memory where the cache can read it
 * synchronously (`peek`), and with one `get` per remaining key otherwise. Synchronous when every
 * key was found in memory: on the warm path a batch then costs no promise per key.
 */
function readMany<V>(
  cache: Cache,
  keys: readonly string[],
): Array<V | undefined> | Promise<Array<V | undefined>> {
  const values = keys.map((key) => cache.peek?.<V>(key));
  const missing: number[] = [];
  values.forEach((value, i) => {
    if (value === undefined) missing.push(i);
  });
  if (missing.length === 0) return values;
  return Promise.all(missing.map((i) => cache.get<V>(keys[i] as string))).then((found) => {
    missing.forEach((slot, j) => (values[slot] = found[j]));
    return values;
  });
}

/**
 * Reloads values that are still fresh but due, in the background: each key is claimed in the
 * single-flight map first (a reader that finds it expired meanwhile joins the refresh), and the
 * load runs in a source scope of its own with no deadline, since it outlives the request that
 * started it. Across replicas the refresh lock applies as for a miss: a replica that finds it held
 * keeps its copy. A failed refresh leaves the copy in place; the breaker has seen the failure.
 */
function refreshAhead<K, V extends Fetched>(
  due: ReadonlyMap<string, [K, V]>,
  options: CachedLoadOptions<K, V>,
  flights: SingleFlight<V | Error>,
): void {
  const settle = new Map([...due.keys()].map((ck) => [ck, flights.lead(ck)]));
  const kept = new Map([...due].map(([ck, [, value]]) => [ck, value]));
  const keys = [...due].map(([ck, [key]]): [string, K] => [ck, key]);
  void runDetached(options.scope, (scope) => loadMisses(keys, kept, { ...options, scope })).then(
    (loaded) => {
      for (const [ck, done] of settle) done(loaded.get(ck) ?? (kept.get(ck) as V));
    },
    (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const done of settle.values()) done(failure);
    },
  );
}

/**
 * Loads the misses and caches what came back. With a refresh lock (Redis), each key is loaded by
 * the replica that takes its lock; a replica that finds it held serves its stale copy at once
 * (polling would only see it again: the local tier keeps a copy) or, with none, polls the cache
 * briefly and loads the key itself if nothing arrives. A Redis failure means "no lock": load.
 */
async function loadMisses<K, V extends Fetched>(
  misses: ReadonlyArray<[string, K]>,
  stale: ReadonlyMap<string, V>,
  options: CachedLoadOptions<K, V>,
): Promise<Map<string, V | Error>> {
  const lock = options.scope?.refreshLock;
  if (!lock) return loadAndStore(misses, options);
  const attempts = await Promise.all(misses.map(([ck]) => lock.acquire(ck)));
  const releases = attempts.flatMap((a) => (a.status === 'acquired' ? [a.release] : []));
  const results = new Map<string, V | Error>();
  const mine: Array<[string, K]> = [];
  const awaited: Array<[string, K]> = [];
  try {
    // Taking the lock may follow another replica's refresh that ended between our read and the
    // lock: read the shared tier again (our local copy may be the stale one we just read), so a
    // key refreshed meanwhile (a fresh value other than the one we kept) is not loaded twice.
    const again = await Promise.all(
      misses.map(([ck], i) =>
        (attempts[i] as LockAttempt).status === 'acquired'
          ? options.cache.get<V>(ck, { shared: true })
          : undefined,
      ),
    );
    misses.forEach((miss, i) => {
      const status = (attempts[i] as LockAttempt).status;
      const kept = stale.get(miss[0]);
      const fresh = again[i];
      if (fresh !== undefined && !isStale(fresh) && fresh.fetchedAt !== kept?.fetchedAt)
        results.set(miss[0], fresh);
      else if (status !== 'held') mine.push(miss);
      else if (kept !== undefined) results.set(miss[0], kept);
      else awaited.push(miss);
    });
    const [own, waited] = await Promise.all([
      loadAndStore(mine, options),
      awaitOthers(awaited, options, lock),
    ]);
    for (const [ck, value] of [...own, ...waited]) results.set(ck, value);
  } finally {
    await Promise.all(releases.map((release) => release()));
  }
  return results;
}

/** Polls the cache for keys another replica is loading; loads those that do not arrive in time. */
async function awaitOthers<K, V extends Fetched>(
  keys: ReadonlyArray<[string, K]>,
  options: CachedLoadOptions<K, V>,
  lock: RefreshLock,
): Promise<Map<string, V | Error>> {
  const results = new Map<string, V | Error>();
  let pending = [...keys];
  const until = Date.now() + lock.waitMs;
  while (pending.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, lock.pollMs));
    const values = await Promise.all(pending.map(([ck]) => options.cache.get<V>(ck)));
    pending = pending.filter(([ck], i) => {
      const value = values[i];
      if (value === undefined || isStale(value)) return true;
      results.set(ck, value);
      return false;
    });
  }
  for (const [ck, value] of await loadAndStore(pending, options)) results.set(ck, value);
  return results;
}

/**
 * One `load` for the keys; fresh values are written with TTL + grace. Each bad body the load came
 * back with (an UPSTREAM_BAD_RESPONSE of the scope's provider, counted once however many keys it
 * fills) is reported to the scope: the provider answered, with something unusable.
 */
async function loadAndStore<K, V extends Fetched>(
  keys: ReadonlyArray<[string, K]>,
  { cache, ttlSeconds, graceSeconds, load, scope }: CachedLoadOptions<K, V>,
): Promise<Map<string, V | Error>> {
  const results = new Map<string, V | Error>();
  if (keys.length === 0) return results;
  let loaded: Array<V | Error>;
  try {
    loaded = await load(
      keys.map(([, key]) => key),
      scope,
    );
  } catch (error) {
    if (scope) noteBadResponses(scope, [error]);
    throw error;
  }
  if (scope) noteBadResponses(scope, loaded);
  if (loaded.length !== keys.length) {
    throw new TypeError(
      `load must return an array of the same length as its keys: got ${loaded.length} for ${keys.length}`,
    );
  }
  await Promise.all(
    keys.map(async ([ck], i) => {
      const value = loaded[i] as V | Error;
      results.set(ck, value);
      if (!(value instanceof Error)) {
        await cache.set(ck, value, { ttlSeconds: ttlSeconds + graceSeconds });
      }
    }),
  );
  return results;
}

/** Reports each distinct bad-body error of the scope's provider among `values` to the scope. */
function noteBadResponses(scope: SourceScope, values: readonly unknown[]): void {
  const seen = new Set<unknown>();
  for (const value of values) {
    if (
      isGatewayError(value) &&
      value.code === ErrorCode.UPSTREAM_BAD_RESPONSE &&
      value.provider === scope.guard.provider &&
      !seen.has(value)
    ) {
      seen.add(value);
      scope.noteBadResponse();
    }
  }
}

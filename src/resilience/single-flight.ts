/**
 * In-flight loads by key, so concurrent identical requests in one process make one upstream call:
 * the first caller leads (loads and settles), the others join its result.
 */
export interface SingleFlight<V> {
  /** The pending result of `key` when another caller is loading it; undefined otherwise. */
  join(key: string): Promise<V> | undefined;
  /**
   * Claims `key` (call it synchronously after a `join` miss, so no second leader slips in) and
   * returns the function that settles every joiner and frees the key.
   */
  lead(key: string): (result: V) => void;
  /** Keys in flight. */
  readonly size: number;
}

/** A single-flight map. Results are values (an Error is a value), so joiners never reject. */
export function createSingleFlight<V>(): SingleFlight<V> {
  const flights = new Map<string, Promise<V>>();
  return {
    join: (key) => flights.get(key),
    lead(key) {
      if (flights.has(key)) throw new Error(`single-flight: ${key} already has a leader`);
      let resolve!: (result: V) => void;
      flights.set(key, new Promise<V>((r) => (resolve = r)));
      let settled = false;
      return function settle(result) {
        if (settled) return;
        settled = true;
        flights.delete(key);
        resolve(result);
      };
    },
    get size() {
      return flights.size;
    },
  };
}

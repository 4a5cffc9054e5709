/** Closed lets calls through, open skips them, half-open lets one probe through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** How a breaker decides (BREAKER_* variables). */
export interface BreakerOptions {
  /** Share of failed calls in the window that opens the circuit (0 < ratio <= 1). */
  failureRatio: number;
  /** Calls in the window before the ratio counts. */
  minRequests: number;
  /** Length of the sliding window. */
  windowMs: number;
  /** How long an open circuit waits before letting a probe through. */
  halfOpenAfterMs: number;
  now?: () => number;
}

/** One admitted call: report its outcome once (later reports are ignored). */
export interface BreakerTicket {
  success(): void;
  failure(): void;
  /** The call never reached the provider (e.g. the quota refused it): no outcome. */
  cancel(): void;
}

/** A transition, as told to `onStateChange` listeners. */
export interface BreakerTransition {
  from: BreakerState;
  to: BreakerState;
  /** Epoch ms. */
  at: number;
}

/** A per-provider circuit breaker over a sliding window of outcomes. */
export interface CircuitBreaker {
  /** The state now (an open circuit past its wait reads as half-open). */
  readonly state: BreakerState;
  /** A ticket when a call may go ahead; undefined when the circuit is open or its probe is out. */
  admit(): BreakerTicket | undefined;
  /** Outcomes in the current window (reset when the circuit closes). */
  counts(): { failures: number; successes: number };
  /** Subscribes to transitions; returns the unsubscribe function. */
  onStateChange(listener: (transition: BreakerTransition) => void): () => void;
}

const BUCKETS = 10;

interface Bucket {
  start: number;
  failures: number;
  successes: number;
}

/**
 * A breaker that opens when, over the last `windowMs`, at least `minRequests` calls were made and
 * the share that failed reached `failureRatio`. After `halfOpenAfterMs` one probe goes through:
 * its success closes the circuit (with a fresh window), its failure opens it again.
 */
export function createCircuitBreaker(options: BreakerOptions): CircuitBreaker {
  const { failureRatio, minRequests, windowMs, halfOpenAfterMs, now = Date.now } = options;
  const bucketMs = Math.max(1, Math.ceil(windowMs / BUCKETS));
  let buckets: Bucket[] = [];
  let state: BreakerState = 'closed';
  let openedAt = 0;
  let probeOut = false;
  const listeners = new Set<(transition: BreakerTransition) => void>();

  function moveTo(next: BreakerState, at: number) {
    if (next === state) return;
    const transition = { from: state, to: next, at };
    state = next;
    if (next === 'open') openedAt = at;
    if (next === 'closed') buckets = [];
    for (const listener of listeners) listener(transition);
  }

  function current(at: number): BreakerState {
    if (state === 'open' && at - openedAt >= halfOpenAfterMs) moveTo('half-open', at);
    return state;
  }

  function windowAt(at: number): Bucket[] {
    buckets = buckets.filter((b) => b.start > at - windowMs);
    return buckets;
  }

  function record(failed: boolean, at: number) {
    const live = windowAt(at);
    const start = at - (at % bucketMs);
    let bucket = live[live.length - 1];
    if (!bucket || bucket.start !== start) {
      bucket = { start, failures: 0, successes: 0 };
      live.push(bucket);
    }
    if (failed) bucket.failures += 1;
    else bucket.successes += 1;
  }

  function counts(at: number) {
    return windowAt(at).reduce(
      (sum, b) => ({ failures: sum.failures + b.failures, successes: sum.successes + b.successes }),
      { failures: 0, successes: 0 },
    );
  }

  function ticket(probe: boolean): BreakerTicket {
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'cancel') => {
      if (settled) return;
      settled = true;
      const at = now();
      if (probe) probeOut = false;
      if (outcome === 'cancel') return;
      record(outcome === 'failure', at);
      if (probe && current(at) === 'half-open') {
        moveTo(outcome === 'success' ? 'closed' : 'open', at);
        return;
      }
      // Calls admitted before the circuit opened may finish after: they only feed the window.
      if (outcome === 'failure' && current(at) === 'closed') {
        const { failures, successes } = counts(at);
        const total = failures + successes;
        if (total >= minRequests && failures / total >= failureRatio) moveTo('open', at);
      }
    };
    return {
      success: () => settle('success'),
      failure: () => settle('failure'),
      cancel: () => settle('cancel'),
    };
  }

  return {
    get state() {
      return current(now());
    },
    admit() {
      const observed = current(now());
      switch (observed) {
        case 'closed':
          return ticket(false);
        case 'open':
          return undefined;
        case 'half-open':
          if (probeOut) return undefined;
          probeOut = true;
          return ticket(true);
        default: {
          const never: never = observed;
          throw new TypeError(`unknown breaker state ${String(never)}`);
        }
      }
    },
    counts: () => counts(now()),
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import type { BreakerTicket } from './breaker.js';
import type { UpstreamGuard } from './guard.js';
import type { RefreshLock } from './refresh-lock.js';

/**
 * One call of a resilient provider (`withResilience`), which its adapter passes down to
 * `requestUpstream` (the guard, the caller's deadline, the breaker tickets) and `loadManyCached`
 * (the refresh lock, the bad bodies its loads found). Passed explicitly, never through an async
 * context: an `AsyncLocalStorage` taxes every promise of the process once it has run.
 */
export interface SourceScope {
  readonly guard: UpstreamGuard;
  readonly refreshLock?: RefreshLock;
  /** Epoch ms by which the call's upstream attempts and retry waits end (the caller's deadline). */
  readonly deadline?: number;
  /** Keeps the ticket of an attempt that answered until the call ends. */
  defer(ticket: BreakerTicket): void;
  /** The adapter found an answered body unusable: one deferred ticket becomes a failure. */
  noteBadResponse(): void;
}

/** A scope for one source call, and `settle`, which reports its deferred outcomes. */
export function openSourceScope(
  guard: UpstreamGuard,
  refreshLock?: RefreshLock,
  deadline?: number,
): { scope: SourceScope; settle(): void } {
  const tickets: BreakerTicket[] = [];
  let bad = 0;
  let settled = false;
  return {
    scope: {
      guard,
      refreshLock,
      deadline,
      defer(ticket) {
        // A call that answers after its source call returned (a sibling failed first and
        // `Promise.all` moved on) is reported at once: a ticket kept in a settled scope would
        // never be reported, and a half-open breaker whose probe is never reported admits nothing.
        if (settled) ticket.success();
        else tickets.push(ticket);
      },
      noteBadResponse: () => (bad += 1),
    },
    settle() {
      settled = true;
      // Which answered call had the bad body is unknown, only how many: the breaker needs no more.
      tickets.forEach((ticket, i) => (i < bad ? ticket.failure() : ticket.success()));
      tickets.length = 0;
    },
  };
}

/**
 * Runs `fn` in a scope of its own for `scope`'s provider, with no deadline, settled when `fn`
 * ends: for a background refresh, which outlives the call that started it (that call's scope is
 * settled when it returns) and is no caller's to time out.
 */
export async function runDetached<T>(
  scope: SourceScope | undefined,
  fn: (scope: SourceScope | undefined) => Promise<T>,
): Promise<T> {
  if (!scope) return fn(undefined);
  const detached = openSourceScope(scope.guard, scope.refreshLock);
  try {
    return await fn(detached.scope);
  } finally {
    detached.settle();
  }
}

import { contextSlot } from '../context-slot.js';
import type { BreakerTicket } from './breaker.js';
import type { UpstreamGuard } from './guard.js';
import type { RefreshLock } from './refresh-lock.js';

/**
 * What one provider's `loadMany` runs under. Adapters are built from `SourceDeps` and call
 * `requestUpstream` and `loadManyCached` themselves; the scope lets those two find the provider's
 * guard and the refresh lock without threading them through every adapter.
 */
export interface SourceScope {
  readonly guard: UpstreamGuard;
  readonly refreshLock?: RefreshLock;
  /** Keeps the ticket of an attempt that answered until the call ends. */
  defer(ticket: BreakerTicket): void;
  /** The adapter found an answered body unusable: one deferred ticket becomes a failure. */
  noteBadResponse(): void;
}

const scopes = contextSlot<SourceScope>('source scope');

/** A scope for one source call, and `settle`, which reports its deferred outcomes. */
export function openSourceScope(
  guard: UpstreamGuard,
  refreshLock?: RefreshLock,
): { scope: SourceScope; settle(): void } {
  const tickets: BreakerTicket[] = [];
  let bad = 0;
  let settled = false;
  return {
    scope: {
      guard,
      refreshLock,
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

/** Runs `fn` in `scope`. */
export function runInSourceScope<T>(scope: SourceScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The scope of the source call in progress when it is `provider`'s; undefined otherwise. */
export function sourceScopeOf(provider: string): SourceScope | undefined {
  const scope = scopes.get();
  return scope?.guard.provider === provider ? scope : undefined;
}

/** The refresh lock of the source call in progress, if any. */
export function currentRefreshLock(): RefreshLock | undefined {
  return scopes.get()?.refreshLock;
}

/**
 * Runs `fn` in a scope of its own for the provider of the call in progress, settled when `fn` ends:
 * for a background refresh, which outlives the call that started it (that call's scope is settled
 * when it returns).
 */
export async function runDetached<T>(fn: () => Promise<T>): Promise<T> {
  const current = scopes.get();
  if (!current) return fn();
  const { scope, settle } = openSourceScope(current.guard, current.refreshLock);
  try {
    return await scopes.run(scope, fn);
  } finally {
    settle();
  }
}

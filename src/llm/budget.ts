import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { costOf, type ModelPrice } from './pricing.js';

/** USD spent today (UTC) per caller (an API key or, when anonymous, an IP). */
export interface BudgetStore {
  /** What the caller has spent today; never rejects. */
  spent(caller: string): Promise<number>;
  /** Adds to the caller's spend today; never rejects. */
  add(caller: string, usd: number): Promise<void>;
}

/** The commands the Redis store uses; node-redis's client (@keyv/redis `store.client`) has them. */
export interface BudgetRedisClient {
  get(key: string): Promise<unknown>;
  incrByFloat(key: string, increment: number): Promise<unknown>;
  expire(key: string, seconds: number): Promise<unknown>;
}

export interface MemoryBudgetStoreOptions {
  now?: () => number;
  /** Most callers whose spend is kept per day (default 100,000). */
  maxCallers?: number;
}

export interface RedisBudgetStoreOptions extends Omit<MemoryBudgetStoreOptions, 'maxCallers'> {
  client: BudgetRedisClient;
  /** Key prefix shared by the replicas of one deployment (REDIS_NAMESPACE). */
  namespace: string;
  /** Per-command limit; a slower Redis counts as down for that call (default 100). */
  timeoutMs?: number;
}

/** Keys outlive their day by one: a replica whose clock lags still finds yesterday's count. */
const KEY_TTL_SECONDS = 2 * 24 * 3600;

/** The UTC day, `yyyy-mm-dd`, a spend counts towards. */
export function budgetDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Callers are hashed so keys and memory never hold an API key or an IP in clear. */
function callerId(caller: string): string {
  return createHash('sha256').update(caller).digest('hex').slice(0, 32);
}

/**
 * Per-caller daily spend in this process (a budget per replica), for at most `maxCallers` callers a
 * day: past that the least recently charged is forgotten, so a flood of addresses cannot grow it.
 */
export function createMemoryBudgetStore({
  now = Date.now,
  maxCallers = 100_000,
}: MemoryBudgetStoreOptions = {}): BudgetStore {
  let day = '';
  const fresh = () => new LRUCache<string, number>({ max: maxCallers });
  let spend = fresh();
  function today(): LRUCache<string, number> {
    const current = budgetDay(now());
    // A new day starts from zero; yesterday's entries are dropped rather than pruned one by one.
    if (current !== day) {
      day = current;
      spend = fresh();
    }
    return spend;
  }
  return {
    spent: (caller) => Promise.resolve(today().get(callerId(caller)) ?? 0),
    add(caller, usd) {
      const map = today();
      const id = callerId(caller);
      map.set(id, (map.get(id) ?? 0) + usd);
      return Promise.resolve();
    },
  };
}

/**
 * Per-caller daily spend shared through Redis (`INCRBYFLOAT <ns>:budget:<day>:<caller hash>`,
 * expiring after 2 days). Every add is mirrored in a local store and `spent` returns the larger of
 * the two, so while Redis is slow or down the budget still holds for this replica; no call waits
 * longer than `timeoutMs`.
 */
export function createRedisBudgetStore({
  client,
  namespace,
  now = Date.now,
  timeoutMs = 100,
}: RedisBudgetStoreOptions): BudgetStore {
  const local = createMemoryBudgetStore({ now });
  const key = (caller: string) => `${namespace}:budget:${budgetDay(now())}:${callerId(caller)}`;

  return {
    async spent(caller) {
      const mine = await local.spent(caller);
      try {
        const value = await withTimeout(client.get(key(caller)), timeoutMs);
        const shared = Number(value ?? 0);
        return Number.isFinite(shared) ? Math.max(shared, mine) : mine;
      } catch {
        return mine;
      }
    },
    async add(caller, usd) {
      await local.add(caller, usd);
      if (!(usd > 0)) return;
      const k = key(caller);
      try {
        // Sent together, so node-redis pipelines them in one round trip.
        await withTimeout(
          Promise.all([client.incrByFloat(k, usd), client.expire(k, KEY_TTL_SECONDS)]),
          timeoutMs,
        );
      } catch {
        // The local mirror already holds it.
      }
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  // A late rejection after the timeout must not surface as unhandled.
  promise.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('redis timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What the budget check is told before an LLM call. */
export interface BudgetCheckInput {
  /** What this request has spent so far (its ledger's total). */
  ledgerTotal: number;
  /** The request's `maxCostUsd`; no per-request limit when absent. */
  maxCostUsd?: number;
  /** DAILY_BUDGET_USD for this caller; no daily limit when absent. 0 allows only free calls. */
  dailyLimit?: number;
  /** The caller's spend today from the BudgetStore. */
  spentToday: number;
  /** Estimated prompt tokens of this call (`estimateMessageTokens`). */
  inputTokens: number;
  /** The call's `max_tokens`: the most output it can be billed for. */
  maxTokens: number;
  price: ModelPrice;
}

export interface BudgetDecision {
  allowed: boolean;
  /** Why not, for the trace and the DEGRADED note; safe to show. */
  reason?: string;
  /** The most this call can cost: its input estimate plus max_tokens of output. */
  projectedUsd: number;
}

const usd = (value: number) => `$${value.toFixed(4)}`;

/**
 * Allows a call only if spend so far plus the most it can cost stays within both limits, so a limit
 * is never crossed (checked before the call, not after).
 */
export function checkBudget(input: BudgetCheckInput): BudgetDecision {
  const projectedUsd = costOf(input.price, input.inputTokens, input.maxTokens);
  const { maxCostUsd, dailyLimit } = input;
  if (maxCostUsd !== undefined && input.ledgerTotal + projectedUsd > maxCostUsd) {
    return {
      allowed: false,
      projectedUsd,
      reason: `maxCostUsd ${usd(maxCostUsd)} would be exceeded (${usd(input.ledgerTotal)} spent + up to ${usd(projectedUsd)} for the model call)`,
    };
  }
  if (dailyLimit !== undefined && input.spentToday + projectedUsd > dailyLimit) {
    return {
      allowed: false,
      projectedUsd,
      reason: `the daily budget of ${usd(dailyLimit)} would be exceeded (${usd(input.spentToday)} spent today + up to ${usd(projectedUsd)} for the model call)`,
    };
  }
  return { allowed: true, projectedUsd };
}

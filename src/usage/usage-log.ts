import { LRUCache } from 'lru-cache';
import type { CostItem } from '../llm/ledger.js';

/** What one request spent on one model, and what a cache saved it (the `usage` field's input). */
export interface UsageRecord {
  /** Epoch ms of the request. */
  at: number;
  /** `key:<keyId>`, `ip:<address>` or `local`: the context's caller. */
  caller: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  /** What a cached answer saved this request (the spend of the call it replayed). */
  savedUsd: number;
}

/** One row of `usage`: a UTC day's spend of one caller on one model. */
export interface UsageDay {
  day: string;
  caller: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  savedUsd: number;
}

export interface UsageQuery {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  caller?: string;
}

/** Where priced model calls are kept for the admin `usage` report. */
export interface UsageLog {
  /** `memory` (this process, since it started) or `postgres` (shared, durable). */
  readonly kind: 'memory' | 'postgres';
  /** Records without waiting: a slow or failing store never delays or fails a request. */
  record(records: readonly UsageRecord[]): void;
  /**
   * Rows of the UTC days that overlap `[from, to)`, by day, caller and model in that order;
   * rejects with a coded UPSTREAM_UNAVAILABLE when the store is unreachable.
   */
  report(query: UsageQuery): Promise<UsageDay[]>;
  /** Writes what is buffered (PostgreSQL) and stops background work. */
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
/** The last day `usageDay` formatted (days since the epoch) and its text: nearly every call's. */
let lastDay = { number: Number.NaN, text: '' };

/** The UTC day, `yyyy-mm-dd`, a record counts towards. */
export function usageDay(epochMs: number): string {
  const number = Math.floor(epochMs / DAY_MS);
  if (number !== lastDay.number) {
    lastDay = { number, text: new Date(number * DAY_MS).toISOString().slice(0, 10) };
  }
  return lastDay.text;
}

/**
 * A request's usage records from its ledger: one per priced kind + model (data-API lines are
 * free and left out), and the cache saving, when there is one, on the answering model's record.
 */
export function usageRecords(input: {
  at: number;
  caller: string;
  items: readonly CostItem[];
  savedUsd?: number;
  /** The model whose cached answer was replayed (the saving's model). */
  savedModel?: string;
}): UsageRecord[] {
  const records: UsageRecord[] = input.items
    .filter((item) => item.kind !== 'API')
    .map((item) => ({
      at: input.at,
      caller: input.caller,
      model: item.model,
      calls: item.calls,
      inputTokens: item.inputTokens,
      outputTokens: item.outputTokens,
      usd: item.usd,
      savedUsd: 0,
    }));
  const saved = input.savedUsd ?? 0;
  if (saved > 0 && input.savedModel) {
    const own = records.find((r) => r.model === input.savedModel);
    if (own) own.savedUsd += saved;
    else
      records.push({
        at: input.at,
        caller: input.caller,
        model: input.savedModel,
        calls: 0,
        inputTokens: 0,
        outputTokens: 0,
        usd: 0,
        savedUsd: saved,
      });
  }
  return records;
}

/** A record as the day row it adds to (its UTC day in place of its instant). */
export function dayRowOf({
  at,
  caller,
  model,
  calls,
  inputTokens,
  outputTokens,
  usd,
  savedUsd,
}: UsageRecord): UsageDay {
  return { day: usageDay(at), caller, model, calls, inputTokens, outputTokens, usd, savedUsd };
}

/** The key of a day row: its day, caller and model. */
export function dayKey(row: Pick<UsageDay, 'day' | 'caller' | 'model'>): string {
  return `${row.day}\u0000${row.caller}\u0000${row.model}`;
}

/**
 * Sums `row` into the row of its day, caller and model in `rows`, or adds it: the memory log and
 * the PostgreSQL write buffer (records, and rows a failed write gives back) all sum this way.
 */
export function addToDay(
  rows: { get(key: string): UsageDay | undefined; set(key: string, row: UsageDay): unknown },
  row: UsageDay,
): void {
  const key = dayKey(row);
  const sum = rows.get(key);
  if (!sum) {
    rows.set(key, { ...row });
    return;
  }
  sum.calls += row.calls;
  sum.inputTokens += row.inputTokens;
  sum.outputTokens += row.outputTokens;
  sum.usd += row.usd;
  sum.savedUsd += row.savedUsd;
}

/** The UTC days a query covers: every day that overlaps `[from, to)`. */
export function queryDays({ from, to }: UsageQuery): { first: string; last: string } {
  return { first: usageDay(from), last: usageDay(Math.max(from, to - 1)) };
}

/** Report order: day, then caller, then model. */
export function compareUsageDays(a: UsageDay, b: UsageDay): number {
  return (
    a.day.localeCompare(b.day) || a.caller.localeCompare(b.caller) || a.model.localeCompare(b.model)
  );
}

export interface MemoryUsageLogOptions {
  /** Most day × caller × model rows kept (default 10,000): past it the least recently used goes. */
  maxRows?: number;
}

/**
 * The usage log without DATABASE_URL: day rows in this process only, lost on restart and not
 * shared by replicas (the `usage` field says what this replica saw). Bounded by `maxRows`.
 */
export function createMemoryUsageLog({ maxRows = 10_000 }: MemoryUsageLogOptions = {}): UsageLog {
  const rows = new LRUCache<string, UsageDay>({ max: maxRows });
  return {
    kind: 'memory',
    record(records) {
      for (const record of records) addToDay(rows, dayRowOf(record));
    },
    report(query) {
      const { first, last } = queryDays(query);
      const { caller } = query;
      const found = [...rows.values()].filter(
        (r) => r.day >= first && r.day <= last && (caller === undefined || r.caller === caller),
      );
      return Promise.resolve(found.map((r) => ({ ...r })).sort(compareUsageDays));
    },
    close: () => Promise.resolve(),
  };
}

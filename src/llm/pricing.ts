import type { ChatMessage } from './types.js';

/**
 * The date the default prices were pinned. The figures are the pinned table (OpenAI's
 * published list prices, USD per 1M tokens); other models, or newer prices, come from MODEL_PRICES.
 */
export const PRICES_AS_OF = '2026-11-01';

/** USD per 1M tokens. Embedding models have no output tokens (output 0). */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Model name -> price; build one with `createPriceTable`. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** A price lookup: `known: false` means the model is not in the table and is priced at 0. */
export interface PriceLookup {
  price: ModelPrice;
  known: boolean;
  /** The table entry that matched (the base name for a dated model), or the model itself. */
  model: string;
}

/** The pinned default prices (see PRICES_AS_OF). */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
});

const FREE: ModelPrice = Object.freeze({ input: 0, output: 0 });
/** `gpt-4o-mini-2024-07-18` and `gpt-4-0613` name a dated snapshot of their base model. */
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{4})$/;

/** The default table with `overrides` (config's MODEL_PRICES) replacing or adding entries. */
export function createPriceTable(overrides: Readonly<Record<string, ModelPrice>> = {}): PriceTable {
  return Object.freeze({ ...DEFAULT_PRICES, ...overrides });
}

/** Finds a model's price: exact name first, then its base name without a date suffix. */
export function lookupPrice(table: PriceTable, model: string): PriceLookup {
  const exact = Object.hasOwn(table, model) ? table[model] : undefined;
  if (exact) return { price: exact, known: true, model };
  const base = model.replace(SNAPSHOT_SUFFIX, '');
  const fromBase = base !== model && Object.hasOwn(table, base) ? table[base] : undefined;
  if (fromBase) return { price: fromBase, known: true, model: base };
  return { price: FREE, known: false, model };
}

/** USD for one call's tokens; an unknown model costs 0 and says `known: false` so callers can warn. */
export function priceUsd(
  table: PriceTable,
  model: string,
  inputTokens: number,
  outputTokens: number,
): { usd: number; known: boolean } {
  const { price, known } = lookupPrice(table, model);
  return { usd: costOf(price, inputTokens, outputTokens), known };
}

/** USD for tokens at a per-1M price. */
export function costOf(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

/**
 * A rough token count (characters / 4, rounded up). An estimate used ONLY for the pre-call budget
 * check (and for a provider that reports no usage); billed figures come from the provider's usage.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Estimated prompt tokens of a chat: each message's text plus the few tokens of framing it costs. */
export function estimateMessageTokens(messages: readonly ChatMessage[]): number {
  // OpenAI's chat format adds ~4 tokens per message and ~3 to prime the reply.
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 3);
}

import type { UsageSink } from '../vector/embedder.js';
import { priceUsd, type PriceTable } from './pricing.js';

/** What a ledger line is for: a chat completion, an embeddings request, or a data-API call. */
export type CostKind = 'LLM' | 'EMBEDDING' | 'API';

/** One provider call (or several of the same kind and model), with the provider's reported usage. */
export interface CostEntry {
  kind: CostKind;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Provider calls this entry covers, retries included. */
  calls: number;
}

/** A ledger line as the GraphQL `CostItem` returns it: every entry of one kind and model summed. */
export interface CostItem extends CostEntry {
  usd: number;
}

/** A per-request record of what every model call cost. */
export interface CostLedger {
  /** Adds a call; says what it cost and whether the model had a price (`known: false` costs 0). */
  record(entry: CostEntry): { usd: number; known: boolean };
  /** One item per kind + model, in the order first recorded. */
  items(): CostItem[];
  totalUsd(): number;
}

/**
 * A cost ledger priced from `table`. API entries (data providers) are priced at 0: the table is
 * per token, and those providers bill per plan, not per call.
 */
export function createCostLedger(table: PriceTable): CostLedger {
  const lines = new Map<string, CostEntry>();

  function cost(entry: CostEntry): { usd: number; known: boolean } {
    if (entry.kind === 'API') return { usd: 0, known: true };
    return priceUsd(table, entry.model, entry.inputTokens, entry.outputTokens);
  }

  return {
    record(entry) {
      const key = `${entry.kind}\u0000${entry.model}`;
      const line = lines.get(key);
      if (line) {
        line.inputTokens += entry.inputTokens;
        line.outputTokens += entry.outputTokens;
        line.calls += entry.calls;
      } else {
        lines.set(key, { ...entry });
      }
      return cost(entry);
    },
    items() {
      // Priced from the summed tokens: pricing is linear, and this avoids summing rounding errors.
      return [...lines.values()].map((line) => ({ ...line, usd: cost(line).usd }));
    },
    totalUsd() {
      let total = 0;
      for (const line of lines.values()) total += cost(line).usd;
      return total;
    },
  };
}

/** Embedding usage recorded into `ledger`, one call per report: what embedders are given to bill. */
export function embeddingUsageInto(ledger: Pick<CostLedger, 'record'>): UsageSink {
  return (usage) =>
    ledger.record({
      kind: 'EMBEDDING',
      model: usage.model,
      inputTokens: usage.promptTokens,
      outputTokens: 0,
      calls: 1,
    });
}

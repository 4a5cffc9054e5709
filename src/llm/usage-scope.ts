import { contextSlot } from '../context-slot.js';
import type { CostLedger } from './ledger.js';

const scope = contextSlot<CostLedger>('cost ledger');

/**
 * Runs `fn` with `ledger` as the request's ledger: embedding calls made anywhere below it (the
 * vector index's query embeddings, the semantic cache's lookup) are billed to this request, though
 * the embedder itself is shared by every request.
 */
export function withLedger<T>(ledger: CostLedger, fn: () => Promise<T>): Promise<T> {
  return scope.run(ledger, fn);
}

/** The embedders' `onUsage`: records into the current request's ledger, if any. */
export function recordEmbeddingUsage(usage: { model: string; promptTokens: number }): void {
  scope.get()?.record({
    kind: 'EMBEDDING',
    model: usage.model,
    inputTokens: usage.promptTokens,
    outputTokens: 0,
    calls: 1,
  });
}

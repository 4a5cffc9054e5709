import type { AssetClass, Quote } from './model.js';
import { loadParsed, parseSymbol, slotsByAssetClass, type ParsedSymbol } from './symbols.js';
import type { Source } from './types.js';

/** The provider chain that serves each asset class. */
export interface QuoteChains {
  equity: Source<string, Quote>;
  crypto: Source<string, Quote>;
  fx: Source<string, Quote>;
}

const CHAIN_OF: Readonly<Record<AssetClass, keyof QuoteChains>> = {
  EQUITY: 'equity',
  CRYPTO: 'crypto',
  FX: 'fx',
};

/**
 * Routes each symbol to the chain of its asset class: one `loadMany` per class, all classes in
 * parallel, answers put back in key order. A malformed symbol gets BAD_USER_INPUT in its slot.
 */
export function createQuoteRouter(chains: QuoteChains): Source<string, Quote> {
  return {
    name: 'quotes',
    loadMany: (keys, context) =>
      loadParsed(keys, parseSymbol, async (parsed: ParsedSymbol[]) => {
        const results: Array<Quote | Error> = new Array(parsed.length);
        await Promise.all(
          [...slotsByAssetClass(parsed)].map(async ([assetClass, slots]) => {
            const chain = chains[CHAIN_OF[assetClass]];
            const answers = await chain.loadMany(
              slots.map((i) => (parsed[i] as ParsedSymbol).symbol),
              context,
            );
            slots.forEach((slot, j) => {
              results[slot] = answers[j] as Quote | Error;
            });
          }),
        );
        return results;
      }),
  };
}

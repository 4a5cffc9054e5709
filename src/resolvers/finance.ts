import { badInput } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { isStale } from '../sources/cached.js';
import { limits } from './validate.js';

const currency = /^[A-Za-z]{3}$/;

/** Quotes and exchange rates. `quotes` never fails as a whole for one bad symbol. */
export const financeResolvers: Resolvers = {
  Query: {
    quote: (_, { symbol }, { loaders }) => loaders.quote.load(symbol),
    quotes(_, { symbols }, { loaders }) {
      if (symbols.length > limits.maxSymbols) {
        throw badInput(`\`symbols\` takes at most ${limits.maxSymbols} symbols`);
      }
      // One promise per slot (batched into one load by DataLoader): a rejected slot becomes null
      // with an error at its own path; the other symbols are unaffected.
      return symbols.map((symbol) => loaders.quote.load(symbol));
    },
    exchangeRate(_, { base, target }, { loaders }) {
      if (!currency.test(base) || !currency.test(target)) {
        throw badInput('`base` and `target` must be ISO 4217 currency codes such as EUR or USD');
      }
      return loaders.rate.load({ base: base.toUpperCase(), target: target.toUpperCase() });
    },
  },
  Quote: {
    stale: (quote) => isStale(quote),
  },
};

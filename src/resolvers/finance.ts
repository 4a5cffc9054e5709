import { badInput } from '../errors.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/graphql.js';
import { freshForSeconds, isStale, type Fetched } from '../sources/cached.js';
import { limits } from './validate.js';

const currency = /^[A-Za-z]{3}$/;

/** Passes a value through, restricting the response's freshness to what is left of its own. */
const served =
  (freshness: Context['freshness']) =>
  <V extends Fetched>(value: V): V => {
    freshness.restrict(freshForSeconds(value));
    return value;
  };

/**
 * A list whose failed slots hold their Errors. graphql-js completes an Error value as null with
 * the error located at that slot's path (`completeValue` throws it), which the generated resolver
 * types cannot express.
 */
const withErrorSlots = <V>(values: Array<V | Error>) => values as V[];

/** Quotes and exchange rates. `quotes` never fails as a whole for one bad symbol. */
export const financeResolvers: Resolvers = {
  Query: {
    quote: (_, { symbol }, { loaders, freshness }) =>
      loaders.quote.load(symbol).then(served(freshness)),
    quotes(_, { symbols }, { loaders, freshness }) {
      if (symbols.length > limits.maxSymbols) {
        throw badInput(`\`symbols\` takes at most ${limits.maxSymbols} symbols`);
      }
      // One promise for the list (batched into one load by DataLoader): a failed slot is its Error,
      // which graphql-js turns into null with an error at that slot's own path; the other symbols
      // are unaffected. A promise per slot cost graphql-js three more promises per item.
      const serve = served(freshness);
      return loaders.quote
        .loadMany(symbols)
        .then((quotes) =>
          withErrorSlots(quotes.map((quote) => (quote instanceof Error ? quote : serve(quote)))),
        );
    },
    exchangeRate(_, { base, target }, { loaders, freshness }) {
      if (!currency.test(base) || !currency.test(target)) {
        throw badInput('`base` and `target` must be ISO 4217 currency codes such as EUR or USD');
      }
      return loaders.rate
        .load({ base: base.toUpperCase(), target: target.toUpperCase() })
        .then(served(freshness));
    },
  },
  Quote: {
    stale: (quote) => isStale(quote),
  },
};

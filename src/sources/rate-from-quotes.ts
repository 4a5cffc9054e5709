import { isGatewayError, withMessage } from '../errors.js';
import type { ExchangeRate, Quote, RateKey } from './model.js';
import { EXCHANGE_RATE_TTL_SECONDS, loadParsed, parseCurrency } from './symbols.js';
import type { Source } from './types.js';

/**
 * An exchange-rate source over an FX quote source (Yahoo's `EURUSD=X`), so a rate chain can fall
 * back from Frankfurter to Yahoo. No cache of its own: the quote source caches. The rate's date is
 * the quote's date (UTC) and its provider the quote's.
 */
export function createRateFromQuotesSource(
  quotes: Source<string, Quote>,
): Source<RateKey, ExchangeRate> {
  return {
    name: quotes.name,
    loadMany: (keys, context) =>
      loadParsed(
        keys,
        (key) => ({ base: parseCurrency(key.base), target: parseCurrency(key.target) }),
        async (parsed) => {
          const pairs = parsed.filter((k) => k.base !== k.target);
          const answers = await quotes.loadMany(
            pairs.map((k) => `${k.base}${k.target}=X`),
            context,
          );
          let next = 0;
          return parsed.map(({ base, target }): ExchangeRate | Error => {
            if (base === target) {
              const now = new Date().toISOString();
              return {
                base,
                target,
                rate: 1,
                date: now.slice(0, 10),
                provider: quotes.name,
                fetchedAt: now,
                ttlSeconds: EXCHANGE_RATE_TTL_SECONDS,
              };
            }
            const quote = answers[next++] as Quote | Error;
            if (quote instanceof Error) {
              // Name the pair the client asked for, not the FX symbol it was looked up under.
              const symbol = `${base}${target}=X`;
              return isGatewayError(quote)
                ? withMessage(quote, quote.message.replaceAll(symbol, `${base}/${target}`))
                : quote;
            }
            return {
              base,
              target,
              rate: quote.price,
              date: quote.asOf.slice(0, 10),
              provider: quote.provider,
              fetchedAt: quote.fetchedAt,
              ttlSeconds: quote.ttlSeconds,
            };
          });
        },
      ),
  };
}

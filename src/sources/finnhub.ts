import { z } from 'zod';
import { ErrorCode, GatewayError, notCovered } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import type { Quote } from './model.js';
import { loadManyCached } from './cached.js';
import { mapWithConcurrency } from './concurrency.js';
import { getUpstream, parseJson, unexpectedStatus } from './http.js';
import { changeFrom, isoFromUnix } from './quote-change.js';
import { loadParsed, parseSymbol, QUOTE_TTL_SECONDS, type ParsedSymbol } from './symbols.js';
import type { Source, SourceDeps } from './types.js';

const PROVIDER = 'finnhub';
const TTL = QUOTE_TTL_SECONDS.EQUITY;

/** `{"c":261.74,"d":2.29,"dp":0.8827,"h":263.31,"l":260.68,"o":261.07,"pc":259.45,"t":1582641000}` */
const quoteBody = z.object({
  c: z.number(),
  d: z.number().nullish(),
  dp: z.number().nullish(),
  h: z.number().nullish(),
  l: z.number().nullish(),
  o: z.number().nullish(),
  pc: z.number().nullish(),
  t: z.number(),
});

/** Finnhub takes one symbol per call and needs `apiKey`. */
export interface FinnhubSourceDeps extends SourceDeps {
  /** Quote calls in flight at once (one symbol per call). */
  concurrency: number;
  /** How long past its TTL a quote is served when Finnhub fails; default 3600. */
  graceSeconds?: number;
}

/** Finnhub spells share classes with a dot (`BRK.B`) where Yahoo uses a dash (`BRK-B`). */
function finnhubSymbol(symbol: string): string {
  return /^[A-Z]+-[A-Z]$/.test(symbol) ? symbol.replace('-', '.') : symbol;
}

/** Finnhub quote (keyed): equities only, one symbol per call, calls bounded by `concurrency`. */
export function createFinnhubSource(deps: FinnhubSourceDeps): Source<string, Quote> {
  const { fetch, cache, baseUrl, timeoutMs, apiKey, concurrency, graceSeconds = 3600 } = deps;

  async function fetchOne(
    { symbol, assetClass }: ParsedSymbol,
    scope: SourceScope | undefined,
  ): Promise<Quote> {
    if (assetClass !== 'EQUITY') throw notCovered(`Finnhub has no quote for ${symbol}`, PROVIDER);
    if (!apiKey) {
      throw new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `${PROVIDER} is not configured`, {
        provider: PROVIDER,
      });
    }
    const url = new URL(`${baseUrl}/api/v1/quote`);
    url.searchParams.set('symbol', finnhubSymbol(symbol));
    // The key goes in a header, so it never sits in a URL that could be logged.
    const response = await getUpstream({
      fetch,
      provider: PROVIDER,
      url,
      timeoutMs,
      headers: { 'x-finnhub-token': apiKey },
      scope,
    });
    if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
    const body = parseJson(PROVIDER, response.text, quoteBody);
    // An unknown symbol is a 200 with every number zero; the free plan covers US listings only,
    // so the next provider may still know it.
    if (body.c === 0 && body.t === 0) throw notCovered(`No quote for ${symbol}`, PROVIDER);
    const move = changeFrom(body.c, body.pc);
    return {
      symbol,
      name: null,
      price: body.c,
      // Finnhub's quote carries no currency; bare tickers are US listings.
      currency: /^[A-Z0-9-]+$/.test(symbol) ? 'USD' : null,
      change: body.d ?? move.change,
      changePercent: body.dp ?? move.changePercent,
      previousClose: move.previousClose,
      asOf: isoFromUnix(body.t),
      provider: PROVIDER,
      fetchedAt: new Date().toISOString(),
      ttlSeconds: TTL,
    };
  }

  return {
    name: PROVIDER,
    loadMany: (keys, context) =>
      loadParsed(keys, parseSymbol, (parsed) =>
        loadManyCached<ParsedSymbol, Quote>(parsed, {
          cache,
          scope: context?.scope,
          keyOf: (p) => `quote:${p.symbol}`,
          ttlSeconds: TTL,
          graceSeconds,
          load: (misses, scope) =>
            mapWithConcurrency(misses, concurrency, (p) =>
              fetchOne(p, scope).catch((error: Error) => error),
            ),
        }),
      ),
  };
}

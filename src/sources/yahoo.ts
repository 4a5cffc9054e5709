import { z } from 'zod';
import { notFound } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import type { AssetClass, Quote } from './model.js';
import { loadManyCached } from './cached.js';
import { mapWithConcurrency } from './concurrency.js';
import { badResponse, getUpstream, parseJson, unexpectedStatus } from './http.js';
import { changeFrom, isoFromUnix } from './quote-change.js';
import {
  loadParsed,
  parseSymbol,
  QUOTE_TTL_SECONDS,
  slotsByAssetClass,
  type ParsedSymbol,
} from './symbols.js';
import type { Source, SourceDeps } from './types.js';

const PROVIDER = 'yahoo';
const INTERVAL = '1d';
const RANGE = '5d';
/** Yahoo refuses or throttles clients that do not look like a browser. */
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

const chartError = z.object({ code: z.string(), description: z.string().nullish() });

const chartResult = z.object({
  meta: z.object({
    currency: z.string().nullish(),
    symbol: z.string(),
    regularMarketPrice: z.number(),
    regularMarketTime: z.number(),
    chartPreviousClose: z.number().nullish(),
    previousClose: z.number().nullish(),
    longName: z.string().nullish(),
    shortName: z.string().nullish(),
  }),
  timestamp: z.array(z.number()).nullish(),
  indicators: z
    .object({ quote: z.array(z.object({ close: z.array(z.number().nullable()).nullish() })) })
    .nullish(),
});
type ChartResult = z.infer<typeof chartResult>;

const chartBody = z.object({
  chart: z.object({ result: z.array(chartResult).nullable(), error: chartError.nullable() }),
});
const errorBody = z.object({ chart: z.object({ error: chartError }) });

/** Yahoo takes one symbol per call, so it needs a bound on calls in flight. */
export interface YahooSourceDeps extends SourceDeps {
  /** Chart calls in flight at once (one symbol per call). */
  concurrency: number;
  /** How long past its TTL a quote is served when Yahoo fails; default 3600. */
  graceSeconds?: number;
}

/**
 * Yesterday's close. With `range=5d`, `chartPreviousClose` is the close before the five-day
 * window, not the previous session's, so it is read from the daily bars instead: the last close
 * before the bar of the current session (the last bar at or before `regularMarketTime`).
 */
export function previousCloseOf(result: ChartResult): number | null {
  const { meta } = result;
  if (meta.previousClose != null) return meta.previousClose;
  const times = result.timestamp ?? [];
  const closes = result.indicators?.quote[0]?.close ?? [];
  let current = -1;
  for (let i = times.length - 1; i >= 0; i--) {
    if ((times[i] as number) <= meta.regularMarketTime) {
      current = i;
      break;
    }
  }
  for (let i = current - 1; i >= 0; i--) {
    const close = closes[i];
    // Bars are float32 widened to double (234.22000122070312): 7 digits is all they hold.
    if (close != null) return Number(close.toPrecision(7));
  }
  return meta.chartPreviousClose ?? null;
}

/** Yahoo Finance v8 chart: one symbol per call, any asset class (`AAPL`, `BTC-USD`, `EURUSD=X`). */
export function createYahooSource(deps: YahooSourceDeps): Source<string, Quote> {
  const { fetch, cache, baseUrl, timeoutMs, concurrency, graceSeconds = 3600 } = deps;

  async function fetchOne(
    { symbol, assetClass }: ParsedSymbol,
    scope: SourceScope | undefined,
  ): Promise<Quote> {
    const url = new URL(`${baseUrl}/v8/finance/chart/${encodeURIComponent(symbol)}`);
    url.searchParams.set('interval', INTERVAL);
    url.searchParams.set('range', RANGE);
    const response = await getUpstream({
      fetch,
      provider: PROVIDER,
      url,
      timeoutMs,
      headers: { 'user-agent': USER_AGENT },
      scope,
    });
    if (response.status === 404) {
      parseJson(PROVIDER, response.text, errorBody); // a 404 without Yahoo's body is a wrong base URL
      throw notFound(`No quote for ${symbol}`, PROVIDER);
    }
    if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
    const { chart } = parseJson(PROVIDER, response.text, chartBody);
    const result = chart.result?.[0];
    if (!result) {
      if (chart.error?.code === 'Not Found') throw notFound(`No quote for ${symbol}`, PROVIDER);
      throw badResponse(PROVIDER, 'a chart without a result');
    }
    const { meta } = result;
    return {
      symbol,
      name: meta.longName ?? meta.shortName ?? null,
      price: meta.regularMarketPrice,
      currency: meta.currency ?? null,
      ...changeFrom(meta.regularMarketPrice, previousCloseOf(result)),
      asOf: isoFromUnix(meta.regularMarketTime),
      provider: PROVIDER,
      fetchedAt: new Date().toISOString(),
      ttlSeconds: QUOTE_TTL_SECONDS[assetClass],
    };
  }

  async function loadClass(
    assetClass: AssetClass,
    parsed: ParsedSymbol[],
    scope: SourceScope | undefined,
  ) {
    return loadManyCached<ParsedSymbol, Quote>(parsed, {
      scope,
      cache,
      keyOf: (p) => `chart:${INTERVAL}:${RANGE}:${p.symbol}`,
      ttlSeconds: QUOTE_TTL_SECONDS[assetClass],
      graceSeconds,
      load: (misses, loadScope) =>
        mapWithConcurrency(misses, concurrency, (p) =>
          fetchOne(p, loadScope).catch((error: Error) => error),
        ),
    });
  }

  return {
    name: PROVIDER,
    loadMany: (keys, context) =>
      loadParsed(keys, parseSymbol, async (parsed) => {
        const results: Array<Quote | Error> = new Array(parsed.length);
        // One class at a time, so a mixed batch still has at most `concurrency` calls in flight.
        const byClass = slotsByAssetClass(parsed);
        for (const assetClass of ['EQUITY', 'CRYPTO', 'FX'] as const) {
          const slots = byClass.get(assetClass);
          if (!slots) continue;
          const loaded = await loadClass(
            assetClass,
            slots.map((i) => parsed[i] as ParsedSymbol),
            context?.scope,
          );
          slots.forEach((slot, j) => {
            results[slot] = loaded[j] as Quote | Error;
          });
        }
        return results;
      }),
  };
}

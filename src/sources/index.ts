import type { Cache } from '../cache/types.js';
import { createPrefixingCache } from '../cache/prefixing.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { VectorIndex } from '../vector/index.js';
import { createFallbackChain } from './chain.js';
import { createCoinGeckoSource } from './coingecko.js';
import { createFinnhubSource } from './finnhub.js';
import { createFrankfurterQuoteSource, createFrankfurterRateSource } from './frankfurter.js';
import { createHackerNewsSource } from './hn-algolia.js';
import type {
  ExchangeRate,
  Forecast,
  ForecastKey,
  GeocodeResult,
  NewsKey,
  NewsPage,
  Passage,
  Quote,
  RateKey,
  SearchKey,
} from './model.js';
import { createNewsApiSource } from './newsapi.js';
import { createOpenMeteoGeocodingSource } from './open-meteo-geocoding.js';
import { createOpenMeteoSource } from './open-meteo.js';
import { createOpenWeatherMapSource } from './openweathermap.js';
import { createQuoteRouter } from './quote-router.js';
import { createRateFromQuotesSource } from './rate-from-quotes.js';
import { createStooqSource } from './stooq.js';
import type { Source, SourceDeps } from './types.js';
import { createVectorSource } from './vector.js';
import { createYahooSource } from './yahoo.js';

/** The sources resolvers load from: one per kind of data, each an ordered provider chain. */
export interface Sources {
  geocoder: Source<string, GeocodeResult>;
  forecast: Source<ForecastKey, Forecast>;
  news: Source<NewsKey, NewsPage>;
  quotes: Source<string, Quote>;
  rates: Source<RateKey, ExchangeRate>;
  search: Source<SearchKey, Passage[]>;
  vectorIndex: VectorIndex;
  /** Provider names in each chain, in order, for the README and `health`. */
  chains: Record<string, string[]>;
}

export interface CreateSourcesParams {
  config: Config;
  fetch: typeof globalThis.fetch;
  /** The shared cache; each provider gets its own namespace inside it. */
  cache: Cache;
  logger: Logger;
  vectorIndex: VectorIndex;
}

const OPEN_METEO_DEFAULT = 'https://api.open-meteo.com';
const OPEN_METEO_GEOCODING_DEFAULT = 'https://geocoding-api.open-meteo.com';

/**
 * Builds every provider adapter from config and composes the chains. Keyless providers are always
 * present; keyed ones join their chain only when their key is set.
 */
export function createSources({
  config,
  fetch,
  cache,
  logger,
  vectorIndex,
}: CreateSourcesParams): Sources {
  const deps = (provider: string, baseUrl: string, apiKey?: string): SourceDeps => ({
    fetch,
    // Bump the version segment when a cached model's shape changes.
    cache: createPrefixingCache(cache, `v1:${provider}:`),
    logger: logger.child({ provider }),
    baseUrl,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    apiKey,
  });
  const grace = { graceSeconds: config.STALE_GRACE_SECONDS };
  const openMeteoKey = config.OPEN_METEO_API_KEY;
  // The commercial plan is served from customer-* hosts with the same format.
  const openMeteoBase =
    openMeteoKey && config.OPEN_METEO_BASE_URL === OPEN_METEO_DEFAULT
      ? 'https://customer-api.open-meteo.com'
      : config.OPEN_METEO_BASE_URL;
  const geocodingBase =
    openMeteoKey && config.OPEN_METEO_GEOCODING_BASE_URL === OPEN_METEO_GEOCODING_DEFAULT
      ? 'https://customer-geocoding-api.open-meteo.com'
      : config.OPEN_METEO_GEOCODING_BASE_URL;

  const geocoder = createOpenMeteoGeocodingSource({
    ...deps('open-meteo-geocoding', geocodingBase, openMeteoKey),
  });
  const forecastProviders: Array<Source<ForecastKey, Forecast>> = [
    createOpenMeteoSource({ ...deps('open-meteo', openMeteoBase, openMeteoKey), ...grace }),
  ];
  if (config.OPENWEATHERMAP_API_KEY) {
    forecastProviders.push(
      createOpenWeatherMapSource({
        ...deps('openweathermap', config.OPENWEATHERMAP_BASE_URL, config.OPENWEATHERMAP_API_KEY),
        ...grace,
      }),
    );
  }

  const newsProviders: Array<Source<NewsKey, NewsPage>> = [];
  if (config.NEWSAPI_KEY) {
    newsProviders.push(
      createNewsApiSource({
        ...deps('newsapi', config.NEWSAPI_BASE_URL, config.NEWSAPI_KEY),
        ...grace,
      }),
    );
  }
  newsProviders.push(
    createHackerNewsSource({ ...deps('hn-algolia', config.HN_ALGOLIA_BASE_URL), ...grace }),
  );

  const concurrency = config.UPSTREAM_CONCURRENCY;
  const yahoo = createYahooSource({
    ...deps('yahoo', config.YAHOO_FINANCE_BASE_URL),
    concurrency,
    ...grace,
  });
  const equity: Array<Source<string, Quote>> = [];
  if (config.FINNHUB_API_KEY) {
    equity.push(
      createFinnhubSource({
        ...deps('finnhub', config.FINNHUB_BASE_URL, config.FINNHUB_API_KEY),
        concurrency,
        ...grace,
      }),
    );
  }
  equity.push(yahoo, createStooqSource({ ...deps('stooq', config.STOOQ_BASE_URL), ...grace }));
  const crypto = [
    createCoinGeckoSource({
      ...deps('coingecko', config.COINGECKO_BASE_URL, config.COINGECKO_API_KEY),
      ...grace,
    }),
    yahoo,
  ];
  const frankfurterDeps = { ...deps('frankfurter', config.FRANKFURTER_BASE_URL), ...grace };
  const fx = [createFrankfurterQuoteSource(frankfurterDeps), yahoo];
  const rates = [createFrankfurterRateSource(frankfurterDeps), createRateFromQuotesSource(yahoo)];

  const names = (chain: ReadonlyArray<{ name: string }>) => chain.map((s) => s.name);
  return {
    geocoder,
    forecast: createFallbackChain('forecast', forecastProviders),
    news: createFallbackChain('news', newsProviders),
    quotes: createQuoteRouter({
      equity: createFallbackChain('equity', equity),
      crypto: createFallbackChain('crypto', crypto),
      fx: createFallbackChain('fx', fx),
    }),
    rates: createFallbackChain('rates', rates),
    search: createVectorSource({ index: vectorIndex }),
    vectorIndex,
    chains: {
      geocoding: [geocoder.name],
      forecast: names(forecastProviders),
      news: names(newsProviders),
      equity: names(equity),
      crypto: names(crypto),
      fx: names(fx),
      rates: names(rates),
    },
  };
}

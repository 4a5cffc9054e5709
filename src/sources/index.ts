import type { Cache } from '../cache/types.js';
import { createPrefixingCache } from '../cache/prefixing.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import {
  observeFetch,
  observeProviderCache,
  observeSource,
  type SourceObserver,
} from '../observability/sources.js';
import { createResilienceFromConfig, type Resilience } from '../resilience/create.js';
import type { ProviderHealth } from '../resilience/registry.js';
import { withResilience } from '../resilience/resilient-source.js';
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
  /** Every provider's breaker state and quota usage, for `health` and the metrics. */
  providerHealth: ProviderHealth;
}

export interface CreateSourcesParams {
  config: Config;
  fetch: typeof globalThis.fetch;
  /** The shared cache; each provider gets its own namespace inside it. */
  cache: Cache;
  logger: Logger;
  vectorIndex: VectorIndex;
  /** Guards per provider and the refresh lock; by default from config (memory quotas, no lock). */
  resilience?: Resilience;
  /** Metrics of every provider call, cache lookup and upstream request (src/observability). */
  observer?: SourceObserver;
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
  resilience = createResilienceFromConfig(config, { logger }),
  observer,
}: CreateSourcesParams): Sources {
  // Every provider adapter is wrapped: retries, breaker, quota, refresh lock (src/resilience).
  const guarded = <K, V>(source: Source<K, V>): Source<K, V> =>
    observeSource(
      withResilience(source, {
        guard: resilience.registry.guard(source.name),
        refreshLock: resilience.refreshLock,
      }),
      observer,
    );
  const deps = (provider: string, baseUrl: string, apiKey?: string): SourceDeps => ({
    fetch: observeFetch(fetch, provider, observer),
    // Bump the version segment when a cached model's shape changes.
    cache: observeProviderCache(createPrefixingCache(cache, `v1:${provider}:`), provider, observer),
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

  const geocoder = guarded(
    createOpenMeteoGeocodingSource({
      ...deps('open-meteo-geocoding', geocodingBase, openMeteoKey),
    }),
  );
  const forecastProviders: Array<Source<ForecastKey, Forecast>> = [
    guarded(
      createOpenMeteoSource({ ...deps('open-meteo', openMeteoBase, openMeteoKey), ...grace }),
    ),
  ];
  if (config.OPENWEATHERMAP_API_KEY) {
    forecastProviders.push(
      guarded(
        createOpenWeatherMapSource({
          ...deps('openweathermap', config.OPENWEATHERMAP_BASE_URL, config.OPENWEATHERMAP_API_KEY),
          ...grace,
        }),
      ),
    );
  }

  const newsProviders: Array<Source<NewsKey, NewsPage>> = [];
  if (config.NEWSAPI_KEY) {
    newsProviders.push(
      guarded(
        createNewsApiSource({
          ...deps('newsapi', config.NEWSAPI_BASE_URL, config.NEWSAPI_KEY),
          ...grace,
        }),
      ),
    );
  }
  newsProviders.push(
    guarded(
      createHackerNewsSource({ ...deps('hn-algolia', config.HN_ALGOLIA_BASE_URL), ...grace }),
    ),
  );

  const concurrency = config.UPSTREAM_CONCURRENCY;
  const yahoo = guarded(
    createYahooSource({
      ...deps('yahoo', config.YAHOO_FINANCE_BASE_URL),
      concurrency,
      ...grace,
    }),
  );
  const equity: Array<Source<string, Quote>> = [];
  if (config.FINNHUB_API_KEY) {
    equity.push(
      guarded(
        createFinnhubSource({
          ...deps('finnhub', config.FINNHUB_BASE_URL, config.FINNHUB_API_KEY),
          concurrency,
          ...grace,
        }),
      ),
    );
  }
  equity.push(
    yahoo,
    guarded(createStooqSource({ ...deps('stooq', config.STOOQ_BASE_URL), ...grace })),
  );
  const crypto = [
    guarded(
      createCoinGeckoSource({
        ...deps('coingecko', config.COINGECKO_BASE_URL, config.COINGECKO_API_KEY),
        ...grace,
      }),
    ),
    yahoo,
  ];
  const frankfurterDeps = { ...deps('frankfurter', config.FRANKFURTER_BASE_URL), ...grace };
  const fx = [guarded(createFrankfurterQuoteSource(frankfurterDeps)), yahoo];
  const rates = [
    guarded(createFrankfurterRateSource(frankfurterDeps)),
    createRateFromQuotesSource(yahoo),
  ];

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
    providerHealth: resilience.registry,
  };
}

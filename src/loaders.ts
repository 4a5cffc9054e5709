import DataLoader from 'dataloader';
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
} from './sources/model.js';
import type { Sources } from './sources/index.js';
import { geocodeKey } from './sources/place-qualifier.js';
import type { LoadContext, Source } from './sources/types.js';

export interface Loaders {
  geocode: DataLoader<string, GeocodeResult>;
  forecast: DataLoader<ForecastKey, Forecast, string>;
  news: DataLoader<NewsKey, NewsPage, string>;
  quote: DataLoader<string, Quote>;
  rate: DataLoader<RateKey, ExchangeRate, string>;
  search: DataLoader<SearchKey, Passage[], string>;
}

function loaderFor<K, V, C = K>(
  source: Source<K, V>,
  context: LoadContext | undefined,
  cacheKeyFn?: (key: K) => C,
) {
  // DataLoader wants a mutable array; the source contract already returns one in key order.
  return new DataLoader<K, V, C>((keys) => source.loadMany(keys, context), {
    cacheKeyFn,
    name: source.name,
  });
}

/**
 * One DataLoader per source, so a query naming the same thing twice makes one upstream call. Every
 * load goes with `context` (who is billed, by when the upstream calls must end).
 */
export function createLoaders(sources: Sources, context?: LoadContext): Loaders {
  return {
    // The qualifier is part of the key: "Paris" and "Paris, Texas" are different places.
    geocode: loaderFor(sources.geocoder, context, geocodeKey),
    forecast: loaderFor(
      sources.forecast,
      context,
      (k) => `${k.latitude.toFixed(4)},${k.longitude.toFixed(4)},${k.days}`,
    ),
    news: loaderFor(sources.news, context, (k) => `${k.limit}:${k.query.trim().toLowerCase()}`),
    quote: loaderFor(sources.quotes, context, (symbol) => symbol.trim().toUpperCase()),
    rate: loaderFor(
      sources.rates,
      context,
      (k) => `${k.base.toUpperCase()}/${k.target.toUpperCase()}`,
    ),
    search: loaderFor(sources.search, context, (k) => `${k.k}:${k.query.trim()}`),
  };
}

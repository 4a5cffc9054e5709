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
import type { Source } from './sources/types.js';

export interface Loaders {
  geocode: DataLoader<string, GeocodeResult>;
  forecast: DataLoader<ForecastKey, Forecast, string>;
  news: DataLoader<NewsKey, NewsPage, string>;
  quote: DataLoader<string, Quote>;
  rate: DataLoader<RateKey, ExchangeRate, string>;
  search: DataLoader<SearchKey, Passage[], string>;
}

function loaderFor<K, V, C = K>(source: Source<K, V>, cacheKeyFn?: (key: K) => C) {
  // DataLoader wants a mutable array; the source contract already returns one in key order.
  return new DataLoader<K, V, C>((keys) => source.loadMany(keys), {
    cacheKeyFn,
    name: source.name,
  });
}

/** One DataLoader per source, so a query naming the same thing twice makes one upstream call. */
export function createLoaders(sources: Sources): Loaders {
  return {
    // The qualifier is part of the key: "Paris" and "Paris, Texas" are different places.
    geocode: loaderFor(sources.geocoder, geocodeKey),
    forecast: loaderFor(
      sources.forecast,
      (k) => `${k.latitude.toFixed(4)},${k.longitude.toFixed(4)},${k.days}`,
    ),
    news: loaderFor(sources.news, (k) => `${k.limit}:${k.query.trim().toLowerCase()}`),
    quote: loaderFor(sources.quotes, (symbol) => symbol.trim().toUpperCase()),
    rate: loaderFor(sources.rates, (k) => `${k.base.toUpperCase()}/${k.target.toUpperCase()}`),
    search: loaderFor(sources.search, (k) => `${k.k}:${k.query.trim()}`),
  };
}

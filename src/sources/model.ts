/**
 * The source model: what adapters return and resolvers translate into the GraphQL contract. These
 * are codegen `mappers`, so resolvers are typed against them. Every value is JSON-safe (it goes
 * through Redis): times are ISO strings.
 */
import type { Fetched } from './cached.js';

/** A geocoded place. */
export interface Place {
  name: string;
  /** Country name; absent when the geocoder has none (e.g. oceans). */
  country: string | null;
  countryCode: string | null;
  latitude: number;
  longitude: number;
  /** IANA zone, e.g. `Europe/Berlin`. */
  timezone: string;
  /** First-level administrative area (state, region) for disambiguation. */
  admin1: string | null;
  population: number | null;
}

export interface CurrentConditions {
  /** ISO 8601 UTC instant of the observation. */
  time: string;
  temperatureC: number | null;
  apparentTemperatureC: number | null;
  /** Relative humidity, percent. */
  humidity: number | null;
  windSpeedKmh: number | null;
  precipitationMm: number | null;
  /** WMO weather interpretation code (0–99), whichever provider served. */
  weatherCode: number | null;
}

export interface DailyForecast {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  minC: number | null;
  maxC: number | null;
  precipitationMm: number | null;
  weatherCode: number | null;
}

/** Key of a forecast: coordinates are rounded to 4 decimals (about 10 m) before keying. */
export interface ForecastKey {
  latitude: number;
  longitude: number;
  /** Days of daily forecast, 1–16. */
  days: number;
}

export interface Forecast extends Fetched {
  current: CurrentConditions | null;
  daily: DailyForecast[];
  provider: string;
  /** Licence attribution the provider requires, e.g. `Weather data by Open-Meteo.com (CC BY 4.0)`. */
  attribution: string;
}

export interface GeocodeResult extends Fetched {
  place: Place;
  provider: string;
}

/** What `weather` resolves to: the place joined with its forecast. */
export interface WeatherModel {
  place: Place;
  forecast: Forecast;
}

export interface Article {
  /** Stable id: provider-prefixed (`hn:123`) or a hash of the URL. */
  id: string;
  title: string;
  url: string | null;
  /** Publication or site name (NewsAPI `source.name`; HN `news.ycombinator.com`). */
  source: string;
  author: string | null;
  /** ISO 8601 instant. */
  publishedAt: string;
  summary: string | null;
  provider: string;
}

export interface NewsKey {
  query: string;
  limit: number;
}

export interface NewsPage extends Fetched {
  articles: Article[];
  provider: string;
}

export type AssetClass = 'EQUITY' | 'CRYPTO' | 'FX';

export interface Quote extends Fetched {
  /** The symbol as the client asked for it, normalised to upper case (`AAPL`, `BTC-USD`, `EURUSD=X`). */
  symbol: string;
  name: string | null;
  price: number;
  currency: string | null;
  change: number | null;
  changePercent: number | null;
  previousClose: number | null;
  /** ISO instant of the price (the market's time, not ours). */
  asOf: string;
  provider: string;
}

export interface RateKey {
  base: string;
  target: string;
}

export interface ExchangeRate extends Fetched {
  base: string;
  target: string;
  rate: number;
  /** YYYY-MM-DD of the reference rate. */
  date: string;
  provider: string;
}

export interface SearchKey {
  query: string;
  k: number;
}

export interface Passage {
  /** Chunk id, `<documentId>#<n>`. */
  id: string;
  documentId: string;
  title: string | null;
  text: string;
  /** Cosine similarity, higher is better. */
  score: number;
  source: string | null;
  url: string | null;
}

export interface DocumentInput {
  id: string;
  title?: string | null;
  text: string;
  source?: string | null;
  url?: string | null;
}

export interface IngestResult {
  documents: number;
  chunks: number;
}

import type { EmulatedProvider } from '../types.js';
import { coinGeckoProvider } from './coingecko.js';
import { finnhubProvider } from './finnhub.js';
import { frankfurterProvider } from './frankfurter.js';
import { hnAlgoliaProvider } from './hn-algolia.js';
import { newsApiProvider } from './newsapi.js';
import { openAiProvider } from './openai.js';
import { openMeteoGeocodingProvider, openMeteoProvider } from './open-meteo.js';
import { openWeatherMapProvider } from './openweathermap.js';
import { stooqProvider } from './stooq.js';
import { yahooProvider } from './yahoo.js';

/** Every emulated provider, each mounted under `/<name>`. */
export function allProviders(): EmulatedProvider[] {
  return [
    openMeteoProvider(),
    openMeteoGeocodingProvider(),
    openWeatherMapProvider(),
    hnAlgoliaProvider(),
    newsApiProvider(),
    yahooProvider(),
    stooqProvider(),
    coinGeckoProvider(),
    frankfurterProvider(),
    finnhubProvider(),
    openAiProvider(),
  ];
}

import type { ProviderEmulator } from './server.js';

/** The base-URL variables that point every provider at the emulator. */
export function emulatorEnv(emulator: ProviderEmulator): Record<string, string> {
  return {
    OPEN_METEO_BASE_URL: emulator.baseUrl('open-meteo'),
    OPEN_METEO_GEOCODING_BASE_URL: emulator.baseUrl('open-meteo-geocoding'),
    OPENWEATHERMAP_BASE_URL: emulator.baseUrl('openweathermap'),
    HN_ALGOLIA_BASE_URL: emulator.baseUrl('hn-algolia'),
    NEWSAPI_BASE_URL: emulator.baseUrl('newsapi'),
    YAHOO_FINANCE_BASE_URL: emulator.baseUrl('yahoo'),
    STOOQ_BASE_URL: emulator.baseUrl('stooq'),
    FRANKFURTER_BASE_URL: emulator.baseUrl('frankfurter'),
    COINGECKO_BASE_URL: emulator.baseUrl('coingecko'),
    FINNHUB_BASE_URL: emulator.baseUrl('finnhub'),
    OPENAI_BASE_URL: `${emulator.baseUrl('openai')}/v1`,
  };
}

import { z } from 'zod';
import { badInput, isGatewayError, notFound } from '../errors.js';
import { loadManyCached } from './cached.js';
import { mapWithConcurrency } from './concurrency.js';
import { getUpstream, parseJson, unexpectedStatus } from './http.js';
import type { GeocodeResult } from './model.js';
import { openMeteoRejection, type WeatherSourceOptions } from './open-meteo.js';
import type { Source, SourceDeps } from './types.js';

const PROVIDER = 'open-meteo-geocoding';
/** Places do not move: a week. */
const TTL_SECONDS = 7 * 24 * 3600;

// Empty fields are omitted by the provider, so everything but the coordinates, name and zone is optional.
const resultSchema = z.object({
  name: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  timezone: z.string(),
  country: z.string().optional(),
  country_code: z.string().optional(),
  admin1: z.string().optional(),
  population: z.number().optional(),
});
/** No match is a body without `results`, not an empty array. */
const bodySchema = z.object({ results: z.array(resultSchema).optional() });

/** The name as sent: trimmed, inner runs of spaces collapsed. */
const cleanName = (name: string) => name.trim().replace(/\s+/g, ' ');

/**
 * Open-Meteo geocoding: a typed place name to its best match (`count=1`). One call per distinct
 * name (the API takes one name), run concurrently; names differing only in case or spacing share
 * one cache entry.
 */
export function createOpenMeteoGeocodingSource(
  deps: SourceDeps & WeatherSourceOptions,
): Source<string, GeocodeResult> {
  const { cache, logger, ...options } = deps;

  async function search(name: string): Promise<GeocodeResult> {
    const url = new URL(`${deps.baseUrl}/v1/search`);
    url.searchParams.set('name', name);
    url.searchParams.set('count', '1');
    url.searchParams.set('language', 'en');
    url.searchParams.set('format', 'json');
    if (deps.apiKey) url.searchParams.set('apikey', deps.apiKey);
    const response = await getUpstream({
      fetch: deps.fetch,
      provider: PROVIDER,
      url,
      timeoutMs: deps.timeoutMs,
    });
    if (response.status === 400) throw openMeteoRejection(PROVIDER, response.text, logger);
    if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
    const first = parseJson(PROVIDER, response.text, bodySchema).results?.[0];
    if (!first) throw notFound(`No place named ${name}`, PROVIDER);
    return {
      place: {
        name: first.name,
        country: first.country ?? null,
        countryCode: first.country_code ?? null,
        latitude: first.latitude,
        longitude: first.longitude,
        timezone: first.timezone,
        admin1: first.admin1 ?? null,
        population: first.population ?? null,
      },
      provider: PROVIDER,
      fetchedAt: new Date().toISOString(),
      ttlSeconds: TTL_SECONDS,
    };
  }

  function load(names: readonly string[]): Promise<Array<GeocodeResult | Error>> {
    return mapWithConcurrency(names, options.concurrency ?? 8, async (raw) => {
      const name = cleanName(raw);
      // The provider answers 0-1 characters with nothing; say why instead of "not found".
      if (name.length < 2) return badInput('A place name needs at least 2 characters');
      try {
        return await search(name);
      } catch (error) {
        if (isGatewayError(error)) return error;
        throw error;
      }
    });
  }

  return {
    name: PROVIDER,
    loadMany(names) {
      return loadManyCached(names, {
        cache,
        keyOf: (name) => `search:en:1:${cleanName(name).toLowerCase()}`,
        ttlSeconds: TTL_SECONDS,
        graceSeconds: options.graceSeconds ?? 3600,
        load,
      });
    },
  };
}

import { z } from 'zod';
import { badInput, isGatewayError, notFound } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import { loadManyCached } from './cached.js';
import { mapWithConcurrency } from './concurrency.js';
import { getUpstream, parseJson, unexpectedStatus } from './http.js';
import type { GeocodeResult, Place } from './model.js';
import { openMeteoRejection, type WeatherSourceOptions } from './open-meteo.js';
import { describeCandidate, geocodeKey, pickQualified, splitQualifier } from './place-qualifier.js';
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

/** Candidates asked for when a qualifier must pick among places of the same name. */
const QUALIFIED_COUNT = 20;

/**
 * Open-Meteo geocoding: a typed place name to its best match (`count=1`). A qualified name
 * ("Paris, Texas", "Portland, OR": see place-qualifier.ts) asks for several candidates of the
 * name and takes the best whose region (admin1), country or country code matches, NOT_FOUND when
 * none does. One call per distinct name (the API takes one name), run concurrently; names
 * differing only in case or spacing share one cache entry.
 */
export function createOpenMeteoGeocodingSource(
  deps: SourceDeps & WeatherSourceOptions,
): Source<string, GeocodeResult> {
  const { cache, logger, ...options } = deps;

  async function search(
    name: string,
    qualifiers: readonly string[],
    scope: SourceScope | undefined,
  ): Promise<GeocodeResult> {
    const url = new URL(`${deps.baseUrl}/v1/search`);
    url.searchParams.set('name', name);
    url.searchParams.set('count', qualifiers.length > 0 ? String(QUALIFIED_COUNT) : '1');
    url.searchParams.set('language', 'en');
    url.searchParams.set('format', 'json');
    if (deps.apiKey) url.searchParams.set('apikey', deps.apiKey);
    const response = await getUpstream({
      fetch: deps.fetch,
      provider: PROVIDER,
      url,
      timeoutMs: deps.timeoutMs,
      scope,
    });
    if (response.status === 400) throw openMeteoRejection(PROVIDER, response.text, logger);
    if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
    const candidates = (parseJson(PROVIDER, response.text, bodySchema).results ?? []).map(
      (r): Place => ({
        name: r.name,
        country: r.country ?? null,
        countryCode: r.country_code ?? null,
        latitude: r.latitude,
        longitude: r.longitude,
        timezone: r.timezone,
        admin1: r.admin1 ?? null,
        population: r.population ?? null,
      }),
    );
    if (candidates.length === 0) throw notFound(`No place named ${name}`, PROVIDER);
    const place = pickQualified(candidates, qualifiers);
    if (!place) {
      const among = candidates.slice(0, 5).map(describeCandidate).join('; ');
      throw notFound(
        `No place named ${name} in ${qualifiers.join(', ')} (the geocoder knows ${among})`,
        PROVIDER,
      );
    }
    return {
      place,
      provider: PROVIDER,
      fetchedAt: new Date().toISOString(),
      ttlSeconds: TTL_SECONDS,
    };
  }

  function load(
    names: readonly string[],
    scope: SourceScope | undefined,
  ): Promise<Array<GeocodeResult | Error>> {
    return mapWithConcurrency(names, options.concurrency ?? 8, async (raw) => {
      const { name, qualifiers } = splitQualifier(raw);
      // The provider answers 0-1 characters with nothing; say why instead of "not found".
      if (name.length < 2) return badInput('A place name needs at least 2 characters');
      try {
        return await search(name, qualifiers, scope);
      } catch (error) {
        if (isGatewayError(error)) return error;
        throw error;
      }
    });
  }

  return {
    name: PROVIDER,
    loadMany(names, context) {
      return loadManyCached(names, {
        scope: context?.scope,
        cache,
        // Unqualified keys are unchanged (`search:en:1:paris`); qualified: `search:en:q:paris|texas`.
        keyOf: (name) => {
          const key = geocodeKey(name);
          return `search:en:${key.includes('|') ? 'q' : '1'}:${key}`;
        },
        ttlSeconds: TTL_SECONDS,
        graceSeconds: options.graceSeconds ?? 3600,
        load,
      });
    },
  };
}

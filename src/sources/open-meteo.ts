import { z } from 'zod';
import { badInput, isGatewayError, ErrorCode, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SourceScope } from '../resilience/scope.js';
import { loadManyCached } from './cached.js';
import { mapWithConcurrency } from './concurrency.js';
import { badResponse, getUpstream, parseJson, unexpectedStatus } from './http.js';
import type { Forecast, ForecastKey } from './model.js';
import type { Source, SourceDeps } from './types.js';

const PROVIDER = 'open-meteo';
const TTL_SECONDS = 600;
export const OPEN_METEO_ATTRIBUTION = 'Weather data by Open-Meteo.com (CC BY 4.0)';
const CURRENT =
  'temperature_2m,apparent_temperature,relative_humidity_2m,wind_speed_10m,precipitation,weather_code';
const DAILY = 'weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum';

/** Options of the weather sources besides their deps. */
export interface WeatherSourceOptions {
  /** How long past its TTL a value may be served, marked stale, when the upstream fails (default 3600). */
  graceSeconds?: number;
  /** Most upstream calls in flight at once (default 8). */
  concurrency?: number;
  /** Open-Meteo only: most coordinates sent in one call (default 100), to bound the URL length. */
  maxLocationsPerCall?: number;
}

const value = z.number().nullable();
const column = z.array(z.number().nullable());
const locationSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
  utc_offset_seconds: z.number().int(),
  current: z.object({
    time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
    temperature_2m: value,
    apparent_temperature: value,
    relative_humidity_2m: value,
    wind_speed_10m: value,
    precipitation: value,
    weather_code: value,
  }),
  daily: z.object({
    time: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    weather_code: column,
    temperature_2m_max: column,
    temperature_2m_min: column,
    precipitation_sum: column,
  }),
});
type Location = z.infer<typeof locationSchema>;
/** One location answers with an object, several with an array in the order asked. */
const bodySchema = z.union([locationSchema, z.array(locationSchema)]);
const errorSchema = z.object({ error: z.literal(true), reason: z.string() });

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The key with coordinates rounded to 4 decimals (about 11 m): what is requested and cached. */
export function normaliseForecastKey(key: ForecastKey): ForecastKey {
  return { latitude: round4(key.latitude), longitude: round4(key.longitude), days: key.days };
}

/** BAD_USER_INPUT for a forecast key no provider can answer (shared by both forecast sources). */
export function checkForecastKey(key: ForecastKey): GatewayError | undefined {
  if (!Number.isInteger(key.days) || key.days < 1 || key.days > 16) {
    return badInput('days must be an integer from 1 to 16');
  }
  if (!(Math.abs(key.latitude) <= 90)) return badInput('latitude must be between -90 and 90');
  if (!(Math.abs(key.longitude) <= 180)) return badInput('longitude must be between -180 and 180');
  return undefined;
}

/**
 * Open-Meteo's 400 (`{error, reason}`) means the gateway built a bad request, not that the client
 * asked for something wrong: the reason is logged, the client sees an upstream failure.
 */
export function openMeteoRejection(provider: string, text: string, logger: Logger): GatewayError {
  const parsed = errorSchema.safeParse(safeJson(text));
  logger.warn(
    { provider, reason: parsed.success ? parsed.data.reason : undefined },
    'request rejected',
  );
  return new GatewayError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `${provider} rejected the request (HTTP 400)`,
    {
      provider,
    },
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `2023-11-13T10:45` in a zone `offsetSeconds` east of UTC, as a UTC ISO instant. */
function localToUtc(local: string, offsetSeconds: number): string {
  return new Date(Date.parse(`${local}Z`) - offsetSeconds * 1000).toISOString();
}

function toForecast(location: Location, days: number): Forecast {
  const { current, daily } = location;
  return {
    current: {
      time: localToUtc(current.time, location.utc_offset_seconds),
      temperatureC: current.temperature_2m,
      apparentTemperatureC: current.apparent_temperature,
      humidity: current.relative_humidity_2m,
      windSpeedKmh: current.wind_speed_10m,
      precipitationMm: current.precipitation,
      weatherCode: current.weather_code,
    },
    daily: daily.time.slice(0, days).map((date, i) => ({
      date,
      minC: daily.temperature_2m_min[i] ?? null,
      maxC: daily.temperature_2m_max[i] ?? null,
      precipitationMm: daily.precipitation_sum[i] ?? null,
      weatherCode: daily.weather_code[i] ?? null,
    })),
    provider: PROVIDER,
    attribution: OPEN_METEO_ATTRIBUTION,
    fetchedAt: new Date().toISOString(),
    ttlSeconds: TTL_SECONDS,
  };
}

/**
 * Open-Meteo forecasts (keyless; `apikey` for the commercial host). Every key with the same `days`
 * goes in one call with comma-separated coordinates; a failed call fails each of its keys.
 */
export function createOpenMeteoSource(
  deps: SourceDeps & WeatherSourceOptions,
): Source<ForecastKey, Forecast> {
  const { cache, logger, ...options } = deps;
  const maxPerCall = options.maxLocationsPerCall ?? 100;

  async function fetchBatch(
    keys: readonly ForecastKey[],
    scope: SourceScope | undefined,
  ): Promise<Forecast[]> {
    const days = (keys[0] as ForecastKey).days;
    const url = new URL(`${deps.baseUrl}/v1/forecast`);
    url.searchParams.set('latitude', keys.map((k) => k.latitude).join(','));
    url.searchParams.set('longitude', keys.map((k) => k.longitude).join(','));
    url.searchParams.set('current', CURRENT);
    url.searchParams.set('daily', DAILY);
    url.searchParams.set('timezone', 'auto');
    url.searchParams.set('forecast_days', String(days));
    url.searchParams.set('wind_speed_unit', 'kmh');
    url.searchParams.set('timeformat', 'iso8601');
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
    const body = parseJson(PROVIDER, response.text, bodySchema);
    const locations = Array.isArray(body) ? body : [body];
    if (locations.length !== keys.length)
      throw badResponse(PROVIDER, 'a different number of locations');
    return locations.map((location) => toForecast(location, days));
  }

  async function load(
    keys: readonly ForecastKey[],
    scope: SourceScope | undefined,
  ): Promise<Array<Forecast | Error>> {
    const results = new Array<Forecast | Error>(keys.length);
    const batches = new Map<number, number[]>();
    keys.forEach((key, i) => {
      const invalid = checkForecastKey(key);
      if (invalid) results[i] = invalid;
      else batches.set(key.days, [...(batches.get(key.days) ?? []), i]);
    });
    const calls = [...batches.values()].flatMap((slots) => chunk(slots, maxPerCall));
    await mapWithConcurrency(calls, options.concurrency ?? 8, async (slots) => {
      try {
        const forecasts = await fetchBatch(
          slots.map((i) => keys[i] as ForecastKey),
          scope,
        );
        slots.forEach((slot, j) => (results[slot] = forecasts[j] as Forecast));
      } catch (error) {
        if (!isGatewayError(error)) throw error;
        for (const slot of slots) results[slot] = error;
      }
    });
    return results;
  }

  return {
    name: PROVIDER,
    loadMany(keys, context) {
      return loadManyCached(keys.map(normaliseForecastKey), {
        scope: context?.scope,
        cache,
        keyOf: (k) => `forecast:v1:${k.latitude},${k.longitude}:${k.days}`,
        ttlSeconds: TTL_SECONDS,
        graceSeconds: options.graceSeconds ?? 3600,
        load,
      });
    },
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

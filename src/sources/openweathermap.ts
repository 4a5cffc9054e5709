import { z } from 'zod';
import { ErrorCode, GatewayError, isGatewayError, notFound } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import { loadManyCached } from './cached.js';
import { mapWithConcurrency } from './concurrency.js';
import { getUpstream, parseJson, unexpectedStatus } from './http.js';
import type { CurrentConditions, DailyForecast, Forecast, ForecastKey } from './model.js';
import { checkForecastKey, normaliseForecastKey, type WeatherSourceOptions } from './open-meteo.js';
import type { Source, SourceDeps } from './types.js';
import { owmToWmo } from './wmo.js';

const PROVIDER = 'openweathermap';
const TTL_SECONDS = 600;
/** The free 5 day / 3 hour forecast: more days are answered with 5. */
const MAX_DAYS = 5;
export const OPENWEATHERMAP_ATTRIBUTION = 'Weather data by OpenWeather (openweathermap.org)';

/** `cod` is the number 200 in `/weather`, the string "200" in `/forecast`, "404" or 401 in errors. */
const cod = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const envelopeSchema = z.object({ cod: cod.optional() });
const conditions = z.array(z.object({ id: z.number() }));
const amount = (window: '1h' | '3h') => z.object({ [window]: z.number().optional() }).optional();

const currentSchema = z.object({
  dt: z.number(),
  main: z.object({
    temp: z.number(),
    feels_like: z.number().nullish(),
    humidity: z.number().nullish(),
  }),
  wind: z.object({ speed: z.number().nullish() }).optional(),
  rain: amount('1h'),
  snow: amount('1h'),
  weather: conditions,
});
const forecastSchema = z.object({
  list: z.array(
    z.object({
      dt: z.number(),
      main: z.object({ temp_min: z.number(), temp_max: z.number() }),
      rain: amount('3h'),
      snow: amount('3h'),
      weather: conditions,
    }),
  ),
  /** Seconds east of UTC of the location: the local day of each 3-hour step. */
  city: z.object({ timezone: z.number() }),
});

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Days 6-16 ask the same question as 5: keyed alike, they share a cache entry. */
function capDays(key: ForecastKey): ForecastKey {
  const normal = normaliseForecastKey(key);
  return normal.days > MAX_DAYS && normal.days <= 16 ? { ...normal, days: MAX_DAYS } : normal;
}

/** The error for an OpenWeatherMap status, whether sent as the HTTP status or as `cod` in a 200. */
function statusError(status: number): GatewayError {
  if (status === 401) {
    return new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, `${PROVIDER} rejected our API key`, {
      provider: PROVIDER,
    });
  }
  if (status === 404) return notFound(`${PROVIDER} has no weather for this location`, PROVIDER);
  if (status === 429) {
    return new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, `${PROVIDER} is rate limiting us`, {
      provider: PROVIDER,
    });
  }
  return unexpectedStatus(PROVIDER, status);
}

function toCurrent(body: z.infer<typeof currentSchema>): CurrentConditions {
  const speed = body.wind?.speed;
  const condition = body.weather[0];
  return {
    time: new Date(body.dt * 1000).toISOString(),
    temperatureC: body.main.temp,
    apparentTemperatureC: body.main.feels_like ?? null,
    humidity: body.main.humidity ?? null,
    windSpeedKmh: speed == null ? null : round2(speed * 3.6),
    // Absent `rain` and `snow` mean none fell.
    precipitationMm: round2((body.rain?.['1h'] ?? 0) + (body.snow?.['1h'] ?? 0)),
    weatherCode: condition ? owmToWmo(condition.id) : null,
  };
}

/**
 * Groups the 3-hour steps by local date. The day's code is the highest WMO code of its steps, which
 * is the most severe one and how Open-Meteo builds its own daily `weather_code`.
 */
function toDaily(body: z.infer<typeof forecastSchema>, days: number): DailyForecast[] {
  const byDate = new Map<string, z.infer<typeof forecastSchema>['list']>();
  for (const step of body.list) {
    const date = new Date((step.dt + body.city.timezone) * 1000).toISOString().slice(0, 10);
    byDate.set(date, [...(byDate.get(date) ?? []), step]);
  }
  return [...byDate].slice(0, days).map(([date, steps]) => {
    const codes = steps.flatMap((s) => (s.weather[0] ? [owmToWmo(s.weather[0].id)] : []));
    return {
      date,
      minC: Math.min(...steps.map((s) => s.main.temp_min)),
      maxC: Math.max(...steps.map((s) => s.main.temp_max)),
      precipitationMm: round2(
        steps.reduce((sum, s) => sum + (s.rain?.['3h'] ?? 0) + (s.snow?.['3h'] ?? 0), 0),
      ),
      weatherCode: codes.length > 0 ? Math.max(...codes) : null,
    };
  });
}

/**
 * OpenWeatherMap (keyed, `appid`): per key one `/data/2.5/weather` and one `/data/2.5/forecast`
 * call, in parallel (the API takes one location per call). At most 5 days of daily forecast.
 */
export function createOpenWeatherMapSource(
  deps: SourceDeps & WeatherSourceOptions,
): Source<ForecastKey, Forecast> {
  const { cache, ...options } = deps;

  async function get<S extends z.ZodType>(
    path: string,
    key: ForecastKey,
    schema: S,
    scope: SourceScope | undefined,
  ): Promise<z.infer<S>> {
    const url = new URL(`${deps.baseUrl}/data/2.5/${path}`);
    url.searchParams.set('lat', String(key.latitude));
    url.searchParams.set('lon', String(key.longitude));
    url.searchParams.set('units', 'metric');
    url.searchParams.set('appid', deps.apiKey ?? '');
    const response = await getUpstream({
      fetch: deps.fetch,
      provider: PROVIDER,
      url,
      timeoutMs: deps.timeoutMs,
      scope,
    });
    if (response.status !== 200) throw statusError(response.status);
    const { cod: status } = parseJson(PROVIDER, response.text, envelopeSchema);
    // Some errors (rate limits among them) have been seen sent with HTTP 200 and the status in `cod`.
    if (status !== undefined && status !== 200) throw statusError(status);
    return parseJson(PROVIDER, response.text, schema);
  }

  async function forecast(
    key: ForecastKey,
    scope: SourceScope | undefined,
  ): Promise<Forecast | Error> {
    const invalid = checkForecastKey(key);
    if (invalid) return invalid;
    if (!deps.apiKey) {
      return new GatewayError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        `${PROVIDER} has no API key configured`,
        {
          provider: PROVIDER,
        },
      );
    }
    try {
      const [now, steps] = await Promise.all([
        get('weather', key, currentSchema, scope),
        get('forecast', key, forecastSchema, scope),
      ]);
      return {
        current: toCurrent(now),
        daily: toDaily(steps, Math.min(key.days, MAX_DAYS)),
        provider: PROVIDER,
        attribution: OPENWEATHERMAP_ATTRIBUTION,
        fetchedAt: new Date().toISOString(),
        ttlSeconds: TTL_SECONDS,
      };
    } catch (error) {
      if (isGatewayError(error)) return error;
      throw error;
    }
  }

  return {
    name: PROVIDER,
    loadMany(keys, context) {
      return loadManyCached(keys.map(capDays), {
        scope: context?.scope,
        cache,
        keyOf: (k) => `forecast:v1:${k.latitude},${k.longitude}:${k.days}`,
        ttlSeconds: TTL_SECONDS,
        graceSeconds: options.graceSeconds ?? 3600,
        load: (misses, scope) =>
          mapWithConcurrency(misses, options.concurrency ?? 8, (key) => forecast(key, scope)),
      });
    },
  };
}

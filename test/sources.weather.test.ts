import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMemoryCache } from '../src/cache/memory.js';
import type { Cache } from '../src/cache/types.js';
import {
  openMeteoGeocodingProvider,
  openMeteoProvider,
} from '../src/emulator/providers/open-meteo.js';
import { openWeatherMapProvider } from '../src/emulator/providers/openweathermap.js';
import { startEmulator, type ProviderEmulator } from '../src/emulator/server.js';
import type { EmulatedResponse } from '../src/emulator/types.js';
import { ErrorCode, isGatewayError, type GatewayError } from '../src/errors.js';
import { createSilentLogger } from '../src/logger.js';
import type { Forecast, ForecastKey } from '../src/sources/model.js';
import { createOpenMeteoGeocodingSource } from '../src/sources/open-meteo-geocoding.js';
import { createOpenMeteoSource } from '../src/sources/open-meteo.js';
import { createOpenWeatherMapSource } from '../src/sources/openweathermap.js';
import type { SourceDeps } from '../src/sources/types.js';
import { describeWmoCode, owmToWmo } from '../src/sources/wmo.js';
import { describeSourceContract } from './support/source-contract.js';

const BERLIN: ForecastKey = { latitude: 52.52, longitude: 13.41, days: 3 };
const TOKYO: ForecastKey = { latitude: 35.6895, longitude: 139.6917, days: 3 };
const SYDNEY: ForecastKey = { latitude: -33.8679, longitude: 151.2073, days: 3 };
const JSON_TYPE = 'application/json; charset=utf-8';

function depsFor(emulator: ProviderEmulator, provider: string, extra: Partial<SourceDeps> = {}) {
  return {
    fetch: globalThis.fetch,
    cache: createMemoryCache({ maxEntries: 1000 }),
    logger: createSilentLogger(),
    baseUrl: emulator.baseUrl(provider),
    timeoutMs: 2000,
    ...extra,
  };
}

/** Sends a logged call again (the log holds the path and query under a placeholder host). */
const replay = (emulator: ProviderEmulator, call: URL) =>
  fetch(`${emulator.url}${call.pathname}${call.search}`);

const respond = (
  status: number,
  body: unknown,
  contentType = JSON_TYPE,
): { fault: { kind: 'respond'; response: EmulatedResponse } } => ({
  fault: {
    kind: 'respond',
    response: { status, body: typeof body === 'string' ? body : JSON.stringify(body), contentType },
  },
});

function assertCode(value: unknown, code: ErrorCode): asserts value is GatewayError {
  assert.ok(isGatewayError(value), `expected a GatewayError, got ${String(value)}`);
  assert.equal(value.code, code, value.message);
}

/** A weather-only emulator, so these tests do not depend on the other domains' providers. */
function weatherEmulator() {
  let emulator: ProviderEmulator;
  before(async () => {
    emulator = await startEmulator({
      providers: [openMeteoProvider(), openMeteoGeocodingProvider(), openWeatherMapProvider()],
    });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.clearFaults();
    emulator.resetCalls();
  });
  return () => emulator;
}

describeSourceContract({
  provider: 'open-meteo-geocoding',
  create: ({ emulator, cache }) =>
    createOpenMeteoGeocodingSource({ ...depsFor(emulator, 'open-meteo-geocoding'), cache }),
  present: ['Berlin', 'Tokyo'],
  missing: 'Xyzzyville',
  matches: (name, value) => value.place.name.toLowerCase() === name.toLowerCase(),
});

// A coordinate has no "not found" at Open-Meteo (nor at OpenWeatherMap by lat/lon): the failing
// key is one no provider can answer (latitude 95), BAD_USER_INPUT in its slot.
// Different days, so each answer shows which key it belongs to.
const FORECAST_KEYS: ForecastKey[] = [
  { ...BERLIN, days: 2 },
  { ...TOKYO, days: 3 },
];
for (const [provider, create] of [
  [
    'open-meteo',
    (e: ProviderEmulator, cache: Cache) =>
      createOpenMeteoSource({ ...depsFor(e, 'open-meteo'), cache }),
  ],
  [
    'openweathermap',
    (e: ProviderEmulator, cache: Cache) =>
      createOpenWeatherMapSource({
        ...depsFor(e, 'openweathermap', { apiKey: 'test-key' }),
        cache,
      }),
  ],
] as const) {
  describeSourceContract<ForecastKey, Forecast>({
    provider,
    create: ({ emulator, cache }) => create(emulator, cache),
    present: FORECAST_KEYS,
    missing: { latitude: 95, longitude: 0, days: 2 },
    missingCode: ErrorCode.BAD_USER_INPUT,
    matches: (key, value) => value.daily.length === key.days && value.provider === provider,
  });
}

describe('WMO codes', () => {
  const documented = [
    200, 201, 202, 210, 211, 212, 221, 230, 231, 232, 300, 301, 302, 310, 311, 312, 313, 314, 321,
    500, 501, 502, 503, 504, 511, 520, 521, 522, 531, 600, 601, 602, 611, 612, 613, 615, 616, 620,
    621, 622, 701, 711, 721, 731, 741, 751, 761, 762, 771, 781, 800, 801, 802, 803, 804,
  ];

  it('maps every documented OpenWeatherMap id to a described WMO code', () => {
    for (const id of documented) assert.ok(describeWmoCode(owmToWmo(id)), `id ${id}`);
  });

  it('maps the groups to the right WMO meaning', () => {
    const cases: Array<[number, number]> = [
      [211, 95],
      [300, 51],
      [302, 55],
      [500, 61],
      [501, 63],
      [502, 65],
      [511, 66],
      [521, 81],
      [600, 71],
      [602, 75],
      [611, 66],
      [621, 85],
      [622, 86],
      [741, 45],
      [701, 45],
      [721, 3],
      [800, 0],
      [801, 1],
      [802, 2],
      [803, 3],
      [804, 3],
      [599, 63],
    ];
    for (const [id, wmo] of cases) assert.equal(owmToWmo(id), wmo, `id ${id}`);
  });

  it('describes documented codes and nothing else', () => {
    assert.equal(describeWmoCode(0), 'Clear sky');
    assert.equal(describeWmoCode(99), 'Thunderstorm with heavy hail');
    assert.equal(describeWmoCode(4), null);
    assert.equal(describeWmoCode(null), null);
  });
});

describe('open-meteo source', () => {
  const emulator = weatherEmulator();
  const source = (extra: Partial<SourceDeps> = {}) =>
    createOpenMeteoSource(depsFor(emulator(), 'open-meteo', extra));

  it('sends every key with the same days in one call, coordinates in key order', async () => {
    const results = await source().loadMany([BERLIN, TOKYO, SYDNEY]);
    assert.ok(results.every((r) => !(r instanceof Error)));
    const requests = emulator().requests('open-meteo');
    assert.equal(requests.length, 1);
    const params = (requests[0] as URL).searchParams;
    assert.equal(params.get('latitude'), '52.52,35.6895,-33.8679');
    assert.equal(params.get('longitude'), '13.41,139.6917,151.2073');
    assert.equal(params.get('forecast_days'), '3');
    assert.equal(params.get('timezone'), 'auto');
    assert.equal(
      params.get('current'),
      'temperature_2m,apparent_temperature,relative_humidity_2m,wind_speed_10m,precipitation,weather_code',
    );
    assert.equal(
      params.get('daily'),
      'weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum',
    );
    assert.equal(params.get('wind_speed_unit'), 'kmh');
    assert.equal(params.get('timeformat'), 'iso8601');
    assert.equal(params.get('apikey'), null);
  });

  it('gives each location its own forecast', async () => {
    const keys = [BERLIN, TOKYO, SYDNEY];
    const results = await source().loadMany(keys);
    for (const [i, key] of keys.entries()) {
      const url = new URL(`${emulator().baseUrl('open-meteo')}/v1/forecast`);
      url.search = new URLSearchParams({
        latitude: String(key.latitude),
        longitude: String(key.longitude),
        daily: 'weather_code,temperature_2m_max',
        timezone: 'auto',
        forecast_days: '3',
      }).toString();
      const direct = (await (await fetch(url)).json()) as {
        daily: { time: string[]; temperature_2m_max: number[] };
      };
      const forecast = results[i] as Forecast;
      assert.deepEqual(
        forecast.daily.map((d) => d.date),
        direct.daily.time,
      );
      assert.deepEqual(
        forecast.daily.map((d) => d.maxC),
        direct.daily.temperature_2m_max,
      );
    }
  });

  it('makes one call per distinct days value', async () => {
    const results = await source().loadMany([BERLIN, { ...TOKYO, days: 5 }, SYDNEY]);
    assert.equal(emulator().calls('open-meteo'), 2);
    assert.deepEqual(
      results.map((r) => (r as Forecast).daily.length),
      [3, 5, 3],
    );
  });

  it('maps the body: local time to a UTC instant, values, nulls, attribution', async () => {
    emulator().inject(
      'open-meteo',
      respond(200, {
        latitude: -12.5,
        longitude: 130.875,
        generationtime_ms: 0.05,
        utc_offset_seconds: 34200,
        timezone: 'Australia/Darwin',
        timezone_abbreviation: 'ACST',
        elevation: 29,
        current: {
          time: '2023-10-25T20:45',
          interval: 900,
          temperature_2m: 28.9,
          apparent_temperature: 33.1,
          relative_humidity_2m: 70,
          wind_speed_10m: 12.2,
          precipitation: 0.4,
          weather_code: 80,
        },
        daily: {
          time: ['2023-10-25', '2023-10-26'],
          weather_code: [80, null],
          temperature_2m_max: [33.5, 34],
          temperature_2m_min: [24.8, 25.1],
          precipitation_sum: [2.1, 0],
        },
      }),
    );
    const [forecast] = await source().loadMany([{ latitude: -12.46, longitude: 130.84, days: 2 }]);
    assert.ok(forecast && !(forecast instanceof Error), String(forecast));
    assert.deepEqual(forecast.current, {
      time: '2023-10-25T11:15:00.000Z',
      temperatureC: 28.9,
      apparentTemperatureC: 33.1,
      humidity: 70,
      windSpeedKmh: 12.2,
      precipitationMm: 0.4,
      weatherCode: 80,
    });
    assert.deepEqual(forecast.daily, [
      { date: '2023-10-25', minC: 24.8, maxC: 33.5, precipitationMm: 2.1, weatherCode: 80 },
      { date: '2023-10-26', minC: 25.1, maxC: 34, precipitationMm: 0, weatherCode: null },
    ]);
    assert.equal(forecast.provider, 'open-meteo');
    assert.equal(forecast.attribution, 'Weather data by Open-Meteo.com (CC BY 4.0)');
    assert.equal(forecast.ttlSeconds, 600);
    assert.ok(Date.now() - Date.parse(forecast.fetchedAt) < 60_000);
  });

  it('rounds coordinates to 4 decimals for the call and the cache', async () => {
    const results = await source().loadMany([BERLIN, { ...BERLIN, latitude: 52.52004 }]);
    assert.equal(results.length, 2);
    assert.equal(
      (emulator().requests('open-meteo')[0] as URL).searchParams.get('latitude'),
      '52.52',
    );
  });

  it('answers days outside 1-16 and impossible coordinates with BAD_USER_INPUT, without a call', async () => {
    const results = await source().loadMany([
      { ...BERLIN, days: 0 },
      { ...BERLIN, days: 17 },
      { ...BERLIN, longitude: 181 },
    ]);
    for (const value of results) assertCode(value, ErrorCode.BAD_USER_INPUT);
    assert.equal(emulator().calls('open-meteo'), 0);
  });

  it('turns a 400 into UPSTREAM_UNAVAILABLE without leaking the key or the URL', async () => {
    emulator().inject(
      'open-meteo',
      respond(400, {
        error: true,
        reason: 'Cannot initialize WeatherVariable from invalid String value x for key current',
      }),
    );
    const [value] = await source({ apiKey: 'sekret-123' }).loadMany([BERLIN]);
    assertCode(value, ErrorCode.UPSTREAM_UNAVAILABLE);
    assert.doesNotMatch(value.message, /sekret|http/);
    assert.equal(
      (emulator().requests('open-meteo')[0] as URL).searchParams.get('apikey'),
      'sekret-123',
    );
  });

  it('answers a malformed body or a wrong number of locations with UPSTREAM_BAD_RESPONSE', async () => {
    emulator().inject('open-meteo', respond(200, '{"latitude":"x"}'));
    assertCode((await source().loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_BAD_RESPONSE);
    emulator().inject('open-meteo', respond(200, 'not json', 'text/plain'));
    assertCode((await source().loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_BAD_RESPONSE);
    emulator().clearFaults();
    const single = await (
      await replay(emulator(), emulator().requests('open-meteo')[0] as URL)
    ).text();
    emulator().inject('open-meteo', respond(200, `[${single}]`));
    const results = await source().loadMany([BERLIN, TOKYO]);
    for (const value of results) assertCode(value, ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it('times out with UPSTREAM_TIMEOUT and a 429 is UPSTREAM_RATE_LIMITED', async () => {
    emulator().inject('open-meteo', { latencyMs: 300 });
    assertCode((await source({ timeoutMs: 50 }).loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_TIMEOUT);
    emulator().inject('open-meteo', respond(429, { error: true, reason: 'Too many requests' }));
    assertCode((await source().loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_RATE_LIMITED);
  });
});

describe('open-meteo-geocoding source', () => {
  const emulator = weatherEmulator();
  const source = (extra: Partial<SourceDeps> = {}) =>
    createOpenMeteoGeocodingSource(depsFor(emulator(), 'open-meteo-geocoding', extra));

  it('makes one call per distinct name with the documented parameters', async () => {
    const results = await source().loadMany(['Berlin', '  berlin ', 'New   York']);
    assert.deepEqual(results[0], results[1]);
    const requests = emulator().requests('open-meteo-geocoding');
    assert.equal(requests.length, 2);
    const names = requests.map((url) => url.searchParams.get('name')?.toLowerCase()).sort();
    assert.deepEqual(names, ['berlin', 'new york']);
    const params = (requests[0] as URL).searchParams;
    assert.equal(params.get('count'), '1');
    assert.equal(params.get('language'), 'en');
    assert.equal(params.get('format'), 'json');
  });

  it('maps the best match to a place', async () => {
    const [result] = await source().loadMany(['Berlin']);
    assert.ok(result && !(result instanceof Error));
    assert.deepEqual(result.place, {
      name: 'Berlin',
      country: 'Germany',
      countryCode: 'DE',
      latitude: 52.52437,
      longitude: 13.41053,
      timezone: 'Europe/Berlin',
      admin1: 'Land Berlin',
      population: 3426354,
    });
    assert.equal(result.provider, 'open-meteo-geocoding');
    assert.equal(result.ttlSeconds, 604800);
  });

  it('maps omitted fields to null', async () => {
    emulator().inject(
      'open-meteo-geocoding',
      respond(200, {
        results: [
          { id: 1, name: 'Point Nemo', latitude: -48.87, longitude: -123.39, timezone: 'GMT' },
        ],
        generationtime_ms: 0.3,
      }),
    );
    const [result] = await source().loadMany(['Point Nemo']);
    assert.ok(result && !(result instanceof Error));
    assert.equal(result.place.country, null);
    assert.equal(result.place.countryCode, null);
    assert.equal(result.place.admin1, null);
    assert.equal(result.place.population, null);
  });

  it('answers a name without results with NOT_FOUND', async () => {
    const [value] = await source().loadMany(['Xyzzyville']);
    assertCode(value, ErrorCode.NOT_FOUND);
    assert.equal(value.message, 'No place named Xyzzyville');
  });

  it('answers a name under 2 characters with BAD_USER_INPUT, without a call', async () => {
    const results = await source().loadMany(['B', '  ', 'Tokyo']);
    assertCode(results[0], ErrorCode.BAD_USER_INPUT);
    assertCode(results[1], ErrorCode.BAD_USER_INPUT);
    assert.ok(!(results[2] instanceof Error));
    assert.equal(emulator().calls('open-meteo-geocoding'), 1);
  });

  it('maps a 400, a malformed body and a timeout to upstream errors', async () => {
    emulator().inject(
      'open-meteo-geocoding',
      respond(400, { error: true, reason: 'Parameter count must be between 1 and 100.' }),
    );
    assertCode((await source().loadMany(['Paris']))[0], ErrorCode.UPSTREAM_UNAVAILABLE);
    emulator().inject('open-meteo-geocoding', respond(200, '{"results":[{"name":"Paris"}]}'));
    assertCode((await source().loadMany(['Paris']))[0], ErrorCode.UPSTREAM_BAD_RESPONSE);
    emulator().inject('open-meteo-geocoding', { latencyMs: 300 });
    assertCode(
      (await source({ timeoutMs: 50 }).loadMany(['Paris']))[0],
      ErrorCode.UPSTREAM_TIMEOUT,
    );
  });
});

/** A fetch answering by path suffix, for bodies the emulator would not produce on demand. */
function fakeFetch(routes: Record<string, { status?: number; body: unknown }>) {
  const urls: URL[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    urls.push(url);
    const route = Object.entries(routes).find(([suffix]) => url.pathname.endsWith(suffix))?.[1];
    if (!route) return new Response('{"cod":"404","message":"Internal error"}', { status: 404 });
    const body = typeof route.body === 'string' ? route.body : JSON.stringify(route.body);
    return new Response(body, {
      status: route.status ?? 200,
      headers: { 'content-type': JSON_TYPE },
    });
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

const OWM_CURRENT = {
  coord: { lon: 37.62, lat: 55.75 },
  weather: [{ id: 502, main: 'Rain', description: 'heavy intensity rain', icon: '10d' }],
  base: 'stations',
  main: { temp: 12.5, feels_like: 11.2, temp_min: 11, temp_max: 13, pressure: 1003, humidity: 81 },
  visibility: 8000,
  wind: { speed: 5, deg: 90 },
  rain: { '1h': 0.5 },
  snow: { '1h': 0.25 },
  clouds: { all: 90 },
  dt: 1742504400,
  timezone: 10800,
  id: 524901,
  name: 'Moscow',
  cod: 200,
};
const step = (dt: number, min: number, max: number, id: number, extra: object = {}) => ({
  dt,
  main: {
    temp: max,
    feels_like: max,
    temp_min: min,
    temp_max: max,
    pressure: 1010,
    humidity: 70,
    temp_kf: 0,
  },
  weather: [{ id, main: 'x', description: 'x', icon: '01d' }],
  clouds: { all: 0 },
  wind: { speed: 1, deg: 0, gust: 2 },
  visibility: 10000,
  pop: 0,
  ...extra,
  sys: { pod: 'd' },
  dt_txt: new Date(dt * 1000).toISOString().replace('T', ' ').slice(0, 19),
});
// 18:00Z is 21:00 on the 20th in UTC+3; 21:00Z and later are on the 21st, local time.
const OWM_FORECAST = {
  cod: '200',
  message: 0,
  cnt: 4,
  list: [
    step(1742493600, 10, 11, 802),
    step(1742504400, 8, 9, 800),
    step(1742515200, 6, 7.5, 500, { rain: { '3h': 1.2 } }),
    step(1742526000, 5, 6, 601, { snow: { '3h': 0.3 } }),
  ],
  city: {
    id: 524901,
    name: 'Moscow',
    coord: { lat: 55.75, lon: 37.62 },
    country: 'RU',
    population: 0,
    timezone: 10800,
    sunrise: 1,
    sunset: 2,
  },
};

describe('openweathermap source', () => {
  const emulator = weatherEmulator();
  const source = (extra: Partial<SourceDeps> = {}) =>
    createOpenWeatherMapSource(
      depsFor(emulator(), 'openweathermap', { apiKey: 'test-key', ...extra }),
    );
  const faked = (routes: Parameters<typeof fakeFetch>[0]) => {
    const fake = fakeFetch(routes);
    return { urls: fake.urls, source: source({ fetch: fake.fetch }) };
  };

  it('makes a current and a forecast call per key, in metric with the key', async () => {
    const results = await source().loadMany([BERLIN, TOKYO]);
    assert.ok(results.every((r) => !(r instanceof Error)));
    const requests = emulator().requests('openweathermap');
    assert.equal(requests.length, 4);
    assert.deepEqual(requests.map((u) => u.pathname.replace('/openweathermap', '')).sort(), [
      '/data/2.5/forecast',
      '/data/2.5/forecast',
      '/data/2.5/weather',
      '/data/2.5/weather',
    ]);
    for (const url of requests) {
      assert.equal(url.searchParams.get('units'), 'metric');
      assert.equal(url.searchParams.get('appid'), 'test-key');
    }
    assert.deepEqual(requests.map((u) => u.searchParams.get('lat')).sort(), [
      '35.6895',
      '35.6895',
      '52.52',
      '52.52',
    ]);
  });

  it('maps current conditions: WMO code, km/h, rain plus snow, UTC time', async () => {
    const { source: s } = faked({
      '/weather': { body: OWM_CURRENT },
      '/forecast': { body: OWM_FORECAST },
    });
    const [forecast] = await s.loadMany([{ latitude: 55.75, longitude: 37.62, days: 3 }]);
    assert.ok(forecast && !(forecast instanceof Error), String(forecast));
    assert.deepEqual(forecast.current, {
      time: '2025-03-20T21:00:00.000Z',
      temperatureC: 12.5,
      apparentTemperatureC: 11.2,
      humidity: 81,
      windSpeedKmh: 18,
      precipitationMm: 0.75,
      weatherCode: 65,
    });
    assert.equal(forecast.provider, 'openweathermap');
    assert.equal(forecast.attribution, 'Weather data by OpenWeather (openweathermap.org)');
    assert.equal(forecast.ttlSeconds, 600);
  });

  it('groups the 3-hour steps by local date: extremes, rain plus snow, the most severe code', async () => {
    const { source: s } = faked({
      '/weather': { body: OWM_CURRENT },
      '/forecast': { body: OWM_FORECAST },
    });
    const [forecast] = await s.loadMany([{ latitude: 55.75, longitude: 37.62, days: 3 }]);
    assert.ok(forecast && !(forecast instanceof Error));
    assert.deepEqual(forecast.daily, [
      { date: '2025-03-20', minC: 10, maxC: 11, precipitationMm: 0, weatherCode: 2 },
      { date: '2025-03-21', minC: 5, maxC: 9, precipitationMm: 1.5, weatherCode: 73 },
    ]);
  });

  it('maps the emulator answer consistently (codes from the WMO table, wind in km/h)', async () => {
    const [forecast] = await source().loadMany([{ ...BERLIN, days: 5 }]);
    assert.ok(forecast && !(forecast instanceof Error), String(forecast));
    assert.ok(describeWmoCode(forecast.current?.weatherCode ?? null));
    assert.equal(forecast.daily.length, 5);
    for (const day of forecast.daily) {
      assert.ok(describeWmoCode(day.weatherCode), `code ${day.weatherCode}`);
      assert.ok((day.minC as number) <= (day.maxC as number));
    }
    const call = emulator()
      .requests('openweathermap')
      .find((u) => u.pathname.endsWith('/weather')) as URL;
    const direct = (await (await replay(emulator(), call)).json()) as { wind: { speed: number } };
    // The current reading moves every 10 minutes; allow a step between the two calls.
    assert.ok(Math.abs((forecast.current?.windSpeedKmh as number) - direct.wind.speed * 3.6) < 15);
  });

  it('answers at most 5 days, and days 5 to 16 share one cache entry', async () => {
    const s = source();
    const [seven] = await s.loadMany([{ ...BERLIN, days: 7 }]);
    assert.equal((seven as Forecast).daily.length, 5);
    const calls = emulator().calls('openweathermap');
    await s.loadMany([
      { ...BERLIN, days: 5 },
      { ...BERLIN, days: 16 },
    ]);
    assert.equal(emulator().calls('openweathermap'), calls);
  });

  it('reads `cod` as a number or a string, in success and error bodies', async () => {
    const swapped = faked({
      '/weather': { body: { ...OWM_CURRENT, cod: '200' } },
      '/forecast': { body: { ...OWM_FORECAST, cod: 200 } },
    });
    assert.ok(!((await swapped.source.loadMany([BERLIN]))[0] instanceof Error));
    const blocked = {
      cod: 429,
      message: 'Your account is temporarily blocked due to exceeding of requests limitation',
    };
    const limited = faked({ '/weather': { body: blocked }, '/forecast': { body: OWM_FORECAST } });
    assertCode((await limited.source.loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_RATE_LIMITED);
    const missing = faked({
      '/weather': { body: { cod: '404', message: 'city not found' } },
      '/forecast': { body: OWM_FORECAST },
    });
    assertCode((await missing.source.loadMany([BERLIN]))[0], ErrorCode.NOT_FOUND);
    const odd = faked({
      '/weather': { body: { ...OWM_CURRENT, cod: 'abc' } },
      '/forecast': { body: OWM_FORECAST },
    });
    assertCode((await odd.source.loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it('maps 401 to UPSTREAM_UNAVAILABLE without leaking the key', async () => {
    const [value] = await source({ apiKey: 'invalid' }).loadMany([BERLIN]);
    assertCode(value, ErrorCode.UPSTREAM_UNAVAILABLE);
    assert.equal(value.message, 'openweathermap rejected our API key');
  });

  it('maps 404 to NOT_FOUND and 429 to UPSTREAM_RATE_LIMITED', async () => {
    emulator().inject('openweathermap', respond(404, { cod: '404', message: 'city not found' }));
    assertCode((await source().loadMany([BERLIN]))[0], ErrorCode.NOT_FOUND);
    emulator().inject(
      'openweathermap',
      respond(429, { cod: 429, message: 'Your account is temporarily blocked' }),
    );
    assertCode((await source().loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_RATE_LIMITED);
  });

  it('answers UPSTREAM_UNAVAILABLE without a call when no key is configured', async () => {
    assertCode(
      (await source({ apiKey: undefined }).loadMany([BERLIN]))[0],
      ErrorCode.UPSTREAM_UNAVAILABLE,
    );
    assert.equal(emulator().calls('openweathermap'), 0);
  });

  it('maps a malformed body and a timeout to upstream errors', async () => {
    emulator().inject('openweathermap', respond(200, '{"latitude":"x"}'));
    assertCode((await source().loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_BAD_RESPONSE);
    emulator().inject('openweathermap', { latencyMs: 300 });
    assertCode((await source({ timeoutMs: 50 }).loadMany([BERLIN]))[0], ErrorCode.UPSTREAM_TIMEOUT);
  });
});

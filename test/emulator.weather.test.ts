import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import {
  openMeteoGeocodingProvider,
  openMeteoProvider,
} from '../src/emulator/providers/open-meteo.js';
import { openWeatherMapProvider } from '../src/emulator/providers/openweathermap.js';
import { startEmulator, type ProviderEmulator } from '../src/emulator/server.js';

const SAMPLES = new URL('./fixtures/providers/', import.meta.url);
const JSON_TYPE = 'application/json; charset=utf-8';

const sampleText = (file: string) => readFile(new URL(file, SAMPLES), 'utf8');
const sample = async (file: string): Promise<unknown> => JSON.parse(await sampleText(file));

type JsonType = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';
const typeOf = (value: unknown): JsonType =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType);
const isObject = (value: unknown): value is Record<string, unknown> => typeOf(value) === 'object';

/** The shape of a set of sample values: their JSON types, keys (and which are always present), elements. */
interface Shape {
  types: Set<JsonType>;
  keys: Map<string, { shape: Shape; required: boolean }>;
  element?: Shape;
}

function infer(values: unknown[]): Shape {
  const objects = values.filter(isObject);
  const arrays = values.filter((v): v is unknown[] => Array.isArray(v));
  const keyNames = new Set(objects.flatMap((o) => Object.keys(o)));
  const keys = new Map(
    [...keyNames].map((key) => {
      const holders = objects.filter((o) => key in o);
      const shape = infer(holders.map((o) => o[key]));
      return [key, { shape, required: holders.length === objects.length }] as const;
    }),
  );
  const elements = arrays.flat();
  return {
    types: new Set(values.map(typeOf)),
    keys,
    element: elements.length ? infer(elements) : undefined,
  };
}

interface ShapeOptions {
  /** Keys a sample happens to hold that the provider omits when empty (`rain`). */
  optional?: string[];
  /** Keys the sample lacks, checked against a sibling's shape (`snow` is shaped like `rain`). */
  alias?: Record<string, string>;
}

/**
 * Checks, recursively, that `actual` has the samples' shape: same keys (no extra, none missing),
 * same JSON types, same array-vs-object structure. Values may differ.
 */
function assertShape(actual: unknown, samples: unknown[], options: ShapeOptions = {}): void {
  const walk = (value: unknown, shape: Shape, path: string) => {
    const type = typeOf(value);
    assert.ok(
      shape.types.has(type),
      `${path}: ${type} where the sample has ${[...shape.types].join('|')}`,
    );
    if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const known = shape.keys.get(key) ?? shape.keys.get(options.alias?.[key] ?? '');
        assert.ok(known, `${path}.${key} is not in the sample`);
        walk(child, known.shape, `${path}.${key}`);
      }
      for (const [key, { required }] of shape.keys) {
        if (required && !options.optional?.includes(key))
          assert.ok(key in value, `${path}.${key} is missing`);
      }
    }
    if (Array.isArray(value) && shape.element)
      value.forEach((item, i) => walk(item, shape.element as Shape, `${path}[${i}]`));
  };
  walk(actual, infer(samples), '$');
}

describe('assertShape', () => {
  it('catches a missing key, an extra key, a type change and object-for-array', () => {
    const recorded = { a: 1, b: { c: 'x' }, d: [1, 2] };
    assertShape({ a: 2, b: { c: 'y' }, d: [] }, [recorded]);
    assert.throws(() => assertShape({ a: 1, b: { c: 'x' } }, [recorded]), /\$\.d is missing/);
    assert.throws(
      () => assertShape({ ...recorded, e: 1 }, [recorded]),
      /\$\.e is not in the sample/,
    );
    assert.throws(() => assertShape({ ...recorded, a: '1' }, [recorded]), /\$\.a: string/);
    assert.throws(() => assertShape({ ...recorded, d: { 0: 1 } }, [recorded]), /\$\.d: object/);
  });
});

describe('weather emulators match the recorded wire formats', () => {
  let emulator: ProviderEmulator;
  before(async () => {
    emulator = await startEmulator({
      providers: [openMeteoProvider(), openMeteoGeocodingProvider(), openWeatherMapProvider()],
    });
  });
  after(() => emulator.close());

  async function get(provider: string, path: string) {
    const response = await fetch(`${emulator.baseUrl(provider)}${path}`);
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text,
      body: JSON.parse(text) as unknown,
    };
  }

  describe('open-meteo forecast', () => {
    it('answers every block of the recorded request in the recorded shape', async () => {
      const res = await get(
        'open-meteo',
        '/v1/forecast?current=weather_code&daily=weather_code&hourly=weather_code&minutely_15=weather_code&latitude=52.52&longitude=13.41',
      );
      assert.equal(res.status, 200);
      assert.equal(res.contentType, JSON_TYPE);
      const recorded = (await sample('open-meteo-forecast.json')) as Record<
        string,
        { time: unknown[] }
      >;
      assertShape(res.body, [recorded]);
      const body = res.body as typeof recorded & Record<string, unknown>;
      // Grid-cell centre, not the request; the default 7 days; GMT without `timezone`.
      assert.notDeepEqual([body.latitude, body.longitude], [52.52, 13.41]);
      assert.equal(body.hourly?.time.length, recorded.hourly?.time.length);
      assert.equal(body.daily?.time.length, recorded.daily?.time.length);
      assert.equal(body.timezone, 'GMT');
      assert.equal(body.daily?.time[0], new Date().toISOString().slice(0, 10));
    });

    it('honours hourly variables and a named zone like the Brasília recording', async () => {
      const res = await get(
        'open-meteo',
        '/v1/forecast?latitude=-15.75&longitude=-48.0&hourly=temperature_2m&timezone=America/Sao_Paulo',
      );
      const recorded = await sample('open-meteo-forecast-hourly.json');
      assertShape(res.body, [recorded]);
      const body = res.body as Record<string, unknown>;
      assert.equal(body.utc_offset_seconds, -10800);
      assert.equal(body.timezone_abbreviation, '-03');
      assert.deepEqual(body.hourly_units, { time: 'iso8601', temperature_2m: '°C' });
    });

    it('answers the legacy current_weather in Fahrenheit and mph like the Darwin recording', async () => {
      const res = await get(
        'open-meteo',
        '/v1/forecast?latitude=-12.46&longitude=130.84&current_weather=true&temperature_unit=fahrenheit&windspeed_unit=mph&timezone=auto',
      );
      const recorded = (await sample('open-meteo-forecast-current-weather.json')) as Record<
        string,
        unknown
      >;
      assertShape(res.body, [recorded]);
      const body = res.body as Record<string, unknown>;
      assert.deepEqual(body.current_weather_units, recorded.current_weather_units);
      for (const key of ['timezone', 'timezone_abbreviation', 'utc_offset_seconds'] as const) {
        assert.equal(body[key], recorded[key]);
      }
    });

    it('answers several locations with an array, each in the single-location shape', async () => {
      const res = await get(
        'open-meteo',
        '/v1/forecast?latitude=52.52,35.69&longitude=13.41,139.69&daily=weather_code&timezone=auto',
      );
      assert.ok(Array.isArray(res.body));
      assert.equal(res.body.length, 2);
      assert.deepEqual(
        res.body.map((b: { timezone: string }) => b.timezone),
        ['Europe/Berlin', 'Asia/Tokyo'],
      );
    });

    it('answers an unknown variable with the recorded 400 shape', async () => {
      const res = await get(
        'open-meteo',
        '/v1/forecast?latitude=52.52&longitude=13.41&hourly=lksdfj',
      );
      assert.equal(res.status, 400);
      assert.equal(res.contentType, JSON_TYPE);
      assertShape(res.body, [await sample('open-meteo-error-invalid-variable.json')]);
      assert.match(
        (res.body as { reason: string }).reason,
        /^Cannot initialize \S+ from invalid String value lksdfj for key hourly$/,
      );
    });

    it('answers an unknown unit with exactly the recorded 400 body', async () => {
      const res = await get(
        'open-meteo',
        '/v1/forecast?latitude=52.52&longitude=13.41&temperature_unit=asdfsfd',
      );
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, await sample('open-meteo-error-invalid-unit.json'));
    });

    it('answers a bad latitude, too many days and an unknown path with the error shape', async () => {
      const shape = [await sample('open-meteo-error-invalid-unit.json')];
      const latitude = await get('open-meteo', '/v1/forecast?latitude=300&longitude=13.41');
      assert.equal(latitude.status, 400);
      assertShape(latitude.body, shape);
      assert.equal(
        (latitude.body as { reason: string }).reason,
        'Latitude must be in range of -90 to 90°. Given: 300.0.',
      );
      const days = await get(
        'open-meteo',
        '/v1/forecast?latitude=52.52&longitude=13.41&forecast_days=17',
      );
      assert.equal(days.status, 400);
      assert.equal(
        (days.body as { reason: string }).reason,
        'Forecast days is invalid. Allowed range 0 to 16. Given 17.',
      );
      const path = await get('open-meteo', '/v1/nothing');
      assert.equal(path.status, 404);
      assert.deepEqual(path.body, { error: true, reason: 'Not Found' });
    });
  });

  describe('open-meteo geocoding', () => {
    it('answers a search in the recorded shape, omitting empty fields and honouring count', async () => {
      const res = await get('open-meteo-geocoding', '/v1/search?name=Hollywood');
      assert.equal(res.status, 200);
      assert.equal(res.contentType, JSON_TYPE);
      assertShape(res.body, [await sample('open-meteo-geocoding.json')]);
      const one = await get('open-meteo-geocoding', '/v1/search?name=paris&count=1');
      const results = (one.body as { results: Array<Record<string, unknown>> }).results;
      assert.equal(results.length, 1);
      assert.equal(results[0]?.country, 'France');
      const berlin = await get('open-meteo-geocoding', '/v1/search?name=Berlin');
      assert.doesNotMatch(berlin.text, /null|"admin2"/);
    });

    it('answers no match without a results key', async () => {
      const res = await get('open-meteo-geocoding', '/v1/search?name=Xyzzyville');
      assert.equal(res.status, 200);
      assertShape(res.body, [await sample('open-meteo-geocoding-empty.json')]);
    });

    it('answers count out of range with exactly the documented 400 body', async () => {
      const expected = await sample('open-meteo-geocoding-error.json');
      for (const count of ['0', '101']) {
        const res = await get('open-meteo-geocoding', `/v1/search?name=Berlin&count=${count}`);
        assert.equal(res.status, 400);
        assert.equal(res.contentType, JSON_TYPE);
        assert.deepEqual(res.body, expected);
      }
    });
  });

  describe('openweathermap', () => {
    it('answers /weather in the recorded shape, in Kelvin by default', async () => {
      const res = await get('openweathermap', '/data/2.5/weather?lat=51.51&lon=-0.13&appid=k');
      assert.equal(res.status, 200);
      assert.equal(res.contentType, JSON_TYPE);
      assertShape(res.body, [await sample('openweathermap-current-weather.json')], {
        optional: ['rain'],
        alias: { snow: 'rain' },
      });
      const body = res.body as { cod: unknown; name: string; main: { temp: number } };
      assert.equal(body.cod, 200);
      assert.equal(body.name, 'London');
      assert.ok(body.main.temp > 200, 'Kelvin');
      const metric = (
        await get('openweathermap', '/data/2.5/weather?lat=51.51&lon=-0.13&appid=k&units=metric')
      ).body as typeof body;
      assert.ok(metric.main.temp < 60, 'Celsius');
    });

    it('answers /forecast in the recorded shape: 40 steps of 3 hours, cnt honoured, cod a string', async () => {
      const res = await get('openweathermap', '/data/2.5/forecast?lat=51.5073&lon=-0.1277&appid=k');
      assert.equal(res.status, 200);
      assertShape(res.body, [await sample('openweathermap-forecast-5day.json')], {
        alias: { snow: 'rain' },
      });
      const body = res.body as {
        cod: unknown;
        message: unknown;
        cnt: number;
        list: Array<{ dt: number }>;
      };
      assert.equal(body.cod, '200');
      assert.equal(body.message, 0);
      assert.equal(body.list.length, 40);
      assert.equal((body.list[1]?.dt ?? 0) - (body.list[0]?.dt ?? 0), 10800);
      const short = (await get('openweathermap', '/data/2.5/forecast?q=London,GB&appid=k&cnt=3'))
        .body as typeof body;
      assert.equal(short.cnt, 3);
      assert.equal(short.list.length, 3);
    });

    it('answers a missing or invalid key with exactly the recorded 401 body', async () => {
      const recorded = (await sampleText('openweathermap-error-401.json')).trim();
      for (const query of ['lat=51.51&lon=-0.13', 'lat=51.51&lon=-0.13&appid=invalid']) {
        const res = await get('openweathermap', `/data/2.5/weather?${query}`);
        assert.equal(res.status, 401);
        assert.equal(res.contentType, JSON_TYPE);
        assert.equal(res.text, recorded);
      }
    });

    it('answers bad coordinates with the recorded 400 shape and an unknown city with 404', async () => {
      const bad = await get('openweathermap', '/data/2.5/weather?lat=300&lon=-0.13&appid=k');
      assert.equal(bad.status, 400);
      assertShape(bad.body, [await sample('openweathermap-error-400.json')]);
      assert.deepEqual(bad.body, { cod: '400', message: 'wrong latitude' });
      const city = await get('openweathermap', '/data/2.5/forecast?q=Xyzzyville&appid=k');
      assert.equal(city.status, 404);
      assert.equal(city.contentType, JSON_TYPE);
      assert.deepEqual(city.body, { cod: '404', message: 'city not found' });
    });
  });
});

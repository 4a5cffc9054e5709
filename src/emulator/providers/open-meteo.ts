import { json, type EmulatedProvider, type EmulatedResponse } from '../types.js';

/*
 * Emulated Open-Meteo forecast and geocoding APIs, plus the small world both weather emulators
 * share: a table of real places (GeoNames ids and facts) and one seeded weather model, so
 * Open-Meteo and OpenWeatherMap tell roughly the same story about the same place and hour.
 */

// ---------------------------------------------------------------------------------------------
// Places

/** A place the weather emulators know (real GeoNames facts; empty fields left undefined). */
export interface EmulatedPlace {
  id: number;
  name: string;
  latitude: number;
  longitude: number;
  elevation: number;
  featureCode: string;
  countryCode: string;
  countryId: number;
  country: string;
  timezone: string;
  population?: number;
  admin1Id?: number;
  admin1?: string;
  admin2Id?: number;
  admin2?: string;
  postcodes?: string[];
}

const COUNTRIES: Record<string, [number, string]> = {
  AU: [2077456, 'Australia'],
  BR: [3469034, 'Brazil'],
  CA: [6251999, 'Canada'],
  DE: [2921044, 'Germany'],
  FR: [3017382, 'France'],
  GB: [2635167, 'United Kingdom'],
  JP: [1861060, 'Japan'],
  KE: [192950, 'Kenya'],
  US: [6252001, 'United States'],
};

// id|name|lat|lon|elevation|feature|country|timezone|population|admin1 id|admin1|admin2 id|admin2|postcodes
const TABLE = `
4975802|Portland|43.66147|-70.25533|13|PPLA2|US|America/New_York|68408|4971068|Maine|||04101,04102
5746545|Portland|45.52345|-122.67621|15|PPLA2|US|America/Los_Angeles|652503|5744337|Oregon|||97201,97202
2950159|Berlin|52.52437|13.41053|74|PPLC|DE|Europe/Berlin|3426354|2950157|Land Berlin|||10115,10117,10119
2988507|Paris|48.85341|2.3488|42|PPLC|FR|Europe/Paris|2138551|3012874|Île-de-France|2968815|Paris|75001,75002
4717560|Paris|33.66094|-95.55551|180|PPLA2|US|America/Chicago|24782|4736286|Texas|4705086|Lamar|75460
2063523|Perth|-31.95224|115.8614|23|PPLA|AU|Australia/Perth|1896548|2058645|Western Australia|||6000
2640358|Perth|56.39522|-3.43139|23|PPLA2|GB|Europe/London|47180|2638360|Scotland|2640351|Perth and Kinross|
1853909|Osaka|34.69374|135.50218|12|PPLA|JP|Asia/Tokyo|2592413|1853904|Osaka|||
184745|Nairobi|-1.28333|36.81667|1795|PPLC|KE|Africa/Nairobi|2750547||||
2643743|London|51.50853|-0.12574|25|PPLC|GB|Europe/London|8961989|6269131|England|2648110|Greater London|
6058560|London|42.98339|-81.23304|251|PPL|CA|America/Toronto|422324|6093943|Ontario|6073256|Middlesex County|
5128581|New York|40.71427|-74.00597|10|PPL|US|America/New_York|8804190|5128638|New York|||10001,10002,10003
1850147|Tokyo|35.6895|139.69171|40|PPLC|JP|Asia/Tokyo|9733276|1850144|Tokyo|||
2147714|Sydney|-33.86785|151.20732|58|PPLA|AU|Australia/Sydney|4627345|2155400|New South Wales|||2000
6354908|Sydney|46.1351|-60.1831|10|PPL|CA|America/Glace_Bay|105968|6091530|Nova Scotia|||
4158928|Hollywood|26.0112|-80.14949|3|PPL|US|America/New_York|149728|4155751|Florida|4149007|Broward|33019,33020
5357527|Hollywood|34.09834|-118.32674|108|PPLX|US|America/Los_Angeles|167664|5332921|California|5368381|Los Angeles|
2073124|Darwin|-12.46113|130.84185|30|PPLA|AU|Australia/Darwin|129062|2064513|Northern Territory|||0800
3469058|Brasília|-15.77972|-47.92972|1087|PPLC|BR|America/Sao_Paulo|2207718|3463504|Federal District|||
`;

const optionalNumber = (text: string | undefined) => (text ? Number(text) : undefined);

/** Every place both weather emulators know. */
export const EMULATED_PLACES: readonly EmulatedPlace[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [id, name, lat, lon, elevation, feature, cc, zone, pop, a1Id, a1, a2Id, a2, codes] =
      line.split('|');
    const [countryId, country] = COUNTRIES[cc as string] as [number, string];
    return {
      id: Number(id),
      name: name as string,
      latitude: Number(lat),
      longitude: Number(lon),
      elevation: Number(elevation),
      featureCode: feature as string,
      countryCode: cc as string,
      countryId,
      country,
      timezone: zone as string,
      population: optionalNumber(pop),
      admin1Id: optionalNumber(a1Id),
      admin1: a1 || undefined,
      admin2Id: optionalNumber(a2Id),
      admin2: a2 || undefined,
      postcodes: codes ? codes.split(',') : undefined,
    };
  });

/** The known place nearest to a point, if one lies within `maxDegrees` (a flat-earth distance). */
export function nearestPlace(
  lat: number,
  lon: number,
  maxDegrees: number,
): EmulatedPlace | undefined {
  let best: EmulatedPlace | undefined;
  let bestDistance = maxDegrees;
  for (const place of EMULATED_PLACES) {
    const d = Math.hypot(
      place.latitude - lat,
      (place.longitude - lon) * Math.cos((lat * Math.PI) / 180),
    );
    if (d <= bestDistance) [best, bestDistance] = [place, d];
  }
  return best;
}

/** Lower case without diacritics, for name matching (`brasilia` finds Brasília). */
export const foldName = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();

// ---------------------------------------------------------------------------------------------
// Time zones

// tzdata abbreviations, standard then daylight time (Open-Meteo prints these; unknown zones fall
// back to tzdata's numeric style, e.g. "-03").
const ABBREVIATIONS: Record<string, [string, string?]> = {
  GMT: ['GMT'],
  UTC: ['UTC'],
  'Europe/Berlin': ['CET', 'CEST'],
  'Europe/Paris': ['CET', 'CEST'],
  'Europe/London': ['GMT', 'BST'],
  'America/New_York': ['EST', 'EDT'],
  'America/Toronto': ['EST', 'EDT'],
  'America/Chicago': ['CST', 'CDT'],
  'America/Los_Angeles': ['PST', 'PDT'],
  'America/Glace_Bay': ['AST', 'ADT'],
  'Asia/Tokyo': ['JST'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  'Australia/Perth': ['AWST'],
  'Australia/Darwin': ['ACST'],
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether `zone` is an IANA zone name the runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    offsetSeconds(zone, 0);
    return true;
  } catch {
    return false;
  }
}

/** Seconds east of UTC of `zone` at `epochMs`. Throws a RangeError for an unknown zone. */
export function offsetSeconds(zone: string, epochMs: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, format);
  }
  const name = format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

function abbreviation(zone: string, epochMs: number): string {
  const offset = offsetSeconds(zone, epochMs);
  const known = ABBREVIATIONS[zone];
  if (known) {
    const year = new Date(epochMs).getUTCFullYear();
    const winter = offsetSeconds(zone, Date.UTC(year, 0, 1));
    const summer = offsetSeconds(zone, Date.UTC(year, 6, 1));
    return offset === Math.min(winter, summer) ? known[0] : (known[1] ?? known[0]);
  }
  const abs = Math.abs(offset);
  const minutes = (abs % 3600) / 60;
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  return `${offset < 0 ? '-' : '+'}${hh}${minutes ? String(minutes).padStart(2, '0') : ''}`;
}

// ---------------------------------------------------------------------------------------------
// The weather model

/** One instant of synthetic weather at a point, in SI-ish units (°C, %, mm, cm, km/h, hPa). */
export interface WeatherSample {
  temperature: number;
  apparentTemperature: number;
  dewPoint: number;
  humidity: number;
  /** Amounts over the preceding hour. */
  precipitation: number;
  rain: number;
  showers: number;
  snowfall: number;
  precipitationProbability: number;
  weatherCode: number;
  cloudCover: number;
  pressure: number;
  surfacePressure: number;
  windSpeed: number;
  windDirection: number;
  windGusts: number;
  isDay: number;
}

/** A deterministic hash of integers to [0, 1). */
function hash(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return (h >>> 0) / 2 ** 32;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Solar declination (radians) on a day of the year. */
const declination = (dayOfYear: number) =>
  ((-23.44 * Math.PI) / 180) * Math.cos(((2 * Math.PI) / 365) * (dayOfYear + 10));

function code(
  precipitation: number,
  temperature: number,
  convective: boolean,
  sky: { cloud: number; fog: boolean },
) {
  const p = precipitation;
  if (p >= 0.1) {
    if (temperature <= 0.5)
      return convective ? (p < 1 ? 85 : 86) : p < 0.5 ? 71 : p < 1.5 ? 73 : 75;
    if (convective && temperature > 20 && p > 3) return 95;
    if (p < 0.3) return temperature < 2 ? 56 : 51;
    if (convective) return p < 1 ? 80 : p < 2.5 ? 81 : 82;
    return p < 1 ? 61 : p < 2.5 ? 63 : 65;
  }
  if (sky.fog) return 45;
  return sky.cloud < 20 ? 0 : sky.cloud < 50 ? 1 : sky.cloud < 80 ? 2 : 3;
}

/**
 * Seeded, smooth-in-time weather for a grid cell: a climate by latitude and season, a daily cycle
 * by solar time, and wet and windy spells from noise with knots every few hours. Same inputs, same
 * weather; nothing random.
 */
export function sampleWeather(
  latitude: number,
  longitude: number,
  epochSeconds: number,
  elevation = 0,
): WeatherSample {
  const cell = [Math.round(latitude * 8), Math.round(longitude * 8)];
  const hours = epochSeconds / 3600;
  const noise = (channel: number, stepHours: number) => {
    const k = Math.floor(hours / stepHours);
    const t = (1 - Math.cos(Math.PI * (hours / stepHours - k))) / 2;
    return hash(...cell, channel, k) * (1 - t) + hash(...cell, channel, k + 1) * t;
  };
  const dayOfYear = (epochSeconds / 86400) % 365.2425;
  const season = Math.cos((2 * Math.PI * (dayOfYear - 196)) / 365.2425) * (latitude < 0 ? -1 : 1);
  const solarHour = (((hours + longitude / 15) % 24) + 24) % 24;
  const diurnal = Math.cos((2 * Math.PI * (solarHour - 15)) / 24);

  const wet = 0.6 * noise(1, 6) + 0.4 * noise(2, 36);
  const cloudCover = Math.round(clamp(wet * 140 - 20, 0, 100));
  const temperature =
    29 -
    0.007 * latitude ** 2 +
    0.16 * Math.abs(latitude) * season +
    (2.5 + (2.5 * (100 - cloudCover)) / 100) * diurnal +
    (noise(3, 48) - 0.5) * 6 -
    0.0065 * elevation;
  const humidity = Math.round(clamp(45 + 45 * wet - 12 * diurnal, 12, 100));
  const precipitation = round(wet > 0.68 ? (wet - 0.68) * 14 : 0);
  const convective = hash(...cell, 4, Math.floor(hours / 6)) < 0.35;
  const snow = temperature <= 0.5;
  const windSpeed = 4 + 24 * noise(5, 12) + 8 * wet;
  const vapour = (humidity / 100) * 6.105 * Math.exp((17.27 * temperature) / (237.7 + temperature));
  const gamma = (17.27 * temperature) / (237.7 + temperature) + Math.log(humidity / 100);
  const decl = declination(dayOfYear);
  const lat = (latitude * Math.PI) / 180;
  const sunHeight =
    Math.sin(lat) * Math.sin(decl) +
    Math.cos(lat) * Math.cos(decl) * Math.cos(((solarHour - 12) * Math.PI) / 12);
  const pressure = 1030 - 32 * wet;

  return {
    temperature: round(temperature),
    // Australian apparent temperature (Steadman): humidity warms, wind (m/s) cools.
    apparentTemperature: round(temperature + 0.33 * vapour - 0.7 * (windSpeed / 3.6) - 4),
    dewPoint: round((237.7 * gamma) / (17.27 - gamma)),
    humidity,
    precipitation,
    rain: snow || convective ? 0 : precipitation,
    showers: !snow && convective ? precipitation : 0,
    snowfall: snow ? round(precipitation * 0.7, 2) : 0,
    precipitationProbability: Math.round(clamp((wet - 0.45) * 250, 0, 100)),
    weatherCode: code(precipitation, temperature, convective, {
      cloud: cloudCover,
      fog: humidity >= 97 && windSpeed < 9,
    }),
    cloudCover,
    pressure: round(pressure),
    surfacePressure: round(pressure * Math.exp(-elevation / 8434)),
    windSpeed: round(windSpeed),
    windDirection: Math.round(360 * noise(6, 24)) % 360,
    windGusts: round(windSpeed * 1.7 + 3),
    isDay: sunHeight > 0 ? 1 : 0,
  };
}

/** Sunrise and sunset (epoch seconds) of the local day starting at `dayStart`, ignoring refraction. */
export function sunTimes(latitude: number, longitude: number, dayStart: number, offset: number) {
  const decl = declination((dayStart / 86400) % 365.2425);
  const cosH = -Math.tan((latitude * Math.PI) / 180) * Math.tan(decl);
  const halfDay = (Math.acos(clamp(cosH, -1, 1)) * 12) / Math.PI;
  const noon = dayStart + offset + (12 - longitude / 15) * 3600;
  return {
    sunrise: noon - halfDay * 3600,
    sunset: noon + halfDay * 3600,
    daylight: halfDay * 7200,
  };
}

// ---------------------------------------------------------------------------------------------
// Forecast API

interface Units {
  temperature: string;
  wind: string;
  precipitation: string;
  timeformat: string;
}
/** How a variable is measured: decides its unit label and its conversion. */
type Kind = 'temperature' | 'amount' | 'snow' | 'wind' | '%' | '°' | 'hPa' | 'wmo code' | '' | 'h';
type Value = number | string;
interface Day {
  hours: WeatherSample[];
  sun: ReturnType<typeof sunTimes>;
}

const WIND: Record<string, [string, number]> = {
  kmh: ['km/h', 1],
  ms: ['m/s', 1 / 3.6],
  mph: ['mp/h', 1 / 1.609344],
  kn: ['kn', 1 / 1.852],
};
const inches = (u: Units) => u.precipitation === 'inch';

function unitOf(kind: Kind, u: Units): string {
  if (kind === 'temperature') return u.temperature === 'fahrenheit' ? '°F' : '°C';
  if (kind === 'amount') return inches(u) ? 'inch' : 'mm';
  if (kind === 'snow') return inches(u) ? 'inch' : 'cm';
  if (kind === 'wind') return (WIND[u.wind] as [string, number])[0];
  return kind;
}

function convert(kind: Kind, x: number, u: Units): number {
  if (kind === 'temperature') return u.temperature === 'fahrenheit' ? round((x * 9) / 5 + 32) : x;
  if (kind === 'amount') return inches(u) ? round(x / 25.4, 3) : round(x, 2);
  if (kind === 'snow') return inches(u) ? round(x / 2.54, 3) : round(x, 2);
  if (kind === 'wind') return round(x * (WIND[u.wind] as [string, number])[1]);
  return x;
}

/** Variables of the `current`, `minutely_15` and `hourly` blocks. */
const INSTANT: Record<string, [Kind, keyof WeatherSample]> = {
  temperature_2m: ['temperature', 'temperature'],
  relative_humidity_2m: ['%', 'humidity'],
  dew_point_2m: ['temperature', 'dewPoint'],
  apparent_temperature: ['temperature', 'apparentTemperature'],
  is_day: ['', 'isDay'],
  precipitation: ['amount', 'precipitation'],
  precipitation_probability: ['%', 'precipitationProbability'],
  rain: ['amount', 'rain'],
  showers: ['amount', 'showers'],
  snowfall: ['snow', 'snowfall'],
  weather_code: ['wmo code', 'weatherCode'],
  cloud_cover: ['%', 'cloudCover'],
  pressure_msl: ['hPa', 'pressure'],
  surface_pressure: ['hPa', 'surfacePressure'],
  wind_speed_10m: ['wind', 'windSpeed'],
  wind_direction_10m: ['°', 'windDirection'],
  wind_gusts_10m: ['wind', 'windGusts'],
};

const max = (values: number[]) => Math.max(...values);
const min = (values: number[]) => Math.min(...values);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const over =
  (field: keyof WeatherSample, fold: (values: number[]) => number) =>
  (d: Day): number =>
    fold(d.hours.map((s) => s[field]));

/** Variables of the `daily` block: aggregates of the local day's 24 hourly samples. */
const DAILY: Record<string, [Kind | 'iso8601' | 's', (d: Day) => number]> = {
  // The most severe (highest) code of the day, as Open-Meteo defines it.
  weather_code: ['wmo code', over('weatherCode', max)],
  temperature_2m_max: ['temperature', over('temperature', max)],
  temperature_2m_min: ['temperature', over('temperature', min)],
  apparent_temperature_max: ['temperature', over('apparentTemperature', max)],
  apparent_temperature_min: ['temperature', over('apparentTemperature', min)],
  precipitation_sum: ['amount', over('precipitation', sum)],
  rain_sum: ['amount', over('rain', sum)],
  showers_sum: ['amount', over('showers', sum)],
  snowfall_sum: ['snow', over('snowfall', sum)],
  precipitation_hours: ['h', (d) => d.hours.filter((s) => s.precipitation > 0).length],
  precipitation_probability_max: ['%', over('precipitationProbability', max)],
  wind_speed_10m_max: ['wind', over('windSpeed', max)],
  wind_gusts_10m_max: ['wind', over('windGusts', max)],
  wind_direction_10m_dominant: ['°', (d) => d.hours[12]?.windDirection ?? 0],
  sunrise: ['iso8601', (d) => d.sun.sunrise],
  sunset: ['iso8601', (d) => d.sun.sunset],
  daylight_duration: ['s', (d) => round(d.sun.daylight, 2)],
};

// Parameter, field, the Swift type named in the 400 reason, allowed values.
const UNIT_PARAMS: Array<[string, keyof Units, string, string[]]> = [
  ['temperature_unit', 'temperature', 'TemperatureUnit', ['celsius', 'fahrenheit']],
  ['wind_speed_unit', 'wind', 'WindspeedUnit', Object.keys(WIND)],
  ['windspeed_unit', 'wind', 'WindspeedUnit', Object.keys(WIND)],
  ['precipitation_unit', 'precipitation', 'PrecipitationUnit', ['mm', 'inch']],
  ['timeformat', 'timeformat', 'Timeformat', ['iso8601', 'unixtime']],
];
const BLOCKS = ['current', 'minutely_15', 'hourly', 'daily'] as const;

interface Query {
  units: Units;
  timezone: string | undefined;
  pastDays: number;
  forecastDays: number;
  currentWeather: boolean;
  blocks: Record<(typeof BLOCKS)[number], string[]>;
}

/** Open-Meteo's error: HTTP 400 with `{"error":true,"reason":...}`. */
class Rejection extends Error {}
const reject = (reason: string): never => {
  throw new Rejection(reason);
};
/** Swift prints a Float with at least one decimal (`Given: 300.0.`). */
const swiftFloat = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
const list = (params: URLSearchParams, key: string) =>
  params.getAll(key).flatMap((v) => v.split(',').filter((part) => part.trim() !== ''));

function dayCount(params: URLSearchParams, key: string, fallback: number, max: number): number {
  const raw = params.get(key);
  const n = raw === null ? fallback : Number(raw);
  if (Number.isInteger(n) && n >= 0 && n <= max) return n;
  const label = key === 'past_days' ? 'Past days' : 'Forecast days';
  return reject(`${label} is invalid. Allowed range 0 to ${max}. Given ${raw}.`);
}

function parseQuery(params: URLSearchParams): Query {
  const units: Units = {
    temperature: 'celsius',
    wind: 'kmh',
    precipitation: 'mm',
    timeformat: 'iso8601',
  };
  for (const [key, field, type, allowed] of UNIT_PARAMS) {
    const raw = params.get(key);
    if (raw === null) continue;
    if (!allowed.includes(raw))
      reject(`Cannot initialize ${type} from invalid String value ${raw} for key ${key}`);
    units[field] = raw;
  }
  const blocks = Object.fromEntries(BLOCKS.map((b) => [b, list(params, b)])) as Query['blocks'];
  for (const block of BLOCKS) {
    const [known, type] =
      block === 'daily' ? [DAILY, 'DailyWeatherVariable'] : [INSTANT, 'WeatherVariable'];
    const unknown = blocks[block].find((name) => !(name in known));
    if (unknown)
      reject(`Cannot initialize ${type} from invalid String value ${unknown} for key ${block}`);
  }
  const timezone = params.get('timezone') ?? undefined;
  if (timezone && timezone !== 'auto' && !isTimeZone(timezone)) reject('Invalid timezone');
  return {
    units,
    timezone,
    pastDays: dayCount(params, 'past_days', 0, 92),
    forecastDays: dayCount(params, 'forecast_days', 7, 16),
    currentWeather: params.get('current_weather') === 'true',
    blocks,
  };
}

function coordinates(params: URLSearchParams): Array<[number, number]> {
  const lats = list(params, 'latitude').map(Number);
  const lons = list(params, 'longitude').map(Number);
  const pair = "Parameter 'latitude' and 'longitude'";
  if (lats.length === 0 || lons.length === 0) reject(`${pair} must not be empty`);
  if (lats.length !== lons.length) reject(`${pair} must have the same amount of elements`);
  if (lats.length > 1000) reject(`${pair} must not exceed 1000 coordinates.`);
  return lats.map((lat, i) => {
    const lon = lons[i] as number;
    if (!(Math.abs(lat) <= 90))
      reject(`Latitude must be in range of -90 to 90°. Given: ${swiftFloat(lat)}.`);
    if (!(Math.abs(lon) <= 180))
      reject(`Longitude must be in range of -180 to 180°. Given: ${swiftFloat(lon)}.`);
    return [lat, lon];
  });
}

/** The model's grid: 1/8 degree. Answers carry the cell centre, never the requested point. */
const snap = (x: number) => Math.round(x * 8) / 8;

function location(lat: number, lon: number, q: Query, nowMs: number): Record<string, unknown> {
  const started = performance.now();
  const { units } = q;
  const [gridLat, gridLon] = [snap(lat), snap(lon)];
  const zone =
    q.timezone === 'auto' ? (nearestPlace(lat, lon, 5)?.timezone ?? 'GMT') : (q.timezone ?? 'GMT');
  const offset = offsetSeconds(zone, nowMs);
  const elevation =
    nearestPlace(lat, lon, 0.25)?.elevation ?? Math.round(hash(gridLat * 8, gridLon * 8) * 400);
  const sample = (epoch: number) => sampleWeather(gridLat, gridLon, epoch, elevation);
  const unixtime = units.timeformat === 'unixtime';
  const format = (epoch: number, length = 16): Value =>
    unixtime ? epoch : new Date((epoch + offset) * 1000).toISOString().slice(0, length);
  const now = Math.floor(nowMs / 1000);
  const quarter = now - (now % 900);
  const start = Math.floor((now + offset) / 86400) * 86400 - offset - q.pastDays * 86400;
  const days = q.pastDays + q.forecastDays;
  const instantUnits = (names: string[]) =>
    Object.fromEntries(names.map((n) => [n, unitOf((INSTANT[n] as [Kind, string])[0], units)]));
  const instantValue = (name: string, s: WeatherSample) => {
    const [kind, field] = INSTANT[name] as [Kind, keyof WeatherSample];
    return convert(kind, s[field], units);
  };

  const body: Record<string, unknown> = {
    latitude: gridLat,
    longitude: gridLon,
    generationtime_ms: 0,
    utc_offset_seconds: offset,
    timezone: zone,
    timezone_abbreviation: abbreviation(zone, nowMs),
    elevation,
  };
  if (q.currentWeather) {
    // The legacy block, with its own names and no `_2m` suffixes.
    const s = sample(quarter);
    const [temperature, wind] = [unitOf('temperature', units), unitOf('wind', units)];
    body.current_weather_units = {
      ...{
        time: unixtime ? 'unixtime' : 'iso8601',
        interval: 'seconds',
        temperature,
        windspeed: wind,
      },
      ...{ winddirection: '°', is_day: '', weathercode: 'wmo code' },
    };
    body.current_weather = {
      ...{
        time: format(quarter),
        interval: 900,
        temperature: convert('temperature', s.temperature, units),
      },
      ...{ windspeed: convert('wind', s.windSpeed, units), winddirection: s.windDirection },
      ...{ is_day: s.isDay, weathercode: s.weatherCode },
    };
  }
  const timeUnit = { time: unixtime ? 'unixtime' : 'iso8601' };
  if (q.blocks.current.length > 0) {
    const s = sample(quarter);
    body.current_units = { ...timeUnit, interval: 'seconds', ...instantUnits(q.blocks.current) };
    const values = q.blocks.current.map((name) => [name, instantValue(name, s)]);
    body.current = { time: format(quarter), interval: 900, ...Object.fromEntries(values) };
  }
  for (const [block, step] of [['minutely_15', 900] as const, ['hourly', 3600] as const]) {
    const names = q.blocks[block];
    if (names.length === 0) continue;
    const times = Array.from({ length: (days * 86400) / step }, (_, i) => start + i * step);
    const samples = times.map(sample);
    body[`${block}_units`] = { ...timeUnit, ...instantUnits(names) };
    const columns = names.map((name) => [name, samples.map((s) => instantValue(name, s))]);
    body[block] = { time: times.map((t) => format(t)), ...Object.fromEntries(columns) };
  }
  if (q.blocks.daily.length > 0) {
    const starts = Array.from({ length: days }, (_, i) => start + i * 86400);
    const dayData: Day[] = starts.map((dayStart) => ({
      hours: Array.from({ length: 24 }, (_, h) => sample(dayStart + h * 3600)),
      sun: sunTimes(gridLat, gridLon, dayStart, offset),
    }));
    const kinds = q.blocks.daily.map(
      (name) => [name, DAILY[name] as (typeof DAILY)[string]] as const,
    );
    body.daily_units = {
      ...timeUnit,
      ...Object.fromEntries(
        kinds.map(([name, [kind]]) => [name, kind === 's' ? 's' : unitOf(kind as Kind, units)]),
      ),
    };
    const columns = kinds.map(([name, [kind, value]]) => [
      name,
      dayData.map((d) =>
        kind === 'iso8601'
          ? format(Math.round(value(d) / 60) * 60)
          : kind === 's'
            ? value(d)
            : convert(kind, value(d), units),
      ),
    ]);
    body.daily = { time: starts.map((t) => format(t, 10)), ...Object.fromEntries(columns) };
  }
  body.generationtime_ms = performance.now() - started;
  return body;
}

/** Emulated `api.open-meteo.com`: `/v1/forecast` with its parameters, variables and 400 errors. */
export function openMeteoProvider(): EmulatedProvider {
  return {
    name: 'open-meteo',
    handle({ path, params }) {
      if (path !== '/v1/forecast') return undefined;
      try {
        const points = coordinates(params);
        const query = parseQuery(params);
        const now = Date.now();
        const bodies = points.map(([lat, lon]) => location(lat, lon, query, now));
        // One location is an object, several an array in the order asked.
        return json(200, bodies.length === 1 ? bodies[0] : bodies);
      } catch (error) {
        if (error instanceof Rejection) return json(400, { error: true, reason: error.message });
        throw error;
      }
    },
    notFound: () => json(404, { error: true, reason: 'Not Found' }),
  };
}

// ---------------------------------------------------------------------------------------------
// Geocoding API

function geocodingResult(p: EmulatedPlace): Record<string, unknown> {
  // Key order as served; undefined fields vanish in JSON, as the provider omits empty ones.
  return {
    id: p.id,
    name: p.name,
    latitude: p.latitude,
    longitude: p.longitude,
    elevation: p.elevation,
    feature_code: p.featureCode,
    country_code: p.countryCode,
    admin1_id: p.admin1Id,
    admin2_id: p.admin2Id,
    timezone: p.timezone,
    population: p.population,
    postcodes: p.postcodes,
    country_id: p.countryId,
    country: p.country,
    admin1: p.admin1,
    admin2: p.admin2,
  };
}

/**
 * Emulated `geocoding-api.open-meteo.com`: `/v1/search` with `name` (0-1 characters match nothing,
 * 2 match exactly, 3+ by prefix or postcode), `count` (1-100) and `countryCode`.
 */
export function openMeteoGeocodingProvider(): EmulatedProvider {
  return {
    name: 'open-meteo-geocoding',
    handle({ path, params }): EmulatedResponse | undefined {
      if (path !== '/v1/search') return undefined;
      const started = performance.now();
      const count = Number(params.get('count') ?? 10);
      if (!Number.isInteger(count) || count < 1 || count > 100) {
        return json(400, { error: true, reason: 'Parameter count must be between 1 and 100.' });
      }
      const name = foldName(params.get('name') ?? '');
      const country = params.get('countryCode')?.toUpperCase();
      const matches =
        name.length < 2
          ? []
          : EMULATED_PLACES.filter((p) => {
              const folded = foldName(p.name);
              const named =
                name.length === 2
                  ? folded === name
                  : folded.startsWith(name) || !!p.postcodes?.includes(name);
              return named && (!country || p.countryCode === country);
            })
              .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
              .slice(0, count);
      const generationtime_ms = performance.now() - started;
      return json(
        200,
        matches.length > 0
          ? { results: matches.map(geocodingResult), generationtime_ms }
          : { generationtime_ms },
      );
    },
    notFound: () => json(404, { error: true, reason: 'Not Found' }),
  };
}

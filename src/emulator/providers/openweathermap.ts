import { json, type EmulatedProvider, type EmulatedResponse } from '../types.js';
import {
  EMULATED_PLACES,
  foldName,
  nearestPlace,
  offsetSeconds,
  sampleWeather,
  sunTimes,
  type EmulatedPlace,
  type WeatherSample,
} from './open-meteo.js';

// Error bodies as the provider sends them (the 401 keeps its odd spacing).
const UNAUTHORIZED =
  '{"cod":401, "message": "Invalid API key. Please see http://openweathermap.org/faq#error401 for more info."}';
const CITY_NOT_FOUND = { cod: '404', message: 'city not found' };
const badRequest = (message: string) => json(400, { cod: '400', message });

/** Conditions of the precipitation and fog codes: WMO code to [id, main, description, icon]. */
const CONDITIONS: Record<number, [number, string, string, string]> = {
  45: [741, 'Fog', 'fog', '50'],
  51: [300, 'Drizzle', 'light intensity drizzle', '09'],
  56: [511, 'Rain', 'freezing rain', '13'],
  61: [500, 'Rain', 'light rain', '10'],
  63: [501, 'Rain', 'moderate rain', '10'],
  65: [502, 'Rain', 'heavy intensity rain', '10'],
  71: [600, 'Snow', 'light snow', '13'],
  73: [601, 'Snow', 'snow', '13'],
  75: [602, 'Snow', 'heavy snow', '13'],
  80: [520, 'Rain', 'light intensity shower rain', '09'],
  81: [521, 'Rain', 'shower rain', '09'],
  82: [522, 'Rain', 'heavy intensity shower rain', '09'],
  85: [620, 'Snow', 'light shower snow', '13'],
  86: [621, 'Snow', 'shower snow', '13'],
  95: [211, 'Thunderstorm', 'thunderstorm', '11'],
};
/** Cloud conditions by cover: OpenWeatherMap's 80x bands (11-25, 25-50, 51-84, 85-100 %). */
const CLOUDS: Array<[number, number, string, string, string]> = [
  [11, 800, 'Clear', 'clear sky', '01'],
  [25, 801, 'Clouds', 'few clouds', '02'],
  [51, 802, 'Clouds', 'scattered clouds', '03'],
  [85, 803, 'Clouds', 'broken clouds', '04'],
  [101, 804, 'Clouds', 'overcast clouds', '04'],
];

function condition(s: WeatherSample, day: boolean) {
  // The last band is above any cover, so find always succeeds.
  const [, ...band] = CLOUDS.find(([below]) => s.cloudCover < below) as (typeof CLOUDS)[number];
  const [id, main, description, icon] = CONDITIONS[s.weatherCode] ?? band;
  return { id, main, description, icon: `${icon}${day ? 'd' : 'n'}` };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Converters for `units=standard` (Kelvin, m/s, the default), `metric` and `imperial`. */
function converters(units: string | null) {
  if (units === 'metric') return { temp: round2, wind: (kmh: number) => round2(kmh / 3.6) };
  if (units === 'imperial') {
    return {
      temp: (c: number) => round2((c * 9) / 5 + 32),
      wind: (kmh: number) => round2(kmh / 1.609344),
    };
  }
  return { temp: (c: number) => round2(c + 273.15), wind: (kmh: number) => round2(kmh / 3.6) };
}

interface Target {
  lat: number;
  lon: number;
  place: EmulatedPlace | undefined;
}

/** The location asked for (`q=City[,CC]` or `lat`+`lon`), or the provider's error response. */
function target(params: URLSearchParams): Target | EmulatedResponse {
  const q = params.get('q');
  if (q !== null) {
    const [name = '', ...rest] = q.split(',').map((part) => part.trim());
    const country = rest.at(-1)?.toUpperCase();
    const place = EMULATED_PLACES.filter(
      (p) => foldName(p.name) === foldName(name) && (!country || p.countryCode === country),
    ).sort((a, b) => (b.population ?? 0) - (a.population ?? 0))[0];
    if (!place) return json(404, CITY_NOT_FOUND);
    return { lat: place.latitude, lon: place.longitude, place };
  }
  const [rawLat, rawLon] = [params.get('lat'), params.get('lon')];
  if (rawLat === null && rawLon === null) return badRequest('Nothing to geocode');
  const [lat, lon] = [Number(rawLat ?? NaN), Number(rawLon ?? NaN)];
  if (rawLat === '' || !(Math.abs(lat) <= 90)) return badRequest('wrong latitude');
  if (rawLon === '' || !(Math.abs(lon) <= 180)) return badRequest('wrong longitude');
  return { lat, lon, place: nearestPlace(lat, lon, 0.3) };
}

function context(t: Target, nowSeconds: number) {
  const zone = t.place?.timezone ?? nearestPlace(t.lat, t.lon, 5)?.timezone;
  const timezone = zone ? offsetSeconds(zone, nowSeconds * 1000) : Math.round(t.lon / 15) * 3600;
  const dayStart = Math.floor((nowSeconds + timezone) / 86400) * 86400 - timezone;
  const sun = sunTimes(t.lat, t.lon, dayStart, timezone);
  const elevation = t.place?.elevation ?? 0;
  return {
    timezone,
    sunrise: Math.round(sun.sunrise),
    sunset: Math.round(sun.sunset),
    sample: (epoch: number) => sampleWeather(t.lat, t.lon, epoch, elevation),
  };
}

const coord = (t: Target) => ({ lon: round4(t.lon), lat: round4(t.lat) });
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function current(t: Target, units: ReturnType<typeof converters>, now: number) {
  const dt = now - (now % 600);
  const { timezone, sunrise, sunset, sample } = context(t, now);
  const s = sample(dt);
  const seed = t.place?.id ?? Math.round(Math.abs(t.lat * 1000 + t.lon));
  const amount = s.precipitation > 0 ? { '1h': s.precipitation } : undefined;
  return {
    coord: coord(t),
    weather: [condition(s, s.isDay === 1)],
    base: 'stations',
    main: {
      temp: units.temp(s.temperature),
      feels_like: units.temp(s.apparentTemperature),
      // Spread across the stations of the city.
      temp_min: units.temp(s.temperature - 1 - (seed % 7) / 10),
      temp_max: units.temp(s.temperature + 1 + (seed % 5) / 10),
      pressure: Math.round(s.pressure),
      humidity: s.humidity,
    },
    visibility: s.weatherCode === 45 ? 1000 : s.precipitation > 0 ? 8000 : 10000,
    wind: { speed: units.wind(s.windSpeed), deg: s.windDirection },
    ...(s.snowfall > 0 ? { snow: amount } : amount ? { rain: amount } : {}),
    clouds: { all: s.cloudCover },
    dt,
    sys: { type: 1, id: 1000 + (seed % 9000), country: t.place?.countryCode, sunrise, sunset },
    timezone,
    id: t.place?.id ?? 0,
    name: t.place?.name ?? '',
    cod: 200,
  };
}

function forecast(t: Target, units: ReturnType<typeof converters>, now: number, count: number) {
  const { timezone, sunrise, sunset, sample } = context(t, now);
  const first = Math.ceil((now + 1) / 10800) * 10800;
  const list = Array.from({ length: count }, (_, i) => {
    const dt = first + i * 10800;
    // A step covers the three hours before it: extremes and amounts come from all three.
    const hours = [dt - 7200, dt - 3600, dt].map(sample);
    const s = hours[2] as WeatherSample;
    const temps = hours.map((h) => h.temperature);
    const total = round2(hours.reduce((sum, h) => sum + h.precipitation, 0));
    const amount = total > 0 ? { '3h': total } : undefined;
    return {
      dt,
      main: {
        temp: units.temp(s.temperature),
        feels_like: units.temp(s.apparentTemperature),
        temp_min: units.temp(Math.min(...temps)),
        temp_max: units.temp(Math.max(...temps)),
        pressure: Math.round(s.pressure),
        sea_level: Math.round(s.pressure),
        grnd_level: Math.round(s.surfacePressure),
        humidity: s.humidity,
        temp_kf: i < 8 ? round2((Math.max(...temps) - Math.min(...temps)) / 2) : 0,
      },
      weather: [condition(s, s.isDay === 1)],
      clouds: { all: s.cloudCover },
      wind: { speed: units.wind(s.windSpeed), deg: s.windDirection, gust: units.wind(s.windGusts) },
      visibility: s.weatherCode === 45 ? 1000 : 10000,
      pop: round2(Math.max(...hours.map((h) => h.precipitationProbability)) / 100),
      ...(s.snowfall > 0 ? { snow: amount } : amount ? { rain: amount } : {}),
      sys: { pod: s.isDay === 1 ? 'd' : 'n' },
      dt_txt: new Date(dt * 1000).toISOString().replace('T', ' ').slice(0, 19),
    };
  });
  const city = {
    ...{
      id: t.place?.id ?? 0,
      name: t.place?.name ?? '',
      coord: { lat: round4(t.lat), lon: round4(t.lon) },
    },
    ...{
      country: t.place?.countryCode ?? '',
      population: t.place?.population ?? 0,
      timezone,
      sunrise,
      sunset,
    },
  };
  // `cod` is a string here and a number in /weather; `message` is the number 0.
  return { cod: '200', message: 0, cnt: count, list, city };
}

/**
 * Emulated `api.openweathermap.org`: `/data/2.5/weather` and `/data/2.5/forecast` (40 steps of
 * 3 hours, `cnt` honoured) by `lat`+`lon` or `q`, Kelvin unless `units` says otherwise, with the
 * real 401 (missing or `invalid` appid), 404 (unknown city) and 400 (bad coordinates) bodies.
 */
export function openWeatherMapProvider(): EmulatedProvider {
  return {
    name: 'openweathermap',
    handle({ path, params }) {
      if (path !== '/data/2.5/weather' && path !== '/data/2.5/forecast') return undefined;
      const appid = params.get('appid');
      if (!appid || appid === 'invalid') {
        return { status: 401, body: UNAUTHORIZED, contentType: 'application/json; charset=utf-8' };
      }
      const t = target(params);
      if ('status' in t) return t;
      const units = converters(params.get('units'));
      const now = Math.floor(Date.now() / 1000);
      if (path === '/data/2.5/weather') return json(200, current(t, units, now));
      const cnt = Number(params.get('cnt') ?? 40);
      return json(
        200,
        forecast(t, units, now, Number.isInteger(cnt) && cnt >= 1 ? Math.min(cnt, 40) : 40),
      );
    },
    notFound: () => json(404, { cod: '404', message: 'Internal error' }),
  };
}

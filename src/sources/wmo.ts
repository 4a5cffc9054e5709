/**
 * WMO 4677 weather interpretation codes: the subset Open-Meteo documents, and the mapping from
 * OpenWeatherMap condition ids, so every weather provider reports the same `weatherCode`.
 */

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  0: 'Clear sky',
  1: 'Mainly clear',
  2: 'Partly cloudy',
  3: 'Overcast',
  45: 'Fog',
  48: 'Depositing rime fog',
  51: 'Light drizzle',
  53: 'Moderate drizzle',
  55: 'Dense drizzle',
  56: 'Light freezing drizzle',
  57: 'Dense freezing drizzle',
  61: 'Slight rain',
  63: 'Moderate rain',
  65: 'Heavy rain',
  66: 'Light freezing rain',
  67: 'Heavy freezing rain',
  71: 'Slight snow fall',
  73: 'Moderate snow fall',
  75: 'Heavy snow fall',
  77: 'Snow grains',
  80: 'Slight rain showers',
  81: 'Moderate rain showers',
  82: 'Violent rain showers',
  85: 'Slight snow showers',
  86: 'Heavy snow showers',
  95: 'Thunderstorm',
  96: 'Thunderstorm with slight hail',
  99: 'Thunderstorm with heavy hail',
};

/** Human text of a WMO code; null for null or a code outside the documented subset. */
export function describeWmoCode(code: number | null): string | null {
  if (code === null) return null;
  return DESCRIPTIONS[code] ?? null;
}

// [WMO code, the OpenWeatherMap ids it stands for] (see openweathermap.org/weather-conditions).
const OWM_IDS: ReadonlyArray<readonly [number, readonly number[]]> = [
  // Drizzle: light, plain, heavy (drizzle-rain mixes and shower drizzle by their intensity).
  [51, [300, 310]],
  [53, [301, 311, 313, 321]],
  [55, [302, 312, 314]],
  [61, [500]],
  [63, [501]],
  [65, [502, 503, 504]],
  // WMO has no sleet: sleet and rain-and-snow (611-616) are its nearest, freezing rain.
  [66, [511, 611, 612, 615]],
  [67, [613, 616]],
  [80, [520]],
  [81, [521, 531]],
  [82, [522, 771]],
  [71, [600]],
  [73, [601]],
  [75, [602]],
  [85, [620, 621]],
  [86, [622]],
  // Mist and fog are fog; haze, smoke, dust, sand and ash hide the sky; a tornado is a storm.
  [45, [701, 741]],
  [3, [711, 721, 731, 751, 761, 762, 803, 804]],
  [95, [781]],
  [0, [800]],
  [1, [801]],
  [2, [802]],
];
const OWM_EXACT = new Map(OWM_IDS.flatMap(([wmo, ids]) => ids.map((id) => [id, wmo] as const)));

/**
 * The WMO code of an OpenWeatherMap condition id. Every documented id is mapped; an undocumented id
 * falls back to its group (2xx thunderstorm, 3xx drizzle, 5xx rain, 6xx snow, 7xx fog, 8xx cloud).
 */
export function owmToWmo(id: number): number {
  const exact = OWM_EXACT.get(id);
  if (exact !== undefined) return exact;
  const group = Math.floor(id / 100);
  switch (group) {
    case 2:
      // 200-202 and 230-232 carry rain or drizzle, 210-221 are plain thunderstorms: all 95 in WMO
      // (96/99 need hail, which OpenWeatherMap does not report).
      return 95;
    case 3:
      return 53;
    case 5:
      return 63;
    case 6:
      return 73;
    case 7:
      return 45;
    default:
      return 3;
  }
}

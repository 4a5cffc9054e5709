import { describeWmoCode } from '../sources/wmo.js';
import type {
  Article,
  DailyForecast,
  ExchangeRate,
  Passage,
  Quote,
  WeatherModel,
} from '../sources/model.js';
import { amount, celsius, percent, signedAmount, utcTime } from './format.js';
import type { When } from './routing/places.js';
import type { SourceName } from './types.js';

/** One piece of data a source returned, ready to be numbered as context `[n]`. */
export type Evidence =
  | (EvidenceBase & { kind: 'weather'; weather: WeatherModel; time: AskedTime })
  | (EvidenceBase & { kind: 'quote'; quote: Quote })
  | (EvidenceBase & { kind: 'exchangeRate'; rate: ExchangeRate; amount: number | null })
  | (EvidenceBase & { kind: 'news'; article: Article; query: string })
  | (EvidenceBase & { kind: 'search'; passage: Passage; query: string });

interface EvidenceBase {
  source: SourceName;
  provider: string;
  title: string | null;
  url: string | null;
  /** The context text: what the model reads, what grounding and citations check against. */
  text: string;
  fetchedAt: string | null;
  ttlSeconds: number | null;
}

/** The time a weather question asks about: `weekday` names the day for `when: 'weekday'`. */
export interface AskedTime {
  when: When;
  weekday?: string;
}

const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** The weekday of a forecast's local calendar date (`2026-12-05` → `Saturday`). */
export function weekdayOf(date: string): string {
  return WEEKDAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

const isWeekend = (date: string) => /^S/.test(weekdayOf(date));

/**
 * The indexes of the first Saturday/Sunday run among the forecast days (day 0 is the place's
 * today): "this weekend" is today and tomorrow on a Saturday, today alone on a Sunday.
 */
function firstWeekend(daily: readonly DailyForecast[]): number[] {
  const start = daily.findIndex((d) => isWeekend(d.date));
  if (start < 0) return [];
  const run = [start];
  if (weekdayOf(daily[start]!.date) === 'Saturday' && daily[start + 1]) run.push(start + 1);
  return run;
}

/**
 * How the context names forecast day `i`: `Friday 2026-12-04 (tomorrow)`, and `Saturday
 * 2026-12-05 (tomorrow, this weekend)` when both hold, so a question about either finds the day.
 */
function dayName(daily: readonly DailyForecast[], i: number): string {
  const { date } = daily[i]!;
  const notes = [
    i === 0 ? 'today' : i === 1 ? 'tomorrow' : null,
    firstWeekend(daily).includes(i) ? 'this weekend' : null,
  ].filter(Boolean);
  return `${weekdayOf(date)} ${date}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/**
 * The forecast days a question asks about, by index into `daily`: tomorrow, the weekday named,
 * this weekend, today; every day for a week or a span of days; none for current conditions.
 * Empty also when the day asked about is beyond the forecast.
 */
export function askedDays(daily: readonly DailyForecast[], time: AskedTime): number[] {
  const all = daily.map((_, i) => i);
  switch (time.when) {
    case 'now':
      return [];
    case 'today':
      return all.slice(0, 1);
    case 'tomorrow':
      return all.slice(1, 2);
    case 'weekend':
      return firstWeekend(daily);
    case 'weekday': {
      const i = daily.findIndex((d) => weekdayOf(d.date).toLowerCase() === time.weekday);
      return i < 0 ? [] : [i];
    }
    case 'week':
    case 'days':
      return all;
  }
}

/** One forecast day as a sentence of facts (without the place). */
export function dayFacts(day: DailyForecast): string {
  return [
    day.minC !== null && `min ${celsius(day.minC)}`,
    day.maxC !== null && `max ${celsius(day.maxC)}`,
    day.precipitationMm !== null && `precipitation ${day.precipitationMm.toFixed(1)} mm`,
    describeWmoCode(day.weatherCode)?.toLowerCase(),
  ]
    .filter(Boolean)
    .join(', ');
}

/** `Osaka, Japan`: the place, its region unless it repeats the name, its country. */
function placeTitle({ name, admin1, country }: WeatherModel['place']): string {
  return [name, admin1 !== name ? admin1 : null, country].filter(Boolean).join(', ');
}

/** The forecast day sentence as context and extractive answers both write it. */
export function daySentence(weather: WeatherModel, i: number): string {
  const { daily } = weather.forecast;
  return `${weather.place.name} on ${dayName(daily, i)}: ${dayFacts(daily[i]!)}`;
}

export function weatherEvidence(weather: WeatherModel, time: AskedTime): Evidence {
  const { place, forecast } = weather;
  // Every sentence names the place, so each one stands on its own as a cited fact; each day is
  // named by weekday and as today/tomorrow/this weekend, so a question's time finds its day.
  const parts: string[] = [`Weather in ${placeTitle(place)} (source: ${forecast.provider}).`];
  const now = forecast.current;
  if (now) {
    const facts = [
      celsius(now.temperatureC) && `temperature ${celsius(now.temperatureC)}`,
      celsius(now.apparentTemperatureC) && `feels like ${celsius(now.apparentTemperatureC)}`,
      now.humidity !== null && `humidity ${Math.round(now.humidity)}%`,
      now.windSpeedKmh !== null && `wind ${now.windSpeedKmh.toFixed(1)} km/h`,
      now.precipitationMm !== null && `precipitation ${now.precipitationMm.toFixed(1)} mm`,
      describeWmoCode(now.weatherCode)?.toLowerCase(),
    ].filter(Boolean);
    parts.push(`${place.name} now (${utcTime(now.time)}): ${facts.join(', ')}.`);
  }
  forecast.daily.forEach((_, i) => parts.push(`${daySentence(weather, i)}.`));
  return {
    kind: 'weather',
    source: 'weather',
    provider: forecast.provider,
    title: `Weather in ${place.name}`,
    url: null,
    text: parts.join(' '),
    fetchedAt: forecast.fetchedAt,
    ttlSeconds: forecast.ttlSeconds,
    weather,
    time,
  };
}

export function quoteEvidence(quote: Quote): Evidence {
  const name = quote.name ? ` (${quote.name})` : '';
  const currency = quote.currency ? ` ${quote.currency}` : '';
  const facts = [`${quote.symbol}${name}: price ${amount(quote.price)}${currency}`];
  if (quote.change !== null && quote.changePercent !== null) {
    facts.push(`change ${signedAmount(quote.change)} (${percent(quote.changePercent, true)})`);
  }
  if (quote.previousClose !== null) facts.push(`previous close ${amount(quote.previousClose)}`);
  facts.push(`as of ${utcTime(quote.asOf)} (${quote.provider})`);
  return {
    kind: 'quote',
    source: 'quote',
    provider: quote.provider,
    title: `${quote.symbol} quote`,
    url: null,
    text: `${facts.join(', ')}.`,
    fetchedAt: quote.fetchedAt,
    ttlSeconds: quote.ttlSeconds,
    quote,
  };
}

export function rateEvidence(rate: ExchangeRate, requested: number | null): Evidence {
  const facts = [
    `Exchange rate on ${rate.date}: 1 ${rate.base} = ${amount(rate.rate)} ${rate.target}`,
  ];
  if (requested !== null && requested !== 1) {
    facts.push(
      `so ${amount(requested)} ${rate.base} = ${amount(requested * rate.rate)} ${rate.target}`,
    );
  }
  return {
    kind: 'exchangeRate',
    source: 'exchangeRate',
    provider: rate.provider,
    title: `${rate.base}/${rate.target} exchange rate`,
    url: null,
    text: `${facts.join(', ')} (${rate.provider}, reference rate).`,
    fetchedAt: rate.fetchedAt,
    ttlSeconds: rate.ttlSeconds,
    rate,
    amount: requested,
  };
}

export function articleEvidence(
  article: Article,
  query: string,
  fetchedAt: string,
  ttlSeconds: number,
): Evidence {
  const summary = article.summary ? ` ${article.summary}` : '';
  return {
    kind: 'news',
    source: 'news',
    provider: article.provider,
    title: article.title,
    url: article.url,
    text: `Headline: "${article.title}" (${article.source}, ${article.publishedAt.slice(0, 10)}).${summary}`,
    fetchedAt,
    ttlSeconds,
    article,
    query,
  };
}

export function passageEvidence(passage: Passage, query: string): Evidence {
  return {
    kind: 'search',
    source: 'search',
    provider: 'vector',
    title: passage.title,
    url: passage.url,
    text: passage.text,
    fetchedAt: null,
    ttlSeconds: null,
    passage,
    query,
  };
}

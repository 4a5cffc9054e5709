import { describeWmoCode } from '../sources/wmo.js';
import type { Article, ExchangeRate, Passage, Quote, WeatherModel } from '../sources/model.js';
import { amount, celsius, percent, signedAmount, utcTime } from './format.js';
import type { SourceName } from './types.js';

/** One piece of data a source returned, ready to be numbered as context `[n]`. */
export type Evidence =
  | (EvidenceBase & { kind: 'weather'; weather: WeatherModel; when: string })
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

export function weatherEvidence(weather: WeatherModel, when: string): Evidence {
  const { place, forecast } = weather;
  const where = [place.name, place.admin1, place.country].filter(Boolean).join(', ');
  // Every sentence names the place, so each one stands on its own as a cited fact.
  const parts: string[] = [`Weather in ${where} from ${forecast.provider}.`];
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
  for (const day of forecast.daily) {
    const facts = [
      day.minC !== null && `min ${celsius(day.minC)}`,
      day.maxC !== null && `max ${celsius(day.maxC)}`,
      day.precipitationMm !== null && `precipitation ${day.precipitationMm.toFixed(1)} mm`,
      describeWmoCode(day.weatherCode)?.toLowerCase(),
    ].filter(Boolean);
    parts.push(`${place.name} on ${day.date}: ${facts.join(', ')}.`);
  }
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
    when,
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

import type { ClientError } from '../../../../src/client/index.js';
import { h, s } from '../dom.js';
import { formatNumber } from '../format.js';
import type { Answer, Quote, Weather } from '../types.js';

/** What the router chose, read from `SourceCall.args`: the places and symbols to show cards for. */
export interface CardRequests {
  places: Array<{ location: string; days: number }>;
  symbols: string[];
}

/** At least five days, so the forecast chart has a shape even when the question asked for "now". */
const MIN_CHART_DAYS = 5;
const MAX_DAYS = 16;

/** The distinct places (`location`, `days`) and symbols (`symbol`) the answer's sources were called with. */
export function cardRequests(answer: Answer): CardRequests {
  const places = new Map<string, number>();
  const symbols = new Set<string>();
  for (const source of answer.sources) {
    const args = new Map(source.args.map(({ key, value }) => [key, value]));
    const location = args.get('location');
    if (location) {
      const days = Number(args.get('days') ?? MIN_CHART_DAYS);
      const wanted = Math.min(Math.max(Number.isFinite(days) ? days : 0, MIN_CHART_DAYS), MAX_DAYS);
      places.set(location, Math.max(places.get(location) ?? 0, wanted));
    }
    const symbol = args.get('symbol');
    if (symbol) symbols.add(symbol);
  }
  return {
    places: [...places].map(([location, days]) => ({ location, days })),
    symbols: [...symbols],
  };
}

function fact(label: string, value: string | null): HTMLElement | null {
  if (value === null) return null;
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

const unit = (value: number | null | undefined, suffix: string) =>
  value === null || value === undefined ? null : `${formatNumber(value, { digits: 1 })}${suffix}`;

/** Daily min/max as two lines on a shared scale; the accessible name lists the values. */
function forecastChart(daily: Weather['daily']): SVGSVGElement | null {
  const days = daily.filter((d) => d.minC !== null && d.maxC !== null);
  if (days.length < 2) return null;
  const width = 300;
  const height = 150;
  // Room above the highs and below the lows for their value labels, and for the weekdays.
  const pad = { left: 30, right: 10, top: 16, bottom: 36 };
  const lows = days.map((d) => d.minC as number);
  const highs = days.map((d) => d.maxC as number);
  const min = Math.floor(Math.min(...lows) - 1);
  const max = Math.ceil(Math.max(...highs) + 1);
  const x = (i: number) => pad.left + (i / (days.length - 1)) * (width - pad.left - pad.right);
  const y = (t: number) => pad.top + ((max - t) / (max - min)) * (height - pad.top - pad.bottom);
  const line = (values: number[], kind: string) =>
    s('polyline', {
      class: `chart-line chart-line--${kind}`,
      points: values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
    });
  const dots = (values: number[], kind: string) =>
    values.map((v, i) =>
      s('circle', {
        class: `chart-dot chart-dot--${kind}`,
        cx: x(i).toFixed(1),
        cy: y(v).toFixed(1),
        r: 3,
      }),
    );
  const weekday = (date: string) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
      weekday: 'short',
      timeZone: 'UTC',
    });
  const summary = days
    .map(
      (d) =>
        `${d.date}: ${formatNumber(d.minC as number, { digits: 1 })} to ${formatNumber(d.maxC as number, { digits: 1 })} °C`,
    )
    .join('; ');
  return s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `Forecast, daily minimum and maximum: ${summary}`,
    },
    s('text', { class: 'chart-axis', x: 2, y: y(max) + 4 }, `${max}°`),
    s('text', { class: 'chart-axis', x: 2, y: y(min) + 4 }, `${min}°`),
    s('line', { class: 'chart-grid', x1: pad.left, x2: width - pad.right, y1: y(min), y2: y(min) }),
    s('line', { class: 'chart-grid', x1: pad.left, x2: width - pad.right, y1: y(max), y2: y(max) }),
    line(highs, 'max'),
    line(lows, 'min'),
    ...dots(highs, 'max'),
    ...dots(lows, 'min'),
    ...days.map((d, i) =>
      s(
        'text',
        { class: 'chart-axis', x: x(i), y: height - 6, 'text-anchor': 'middle' },
        weekday(d.date),
      ),
    ),
    ...highs.map((v, i) =>
      s(
        'text',
        { class: 'chart-value', x: x(i), y: y(v) - 6, 'text-anchor': 'middle' },
        `${Math.round(v)}°`,
      ),
    ),
    ...lows.map((v, i) =>
      s(
        'text',
        { class: 'chart-value', x: x(i), y: y(v) + 14, 'text-anchor': 'middle' },
        `${Math.round(v)}°`,
      ),
    ),
  );
}

/** Current conditions and the forecast chart for one place. */
export function weatherCard(weather: Weather): HTMLElement {
  const { location, current } = weather;
  // Osaka's region is Osaka: a region that repeats the name adds nothing.
  const region = location.region === location.name ? null : location.region;
  const place = [location.name, region, location.country].filter(Boolean).join(', ');
  return h(
    'article',
    {
      class: 'card card--weather',
      'data-testid': 'weather-card',
      'aria-label': `Weather in ${place}`,
    },
    h('h3', {}, place, weather.stale ? h('span', { class: 'badge badge--stale' }, 'Stale') : null),
    current
      ? h(
          'p',
          { class: 'card-big' },
          unit(current.temperatureC, ' °C') ?? '—',
          current.description ? h('span', { class: 'card-sub' }, ` ${current.description}`) : null,
        )
      : h('p', { class: 'empty' }, 'No current conditions.'),
    current
      ? h(
          'dl',
          { class: 'facts' },
          fact('Feels like', unit(current.apparentTemperatureC, ' °C')),
          fact('Humidity', unit(current.humidity, ' %')),
          fact('Wind', unit(current.windSpeedKmh, ' km/h')),
          fact('Precipitation', unit(current.precipitationMm, ' mm')),
        )
      : null,
    forecastChart(weather.daily),
    h(
      'p',
      { class: 'legend' },
      h('span', { class: 'key key--max' }, 'max'),
      ' ',
      h('span', { class: 'key key--min' }, 'min'),
      ` · ${weather.daily.length} days`,
    ),
    h('p', { class: 'attribution' }, `${weather.provider} · ${weather.attribution}`),
  );
}

/** Price and change for one symbol; the direction is in the text (▲/▼ and sign), not only colour. */
export function quoteCard(quote: Quote): HTMLElement {
  const change = quote.change ?? 0;
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■';
  return h(
    'article',
    {
      class: 'card card--quote',
      'data-testid': 'quote-card',
      'aria-label': `Quote for ${quote.symbol}`,
    },
    h(
      'h3',
      {},
      quote.symbol,
      quote.name ? h('span', { class: 'card-sub' }, ` ${quote.name}`) : null,
      quote.stale ? h('span', { class: 'badge badge--stale' }, 'Stale') : null,
    ),
    h(
      'p',
      { class: 'card-big' },
      formatNumber(quote.price),
      h('span', { class: 'card-sub' }, ` ${quote.currency ?? ''}`),
    ),
    h(
      'p',
      { class: `change change--${direction}` },
      h('span', { 'aria-hidden': 'true' }, `${arrow} `),
      quote.change === null
        ? 'change unknown'
        : formatNumber(quote.change, { signed: true, digits: 2 }),
      quote.changePercent === null
        ? ''
        : ` (${formatNumber(quote.changePercent, { signed: true, digits: 2 })} %)`,
    ),
    h(
      'dl',
      { class: 'facts' },
      fact(
        'Previous close',
        quote.previousClose === null ? null : formatNumber(quote.previousClose),
      ),
      fact(
        'As of',
        new Date(quote.asOf).toLocaleString('en-US', {
          timeZone: 'UTC',
          dateStyle: 'medium',
          timeStyle: 'short',
        }) + ' UTC',
      ),
    ),
    h('p', { class: 'attribution' }, quote.provider),
  );
}

/** A card for data that could not be fetched: the message and its code, plainly. */
export function errorCard(title: string, errors: readonly ClientError[]): HTMLElement {
  return h(
    'article',
    { class: 'card card--error' },
    h('h3', {}, title),
    ...errors.map((e) =>
      h(
        'p',
        { class: 'error-text' },
        e.message,
        e.extensions?.code ? h('code', {}, ` ${e.extensions.code}`) : null,
      ),
    ),
  );
}

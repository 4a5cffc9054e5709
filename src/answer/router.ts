/*
 * The question router of `answer(question)`: which sources a question needs and with what
 * parameters. The rule router works without any key (rules, dictionaries, and optionally the
 * geocoder for names the gazetteer lacks); an LLM router may implement the same `Router`.
 */
import { analyse } from './routing/analyse.js';
import type { WeatherTime, When } from './routing/places.js';

export type { When } from './routing/places.js';

/** The sources a plan can call. */
export type SourceKind = 'weather' | 'quote' | 'exchangeRate' | 'news' | 'search';

/** Weather at one place; `days` is how many forecast days to fetch (1-16). */
export interface WeatherIntent {
  kind: 'weather';
  place: string;
  days: number;
  when: When;
  /** The weekday asked about when `when` is `weekday` (`saturday`). */
  weekday?: string;
}

/** Quotes for equities (`AAPL`), crypto pairs (`BTC-EUR`) or FX symbols (`EURUSD=X`). */
export interface QuoteIntent {
  kind: 'quote';
  symbols: string[];
}

/** An exchange rate between ISO 4217 currencies, with the amount to convert when one was given. */
export interface ExchangeRateIntent {
  kind: 'exchangeRate';
  base: string;
  target: string;
  amount?: number;
}

/** News about a topic. */
export interface NewsIntent {
  kind: 'news';
  query: string;
}

/** A documentation search (Sluice, its configuration, its providers' limits and terms). */
export interface SearchIntent {
  kind: 'search';
  query: string;
}

/** One thing to fetch. */
export type Intent = WeatherIntent | QuoteIntent | ExchangeRateIntent | NewsIntent | SearchIntent;

/** What a question needs, in the order it asks; no intents means no source can help. */
export interface RoutePlan {
  intents: Intent[];
}

/** Routes a question to a plan. */
export interface Router {
  route(question: string): Promise<RoutePlan>;
}

/** Options of the rule router. */
export interface RuleRouterOptions {
  /**
   * Asks the geocoder whether a name is a place: used for names the gazetteer lacks ("weather in
   * Kalgoorlie"). Without it such a name after "in"/"at"/"for" is trusted as a place.
   */
  isPlace?: (name: string) => Promise<boolean>;
}

/** The keyless router: rules, dictionaries and the gazetteer (plus the geocoder when given). */
export function createRuleRouter(options: RuleRouterOptions = {}): Router {
  const { isPlace } = options;
  return {
    async route(question) {
      const found = analyse(question);
      const checked = await Promise.all(
        found.places.map(async (p) =>
          p.known || !isPlace ? true : isPlace(p.name).catch(() => false),
        ),
      );
      const now: WeatherTime = { when: 'now', days: 1 };
      let places = found.places.flatMap((p, i) =>
        checked[i] ? [{ name: p.name, time: found.times[i] ?? now }] : [],
      );
      // Names the rules could not place ("Kalgoorlie weather"): the geocoder decides.
      if (places.length === 0 && isPlace && found.placeCandidates.length > 0) {
        const answers = await Promise.all(
          found.placeCandidates.map((c) => isPlace(c).catch(() => false)),
        );
        places = found.placeCandidates.flatMap((name, i) =>
          answers[i] ? [{ name, time: now }] : [],
        );
      }
      const positioned: Array<[number, Intent]> = [
        ...places.map(({ name, time }): [number, Intent] => [
          found.at.weather,
          { kind: 'weather', place: name, ...time },
        ]),
        ...(found.symbols.length > 0
          ? [[found.at.quote, { kind: 'quote', symbols: found.symbols }] as [number, Intent]]
          : []),
        ...found.rates.map((r): [number, Intent] => [
          found.at.exchangeRate,
          { kind: 'exchangeRate', ...r },
        ]),
        ...found.news.map((query): [number, Intent] => [found.at.news, { kind: 'news', query }]),
        ...(found.search === null
          ? []
          : [[found.at.search, { kind: 'search', query: found.search }] as [number, Intent]]),
      ];
      // A stable sort keeps same-kind intents in the order they were named.
      return { intents: positioned.sort((a, b) => a[0] - b[0]).map(([, intent]) => intent) };
    },
  };
}

/** The distinct sources of a plan, sorted: what routing accuracy compares. */
export function planSources(plan: RoutePlan): SourceKind[] {
  return [...new Set(plan.intents.map((intent) => intent.kind))].sort();
}

function describeIntent(intent: Intent): string {
  switch (intent.kind) {
    case 'weather':
      return `weather(${intent.place}, ${intent.weekday ?? intent.when}, ${intent.days}d)`;
    case 'quote':
      return `quote(${intent.symbols.join(', ')})`;
    case 'exchangeRate':
      return `exchangeRate(${intent.amount === undefined ? '' : `${intent.amount} `}${intent.base}->${intent.target})`;
    case 'news':
      return `news(${JSON.stringify(intent.query)})`;
    case 'search': {
      const query = intent.query.length > 48 ? `${intent.query.slice(0, 47)}…` : intent.query;
      return `search(${JSON.stringify(query)})`;
    }
    default: {
      const unreachable: never = intent;
      return unreachable;
    }
  }
}

/** A short one-line description of a plan for traces: `weather(Paris, now, 1d) + quote(AAPL)`. */
export function describePlan(plan: RoutePlan): string {
  return plan.intents.length === 0 ? 'no source' : plan.intents.map(describeIntent).join(' + ');
}

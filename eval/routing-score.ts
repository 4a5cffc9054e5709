/*
 * Scoring of the question router against eval/data/routing.jsonl. A question is routed right when
 * its set of sources is exactly the labelled one; fully right when, besides, the key parameters
 * match: the set of places (accents and case folded), the set of quote symbols and the set of
 * currency pairs (base->target). Times, amounts and news queries are reported apart.
 */
import { readFileSync } from 'node:fs';
import { fold } from '../src/answer/routing/text.js';
import { planSources, type Intent, type RoutePlan, type Router } from '../src/answer/router.js';

/** One labelled question. */
export interface RoutingCase {
  question: string;
  sources: string[];
  params: {
    places?: string[];
    when?: string;
    days?: number;
    symbols?: string[];
    rates?: Array<{ base: string; target: string; amount?: number }>;
    news?: string[];
    search?: string;
  };
}

/** The verdict on one question. */
export interface RoutingResult {
  row: number;
  item: RoutingCase;
  plan: RoutePlan;
  sourcesRight: boolean;
  fullyRight: boolean;
  /** Undefined when the question has no weather or its sources are wrong. */
  whenRight?: boolean;
  amountRight?: boolean;
  newsRight?: boolean;
  problems: string[];
}

/** Reads a JSON-lines labelled set. */
export function readCases(url: URL): RoutingCase[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RoutingCase);
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

const STOP = new Set(['the', 'a', 'an', 'and', 'of', 'at', 'in', 'on', 'about', 'new']);
const content = (text: string) =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP.has(w));

/** Whether a routed news query covers a labelled one: most of its content words. */
export function newsMatches(expected: string, actual: string): boolean {
  const want = content(expected);
  const have = new Set(content(actual));
  if (want.length === 0) return have.size === 0;
  return want.filter((w) => have.has(w)).length / want.length >= 0.5;
}

function of<K extends Intent['kind']>(
  plan: RoutePlan,
  kind: K,
): Array<Extract<Intent, { kind: K }>> {
  return plan.intents.filter((i): i is Extract<Intent, { kind: K }> => i.kind === kind);
}

/** Routes one case and judges it. */
export async function scoreCase(
  router: Router,
  item: RoutingCase,
  row: number,
): Promise<RoutingResult> {
  const plan = await router.route(item.question);
  const problems: string[] = [];
  const sourcesRight = sameSet(planSources(plan), item.sources);
  if (!sourcesRight) problems.push(`sources [${planSources(plan).join(',')}]`);
  const p = item.params;
  const places = of(plan, 'weather').map((w) => fold(w.place));
  if (!sameSet(places, (p.places ?? []).map(fold))) problems.push(`places [${places.join(', ')}]`);
  const symbols = of(plan, 'quote').flatMap((q) => q.symbols);
  if (!sameSet(symbols, p.symbols ?? [])) problems.push(`symbols [${symbols.join(', ')}]`);
  const pairs = of(plan, 'exchangeRate').map((r) => `${r.base}->${r.target}`);
  if (
    !sameSet(
      pairs,
      (p.rates ?? []).map((r) => `${r.base}->${r.target}`),
    )
  ) {
    problems.push(`rates [${pairs.join(', ')}]`);
  }
  const fullyRight = problems.length === 0;
  const result: RoutingResult = { row, item, plan, sourcesRight, fullyRight, problems };
  if (fullyRight && p.when !== undefined) {
    const weather = of(plan, 'weather');
    result.whenRight = weather.every((w) => w.when === p.when && w.days === p.days);
  }
  if (fullyRight && p.rates?.length) {
    const rates = of(plan, 'exchangeRate');
    result.amountRight = p.rates.every((r) =>
      rates.some((x) => x.base === r.base && x.amount === r.amount),
    );
  }
  if (sourcesRight && p.news?.length) {
    const queries = of(plan, 'news').map((n) => n.query);
    result.newsRight = p.news.every((want) => queries.some((q) => newsMatches(want, q)));
  }
  return result;
}

/** Share of `true` among the defined values, and how many there were. */
export function rate(values: ReadonlyArray<boolean | undefined>): { share: number; n: number } {
  const defined = values.filter((v): v is boolean => v !== undefined);
  return {
    share: defined.length === 0 ? NaN : defined.filter(Boolean).length / defined.length,
    n: defined.length,
  };
}

/*
 * Routing accuracy of the keyless rule router (no geocoder) on our two labelled sets:
 * - eval/data/routing.jsonl (156 questions, 40 needing several sources), written before the
 *   router, which was then built with it in view: a development figure;
 * - eval/data/routing-fresh.jsonl (84 questions, 21 needing several sources), written after the
 *   router was frozen. Its first run, before any change: sources 96.4%, full 94.0% (5 misses,
 *   fixed since by general rules: clothing and "conditions" as weather cues, a lone currency that
 *   "moves" as a rate, an alias, keeping capitalised place spellings). Now also seen.
 * For each: source-set and full accuracy (eval/routing-score.ts) for questions needing no source,
 * one, or several; a split-half check (even rows, odd rows); secondary figures; the confusions of
 * source sets; every failure. Run: npx tsx eval/routing.ts [file.jsonl]
 * - eval/data/routing-multilingual.jsonl (40 weather, price and rate questions in Spanish, French,
 *   German, Portuguese and Italian), written before the router learnt those languages: its first
 *   run scored sources 32.5%, full 22.5%. Not in the default run; pass it as the file argument.
 * The file argument is a name in eval/data/ or a path (`eval/data/routing-multilingual.jsonl`).
 */
import { basename } from 'node:path';
import { machineLine } from '../bench/machine.js';
import { createRuleRouter, describePlan, planSources } from '../src/answer/router.js';
import { rate, readCases, scoreCase, type RoutingResult } from './routing-score.js';

const router = createRuleRouter();
const files = process.argv[2]
  ? [basename(process.argv[2])]
  : ['routing.jsonl', 'routing-fresh.jsonl'];

const groupOf = (r: RoutingResult) => {
  const n = new Set(r.item.sources).size;
  return n === 0 ? 'no source' : n === 1 ? 'one source' : 'several';
};
const pct = (values: ReadonlyArray<boolean | undefined>) => {
  const { share } = rate(values);
  return Number.isNaN(share) ? '     -' : `${(100 * share).toFixed(1).padStart(5)}%`;
};
const row = (label: string, rows: RoutingResult[]) =>
  `  ${label.padEnd(16)} ${String(rows.length).padStart(4)}   ${pct(rows.map((r) => r.sourcesRight))}  ${pct(rows.map((r) => r.fullyRight))}`;

function report(file: string, results: RoutingResult[]): void {
  console.log(`\n${file}`);
  console.log(`  ${'questions'.padEnd(16)} ${'n'.padStart(4)}   sources    full`);
  for (const group of ['no source', 'one source', 'several']) {
    console.log(
      row(
        group,
        results.filter((r) => groupOf(r) === group),
      ),
    );
  }
  console.log(row('all', results));
  console.log(
    row(
      '  even rows',
      results.filter((r) => r.row % 2 === 0),
    ),
  );
  console.log(
    row(
      '  odd rows',
      results.filter((r) => r.row % 2 === 1),
    ),
  );
  const secondary: Array<[string, Array<boolean | undefined>]> = [
    ['weather when+days', results.map((r) => r.whenRight)],
    ['conversion amount', results.map((r) => r.amountRight)],
    ['news query covers', results.map((r) => r.newsRight)],
  ];
  for (const [label, values] of secondary) {
    console.log(`  ${label.padEnd(22)} ${pct(values)}  (n=${rate(values).n})`);
  }
  const confusions = new Map<string, number>();
  for (const r of results.filter((x) => !x.sourcesRight)) {
    const key = `${[...r.item.sources].sort().join('+') || 'none'} -> ${planSources(r.plan).join('+') || 'none'}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
  }
  console.log(
    `  source-set confusions (labelled -> routed): ${confusions.size === 0 ? 'none' : ''}`,
  );
  for (const [pair, n] of [...confusions].sort((a, b) => b[1] - a[1]))
    console.log(`    ${n}  ${pair}`);
  const failures = results.filter(
    (r) => !r.fullyRight || r.whenRight === false || r.newsRight === false,
  );
  console.log(`  failures and secondary misses: ${failures.length}`);
  for (const r of failures) {
    const why = [...r.problems];
    if (r.whenRight === false) why.push('when/days');
    if (r.newsRight === false) why.push(`news, labelled ${JSON.stringify(r.item.params.news)}`);
    console.log(`    #${r.row} ${JSON.stringify(r.item.question)}: ${why.join('; ')}`);
    console.log(`        routed: ${describePlan(r.plan)}`);
  }
}

console.log('Routing accuracy: rule router, no geocoder, no LLM');
console.log('(sources = exact source set; full = sources + places + symbols + currency pairs)');
for (const file of files) {
  const cases = readCases(new URL(`./data/${file}`, import.meta.url));
  const results: RoutingResult[] = [];
  for (const [i, item] of cases.entries()) results.push(await scoreCase(router, item, i));
  report(file, results);
}
console.log(`\n${machineLine()}`);

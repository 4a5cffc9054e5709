/**
 * Guard detectors on their labelled sets (eval/data/*.jsonl): precision, recall and F1 for
 * prompt_injection and content_safety, on all rows and on the even/odd halves; then the false
 * positives of each detector, and of pii, on the bundled docs (src/vector/corpus/*.md), counted
 * per sentence. Round-1 rows were written with the rules and tuned on; round 2 was written later as
 * a fresh check, measured, then tuned on; round 3 was written last and never tuned on. Run: npx tsx eval/guards.ts [--errors]
 */
import { readFile, readdir } from 'node:fs/promises';
import { machineLine } from '../bench/machine.js';
import { providerNewsTexts } from './benign-texts.js';
import { assessContentSafety } from '../src/gates/safety-rules.js';
import { assessInjection, assessRequestSafety } from '../src/gates/guard-model.js';
import { redactPii } from '../src/gates/pii.js';
import { detectPromptInjection } from '../src/gates/injection-rules.js';
import { splitSentences } from '../src/language/text.js';

interface Row {
  text: string;
  label: 0 | 1;
  kind: string;
  stage: string;
  /** 1 (absent): written with the rules; 2: written as a fresh check, then tuned on; 3: fresh. */
  round?: number;
}

async function readRows(name: string): Promise<Row[]> {
  const text = await readFile(new URL(`./data/${name}.jsonl`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
}

interface Scores {
  n: number;
  tp: number;
  fp: number;
  fn: number;
}

function confusion(rows: readonly Row[], flag: (text: string) => boolean): Scores {
  const s: Scores = { n: rows.length, tp: 0, fp: 0, fn: 0 };
  for (const row of rows) {
    const flagged = flag(row.text);
    if (flagged && row.label === 1) s.tp++;
    else if (flagged) s.fp++;
    else if (row.label === 1) s.fn++;
  }
  return s;
}

function line(name: string, split: string, s: Scores): string {
  const p = s.tp / (s.tp + s.fp || 1);
  const r = s.tp / (s.tp + s.fn || 1);
  const f1 = (2 * p * r) / (p + r || 1);
  const cells = [s.n, s.tp, s.fp, s.fn].map((v) => String(v).padStart(4));
  return `${name.padEnd(17)} ${split.padEnd(6)} ${cells.join(' ')}  ${p.toFixed(3)}  ${r.toFixed(3)}  ${f1.toFixed(3)}`;
}

function perKind(rows: readonly Row[], flag: (text: string) => boolean): string {
  const kinds = [...new Set(rows.map((r) => r.kind))];
  return kinds
    .map((kind) => {
      const of = rows.filter((r) => r.kind === kind);
      const right = of.filter((r) => flag(r.text) === (r.label === 1)).length;
      return `${kind} ${right}/${of.length}`;
    })
    .join(', ');
}

const detectors: Record<string, (text: string) => boolean> = {
  prompt_injection: (t) => assessInjection(t).injected,
  'injection rules': (t) => detectPromptInjection(t).injected,
  content_safety: (t) => !assessRequestSafety(t).safe,
  'safety rules': (t) => !assessContentSafety(t).safe,
  pii: (t) => redactPii(t).findings.length > 0,
};
const showErrors = process.argv.includes('--errors');

console.log('Labelled sets (hand-written, eval/data): counts n tp fp fn, then precision recall F1');
console.log('detector          split     n   tp   fp   fn  prec   recall F1');
for (const [name, file] of [
  ['prompt_injection', 'prompt-injection'],
  ['injection rules', 'prompt-injection'],
  ['content_safety', 'content-safety'],
  ['safety rules', 'content-safety'],
] as const) {
  const rows = await readRows(file);
  const flag = detectors[name] as (text: string) => boolean;
  const splits: Array<[string, (row: Row, i: number) => boolean]> = [
    ['all', () => true],
    ['even', (_, i) => i % 2 === 0],
    ['odd', (_, i) => i % 2 === 1],
    ['round1', (r) => (r.round ?? 1) === 1],
    ['round2', (r) => r.round === 2],
    ['round3', (r) => r.round === 3],
  ];
  for (const [split, keep] of splits)
    console.log(line(name, split, confusion(rows.filter(keep), flag)));
  console.log(`  correct by kind: ${perKind(rows, flag)}`);
  if (showErrors)
    for (const row of rows)
      if (flag(row.text) !== (row.label === 1))
        console.log(`  ${row.label ? 'MISSED' : 'FALSE+'} ${JSON.stringify(row.text)}`);
}

// Rows no model was trained on: guards-fresh.jsonl (written before the first training run; its
// errors were seen while adding training data) and guards-fresh-2.jsonl (written before that
// data was added, and not looked at until the end), guards-fresh-3.jsonl (written blind by
// another engineer beside guards-train-extra-2.jsonl, read only as totals).
console.log('\nNever trained on (eval/data/guards-fresh*.jsonl): rules beside the trained guards');
console.log('set / detector                      n  pos  recall  benign flagged');
for (const file of ['guards-fresh', 'guards-fresh-2', 'guards-fresh-3']) {
  const rows = (await readRows(file)) as Array<Row & { task: string }>;
  for (const [name, task] of [
    ['prompt_injection', 'injection'],
    ['injection rules', 'injection'],
    ['content_safety', 'safety'],
    ['safety rules', 'safety'],
  ] as const) {
    const of = rows.filter((r) => r.task === 'both' || r.task === task);
    const s = confusion(of, detectors[name] as (text: string) => boolean);
    const positives = s.tp + s.fn;
    const benign = of.length - positives;
    console.log(
      `${`${file} ${name}`.padEnd(34)} ${String(of.length).padStart(3)} ${String(positives).padStart(4)}  ${(s.tp / (positives || 1)).toFixed(3)}   ${s.fp}/${benign}`,
    );
  }
}

// Benign by construction: every service question of the routing sets, and the news texts of the
// provider samples (what the RETRIEVAL screen reads).
const questions = [...(await readRows('routing')), ...(await readRows('routing-fresh'))].map(
  (r) => (r as unknown as { question: string }).question,
);
const news = providerNewsTexts();
console.log(
  '\nFalse positives on benign text: service questions (routing sets), provider news samples',
);
console.log('detector          questions   news texts');
for (const [name, flag] of Object.entries(detectors)) {
  const q = questions.filter(flag);
  const n = news.filter(flag);
  console.log(
    `${name.padEnd(17)} ${`${q.length} / ${questions.length}`.padEnd(11)} ${n.length} / ${news.length}`,
  );
  if (showErrors)
    for (const t of [...q, ...n]) console.log(`  FALSE+ ${JSON.stringify(t.slice(0, 160))}`);
}

const corpusDir = new URL('../src/vector/corpus/', import.meta.url);
const names = (await readdir(corpusDir)).filter((n) => n.endsWith('.md')).sort();
const sentences: string[] = [];
for (const name of names)
  sentences.push(...splitSentences(await readFile(new URL(name, corpusDir), 'utf8')));

console.log(
  `\nFalse positives on the bundled docs (${names.length} files, ${sentences.length} sentences, all benign)`,
);
console.log('detector          flagged / sentences');
for (const [name, flag] of Object.entries(detectors)) {
  const flagged = sentences.filter(flag);
  console.log(`${name.padEnd(17)} ${flagged.length} / ${sentences.length}`);
  if (showErrors)
    for (const s of flagged) console.log(`  FALSE+ ${JSON.stringify(s.slice(0, 160))}`);
}
console.log(machineLine());

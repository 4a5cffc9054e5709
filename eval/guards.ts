/**
 * Guard detectors on their labelled sets (eval/data/*.jsonl): precision, recall and F1 for
 * prompt_injection and content_safety, on all rows and on the even/odd halves; then the false
 * positives of each detector, and of pii, on the bundled docs (src/vector/corpus/*.md), counted
 * per sentence. Round-1 rows were written with the rules and tuned on; round 2 was written later as
 * a fresh check, measured, then tuned on; round 3 was written last and never tuned on. Run: npx tsx eval/guards.ts [--errors]
 */
import { readFile, readdir } from 'node:fs/promises';
import { machineLine } from '../bench/machine.js';
import { assessContentSafety } from '../src/gates/content-safety.js';
import { redactPii } from '../src/gates/pii.js';
import { detectPromptInjection } from '../src/gates/prompt-injection.js';
import { splitSentences } from '../src/gates/text.js';

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
  prompt_injection: (t) => detectPromptInjection(t).injected,
  content_safety: (t) => !assessContentSafety(t).safe,
  pii: (t) => redactPii(t).findings.length > 0,
};
const showErrors = process.argv.includes('--errors');

console.log('Labelled sets (hand-written, eval/data): counts n tp fp fn, then precision recall F1');
console.log('detector          split     n   tp   fp   fn  prec   recall F1');
for (const [name, file] of [
  ['prompt_injection', 'prompt-injection'],
  ['content_safety', 'content-safety'],
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

/**
 * `npx tsx eval/hallucination-markers.ts`: the hallucination-markers detector on the committed,
 * hand-labelled set eval/data/hallucination-markers.jsonl (a text is positive when it carries a
 * marker), next to a naive keyword baseline: precision, recall and F1, recall per marker kind,
 * false positives per kind of negative, a split-half check (even and odd rows), and the false
 * positives on the bundled documentation (src/vector/corpus/*.md, every sentence should pass).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { machineLine } from '../bench/machine.js';
import { detectHallucinationMarkers } from '../src/gates/hallucination-markers.js';
import { normalise, splitSentences } from '../src/language/text.js';

interface Row {
  text: string;
  label: 0 | 1;
  kind: string;
}

const rows: Row[] = readFileSync(
  new URL('./data/hallucination-markers.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Row);

const corpusDir = new URL('../src/vector/corpus/', import.meta.url);
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .flatMap((f) =>
    splitSentences(readFileSync(new URL(f, corpusDir), 'utf8'))
      .flatMap((s) => s.split('\n'))
      .map((s) => s.replace(/^\s*(?:#+|[-*]|\d+\.)\s*/, '').trim())
      .filter((s) => s.length > 0)
      .map((sentence) => ({ file: f, sentence })),
  );

type Detector = (text: string) => boolean;

const detector: Detector = (text) => detectHallucinationMarkers(text).markers.length > 0;

// The floor: flag any text containing a word or phrase that can signal a marker.
const KEYWORDS = [
  'as an ai',
  'language model',
  'knowledge cutoff',
  'last update',
  'real-time',
  'i believe',
  'i think',
  'probably',
  'likely',
  'maybe',
  'perhaps',
  'according to',
  'study',
  'studies',
  'experts',
  'http',
  'www.',
  'citation needed',
  'xx',
  'insert',
  'tbd',
];
const keywords: Detector = (text) => {
  const t = normalise(text).toLowerCase();
  return KEYWORDS.some((k) => t.includes(k));
};

interface Scores {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function score(detect: Detector, subset: Row[]): Scores {
  const s: Scores = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const r of subset) {
    const key = detect(r.text) ? (r.label === 1 ? 'tp' : 'fp') : r.label === 1 ? 'fn' : 'tn';
    s[key]++;
  }
  return s;
}

const precision = (s: Scores) => (s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1);
const recall = (s: Scores) => (s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1);
const f1 = (s: Scores) => (2 * precision(s) * recall(s)) / (precision(s) + recall(s) || 1);
const f3 = (x: number) => x.toFixed(3);

function table(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const r of body) console.log(line(r));
}

// Rows from this line on were written after the detector's rules were frozen: an unseen check.
const FROZEN_AT = 171;
const fresh = rows.slice(FROZEN_AT);
const even = rows.filter((_, i) => i % 2 === 0);
const odd = rows.filter((_, i) => i % 2 === 1);
const positives = rows.filter((r) => r.label === 1).length;

console.log('# Hallucination markers');
console.log(machineLine());
console.log(
  `data: ${rows.length} labelled texts (${positives} with a marker), ${corpus.length} documentation sentences`,
);
console.log('');
const methods = [
  ['detector', detector],
  ['keyword baseline', keywords],
] as const;
table(
  [
    'method',
    'precision',
    'recall',
    'F1',
    'TP',
    'FP',
    'FN',
    'TN',
    'even P/R',
    'odd P/R',
    'unseen P/R',
    'docs FP',
  ],
  methods.map(([name, detect]) => {
    const all = score(detect, rows);
    const [e, o, u] = [score(detect, even), score(detect, odd), score(detect, fresh)];
    const docsFp = corpus.filter((c) => detect(c.sentence)).length;
    return [
      name,
      f3(precision(all)),
      f3(recall(all)),
      f3(f1(all)),
      ...[all.tp, all.fp, all.fn, all.tn].map(String),
      `${f3(precision(e))}/${f3(recall(e))}`,
      `${f3(precision(o))}/${f3(recall(o))}`,
      `${f3(precision(u))}/${f3(recall(u))}`,
      `${docsFp}/${corpus.length}`,
    ];
  }),
);

console.log(
  `unseen: the last ${fresh.length} rows, written after the detector's rules were frozen`,
);
console.log('');
const kinds = [...new Set(rows.map((r) => `${r.label}:${r.kind}`))];
table(
  ['label', 'kind', 'rows', 'detector flags', 'baseline flags'],
  kinds.map((k) => {
    const subset = rows.filter((r) => `${r.label}:${r.kind}` === k);
    const [label = '', kind = ''] = k.split(':');
    const flags = (d: Detector) => String(subset.filter((r) => d(r.text)).length);
    return [
      label === '1' ? 'marker' : 'clean',
      kind,
      String(subset.length),
      flags(detector),
      flags(keywords),
    ];
  }),
);

console.log('');
const flagged = corpus.filter((c) => detector(c.sentence));
console.log(`documentation sentences flagged by the detector: ${flagged.length}`);
for (const c of flagged) {
  const kindsFound = detectHallucinationMarkers(c.sentence).markers.map((m) => m.kind);
  console.log(`  ${c.file}: [${kindsFound.join(', ')}] ${c.sentence.slice(0, 120)}`);
}
const wrong = rows.filter((r) => r.label === 0 && detector(r.text));
console.log(`clean texts flagged by the detector: ${wrong.length}`);
for (const r of wrong) console.log(`  [${r.kind}] ${r.text}`);
const missed = rows.filter((r) => r.label === 1 && !detector(r.text));
console.log(`markers missed by the detector: ${missed.length}`);
for (const r of missed) console.log(`  [${r.kind}] ${r.text}`);

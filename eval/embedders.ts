/**
 * Local embedders side by side: the hashing embedder and the GloVe SIF embedder, on
 * (a) QQP dev pairs (../shared/eval/qqp-pairs-dev.jsonl): the hit rate on duplicates (label 1) at
 *     the cosine threshold that gives <= 1% false hits on non-duplicates (label 0), the threshold
 *     chosen on even rows and reported on even and odd rows;
 * (b) eval/data/reworded-retrieval.json: 20 short everyday documents and 24 questions worded
 *     apart from the document that answers them; recall@3 and MRR, documents embedded whole;
 *     and a second set of the same shape (reworded-retrieval-2.json), written blind by another
 *     engineer after choices had been made on the first: the check on a set nothing was tuned on.
 * Run: npm run eval:embedders
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machineLine } from '../bench/machine.js';
import { dot, type Embedder } from '../src/vector/embedder.js';
import { createGloveEmbedder } from '../src/vector/glove-embedder.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { createHybridEmbedder } from '../src/vector/hybrid-embedder.js';

interface Pair {
  text_a: string;
  text_b: string;
  label: 0 | 1;
}

interface RetrievalSet {
  documents: { id: string; text: string }[];
  questions: { question: string; doc: string }[];
}

const MAX_FALSE_HITS = 0.01;
const QQP = new URL('../../shared/eval/qqp-pairs-dev.jsonl', import.meta.url);
const RETRIEVAL = new URL('./data/reworded-retrieval.json', import.meta.url);
const RETRIEVAL_FRESH = new URL('./data/reworded-retrieval-2.json', import.meta.url);

interface QqpResult {
  threshold: number;
  evenHits: number;
  evenFalse: number;
  oddHits: number;
  oddFalse: number;
}

/** A hit is cosine > threshold; the threshold is the highest non-duplicate score past the 1% cut. */
function qqpResult(pairs: readonly Pair[], scores: readonly number[]): QqpResult {
  const even = pairs.map((_, i) => i).filter((i) => i % 2 === 0);
  const odd = pairs.map((_, i) => i).filter((i) => i % 2 === 1);
  const negatives = even
    .filter((i) => pairs[i]?.label === 0)
    .map((i) => scores[i] as number)
    .sort((a, b) => b - a);
  const threshold = negatives[Math.floor(MAX_FALSE_HITS * negatives.length)] ?? 1;
  const rate = (rows: number[], label: 0 | 1) => {
    const selected = rows.filter((i) => pairs[i]?.label === label);
    return selected.filter((i) => (scores[i] as number) > threshold).length / selected.length;
  };
  return {
    threshold,
    evenHits: rate(even, 1),
    evenFalse: rate(even, 0),
    oddHits: rate(odd, 1),
    oddFalse: rate(odd, 0),
  };
}

async function qqpScores(embedder: Embedder, pairs: readonly Pair[]): Promise<number[]> {
  const a = await embedder.embed(pairs.map((p) => p.text_a));
  const b = await embedder.embed(pairs.map((p) => p.text_b));
  return a.map((v, i) => dot(v, b[i] as Float32Array));
}

async function retrieval(embedder: Embedder, set: RetrievalSet) {
  const docs = await embedder.embed(set.documents.map((d) => d.text));
  const questions = await embedder.embed(set.questions.map((q) => q.question));
  let atThree = 0;
  let reciprocal = 0;
  questions.forEach((q, i) => {
    const ranked = docs
      .map((d, j) => ({ id: set.documents[j]?.id, score: dot(q, d) }))
      .sort((x, y) => y.score - x.score);
    const position = ranked.findIndex((r) => r.id === set.questions[i]?.doc);
    if (position < 3) atThree++;
    reciprocal += 1 / (position + 1);
  });
  return { recallAt3: atThree / questions.length, mrr: reciprocal / questions.length };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main(): Promise<void> {
  const started = performance.now();
  const glove = createGloveEmbedder();
  const loadMs = performance.now() - started;
  const hashing = createHashingEmbedder();
  const embedders: Embedder[] = [
    hashing,
    glove,
    ...[0.5, 0.7].map((w) =>
      createHybridEmbedder([
        { embedder: glove, weight: w },
        { embedder: hashing, weight: 1 - w },
      ]),
    ),
  ];
  console.log(`glove artefact loaded in ${loadMs.toFixed(0)} ms`);

  const set = JSON.parse(readFileSync(RETRIEVAL, 'utf8')) as RetrievalSet;
  const fresh = JSON.parse(readFileSync(RETRIEVAL_FRESH, 'utf8')) as RetrievalSet;
  const qqpPath = fileURLToPath(QQP);
  const pairs = existsSync(qqpPath)
    ? readFileSync(QQP, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as Pair)
    : null;
  if (pairs) {
    const ones = pairs.filter((p) => p.label === 1).length;
    console.log(`qqp: ${qqpPath}, ${pairs.length} pairs (${ones} duplicates)`);
  } else {
    console.log(
      `qqp: skipped, ${qqpPath} not found (needs the shared/eval folder beside the repo)`,
    );
  }
  console.log(
    `reworded retrieval: set 1 ${set.documents.length} documents, ${set.questions.length} questions; set 2 (never tuned on) ${fresh.documents.length} documents, ${fresh.questions.length} questions`,
  );

  const rows: string[][] = [];
  for (const embedder of embedders) {
    const t0 = performance.now();
    const q = pairs ? qqpResult(pairs, await qqpScores(embedder, pairs)) : null;
    const r = await retrieval(embedder, set);
    const r2 = await retrieval(embedder, fresh);
    const texts =
      (pairs ? pairs.length * 2 : 0) +
      set.documents.length +
      set.questions.length +
      fresh.documents.length +
      fresh.questions.length;
    const perText = ((performance.now() - t0) * 1000) / texts;
    rows.push([
      embedder.id,
      String(embedder.dimension),
      q ? q.threshold.toFixed(3) : '-',
      q ? pct(q.evenHits) : '-',
      q ? pct(q.evenFalse) : '-',
      q ? pct(q.oddHits) : '-',
      q ? pct(q.oddFalse) : '-',
      pct(r.recallAt3),
      r.mrr.toFixed(3),
      pct(r2.recallAt3),
      r2.mrr.toFixed(3),
      perText.toFixed(1),
    ]);
  }
  const header = [
    'embedder',
    'dim',
    'qqp t',
    'hits even',
    'false even',
    'hits odd',
    'false odd',
    'recall@3',
    'MRR',
    'set 2 recall@3',
    'set 2 MRR',
    'us/text',
  ];
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((row) => row[c]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ');
  console.log('');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log('');
  console.log(
    'qqp: threshold t chosen on even rows for <= 1% false hits (hit = cosine > t); ' +
      'us/text includes scoring',
  );
  console.log(machineLine());
}

await main();

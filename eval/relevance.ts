/**
 * The relevance gate's threshold per embedder: each question of eval/data/relevance.jsonl (25 the
 * bundled documentation answers, 25 it does not) is searched in an index of that documentation,
 * and the top passage's cosine is what the gate compares with its threshold. Prints both ranges,
 * the cut in the gap (the midpoint between the highest unanswerable and the lowest answerable
 * score, or the best-accuracy cut when they overlap), and how the committed calibration
 * (src/vector/calibration.ts) does. The set chose the thresholds: these are development figures.
 * Run: npm run eval:relevance
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLine } from '../bench/machine.js';
import { createSilentLogger } from '../src/logger.js';
import { calibrationFor } from '../src/vector/calibration.js';
import { loadBundledCorpus } from '../src/vector/corpus.js';
import { createLocalEmbedder } from '../src/vector/create.js';
import type { Embedder } from '../src/vector/embedder.js';
import { createFileDocumentStore } from '../src/vector/file-document-store.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { createVectorIndex } from '../src/vector/index.js';

interface Row {
  question: string;
  relevant: boolean;
}

const rows = (await readFile(new URL('./data/relevance.jsonl', import.meta.url), 'utf8'))
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Row);
const corpus = await loadBundledCorpus();

async function topScores(embedder: Embedder): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-relevance-'));
  const index = createVectorIndex({
    embedder,
    store: createFileDocumentStore({ dir }),
    logger: createSilentLogger(),
    bundledCorpus: corpus,
  });
  try {
    await index.ready();
    const scores: number[] = [];
    for (const row of rows) scores.push((await index.search(row.question, 1))[0]?.score ?? 0);
    return scores;
  } finally {
    await index.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Accuracy of `score >= t` as "answerable". */
const accuracy = (scores: readonly number[], t: number) =>
  rows.filter((row, i) => scores[i]! >= t === row.relevant).length / rows.length;

function bestCut(scores: readonly number[]): number {
  const answerable = scores.filter((_, i) => rows[i]!.relevant);
  const other = scores.filter((_, i) => !rows[i]!.relevant);
  const low = Math.min(...answerable);
  const high = Math.max(...other);
  if (high < low) return (low + high) / 2;
  const candidates = [...scores].sort((a, b) => a - b);
  return candidates.reduce((best, t) => (accuracy(scores, t) > accuracy(scores, best) ? t : best));
}

const range = (xs: readonly number[]) =>
  `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

console.log(
  `relevance: ${rows.length} questions (${rows.filter((r) => r.relevant).length} answerable by the docs), ${corpus.length} bundled documents`,
);
console.log(machineLine());
console.log(
  '\n| embedder | answerable: top cosine | not answerable | cut in the gap | calibrated | accuracy at calibrated |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
const wrong = new Map<string, Array<{ row: Row; score: number }>>();
for (const embedder of [createHashingEmbedder(), createLocalEmbedder()]) {
  const scores = await topScores(embedder);
  const answerable = scores.filter((_, i) => rows[i]!.relevant);
  const other = scores.filter((_, i) => !rows[i]!.relevant);
  const calibrated = calibrationFor(embedder.id).relevance;
  console.log(
    `| ${embedder.id} | ${range(answerable)} | ${range(other)} | ${bestCut(scores).toFixed(3)} | ${calibrated} | ${(100 * accuracy(scores, calibrated)).toFixed(0)}% |`,
  );
  wrong.set(
    embedder.id,
    rows
      .map((row, i) => ({ row, score: scores[i]! }))
      .filter(({ row, score }) => score >= calibrated !== row.relevant),
  );
}
for (const [id, errors] of wrong)
  for (const { row, score } of errors)
    console.log(
      `${id}: ${row.relevant ? 'refused' : 'let through'} "${row.question}" (${score.toFixed(3)})`,
    );

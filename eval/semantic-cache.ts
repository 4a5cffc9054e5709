/**
 * Semantic-cache matcher on the QQP dev split: false-hit rate on non-duplicates (label 0) and hit
 * rate on duplicates (label 1) at the default threshold, the curve (hit rate at 0.5/1/2% false
 * hits) against a TF-IDF cosine baseline computed in the same run, a split-half check (threshold
 * chosen on even rows, reported on odd rows and the other way round), the vetoes that fired, and
 * the committed adversarial set (eval/data/semantic-cache-adversarial.jsonl).
 * Run: npx tsx eval/semantic-cache.ts
 */
import { readFile } from 'node:fs/promises';
import { machineLine } from '../bench/machine.js';
import {
  createSemanticMatcher,
  type MatchResult,
  type SemanticMatcher,
} from '../src/answer/semantic-cache/semantic-match.js';
import { planKey } from '../src/answer/answer-cache.js';
import { createRuleRouter } from '../src/answer/router.js';
import { findVeto, PLAN_VETOES } from '../src/answer/semantic-cache/semantic-vetoes.js';
import { questionFeatures } from '../src/language/question-features.js';
import { calibrationFor } from '../src/vector/calibration.js';
import { createLocalEmbedder } from '../src/vector/create.js';
import type { Embedder } from '../src/vector/embedder.js';
import { tokenizeQuestion } from '../src/language/question-tokens.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { sharedEvalData } from './shared-data.js';

interface Pair {
  text_a: string;
  text_b: string;
  label: 0 | 1;
  kind?: string;
}

async function readPairs(url: URL): Promise<Pair[]> {
  const text = await readFile(url, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Pair);
}

/** A hit is score > t for curves (ties at the cut are misses) and score >= t at a fixed threshold. */
function rates(pairs: readonly Pair[], scores: readonly number[], hit: (s: number) => boolean) {
  let negatives = 0;
  let falseHits = 0;
  let positives = 0;
  let hits = 0;
  pairs.forEach((pair, i) => {
    const h = hit(scores[i] as number);
    if (pair.label === 0) {
      negatives++;
      if (h) falseHits++;
    } else {
      positives++;
      if (h) hits++;
    }
  });
  return { falseHitRate: falseHits / negatives, falseHits, hitRate: hits / positives, hits };
}

/** The lowest threshold whose false-hit rate stays at or under `rate`: the (k+1)-th best negative. */
function thresholdAt(pairs: readonly Pair[], scores: readonly number[], rate: number): number {
  const negatives = pairs
    .map((pair, i) => (pair.label === 0 ? (scores[i] as number) : NaN))
    .filter((s) => !Number.isNaN(s))
    .sort((a, b) => b - a);
  return negatives[Math.floor(rate * negatives.length)] ?? 1;
}

/** TF-IDF cosine, IDF from every question of the split (no labels): the published baseline. */
function tfidfScores(pairs: readonly Pair[]): number[] {
  const docs = pairs.flatMap((p) => [p.text_a, p.text_b]);
  const terms = (text: string) =>
    tokenizeQuestion(text)
      .filter((t) => t.kind !== 'symbol')
      .map((t) => t.lower);
  const df = new Map<string, number>();
  for (const doc of docs)
    for (const term of new Set(terms(doc))) df.set(term, (df.get(term) ?? 0) + 1);
  const vector = (text: string) => {
    const tf = new Map<string, number>();
    for (const term of terms(text)) tf.set(term, (tf.get(term) ?? 0) + 1);
    const v = new Map<string, number>();
    for (const [term, n] of tf) v.set(term, n * Math.log(docs.length / (df.get(term) ?? 1)));
    return v;
  };
  const cosine = (a: Map<string, number>, b: Map<string, number>) => {
    let d = 0;
    for (const [term, w] of a) d += w * (b.get(term) ?? 0);
    const norm = (v: Map<string, number>) =>
      Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
    return d === 0 ? 0 : d / (norm(a) * norm(b));
  };
  return pairs.map((p) => cosine(vector(p.text_a), vector(p.text_b)));
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

const qqp = await readPairs(
  sharedEvalData('qqp-pairs-dev.jsonl', 'Quora Question Pairs, dev split'),
);
const adversarial = await readPairs(
  new URL('./data/semantic-cache-adversarial.jsonl', import.meta.url),
);

async function evaluate(matcher: SemanticMatcher, pairs: readonly Pair[]): Promise<MatchResult[]> {
  const a = await matcher.features(pairs.map((p) => p.text_a));
  const b = await matcher.features(pairs.map((p) => p.text_b));
  return pairs.map((_, i) => matcher.compare(a[i]!, b[i]!));
}

const service = await readPairs(new URL('./data/semantic-cache-service.jsonl', import.meta.url));
// Written blind by another engineer after the plan vetoes were tuned on the first set; not tuned on.
const serviceFresh = await readPairs(
  new URL('./data/semantic-cache-service-2.jsonl', import.meta.url),
);
const tfidf = tfidfScores(qqp);

/** Every table for one embedder and its threshold. */
async function report(embedder: Embedder, threshold: number): Promise<void> {
  const matcher = createSemanticMatcher({ embedder, threshold });
  const started = performance.now();
  const results = await evaluate(matcher, qqp);
  const elapsed = performance.now() - started;
  // A vetoed pair can never hit, whatever its similarity: it ranks below every other pair.
  const scores = results.map((r) =>
    r.reason === null || r.reason === 'below threshold' ? r.similarity : -1,
  );

  console.log(
    '# Semantic-cache matcher, QQP dev (2,000 pairs: 1,265 non-duplicates, 735 duplicates)',
  );
  console.log(machineLine());
  console.log(
    `matcher: ${embedder.id} embedder, threshold ${matcher.threshold}; ${(elapsed / qqp.length).toFixed(3)} ms per pair (features + compare)\n`,
  );

  const tuned = rates(qqp, scores, (s) => s >= matcher.threshold);
  const cut = rates(qqp, tfidf, (s) => s >= 0.8);
  const precision = (r: typeof tuned) => (r.hits / (r.hits + r.falseHits)).toFixed(2);
  console.log(
    row(['fixed threshold', 'false hits (label 0)', 'hits = recall (label 1)', 'precision']),
  );
  console.log(row(['---', '---', '---', '---']));
  for (const [name, r] of [
    [`matcher >= ${matcher.threshold} (default)`, tuned],
    ['TF-IDF cosine >= 0.8', cut],
  ] as const)
    console.log(
      row([
        name,
        `${pct(r.falseHitRate)} (${r.falseHits})`,
        `${pct(r.hitRate)} (${r.hits})`,
        precision(r),
      ]),
    );

  console.log('\n' + row(['hit rate at false-hit rate', '0.5%', '1%', '2%']));
  console.log(row(['---', '---', '---', '---']));
  for (const [name, s] of [
    ['matcher (similarity + vetoes)', scores],
    ['matcher similarity, no vetoes', results.map((r) => r.similarity)],
    ['TF-IDF cosine (baseline)', tfidf],
  ] as const) {
    const cells = [0.005, 0.01, 0.02].map((rate) => {
      const t = thresholdAt(qqp, s, rate);
      return `${pct(rates(qqp, s, (x) => x > t).hitRate)} (t=${t.toFixed(3)})`;
    });
    console.log(row([name, ...cells]));
  }

  console.log(
    '\nsplit-half: threshold for <= 1% false hits chosen on one half, reported on the other',
  );
  console.log(row(['tuned on', 'threshold', 'reported on', 'false hits', 'hits']));
  console.log(row(['---', '---', '---', '---', '---']));
  for (const [tune, report] of [
    ['even', 'odd'],
    ['odd', 'even'],
  ] as const) {
    const half = (name: string) => (_: unknown, i: number) => (i % 2 === 0) === (name === 'even');
    const t = thresholdAt(qqp.filter(half(tune)), scores.filter(half(tune)), 0.01);
    const r = rates(qqp.filter(half(report)), scores.filter(half(report)), (s) => s > t);
    console.log(
      row([
        `${tune} rows`,
        t.toFixed(3),
        `${report} rows`,
        `${pct(r.falseHitRate)} (${r.falseHits})`,
        `${pct(r.hitRate)} (${r.hits})`,
      ]),
    );
  }

  console.log('\nvetoes that fired on pairs at or above the threshold (label 0 / label 1):');
  const fired = new Map<string, [number, number]>();
  results.forEach((r, i) => {
    if (r.reason === null || r.reason === 'below threshold' || r.similarity < matcher.threshold)
      return;
    const counts = fired.get(r.reason) ?? [0, 0];
    counts[qqp[i]!.label]++;
    fired.set(r.reason, counts);
  });
  for (const [name, [neg, pos]] of [...fired].sort((x, y) => y[1][0] - x[1][0]))
    console.log(`  ${name.padEnd(24)} ${neg} / ${pos}`);

  const adv = await evaluate(matcher, adversarial);
  const advRates = rates(
    adversarial,
    adv.map((r) => (r.hit ? 1 : 0)),
    (s) => s === 1,
  );
  console.log(
    `\nadversarial set (${adversarial.length} pairs, ${adversarial.filter((p) => p.label === 0).length} must-not-hit):`,
  );
  console.log(
    `  false hits ${advRates.falseHits} (${pct(advRates.falseHitRate)}), hits on paraphrases ${advRates.hits} (${pct(advRates.hitRate)})`,
  );
  const byKind = new Map<string, { n: number; blocked: number }>();
  adversarial.forEach((p, i) => {
    if (p.label !== 0) return;
    const k = byKind.get(p.kind ?? '?') ?? { n: 0, blocked: 0 };
    k.n++;
    if (!adv[i]!.hit) k.blocked++;
    byKind.set(p.kind ?? '?', k);
  });
  console.log(
    `  blocked by kind: ${[...byKind].map(([k, v]) => `${k} ${v.blocked}/${v.n}`).join(', ')}`,
  );
  adversarial.forEach((p, i) => {
    const r = adv[i]!;
    if ((p.label === 0) === r.hit || (p.label === 1 && !r.hit))
      console.log(
        `  ${p.label === 0 ? 'FALSE HIT' : 'missed'}: "${p.text_a}" / "${p.text_b}" (${r.similarity.toFixed(3)}, ${r.reason ?? 'hit'})`,
      );
  });

  // Service paraphrases and near misses, written before any tuning and never tuned on.
  const svc = await evaluate(matcher, service);
  const paraphrases = service.filter((p) => p.label === 1).length;
  const hits = svc.filter((r, i) => r.hit && service[i]!.label === 1).length;
  const wrong = svc.filter((r, i) => r.hit && service[i]!.label === 0).length;
  console.log(
    `\nservice pairs (eval/data/semantic-cache-service.jsonl, never tuned on): paraphrases served ${hits} / ${paraphrases}, near misses wrongly served ${wrong} / ${service.length - paraphrases}`,
  );
}

const local = createLocalEmbedder();
console.log('\n======== before: the hashing embedder ========');
await report(createHashingEmbedder(), calibrationFor('hashing-v1').semanticCache);
console.log(`\n======== now: the local default (${local.id}) ========`);
await report(local, calibrationFor(local.id).semanticCache);

// Data questions are matched by their routed plan in the answer pipeline (src/answer/pipeline.ts):
// the same plan and no veto of what a plan does not record (PLAN_VETOES) is a hit. Measured with the keyless rule router.
const router = createRuleRouter();
async function planHit(pair: Pair): Promise<boolean | null> {
  const [a, b] = await Promise.all([router.route(pair.text_a), router.route(pair.text_b)]);
  const [ka, kb] = [planKey(a), planKey(b)];
  if (!ka || !kb) return null; // not a data question on both sides: the matcher above decides
  return (
    ka === kb &&
    !findVeto(questionFeatures(pair.text_a), questionFeatures(pair.text_b), PLAN_VETOES)
  );
}
console.log('\n======== data questions: the plan cache ========');
// As the pipeline decides: by plan when both questions are data questions, else by meaning.
const pipelineMatcher = createSemanticMatcher({
  embedder: local,
  threshold: calibrationFor(local.id).semanticCache,
});
for (const [name, pairs] of [
  ['service pairs, set 1 (the plan vetoes were tuned on it)', service],
  ['service pairs, set 2 (written blind, never tuned on)', serviceFresh],
  ['adversarial set', adversarial],
] as const) {
  let hits = 0;
  let wrong = 0;
  let routed = 0;
  let pipelineHits = 0;
  let pipelineWrong = 0;
  const byMeaning = await evaluate(pipelineMatcher, pairs);
  for (const [i, pair] of pairs.entries()) {
    const plan = await planHit(pair);
    const hit = plan ?? (byMeaning[i] as MatchResult).hit;
    if (hit) pipelineHits += pair.label;
    if (hit && pair.label === 0) pipelineWrong++;
    if (plan === null) continue;
    routed++;
    if (plan && pair.label === 1) hits++;
    if (plan && pair.label === 0) wrong++;
  }
  const paraphrases = pairs.filter((p) => p.label === 1).length;
  const misses = pairs.length - paraphrases;
  console.log(
    `${name}: ${routed} of ${pairs.length} pairs are data questions on both sides; by plan: paraphrases served ${hits} / ${paraphrases}, near misses wrongly served ${wrong} / ${misses}; as the pipeline decides (plan, else meaning): ${pipelineHits} / ${paraphrases} and ${pipelineWrong} / ${misses}`,
  );
}

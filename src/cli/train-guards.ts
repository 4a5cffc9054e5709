/*
 * Trains the input guards' linear models (src/gates/models/prompt-injection.json and
 * content-safety.json) from labelled public data and our own sets, deterministically (seeded).
 *
 * Data: ../shared/eval/guards-injection-dev.jsonl and guards-safety-dev.jsonl (public sets; sources
 * and licences in their README), eval/data/prompt-injection.jsonl, content-safety.jsonl and
 * guards-train-extra.jsonl, -2, -3 and -4 (ours; -4 was written for the injection guard only), and as benign text the bundled documentation's sentences and
 * chunks, the service questions of eval/data/routing.jsonl and the vendored provider news samples.
 * Every row is split once by a seeded hash of its text (seed 7): 80% trains, 20% is a test
 * split the training never sees. The threshold is chosen on out-of-fold predictions of the training
 * split (5 folds) as the lowest one keeping benign texts flagged at or under the target rate.
 * eval/data/guards-fresh.jsonl is never trained on: it is reported as a check on new phrasing.
 *
 * Run: npm run train:guards [-- --check | --verify]   (--check: train and report, write nothing;
 * --verify: also fail when the committed models differ from what the data trains, as CI does)
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { machineLine } from '../../bench/machine.js';
import { documentationPieces, providerNewsTexts } from '../../eval/benign-texts.js';
import { sharedEvalData } from '../../eval/shared-data.js';
import {
  modelPath,
  predict,
  serialiseModel,
  sparseFeatures,
  type FeatureSpec,
  type LinearModel,
  type SparseFeatures,
} from '../gates/classifier.js';
import { GUARD_DENSE, guardDense } from '../gates/guard-model.js';
import { detectPromptInjection } from '../gates/injection-rules.js';
import { assessContentSafety } from '../gates/safety-rules.js';
import { hashString, seededRandom } from '../language/hash.js';

interface Row {
  text: string;
  label: 0 | 1;
  /** Where the row comes from: a public set's source, one of our files, `docs`. */
  origin: string;
  /** The label a hand review gave, when it differs from the published one (reported, not trained). */
  reviewed?: 0 | 1;
}

interface Task {
  name: 'prompt-injection' | 'content-safety';
  rows: Row[];
  /** Benign texts flagged at most this often (out of fold) when choosing the threshold. */
  targetFalsePositiveRate: number;
  /** L2 penalty of the logistic regression. */
  l2: number;
  rules: (text: string) => boolean;
}

const SEED = 7;
const ALWAYS_TRAIN = new Set(['docs', 'provider-samples']);
const OPENING_CHARS = 500;
const TEST_SHARE = 0.2;
const FOLDS = 5;
// Chosen by out-of-fold recall at the threshold on the training split only (never the test
// split): learning rate 0.2–1.0, L2 1e-6–1e-2, 12 or 25 epochs, 2^16–2^18 buckets, char n-grams
// 2–5. Injection: 0.656 (L2 1e-6) to 0.833 (L2 1e-3); safety: 0.87 (L2 1e-2) to 0.93 (3e-4).
const EPOCHS = 12;
const AVERAGED_RUNS = 5;
const LEARNING_RATE = 0.3;
const SPEC: FeatureSpec = { buckets: 1 << 17, charGrams: [3, 4, 5], maxChars: 2000 };

const jsonl = (url: URL) =>
  readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const own = (name: string) => jsonl(new URL(`../../eval/data/${name}`, import.meta.url));
const row = (text: unknown, label: unknown, origin: string): Row => ({
  text: String(text),
  label: label === 1 ? 1 : 0,
  origin,
});

function docsRows(): Row[] {
  return documentationPieces().map((piece) => row(piece.text, 0, 'docs'));
}

/**
 * Benign text the gateway itself handles: the service questions of eval/data/routing.jsonl
 * (routing-fresh.jsonl stays out, a check on unseen questions) and the news texts of the vendored
 * provider samples, which the RETRIEVAL screen reads.
 */
function serviceRows(): Row[] {
  const questions = own('routing.jsonl').map((r) => row(r.question, 0, 'ours:service'));
  const news = providerNewsTexts().map((text) => row(text, 0, 'provider-samples'));
  return [...questions, ...templated(), ...news];
}

/** Service questions from templates: the everyday phrasings of weather, price and rate questions. */
function templated(): Row[] {
  const random = seededRandom(SEED + 100);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const places =
    'Chicago,Lagos,Osaka,Lima,Oslo,Cairo,Denver,Perth,Quito,Dhaka,Kyiv,Accra,Hanoi,Bogotá,Tbilisi,Montreal,Glasgow,Nairobi,Seoul,Madrid'.split(
      ',',
    );
  const days =
    'today,tomorrow,this weekend,on Friday,tonight,next week,right now,this afternoon'.split(',');
  const symbols = 'AAPL,MSFT,Tesla,Nvidia,bitcoin,ethereum,Amazon,Shell,Toyota,the S&P 500'.split(
    ',',
  );
  const pairs =
    'euros to dollars,USD to JPY,pounds in euros,Swiss francs to rand,100 dollars in pesos'.split(
      ',',
    );
  const forms = [
    (p: string, d: string) => `Should I bring a jacket to ${p} ${d}?`,
    (p: string, d: string) => `Do I need an umbrella in ${p} ${d}?`,
    (p: string, d: string) => `How cold will it get in ${p} ${d}?`,
    (p: string, d: string) => `Is it going to storm in ${p} ${d}?`,
    (p: string, d: string) => `What should I wear in ${p} ${d}?`,
    (p: string, d: string) => `Any chance of snow in ${p} ${d}?`,
    (p: string, d: string) => `Is it shorts weather in ${p} ${d}?`,
    (p: string, d: string) => `Will the wind be bad for cycling in ${p} ${d}?`,
    (p: string) => `Give me the forecast for ${p}.`,
    (p: string) => `Tell me about the weather in ${p}.`,
  ];
  const money = [
    (x: string) => `How is ${x} doing today?`,
    (x: string) => `Did ${x} go up or down?`,
    (x: string) => `What's ${x} trading at?`,
    (x: string) => `Tell me the latest news about ${x}.`,
    (x: string) => `Should I be worried about ${x} crashing?`,
  ];
  const rows: Row[] = [];
  for (let i = 0; i < 160; i++)
    rows.push(row(pick(forms)(pick(places), pick(days)), 0, 'ours:service'));
  for (let i = 0; i < 60; i++) rows.push(row(pick(money)(pick(symbols)), 0, 'ours:service'));
  for (const pair of pairs) rows.push(row(`Convert ${pair}, please.`, 0, 'ours:service'));
  return rows;
}

/**
 * Training rows plus the opening of every long one (its first ~500 characters, at a word), with
 * the same label: `answer` takes questions of at most 500 characters, so an attack arrives as the
 * start of a long jailbreak as often as whole. Added after the split, so the test split never sees
 * a piece of a training row.
 */
function withOpenings(rows: readonly Row[]): Row[] {
  const openings = rows
    .filter((r) => r.text.length > OPENING_CHARS * 1.5)
    .map((r) => ({ ...r, text: r.text.slice(0, r.text.lastIndexOf(' ', OPENING_CHARS)) }));
  return [...rows, ...openings];
}

function dedupe(rows: Row[]): Row[] {
  const seen = new Map<string, Row>();
  for (const r of rows) if (!seen.has(r.text)) seen.set(r.text, r);
  return [...seen.values()];
}

function loadTasks(): Task[] {
  const injection = jsonl(
    sharedEvalData('guards-injection-dev.jsonl', 'jailbreak_llms, awesome-chatgpt-prompts, Alpaca'),
  );
  const safety = jsonl(
    sharedEvalData('guards-safety-dev.jsonl', 'AdvBench, self-instruct, AlpacaEval, Alpaca'),
  );
  const extra = ['', '-2', '-3', '-4'].flatMap((n) => own(`guards-train-extra${n}.jsonl`));
  const docs = [...docsRows(), ...serviceRows()];
  const origin = (r: Record<string, unknown>) => String(r.source ?? '').split(':')[0] as string;
  const benignOf = (rows: Record<string, unknown>[]) =>
    rows.filter((r) => r.label === 0).map((r) => row(r.text, 0, origin(r)));
  const reviewed = reviewedLabels();
  const relabel = (r: Row): Row => {
    const label = reviewed.get(sha256(r.text));
    return label === undefined || label === r.label ? r : { ...r, reviewed: label };
  };
  return [
    {
      name: 'prompt-injection',
      // The goal allows 2% of benign texts flagged; 1.5% out of fold leaves room for new text.
      targetFalsePositiveRate: 0.015,
      l2: 1e-3,
      rules: (t) => detectPromptInjection(t).injected,
      rows: dedupe([
        ...injection.map((r) => relabel(row(r.text, r.label, origin(r)))),
        ...own('prompt-injection.jsonl').map((r) => row(r.text, r.label, 'ours:prompt-injection')),
        ...extra
          .filter((r) => r.task !== 'safety')
          .map((r) => row(r.text, r.label, `ours:${String(r.kind)}`)),
        ...benignOf(safety),
        ...docs,
      ]),
    },
    {
      name: 'content-safety',
      targetFalsePositiveRate: 0.01,
      l2: 3e-4,
      rules: (t) => !assessContentSafety(t).safe,
      rows: dedupe([
        ...safety.map((r) => row(r.text, r.label, origin(r))),
        ...own('content-safety.jsonl').map((r) => row(r.text, r.label, 'ours:content-safety')),
        ...extra
          .filter((r) => r.task !== 'injection')
          .map((r) => row(r.text, r.label, `ours:${String(r.kind)}`)),
        ...benignOf(injection),
        ...docs,
      ]),
    },
  ];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Labels of the public injection set changed by a hand review of every one of its attack rows
 * (eval/data/guards-injection-review.jsonl: the in-the-wild labels are published unreviewed, and
 * some "attacks" are image prompts, templates or pasted model output), by the text's sha256.
 * Reported beside the published labels, not trained on: training on them lowered recall on the
 * never-trained set (0.77 -> 0.71) with no fewer benign texts flagged (see docs/measurements.md).
 */
function reviewedLabels(): Map<string, 0 | 1> {
  const labels = new Map<string, 0 | 1>();
  for (const r of own('guards-injection-review.jsonl'))
    if (typeof r.sha256 === 'string') labels.set(r.sha256, r.label === 1 ? 1 : 0);
  return labels;
}

/**
 * A seeded split by each row's own text: a row is in `test` when the hash of the seed and its text
 * falls in the first `share` of the range, so its side never depends on which other rows exist
 * (adding a document cannot move a test row into training). The texts that must never be flagged
 * (Sluice's docs, the provider samples) always train.
 */
function split(rows: readonly Row[], share: number, seed: number): { train: Row[]; test: Row[] } {
  const train: Row[] = [];
  const test: Row[] = [];
  for (const r of rows) {
    const inTest =
      !ALWAYS_TRAIN.has(r.origin) && hashString(`${seed}:${r.text}`) % 10_000 < share * 10_000;
    (inTest ? test : train).push(r);
  }
  return { train, test };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface Example {
  sparse: SparseFeatures;
  dense: number[];
  label: 0 | 1;
  /** How much the example counts: benign texts that look harmful count more (they are few). */
  weight: number;
}

const HARD_BENIGN_WEIGHT = 1;
const HARD_BENIGN_RATE = 0.05;
/** Our benign texts written to look like what a guard flags: scary words, jailbreak-like form. */
const LOOK_ALIKES = new Set(['ours:hard_benign', 'ours:benign_roleplay']);

const featurise = (rows: readonly Row[]): Example[] =>
  rows.map((r) => ({
    sparse: sparseFeatures(r.text, SPEC),
    dense: guardDense(r.text),
    label: r.label,
    weight: LOOK_ALIKES.has(r.origin) ? HARD_BENIGN_WEIGHT : 1,
  }));

/**
 * The average of logistic regressions trained in several seeded example orders: one linear model
 * (the mean of linear models), less dependent on the order one run happened to see.
 */
function train(examples: readonly Example[], seed: number, l2: number): LinearModel {
  const runs = Array.from({ length: AVERAGED_RUNS }, (_, r) =>
    trainOnce(examples, seed * 31 + r, l2),
  );
  const first = runs[0] as LinearModel;
  const weights = new Float32Array(first.weights.length);
  for (const run of runs)
    for (let i = 0; i < weights.length; i++)
      weights[i] = (weights[i] as number) + (run.weights[i] as number) / runs.length;
  return { ...first, weights, bias: runs.reduce((sum, run) => sum + run.bias, 0) / runs.length };
}

/** Logistic regression by AdaGrad, classes weighted to balance, seeded example order. */
function trainOnce(examples: readonly Example[], seed: number, l2: number): LinearModel {
  const size = SPEC.buckets + GUARD_DENSE.length;
  const weights = new Float32Array(size);
  const squares = new Float32Array(size).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const positives = examples.filter((e) => e.label === 1).length;
  const classWeight = [
    examples.length / (2 * Math.max(1, examples.length - positives)),
    examples.length / (2 * Math.max(1, positives)),
  ];
  const random = seededRandom(seed);
  const model: LinearModel = {
    version: 1,
    name: '',
    features: SPEC,
    dense: GUARD_DENSE,
    bias: 0,
    weights,
    threshold: 0.5,
    report: {},
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const e of shuffle(examples, random)) {
      model.bias = bias;
      const p = predict(model, e.sparse, e.dense);
      const g = (p - e.label) * (classWeight[e.label] as number) * e.weight;
      const step = (i: number, x: number) => {
        const grad = g * x + l2 * (weights[i] as number);
        squares[i] = (squares[i] as number) + grad * grad;
        weights[i] =
          (weights[i] as number) - (LEARNING_RATE * grad) / Math.sqrt(squares[i] as number);
      };
      for (let k = 0; k < e.sparse.indexes.length; k++)
        step(e.sparse.indexes[k] as number, e.sparse.values[k] as number);
      for (let d = 0; d < e.dense.length; d++) step(SPEC.buckets + d, e.dense[d] as number);
      biasSquares += g * g;
      bias -= (LEARNING_RATE * g) / Math.sqrt(biasSquares);
    }
  }
  model.bias = bias;
  return model;
}

/** The lowest threshold keeping benign scores flagged at or under `rate`. */
function chooseThreshold(scored: ReadonlyArray<{ p: number; label: 0 | 1 }>, rate: number): number {
  const benign = scored
    .filter((s) => s.label === 0)
    .map((s) => s.p)
    .sort((a, b) => b - a);
  const allowed = Math.floor(benign.length * rate);
  // Just above the (allowed+1)-th highest benign score.
  const above = benign[allowed] ?? 0;
  return Math.min(0.999, above + 1e-6);
}

/**
 * The threshold: the rate bound on all benign texts, and a looser one on the benign texts that
 * look harmful (a few hundred of a few thousand, so the overall rate alone would let them all be
 * refused).
 */
function pickThreshold(oof: readonly Scored[], task: Task): number {
  const all = chooseThreshold(oof, task.targetFalsePositiveRate);
  const hard = chooseThreshold(
    oof.filter((o) => LOOK_ALIKES.has(o.origin)),
    HARD_BENIGN_RATE,
  );
  return Math.max(all, hard);
}

interface Scored {
  p: number;
  label: 0 | 1;
  origin: string;
}

interface Metrics {
  n: number;
  positives: number;
  tp: number;
  fp: number;
  recall: number;
  precision: number;
  falsePositiveRate: number;
}

function metrics(rows: readonly Row[], flag: (text: string) => boolean): Metrics {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (const r of rows) {
    const flagged = flag(r.text);
    if (r.label === 1) positives++;
    if (flagged && r.label === 1) tp++;
    else if (flagged) fp++;
  }
  const negatives = rows.length - positives;
  return {
    n: rows.length,
    positives,
    tp,
    fp,
    recall: round(tp / Math.max(1, positives)),
    precision: round(tp / Math.max(1, tp + fp)),
    falsePositiveRate: round(fp / Math.max(1, negatives)),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const cell = (m: Metrics) =>
  `${String(m.n).padStart(5)} ${String(m.positives).padStart(4)}  ${m.recall.toFixed(3)}  ${m.precision.toFixed(3)}  ${(100 * m.falsePositiveRate).toFixed(1).padStart(5)}%`;

const check = process.argv.includes('--check');
// --verify: retrain and compare with the committed models (CI), writing nothing.
const verify = process.argv.includes('--verify');
const drifted: string[] = [];
console.log('# train:guards: linear models over hashed n-grams and the rules, seeded');
console.log(machineLine());
const fresh = own('guards-fresh.jsonl');
for (const task of loadTasks()) {
  const started = Date.now();
  const { train: trainRows, test } = split(task.rows, TEST_SHARE, SEED);
  // Out-of-fold scores of the training split choose the threshold.
  const oof: Scored[] = [];
  const order = shuffle(trainRows, seededRandom(SEED + 2));
  for (let f = 0; f < FOLDS; f++) {
    const held = order.filter((_, i) => i % FOLDS === f);
    const rest = order.filter((_, i) => i % FOLDS !== f);
    const m = train(featurise(withOpenings(rest)), SEED + 10 + f, task.l2);
    featurise(held).forEach((e, i) =>
      oof.push({
        p: predict(m, e.sparse, e.dense),
        label: e.label,
        origin: (held[i] as Row).origin,
      }),
    );
  }
  const model = train(featurise(withOpenings(trainRows)), SEED, task.l2);
  model.name = task.name;
  model.threshold = Math.ceil(pickThreshold(oof, task) * 1000) / 1000;
  const byModel = (t: string) =>
    predict(model, sparseFeatures(t, SPEC), guardDense(t)) >= model.threshold;
  const combined = (t: string) => task.rules(t) || byModel(t);
  const freshRows = fresh
    .filter(
      (r) =>
        r.task === 'both' || r.task === (task.name === 'prompt-injection' ? 'injection' : 'safety'),
    )
    .map((r) => row(r.text, r.label, `fresh:${String(r.kind)}`));
  const oofThreshold = model.threshold;
  const oofPositives = oof.filter((o) => o.label === 1);
  const oofRecall = round(
    oofPositives.filter((o) => o.p >= oofThreshold).length / Math.max(1, oofPositives.length),
  );
  const report = {
    seed: SEED,
    outOfFoldRecall: oofRecall,
    rows: { train: trainRows.length, test: test.length, fresh: freshRows.length },
    threshold: model.threshold,
    targetFalsePositiveRate: task.targetFalsePositiveRate,
    test: {
      rules: metrics(test, task.rules),
      model: metrics(test, byModel),
      combined: metrics(test, combined),
    },
    fresh: { rules: metrics(freshRows, task.rules), combined: metrics(freshRows, combined) },
  };
  model.report = report;
  console.log(
    `\n## ${task.name} (${trainRows.length} train, ${test.length} test rows; threshold ${model.threshold}; ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(`out-of-fold recall at the threshold: ${oofRecall.toFixed(3)}`);
  console.log('split / detector                    rows  pos  recall  prec   benign flagged');
  console.log(`test split, rules only          ${cell(report.test.rules)}`);
  console.log(`test split, model only          ${cell(report.test.model)}`);
  console.log(`test split, rules + model       ${cell(report.test.combined)}`);
  console.log(`fresh (never trained), rules    ${cell(report.fresh.rules)}`);
  console.log(`fresh (never trained), combined ${cell(report.fresh.combined)}`);
  const short = test.filter((r) => r.text.length <= 500);
  console.log(`test split, texts <= 500 chars  ${cell(metrics(short, combined))}`);
  const asReviewed = test.map((r) => ({ ...r, label: r.reviewed ?? r.label }));
  if (test.some((r) => r.reviewed !== undefined))
    console.log(`test split, labels as reviewed  ${cell(metrics(asReviewed, combined))}`);
  const origins = [...new Set(test.map((r) => r.origin))].sort();
  for (const o of origins) {
    const m = metrics(
      test.filter((r) => r.origin === o),
      combined,
    );
    console.log(
      `  test ${o.slice(0, 40).padEnd(40)} ${m.positives ? `recall ${m.recall.toFixed(3)}` : `flagged ${m.fp}/${m.n}`}`,
    );
  }
  for (const r of freshRows)
    if (combined(r.text) !== (r.label === 1))
      console.log(
        `  fresh ${r.label ? 'MISSED' : 'FALSE+'} ${JSON.stringify(r.text.slice(0, 100))}`,
      );
  const json = serialiseModel(model);
  if (verify) {
    const committed = existsSync(modelPath(task.name))
      ? readFileSync(modelPath(task.name), 'utf8')
      : '';
    if (committed !== json) drifted.push(task.name);
  } else if (!check) {
    writeFileSync(modelPath(task.name), json);
    console.log(`wrote ${modelPath(task.name).pathname} (${(json.length / 1024).toFixed(0)} KiB)`);
  }
}
if (verify) {
  if (drifted.length > 0) {
    console.error(
      `guard models out of date with their training data: ${drifted.join(', ')} (run npm run train:guards and commit src/gates/models)`,
    );
    process.exit(1);
  }
  console.log('guard models match their training data');
}

/**
 * `npm run bench:cost`: what the answer caches save on LLM spend, and whether they ever serve an
 * answer to a question it was not asked for. A seeded workload of QUESTIONS questions (30% exact
 * repeats of an earlier question, 30% paraphrases of one, 40% new questions, most of them an
 * earlier question with one parameter changed: another city, day, ticker, amount, or the
 * currency pair reversed) is replayed in order, one at a time, through a gateway process whose
 * LLM is the emulator's OpenAI-compatible server; then again, on a fresh gateway, with
 * `options: { noCache: true }` (the baseline). Every cached answer served (`cache.hit` EXACT or
 * SEMANTIC) is checked against the workload's ground truth: the question it was earned by
 * (`cache.matchedQuestion`) must ask for the same thing as the question asked (same intent and
 * parameters), else it counts as a wrong cached answer (goal: 0). Since which near misses meet
 * depends on the order questions come in, the check is repeated (caches only) on further seeded
 * workloads, and every wrong pair is printed.
 * Options (environment): BENCH_QUESTIONS=1000 BENCH_SEED=9 BENCH_EXTRA_SEEDS=4.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normaliseQuestion } from '../src/answer/answer-cache.js';
import { emulatorEnv } from '../src/emulator/env.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import { machineLine, percentile } from './machine.js';
import { seededRandom } from '../src/language/hash.js';
import { startServerProcess } from './server-process.js';

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 1000);
const SEED = Number(process.env.BENCH_SEED ?? 9);
/** Further workloads (seeds SEED+1, …) replayed with caches only, for wrong cached answers. */
const EXTRA_SEEDS = Number(process.env.BENCH_EXTRA_SEEDS ?? 4);

// ---------------------------------------------------------------------------------------------
// The workload: question families over what the emulator knows, with their ground truth.

type Params = Record<string, string>;

/**
 * Questions of one kind. A question is `params` (its ground truth: two questions with equal
 * params ask for the same thing) rendered in one of `variants(params)` wordings.
 */
interface Family {
  name: string;
  /** Each parameter's values. */
  domains: Record<string, readonly string[]>;
  valid?(params: Params): boolean;
  variants(params: Params): number;
  render(params: Params, variant: number): string;
}

const PLACES = [
  'Portland, Oregon',
  'Portland, Maine',
  'Berlin',
  'Paris',
  'Paris, Texas',
  'Perth',
  'Perth, Scotland',
  'Osaka',
  'Nairobi',
  'London',
  'London, Ontario',
  'New York',
  'Tokyo',
  'Sydney',
  'Darwin',
  'Brasília',
];
/** How each time a weather question asks about can be said. */
const WHEN: Record<string, readonly string[]> = {
  now: ['right now', 'at the moment', 'currently', 'now'],
  today: ['today'],
  tomorrow: ['tomorrow'],
  weekend: ['this weekend', 'over the weekend'],
  friday: ['on Friday', 'this Friday'],
  saturday: ['on Saturday', 'this Saturday'],
  sunday: ['on Sunday', 'this Sunday'],
  monday: ['on Monday', 'this Monday'],
};
const WEATHER_WORDINGS: ReadonlyArray<(place: string, when: string) => string> = [
  (p, w) => `What is the weather in ${p} ${w}?`,
  (p, w) => `What's the weather like in ${p} ${w}?`,
  (p, w) => `How is the weather in ${p} ${w}?`,
  (p, w) => `Tell me the weather in ${p} ${w}`,
  (p, w) => `What are the weather conditions in ${p} ${w}?`,
  (p, w) => `Weather in ${p} ${w}, please`,
];

const EQUITIES: Record<string, string> = {
  AAPL: 'Apple',
  MSFT: 'Microsoft',
  GOOGL: 'Alphabet',
  AMZN: 'Amazon',
  NVDA: 'Nvidia',
  TSLA: 'Tesla',
  META: 'Meta',
  NFLX: 'Netflix',
  IBM: 'IBM',
  JPM: 'JPMorgan',
  KO: 'Coca-Cola',
  DIS: 'Disney',
};
const QUOTE_WORDINGS: ReadonlyArray<(symbol: string, name: string) => string> = [
  (_, n) => `What is the ${n} share price?`,
  (s) => `How much is ${s} stock right now?`,
  (s) => `What's the current price of ${s}?`,
  (_, n) => `${n} stock price`,
  (_, n) => `Give me the latest quote for ${n}`,
];

const COINS: Record<string, string> = { BTC: 'bitcoin', ETH: 'ether', SOL: 'Solana' };
const COIN_CURRENCIES: Record<string, string> = { USD: 'dollars', EUR: 'euros' };
const COIN_WORDINGS: ReadonlyArray<(coin: string, currency: string) => string> = [
  (c, k) => `What is the price of ${c} in ${k}?`,
  (c, k) => `What's ${c} worth in ${k}?`,
  (c, k) => `${c.replace(/^\w/, (x) => x.toUpperCase())} price in ${k}`,
];

/** ISO code, then the currency's name in the singular and the plural. */
const CURRENCIES: Record<string, [string, string]> = {
  EUR: ['euro', 'euros'],
  USD: ['US dollar', 'US dollars'],
  GBP: ['British pound', 'British pounds'],
  JPY: ['Japanese yen', 'Japanese yen'],
  CHF: ['Swiss franc', 'Swiss francs'],
  AUD: ['Australian dollar', 'Australian dollars'],
  CAD: ['Canadian dollar', 'Canadian dollars'],
  SEK: ['Swedish krona', 'Swedish kronor'],
  NOK: ['Norwegian krone', 'Norwegian kroner'],
  INR: ['Indian rupee', 'Indian rupees'],
};
const plural = (code: string) => CURRENCIES[code]?.[1] ?? code;
/** Amount `1` is a question about the rate itself. */
const RATE_WORDINGS: ReadonlyArray<(base: string, target: string) => string> = [
  (b, t) => `What is the ${b} to ${t} exchange rate?`,
  (b, t) => `What's the exchange rate from ${plural(b)} to ${plural(t)}?`,
  (b, t) => `${b} to ${t} exchange rate`,
];
const CONVERT_WORDINGS: ReadonlyArray<(amount: string, base: string, target: string) => string> = [
  (n, b, t) => `Convert ${n} ${b} to ${t}`,
  (n, b, t) => `How much is ${n} ${plural(b)} in ${plural(t)}?`,
  (n, b, t) => `What is ${n} ${b} in ${t}?`,
];

const NEWS_TOPICS = [
  'Rust',
  'Postgres',
  'GraphQL',
  'SpaceX',
  'passkeys',
  'heat pumps',
  'the Fed',
  'bitcoin ETFs',
  'npm supply chain attacks',
  'exoplanets',
];
const NEWS_WORDINGS: ReadonlyArray<(topic: string) => string> = [
  (t) => `What is the latest news about ${t}?`,
  (t) => `Latest news on ${t}`,
  (t) => `Any news about ${t}?`,
  (t) => `What are the headlines about ${t}?`,
];

/** Documentation questions: each topic in words that ask the same thing. Neighbours differ. */
const DOCS: Record<string, readonly string[]> = {
  redis: [
    'How do I configure Redis in Sluice?',
    'How can I set up Redis for Sluice?',
    'How do I connect Sluice to Redis?',
  ],
  'raise rate limit': [
    'How do I raise the rate limit in Sluice?',
    'How can I increase the Sluice rate limit?',
  ],
  'lower rate limit': [
    'How do I lower the rate limit in Sluice?',
    'How can I decrease the Sluice rate limit?',
  ],
  'enable tracing': ['How do I enable tracing in Sluice?', 'How can I turn on tracing in Sluice?'],
  'disable tracing': [
    'How do I disable tracing in Sluice?',
    'How can I turn off tracing in Sluice?',
  ],
  'answer cache ttl': [
    'How long does Sluice cache answers?',
    'For how long are answers kept in the Sluice cache?',
  ],
  'api keys': ['How do I add an API key to Sluice?', 'How can I create a new API key for Sluice?'],
  emulator: [
    'How do I run the provider emulator?',
    'How can I start the Sluice provider emulator?',
  ],
  'log level': ['How do I set the log level in Sluice?', 'How can I change the Sluice log level?'],
  'query depth': [
    'How do I limit query depth in Sluice?',
    'How can I cap the query depth in Sluice?',
  ],
  docker: ['How do I deploy Sluice with Docker?', 'How can I run Sluice in a Docker container?'],
  'semantic threshold': [
    'How do I change the semantic cache threshold?',
    'How can I adjust the similarity threshold of the semantic cache?',
  ],
};

const at = <T>(items: readonly T[], i: number): T => items[i % items.length] as T;

const FAMILIES: readonly Family[] = [
  {
    name: 'weather',
    domains: { place: PLACES, when: Object.keys(WHEN) },
    variants: (p) => WEATHER_WORDINGS.length * (WHEN[p.when as string]?.length ?? 1),
    render(p, v) {
      const phrases = WHEN[p.when as string] ?? [];
      const wording = at(WEATHER_WORDINGS, v);
      return wording(p.place as string, at(phrases, Math.floor(v / WEATHER_WORDINGS.length)));
    },
  },
  {
    name: 'quote',
    domains: { symbol: Object.keys(EQUITIES) },
    variants: () => QUOTE_WORDINGS.length,
    render: (p, v) => at(QUOTE_WORDINGS, v)(p.symbol as string, EQUITIES[p.symbol as string] ?? ''),
  },
  {
    name: 'crypto',
    domains: { coin: Object.keys(COINS), currency: Object.keys(COIN_CURRENCIES) },
    variants: () => COIN_WORDINGS.length,
    render: (p, v) =>
      at(COIN_WORDINGS, v)(
        COINS[p.coin as string] ?? '',
        COIN_CURRENCIES[p.currency as string] ?? '',
      ),
  },
  {
    name: 'exchangeRate',
    domains: {
      base: Object.keys(CURRENCIES),
      target: Object.keys(CURRENCIES),
      amount: ['1', '50', '100', '250', '500', '1000', '2000'],
    },
    valid: (p) => p.base !== p.target,
    variants: (p) => (p.amount === '1' ? RATE_WORDINGS : CONVERT_WORDINGS).length,
    render(p, v) {
      const [base, target] = [p.base as string, p.target as string];
      return p.amount === '1'
        ? at(RATE_WORDINGS, v)(base, target)
        : at(CONVERT_WORDINGS, v)(p.amount as string, base, target);
    },
  },
  {
    name: 'news',
    domains: { topic: NEWS_TOPICS },
    variants: () => NEWS_WORDINGS.length,
    render: (p, v) => at(NEWS_WORDINGS, v)(p.topic as string),
  },
  {
    name: 'docs',
    domains: { topic: Object.keys(DOCS) },
    variants: (p) => DOCS[p.topic as string]?.length ?? 1,
    render: (p, v) => at(DOCS[p.topic as string] ?? [], v),
  },
];
/** How often a new question is of each family (the same order as FAMILIES). */
const NEW_WEIGHTS = [0.3, 0.12, 0.08, 0.3, 0.1, 0.1];

type Kind = 'repeat' | 'paraphrase' | 'new';

interface Question {
  kind: Kind;
  text: string;
  family: Family;
  params: Params;
  variant: number;
  /** The ground truth: equal for two questions exactly when they ask for the same thing. */
  truth: string;
  /** A new question made from an earlier one by changing one parameter: that question. */
  nearMissOf?: string;
}

const truthOf = (family: Family, params: Params) =>
  `${family.name}(${Object.keys(family.domains)
    .map((k) => `${k}=${params[k]}`)
    .join(', ')})`;

/** The seeded workload: repeats and paraphrases of earlier questions, and new ones. */
function workload(size: number, seed: number): Question[] {
  const random = seededRandom(seed);
  const below = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T;
  const kinds: Kind[] = Array.from({ length: size }, (_, i): Kind => {
    const share = i / size;
    return share < 0.3 ? 'repeat' : share < 0.6 ? 'paraphrase' : 'new';
  });
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = below(i + 1);
    [kinds[i], kinds[j]] = [kinds[j] as Kind, kinds[i] as Kind];
  }
  // The first question has nothing before it to repeat.
  const firstNew = kinds.indexOf('new');
  if (firstNew > 0) [kinds[0], kinds[firstNew]] = ['new', kinds[0] as Kind];

  const asked: Question[] = [];
  const texts = new Set<string>();
  const truths = new Set<string>();
  const make = (kind: Kind, family: Family, params: Params, variant: number): Question => {
    const text = family.render(params, variant);
    return { kind, text, family, params, variant, truth: truthOf(family, params) };
  };
  const unaskedText = (q: Question) => !texts.has(normaliseQuestion(q.text));

  function fresh(): Question | undefined {
    let weight = random();
    const index = NEW_WEIGHTS.findIndex((w) => (weight -= w) < 0);
    const family = FAMILIES[index < 0 ? FAMILIES.length - 1 : index] as Family;
    const earlier = asked.filter((q) => q.family === family);
    for (let attempt = 0; attempt < 30; attempt++) {
      // Mostly a near miss: an earlier question with one parameter changed, in the same words.
      const from = earlier.length > 0 && random() < 0.75 ? pick(earlier) : undefined;
      const params: Params = from ? { ...from.params } : {};
      const keys = Object.keys(family.domains);
      const changed = from ? [pick(keys)] : keys;
      for (const key of changed) {
        const values = (family.domains[key] ?? []).filter((v) => v !== from?.params[key]);
        params[key] = pick(values);
      }
      if (family.valid && !family.valid(params)) continue;
      const q = make('new', family, params, from?.variant ?? below(family.variants(params)));
      if (!truths.has(q.truth) && unaskedText(q)) return from ? { ...q, nearMissOf: from.text } : q;
    }
    return undefined;
  }

  /** Another wording of an earlier question; undefined when every wording was asked already. */
  function paraphrase(): Question | undefined {
    const start = below(asked.length);
    for (let i = 0; i < asked.length; i++) {
      const of = asked[(start + i) % asked.length] as Question;
      const n = of.family.variants(of.params);
      const offset = below(n);
      for (let j = 1; j < n; j++) {
        const q = make('paraphrase', of.family, of.params, (of.variant + offset + j) % n);
        if (unaskedText(q)) return q;
      }
    }
    return undefined;
  }

  const questions: Question[] = [];
  for (const [i, slot] of kinds.entries()) {
    let kind = slot;
    let q: Question | undefined;
    if (kind === 'repeat') q = { ...pick(asked), kind: 'repeat' };
    else if (kind === 'paraphrase') q = paraphrase();
    // Early on, every wording of what was asked may be taken: ask something new, paraphrase later.
    const later = kinds.indexOf('new', i + 1);
    if (!q && kind === 'paraphrase' && later > 0) {
      [kinds[i], kinds[later]] = ['new', 'paraphrase'];
      kind = 'new';
    }
    // A family whose parameters are used up: try another.
    for (let tries = 0; kind === 'new' && !q && tries < 20; tries++) q = fresh();
    if (!q) throw new Error(`could not generate a ${kind} question after ${questions.length}`);
    questions.push(q);
    if (kind !== 'repeat') asked.push(q);
    texts.add(normaliseQuestion(q.text));
    truths.add(q.truth);
  }
  return questions;
}

// ---------------------------------------------------------------------------------------------
// The replay.

const ANSWER_QUERY = `query Answer($question: String!, $options: AnswerOptions) {
  answer(question: $question, options: $options) {
    status model
    cost { totalUsd savedUsd items { kind model calls inputTokens outputTokens usd } }
    cache { hit similarity matchedQuestion }
  }
}`;

interface AnswerFields {
  status: 'ANSWERED' | 'DEGRADED' | 'REFUSED';
  model: string;
  cost: {
    totalUsd: number;
    savedUsd: number;
    items: Array<{
      kind: 'LLM' | 'EMBEDDING' | 'API';
      model: string;
      calls: number;
      inputTokens: number;
      outputTokens: number;
      usd: number;
    }>;
  };
  cache: {
    hit: 'NONE' | 'EXACT' | 'SEMANTIC';
    similarity: number | null;
    matchedQuestion: string | null;
  };
}

interface Served {
  question: Question;
  answer: AnswerFields | undefined;
  error: string | undefined;
  ms: number;
}

interface Pass {
  served: Served[];
  /** Chat completion calls the emulator received. */
  chatCalls: number;
}

const emulator = await startEmulator({ providers: allProviders(), port: 0 });
const chatCalls = () =>
  emulator.requests('openai').filter((url) => url.pathname.endsWith('/chat/completions')).length;

async function post(url: URL, question: string, options: object) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: ANSWER_QUERY, variables: { question, options } }),
  });
  return (await response.json()) as {
    data?: { answer: AnswerFields | null } | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
}

/** The gateways' data directories, removed at the end. */
const dataDirs: string[] = [];

/** The workload in order, one question at a time, through a fresh gateway process. */
async function replay(questions: readonly Question[], options: object): Promise<Pass> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-bench-cost-'));
  dataDirs.push(dataDir);
  const server = await startServerProcess({
    ...emulatorEnv(emulator),
    BENCH_TARGET: 'sluice',
    DATA_DIR: dataDir,
    // The whole workload comes from one address: the per-caller limit and budget would cut it off.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    DAILY_BUDGET_USD: '1000000',
  });
  try {
    // Warm-up on a question outside the workload, never stored.
    for (let i = 0; i < 5; i++) {
      await post(server.url, 'What is the weather in Hollywood, Florida right now?', {
        noCache: true,
      });
    }
    emulator.resetCalls();
    const served: Served[] = [];
    for (const question of questions) {
      const start = performance.now();
      const body = await post(server.url, question.text, options);
      const ms = performance.now() - start;
      const answer = body.data?.answer ?? undefined;
      const error = body.errors?.map((e) => e.extensions?.code ?? e.message).join(', ');
      served.push({ question, answer, error, ms });
    }
    return { served, chatCalls: chatCalls() };
  } finally {
    server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The report.

const questions = workload(QUESTIONS, SEED);
const withCaches = await replay(questions, {});
const baseline = await replay(questions, { noCache: true });
const extra: Array<{ seed: number; pass: Pass }> = [];
for (let seed = SEED + 1; seed <= SEED + EXTRA_SEEDS; seed++) {
  extra.push({ seed, pass: await replay(workload(QUESTIONS, seed), {}) });
}
await emulator.close();
await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));

interface Wrong {
  asked: Question;
  matched: string;
  hit: string;
  similarity: number | null;
}

/** The ground truth of a question of the workload, by its text as the exact cache folds it. */
const truthByText = new Map(
  [questions, ...extra.map((e) => e.pass.served.map((s) => s.question))]
    .flat()
    .map((q) => [normaliseQuestion(q.text), q.truth]),
);

/** Cached answers served for a question other than the one that earned them. */
function wrongAnswers(pass: Pass): Wrong[] {
  const wrong: Wrong[] = [];
  for (const { question, answer } of pass.served) {
    if (!answer || answer.cache.hit === 'NONE') continue;
    const matched = answer.cache.matchedQuestion ?? '';
    if (truthByText.get(normaliseQuestion(matched)) !== question.truth) {
      wrong.push({
        asked: question,
        matched,
        hit: answer.cache.hit,
        similarity: answer.cache.similarity,
      });
    }
  }
  return wrong;
}

const statuses = (served: readonly Served[]) =>
  (['ANSWERED', 'DEGRADED', 'REFUSED'] as const)
    .map((status) => served.filter((s) => s.answer?.status === status).length)
    .join(' / ');

function summarise(pass: Pass) {
  const llm = pass.served.flatMap(
    (s) => s.answer?.cost.items.filter((i) => i.kind === 'LLM') ?? [],
  );
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const answers = pass.served.flatMap((s) => (s.answer ? [s.answer] : []));
  const hits = (hit: string) => answers.filter((a) => a.cache.hit === hit).length;
  const wrong = wrongAnswers(pass);
  const latencies = pass.served.map((s) => s.ms);
  const hitLatencies = pass.served.filter((s) => s.answer && s.answer.cache.hit !== 'NONE');
  return {
    chatCalls: pass.chatCalls,
    llmCalls: sum(llm.map((i) => i.calls)),
    inputTokens: sum(llm.map((i) => i.inputTokens)),
    outputTokens: sum(llm.map((i) => i.outputTokens)),
    llmUsd: sum(llm.map((i) => i.usd)),
    totalUsd: sum(answers.map((a) => a.cost.totalUsd)),
    savedUsd: sum(answers.map((a) => a.cost.savedUsd)),
    exact: hits('EXACT'),
    semantic: hits('SEMANTIC'),
    wrong,
    statuses: statuses(pass.served),
    errors: pass.served.filter((s) => s.error !== undefined || !s.answer).length,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    hitP50: percentile(
      hitLatencies.map((s) => s.ms),
      0.5,
    ),
  };
}

/** Whether an earlier answer to the same thing was ANSWERED in this pass (so was cached). */
function stored(served: Served): boolean {
  const before = withCaches.served.slice(0, withCaches.served.indexOf(served));
  return before.some(
    (s) => s.question.truth === served.question.truth && s.answer?.status === 'ANSWERED',
  );
}

const cached = summarise(withCaches);
const base = summarise(baseline);
const usd = (value: number) => `$${value.toFixed(6)}`;
const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`);
const savedShare = base.llmUsd > 0 ? (1 - cached.llmUsd / base.llmUsd) * 100 : NaN;
const counts = (kind: Kind) => questions.filter((q) => q.kind === kind).length;

console.log('# LLM spend with and without the answer caches');
console.log(machineLine());
console.log(
  `workload: ${questions.length} questions, seed ${SEED} (${counts('repeat')} exact repeats, ${counts('paraphrase')} paraphrases, ${counts('new')} new: ${new Set(questions.map((q) => q.truth)).size} distinct things asked); replayed in order, 1 at a time, over HTTP to a gateway process; the LLM is the emulator's OpenAI-compatible server (model ${withCaches.served.find((s) => s.answer)?.answer?.model ?? '?'}); baseline: the same workload with options { noCache: true } on a fresh gateway\n`,
);
console.log('| measure | with caches | baseline (noCache) |');
console.log('|---|---|---|');
const row = (name: string, a: string | number, b: string | number) =>
  console.log(`| ${name} | ${a} | ${b} |`);
row('questions', questions.length, questions.length);
row('LLM calls (emulator: chat completions received)', cached.chatCalls, base.chatCalls);
row('LLM calls (answers: `cost.items` of kind LLM)', cached.llmCalls, base.llmCalls);
row('LLM input tokens', cached.inputTokens, base.inputTokens);
row('LLM output tokens', cached.outputTokens, base.outputTokens);
row('LLM USD spent', usd(cached.llmUsd), usd(base.llmUsd));
row('USD spent, all kinds (sum of `cost.totalUsd`)', usd(cached.totalUsd), usd(base.totalUsd));
row('USD saved as reported (sum of `cost.savedUsd`)', usd(cached.savedUsd), usd(base.savedUsd));
row('LLM spend saved against the baseline', `${savedShare.toFixed(1)}%`, '');
row('exact hits', cached.exact, base.exact);
row('semantic hits', cached.semantic, base.semantic);
row('**wrong cached answers** (goal: 0)', `**${cached.wrong.length}**`, base.wrong.length);
row('answered / degraded / refused', cached.statuses, base.statuses);
row('requests with GraphQL errors', cached.errors, base.errors);
row('latency p50', ms(cached.p50), ms(base.p50));
row('latency p95', ms(cached.p95), ms(base.p95));
row('latency p50 of cache hits', ms(cached.hitP50), 'n/a');

console.log('\nwith caches, by kind of question:\n');
console.log(
  '| kind | questions | exact hits | semantic hits | misses: nothing stored to serve | misses: stored, not found | wrong cached answers |',
);
console.log('|---|---|---|---|---|---|---|');
for (const kind of ['repeat', 'paraphrase', 'new'] as const) {
  const of = withCaches.served.filter((s) => s.question.kind === kind);
  const hit = (h: string) => of.filter((s) => s.answer?.cache.hit === h).length;
  const misses = of.filter((s) => s.answer?.cache.hit === 'NONE');
  const unstored = misses.filter((s) => !stored(s)).length;
  const wrong = cached.wrong.filter((w) => w.asked.kind === kind).length;
  console.log(
    `| ${kind} | ${of.length} | ${hit('EXACT')} | ${hit('SEMANTIC')} | ${unstored} | ${misses.length - unstored} | ${wrong} |`,
  );
}
console.log(
  `\n(new questions are never asked before, so any hit on one is wrong; ${questions.filter((q) => q.kind === 'new' && q.nearMissOf).length} of them are an earlier question with one parameter changed. "Nothing stored": every earlier answer to the same thing was DEGRADED or REFUSED, which are not cached.)`,
);
console.log('\nwith caches, by family:\n');
console.log(
  '| family | questions | answered / degraded / refused | exact hits | semantic hits | paraphrases served | wrong |',
);
console.log('|---|---|---|---|---|---|---|');
for (const family of FAMILIES) {
  const of = withCaches.served.filter((s) => s.question.family === family);
  const hit = (h: string) => of.filter((s) => s.answer?.cache.hit === h).length;
  const paraphrases = of.filter((s) => s.question.kind === 'paraphrase');
  const servedParaphrases = paraphrases.filter((s) => s.answer?.cache.hit === 'SEMANTIC').length;
  const wrong = cached.wrong.filter((w) => w.asked.family === family).length;
  console.log(
    `| ${family.name} | ${of.length} | ${statuses(of)} | ${hit('EXACT')} | ${hit('SEMANTIC')} | ${servedParaphrases} of ${paraphrases.length} | ${wrong} |`,
  );
}

const unfound = withCaches.served.filter(
  (s) => s.question.kind !== 'new' && s.answer?.cache.hit === 'NONE' && stored(s),
);
if (unfound.length > 0) {
  console.log('\nmissed, though an answer to the same thing was cached (first 12):\n');
  for (const s of unfound.slice(0, 12)) {
    const earlier = withCaches.served.find(
      (e) => e.question.truth === s.question.truth && e.answer?.status === 'ANSWERED',
    );
    console.log(`- ${s.question.kind}: "${s.question.text}" (cached: "${earlier?.question.text}")`);
  }
}

if (extra.length > 0) {
  console.log(
    `\nthe same check on ${extra.length} further workloads (seeds ${SEED + 1}–${SEED + extra.length}, caches only):\n`,
  );
  console.log('| seed | LLM calls | exact hits | semantic hits | wrong cached answers |');
  console.log('|---|---|---|---|---|');
  for (const { seed, pass } of extra) {
    const hit = (h: string) => pass.served.filter((s) => s.answer?.cache.hit === h).length;
    console.log(
      `| ${seed} | ${pass.chatCalls} | ${hit('EXACT')} | ${hit('SEMANTIC')} | ${wrongAnswers(pass).length} |`,
    );
  }
}

const allWrong = [
  ...cached.wrong.map((w) => ({ seed: SEED, w })),
  ...extra.flatMap(({ seed, pass }) => wrongAnswers(pass).map((w) => ({ seed, w }))),
];
if (allWrong.length > 0) {
  console.log('\nwrong cached answers (asked → the question whose answer was served):\n');
  const pairs = new Map<string, { wrong: Wrong; seeds: number[] }>();
  for (const { seed, w } of allWrong) {
    const key = `${w.asked.text}\n${w.matched}`;
    const seen = pairs.get(key);
    if (seen) seen.seeds.push(seed);
    else pairs.set(key, { wrong: w, seeds: [seed] });
  }
  for (const { wrong: w, seeds } of pairs.values()) {
    const similarity = w.similarity === null ? '' : `, similarity ${w.similarity.toFixed(3)}`;
    console.log(
      `- ${w.hit}${similarity} (seed ${seeds.join(', ')}): "${w.asked.text}" (${w.asked.truth}) → "${w.matched}" (${truthByText.get(normaliseQuestion(w.matched)) ?? 'not in the workload'})`,
    );
  }
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ColumnScan } from '../src/answer/semantic-cache/column-scan.js';
import { findPlaces } from '../src/language/gazetteer.js';
import { questionFeatures } from '../src/language/question-features.js';
import { tokenizeQuestion } from '../src/language/question-tokens.js';
import { createSemanticIndex } from '../src/answer/semantic-cache/semantic-index.js';
import { createSemanticMatcher } from '../src/answer/semantic-cache/semantic-match.js';
import {
  differentAddressee,
  differentComparative,
  oppositeDirection,
  differentCurrency,
  differentName,
  differentNumber,
  differentPlace,
  differentQuestionForm,
  differentQuestionWord,
  differentSubject,
  differentSymbol,
  differentTense,
  differentTime,
  differentWeatherAspect,
  differentYear,
  findVeto,
  negationMismatch,
  type Veto,
} from '../src/answer/semantic-cache/semantic-vetoes.js';
import { normalise, type Embedder } from '../src/vector/embedder.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';

const embedder = createHashingEmbedder();
const applies = (veto: Veto, a: string, b: string) =>
  veto.applies(questionFeatures(a), questionFeatures(b));

/** Each veto: pairs it must block, and near pairs it must let through. */
const VETO_CASES: ReadonlyArray<[Veto, Array<[string, string]>, Array<[string, string]>]> = [
  [
    differentYear,
    [
      ['AAPL price in 2023', 'AAPL price in 2024'],
      ['Tech in the 1990s', 'Tech in the 1980s'],
    ],
    [['AAPL price in 2023', 'What was the AAPL price in 2023?']],
  ],
  [
    differentNumber,
    [
      ['Top 5 stories', 'Top 10 stories'],
      ['Is two enough?', 'Is three enough?'],
      ['Is the PS4 good?', 'Is the PS5 good?'],
      ['the third book', 'the fourth book'],
    ],
    [
      ['Is 7 prime?', 'Is seven prime?'],
      ['twenty five apples', '25 apples'],
      ['1 bitcoin in dollars', 'one bitcoin in dollars'],
    ],
  ],
  [
    differentTime,
    [
      ['weather in Paris right now', 'weather in Paris tomorrow'],
      ['weather in Paris', 'weather in Paris on Monday'],
      ['news this week', 'news next week'],
      ['Tech news from January', 'Tech news from March'],
    ],
    [
      ['weather in Paris right now', 'weather in Paris'],
      ['Is it currently raining?', 'Is it raining at the moment?'],
      ['May I ask a question?', 'Can I ask a question?'],
    ],
  ],
  [
    negationMismatch,
    [
      ['Will it rain?', 'Will it not rain?'],
      ['Why is it working?', "Why isn't it working?"],
      ['coffee with sugar', 'coffee without sugar'],
      ['Have you been there?', 'Have you never been there?'],
      ['Why does it work?', 'Why doesnt it work?'],
    ],
    [["Why isn't it working?", 'Why is it not working?']],
  ],
  [
    differentPlace,
    [
      ['weather in Paris', 'weather in Perth'],
      ['weather in paris', 'weather in perth'],
      ['bikes in India', 'bikes'],
      ['Will it rain in New York?', 'Will it rain in York?'],
    ],
    [
      ['rain in the US', 'rain in the USA'],
      ['a German university', 'a university in Germany'],
      ['Why is us here?', 'Why is us here?'],
    ],
  ],
  [
    differentCurrency,
    [
      ['EUR to USD rate', 'GBP to USD rate'],
      ['price of bitcoin', 'price of ethereum'],
      ['100 $', '100 €'],
    ],
    [['price in dollars', 'price in USD']],
  ],
  [
    differentSymbol,
    [
      ['price of AAPL', 'price of MSFT'],
      ['What does == mean?', 'What does = mean?'],
      ['Is C++ hard?', 'Is C hard?'],
    ],
    [
      ['minimum GPA for a masters', 'minimum grade point average for a masters'],
      ['price of $AAPL', 'price of AAPL'],
    ],
  ],
  [
    oppositeDirection,
    [
      ['How can I turn off tracing in Sluice?', 'How can I turn on tracing in Sluice?'],
      ['Should I scale up the replicas?', 'Should I scale down the replicas?'],
      ["What's the high in Rome today?", "What's the low in Rome today?"],
    ],
    [
      ['How can I turn on tracing in Sluice?', 'How do I turn on tracing?'],
      ['Is the market up or down today?', 'Is the market down or up today?'],
    ],
  ],
  [
    differentComparative,
    [
      ['best time to visit', 'worst time to visit'],
      ['most rainfall', 'least rainfall'],
      ['cheapest flight', 'fastest flight'],
      ['Which stock rose?', 'Which stock fell?'],
    ],
    [
      ['best way to learn', 'most effective way to learn'],
      ['best laptop below 40k', 'best laptop under 40k'],
    ],
  ],
  [
    differentQuestionWord,
    [
      ['Who founded Tesla?', 'When was Tesla founded?'],
      ['Where was he born?', 'When was he born?'],
      ['Why did it crash?', 'How did it crash?'],
      ['What was the first bank?', 'Who was the first bank?'],
      ['How is the program?', 'How good is the program?'],
    ],
    [
      ['What is the best time to visit?', 'When is the best time to visit?'],
      ['How do I learn Go?', 'What is the best way to learn Go?'],
    ],
  ],
  [
    differentQuestionForm,
    [['Can hard work beat talent?', 'Why does hard work beat talent?']],
    [
      ['Can you tell me what a sausage is?', 'What is a sausage?'],
      ['Is it good?', 'Is it any good?'],
    ],
  ],
  [
    differentTense,
    [['Is Google Glass a flop?', 'Will Google Glass flop?']],
    [
      ['Will it rain?', 'Is it going to rain?'],
      ['I am going to Paris', 'I am going to Paris'],
    ],
  ],
  [
    differentAddressee,
    [['What is your happiness?', 'What is happiness?']],
    [
      ['How can you improve your English?', 'How can I improve my English?'],
      ['What are your views?', 'How do you view it?'],
    ],
  ],
  [
    differentName,
    [
      ['New employees at Zogenix', 'New employees at Initech'],
      ['What does Elon Musk think?', 'What does Bill Gates think?'],
    ],
    [
      ['Is Python hard?', 'Is python hard?'],
      ['Did Hilary Clinton win?', 'Did Hillary Clinton win?'],
    ],
  ],
  [
    differentSubject,
    [
      ['side effects of ibuprofen', 'side effects of paracetamol'],
      ['protein damage by nitrogen species', 'protein damage by sulfur species'],
    ],
    [
      ['side effects of ibuprofen', 'ibuprofen side effects'],
      ['learn python', 'learning python'],
    ],
  ],
  [
    differentWeatherAspect,
    [
      ['Do I need an umbrella in London today?', 'Do I need sunscreen in London today?'],
      ['Is it windy in Lima?', 'Is it humid in Lima?'],
      ['Will it snow in Oslo?', "What's the weather in Oslo?"],
    ],
    [
      ['Will it rain in Dublin tomorrow?', 'Is rain expected in Dublin tomorrow?'],
      ['How cold is it in Oslo?', "What's the temperature in Oslo?"],
      ["What's the weather in Rome?", 'How is the weather in Rome right now?'],
    ],
  ],
];

describe('semantic-cache vetoes', () => {
  for (const [veto, blocked, allowed] of VETO_CASES) {
    it(`${veto.name}: blocks what differs, lets near-identical through`, () => {
      for (const [a, b] of blocked) assert.ok(applies(veto, a, b), `${veto.name}: "${a}" / "${b}"`);
      for (const [a, b] of allowed)
        assert.ok(!applies(veto, a, b), `not ${veto.name}: "${a}" / "${b}"`);
      for (const [a, b] of blocked) assert.ok(applies(veto, b, a), 'symmetric');
    });
  }

  it('names the first veto that applies, or null', () => {
    assert.equal(
      findVeto(questionFeatures('AAPL in 2023'), questionFeatures('AAPL in 2024')),
      'different year',
    );
    assert.equal(
      findVeto(questionFeatures('How do I learn Go?'), questionFeatures('How can I learn Go?')),
      null,
    );
  });
});

describe('semantic matcher', () => {
  const matcher = createSemanticMatcher({ embedder });

  it('never serves Paris to Perth, nor right now to tomorrow, whatever the threshold', async () => {
    const loose = createSemanticMatcher({ embedder, threshold: 0 });
    for (const m of [matcher, loose]) {
      assert.deepEqual(
        {
          hit: (await m.match('Weather in Paris', 'Weather in Perth')).hit,
          reason: (await m.match('Weather in Paris', 'Weather in Perth')).reason,
        },
        { hit: false, reason: 'different place' },
      );
      const time = await m.match(
        "What's the weather in Paris right now?",
        "What's the weather in Paris tomorrow?",
      );
      assert.equal(time.hit, false);
      assert.equal(time.reason, 'different time');
    }
  });

  it('hits paraphrases at the threshold and says "below threshold" under it', async () => {
    const hit = await matcher.match('How do I reset my password?', 'How can I reset my password?');
    assert.deepEqual([hit.hit, hit.reason], [true, null]);
    assert.ok(hit.similarity >= matcher.threshold);
    const same = await matcher.match('What is Redis?', 'what is redis');
    assert.equal(same.similarity, 1);
    const far = await matcher.match(
      'How do I learn?',
      'How do I learn to cook food at home quickly?',
    );
    assert.deepEqual([far.hit, far.reason], [false, 'below threshold']);
    const strict = createSemanticMatcher({ embedder, threshold: 1 });
    assert.equal(
      (await strict.match('How do I reset my password?', 'How can I reset my password?')).hit,
      false,
    );
    assert.throws(() => createSemanticMatcher({ embedder, threshold: 1.5 }), RangeError);
  });

  it('compare is symmetric and pure over precomputed features', async () => {
    const [a, b] = await matcher.features([
      'Latest news about Microsoft',
      'What is the latest news about Microsoft?',
    ]);
    assert.deepEqual(matcher.compare(a!, b!), matcher.compare(b!, a!));
  });

  it('uses whatever embedder it is given', async () => {
    const seen: string[] = [];
    const fake: Embedder = {
      id: 'fake',
      dimension: 4,
      async embed(texts) {
        seen.push(...texts);
        return texts.map((t) => normalise(Float32Array.from([1, t.length % 3, 0, 1])));
      },
    };
    const m = createSemanticMatcher({ embedder: fake, embeddingWeight: 1, threshold: 0.5 });
    const result = await m.match('How do I reset my password?', 'How can I reset my password?');
    assert.deepEqual(seen.length, 2);
    assert.ok(result.similarity > 0 && result.similarity <= 1);
  });

  it('holds its quality floor on the committed adversarial set', async () => {
    const rows = readFileSync(
      new URL('../eval/data/semantic-cache-adversarial.jsonl', import.meta.url),
      'utf8',
    )
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { text_a: string; text_b: string; label: 0 | 1 });
    assert.ok(rows.length >= 60);
    const a = await matcher.features(rows.map((r) => r.text_a));
    const b = await matcher.features(rows.map((r) => r.text_b));
    const hits = rows.map((_, i) => matcher.compare(a[i]!, b[i]!).hit);
    const falseHits = rows
      .filter((r, i) => r.label === 0 && hits[i])
      .map((r) => `${r.text_a} / ${r.text_b}`);
    assert.deepEqual(falseHits, []);
    const positives = rows.filter((r) => r.label === 1).length;
    assert.ok(rows.filter((r, i) => r.label === 1 && hits[i]).length >= 0.6 * positives);
  });
});

describe('semantic index', () => {
  for (const search of ['flat', 'hnsw'] as const) {
    it(`${search}: adds, looks up, replaces and removes`, async () => {
      const index = createSemanticIndex({ embedder, search });
      assert.equal(await index.lookup('anything'), undefined);
      await index.add('paris', "What's the weather in Paris right now?");
      await index.add('perth', "What's the weather in Perth right now?");
      await index.add('aapl', 'What is the current price of AAPL?');
      assert.equal(index.size, 3);
      assert.equal(index.searchMethod, search);
      assert.equal((await index.lookup('What is the weather in Paris?'))?.id, 'paris');
      assert.equal((await index.lookup("What's the weather in Perth?"))?.id, 'perth');
      assert.equal(await index.lookup("What's the weather in Paris tomorrow?"), undefined);
      assert.equal(await index.lookup('What is the current price of MSFT?'), undefined);
      const near = await index.nearest("What's the weather in Paris tomorrow?", 2);
      assert.deepEqual(
        near.map((n) => n.id),
        ['paris', 'perth'],
      );
      assert.ok(near[0]!.similarity >= near[1]!.similarity);

      await index.add('paris', 'What is the capital of France?');
      assert.equal(index.size, 3);
      assert.equal(await index.lookup('What is the weather in Paris?'), undefined);
      assert.equal((await index.lookup("What's the capital of France?"))?.id, 'paris');
      assert.equal(index.remove('paris'), true);
      assert.equal(index.remove('paris'), false);
      assert.equal(await index.lookup("What's the capital of France?"), undefined);
      assert.equal(index.size, 2);
    });
  }

  it('picks the scan for sparse vectors and keeps questions that embed alike apart', async () => {
    const index = createSemanticIndex({ embedder });
    await index.add('now', 'Will it rain in Oslo right now?');
    await index.add('tomorrow', 'Will it rain in Oslo tomorrow?');
    assert.equal(index.searchMethod, 'flat');
    assert.equal((await index.lookup('Will it rain in Oslo tomorrow?'))?.id, 'tomorrow');
    assert.equal((await index.lookup('Will it rain in Oslo now?'))?.id, 'now');
    index.remove('now');
    assert.equal(await index.lookup('Will it rain in Oslo now?'), undefined);
    assert.equal((await index.lookup('Will it rain in Oslo tomorrow?'))?.id, 'tomorrow');
  });

  it('drops an add overtaken by a remove or a later add of the same id', async () => {
    const index = createSemanticIndex({ embedder });
    const first = index.add('q', 'What is Redis?');
    const second = index.add('q', 'What is Postgres?');
    await Promise.all([first, second]);
    assert.equal(index.size, 1);
    assert.equal((await index.lookup('What is Postgres?'))?.id, 'q');
    const pending = index.add('r', 'What is Kafka?');
    index.remove('r');
    await pending;
    assert.equal(await index.lookup('What is Kafka?'), undefined);
  });
});

describe('question features', () => {
  it('expands contractions, joins abbreviations and reads numbers', () => {
    assert.deepEqual(
      tokenizeQuestion("Why isn't it, can't it?")
        .filter((t) => t.kind === 'word')
        .map((t) => t.lower),
      ['why', 'is', 'not', 'it', 'can', 'not', 'it'],
    );
    assert.equal(tokenizeQuestion('the U.S. economy')[1]?.text, 'US');
    assert.deepEqual(
      [...questionFeatures('twenty five or 1,000 or the 3rd or third').numbers],
      ['25', '1000', '3th'],
    );
  });

  it('finds places, multi-word and by demonym, and US only in capitals', () => {
    assert.deepEqual(findPlaces(['Rain', 'in', 'New', 'York', 'and', 'Paris']), [
      'new york',
      'paris',
    ]);
    assert.deepEqual(findPlaces(['tell', 'us']), []);
    assert.deepEqual(
      [...questionFeatures('a German university in the US').places],
      ['germany', 'united states'],
    );
  });
});

describe('column scan', () => {
  it('returns the exact top k and survives removals', () => {
    const scan = new ColumnScan(3);
    const vectors = [
      [1, 0, 0],
      [0.8, 0.6, 0],
      [0, 1, 0],
      [0, 0, 1],
    ].map((v) => Float32Array.from(v));
    vectors.forEach((v, i) => scan.add(i + 10, v));
    const query = Float32Array.from([1, 0.1, 0]);
    assert.deepEqual(
      scan.search(query, 2).map((h) => h.id),
      [10, 11],
    );
    assert.equal(scan.remove(10), true);
    assert.equal(scan.remove(10), false);
    assert.deepEqual(
      scan.search(query, 2).map((h) => h.id),
      [11, 12],
    );
    assert.equal(scan.size, 3);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assessGrounding, createGroundingGate } from '../src/gates/grounding.js';
import { extractNumbers, numberSupported, splitSentences } from '../src/language/text.js';

const WEATHER = [
  'Paris, France: temperature 11.63 °C, wind 14 km/h, light rain. Observed 2026-11-25T14:00Z.',
  'London, United Kingdom: temperature 9.1 °C, wind 20 km/h, overcast.',
  'AAPL (Apple Inc.): last price $189.84, change -1.12 (-0.59%), volume 1,234.5 thousand shares.',
];
const ask = 'What is the weather in Paris and London, and how is Apple trading?';

function grounded(answer: string, context = WEATHER, question = ask): boolean {
  return assessGrounding({ question, answer, context }).grounded;
}

function backs(answer: string, context: string): boolean {
  const found = extractNumbers(context);
  const stated = extractNumbers(answer);
  assert.ok(stated.length > 0, `no number found in "${answer}"`);
  return stated.every((n) => numberSupported(n, found));
}

describe('text: numbers', () => {
  it('normalises units and formatting', () => {
    assert.ok(backs('11.6°C', 'it is 11.6 °C'));
    assert.ok(backs('1234.5', 'volume "1,234.5"'));
    assert.ok(backs('$189.84', 'price 189.84 USD'));
    assert.ok(backs('-0.59%', 'change \u22120.59 %'));
    assert.ok(backs('1.2 billion', 'population 1,200,000,000'));
    assert.ok(!backs('1.3 billion', 'population 1,200,000,000'));
  });

  it('tolerates rounding to the precision the answer shows, and no more', () => {
    assert.ok(backs('11.6 °C', '11.63 °C'));
    assert.ok(backs('12 °C', '11.63 °C'));
    assert.ok(!backs('11.7 °C', '11.63 °C'));
    assert.ok(!backs('11.63 °C', '11.6 °C'));
    assert.ok(!backs('700,000', '722,664'));
  });

  it('reads signs from words and keeps them', () => {
    assert.ok(backs('down 0.59%', 'change -0.59%'));
    assert.ok(!backs('up 0.59%', 'change -0.59%'));
    assert.ok(backs('a 0.59% move', 'change -0.59%'));
  });

  it('reads dates in several formats', () => {
    const ctx = 'Observed 2026-11-25T14:00Z';
    for (const date of ['November 25, 2026', '25 Nov', 'Nov 25', '25th of November 2026', '2026']) {
      assert.ok(backs(date, ctx), date);
    }
    assert.ok(!backs('November 26, 2026', ctx));
    assert.ok(!backs('2025', ctx));
    assert.ok(backs('the 1970s', 'founded in 1974'));
  });

  it('splits sentences without breaking on abbreviations, initials or units', () => {
    assert.deepEqual(
      splitSentences('Dr. Smith met George R.R. Martin. It was 11.6 °C. Then rain.'),
      ['Dr. Smith met George R.R. Martin.', 'It was 11.6 °C.', 'Then rain.'],
    );
  });
});

describe('assessGrounding', () => {
  it('passes an answer whose numbers, names and words are all in the context', () => {
    assert.ok(
      grounded('Paris is 11.6 °C with light rain [1], and London is 9.1 °C and overcast [2].'),
    );
    assert.ok(grounded('Apple (AAPL) is at $189.84, down 0.59% [3].'));
  });

  it('fails a number the context does not hold, or rounds the wrong way', () => {
    assert.ok(!grounded('Paris is 11.7 °C.'));
    assert.ok(!grounded('Apple is at $190.84.'));
    const a = assessGrounding({ question: ask, answer: 'Paris is 13 °C.', context: WEATHER });
    assert.equal(a.unsupported[0]?.kind, 'number');
  });

  it('fails an added entity', () => {
    const a = assessGrounding({ question: ask, answer: 'Berlin is 9.1 °C.', context: WEATHER });
    assert.ok(!a.grounded);
    assert.ok(a.unsupported.some((u) => u.kind === 'name' && u.reason.includes('Berlin')));
  });

  it('fails a value the context gives for another subject', () => {
    assert.ok(!grounded('London is 11.6 °C.'));
    assert.ok(!grounded('The wind in London is 14 km/h.'));
    assert.ok(grounded('The wind in London is 20 km/h.'));
  });

  it('fails a denial the context does not make', () => {
    assert.ok(!grounded('It is not raining in Paris.'));
  });

  it('fails an answer that does not give the kind of value asked for', () => {
    const context = ['The Eiffel Tower was completed in 1889 for the World Fair in Paris.'];
    const question = 'In what year was the Eiffel Tower completed?';
    assert.ok(grounded('1889', context, question));
    assert.ok(!grounded('The Eiffel Tower was completed for the World Fair.', context, question));
  });

  it('checks which option of a comparison the context backs', () => {
    const context = [
      'Allan Dwan (3 April 1885 - 28 December 1981) was a Canadian-born film director.',
      'George Marshall (December 29, 1891 - February 17, 1975) was an American film director.',
    ];
    const question = 'Who was born first, George Marshall or Allan Dwan?';
    assert.ok(grounded('Allan Dwan', context, question));
    assert.ok(!grounded('George Marshall was born before Allan Dwan.', context, question));
    assert.ok(!grounded('Both were born first.', context, question));
  });

  it('reports a score in [0, 1] and a reason per unsupported claim', () => {
    const a = assessGrounding({
      question: ask,
      answer: 'Paris is 11.6 °C. Rome is 30 °C.',
      context: WEATHER,
    });
    assert.ok(a.score > 0 && a.score < 1);
    assert.equal(a.unsupported.length >= 2, true);
    assert.ok(a.unsupported.every((u) => u.claim.startsWith('Rome')));
  });
});

// A small hand-written set in the shape of HaluEval QA: the gate must keep a floor on it.
const FIXTURE = [
  {
    knowledge:
      'Kings of Leon is an American rock band formed in Nashville in 1999. The New Pornographers is a Canadian indie rock band formed in 1997 in Vancouver.',
    question: 'Which band was formed first, Kings of Leon or The New Pornographers?',
    right: 'The New Pornographers',
    wrong: ['Kings of Leon was formed first.', 'The New Pornographers, formed in 1995.'],
  },
  {
    knowledge:
      'The Saimaa Gesture is a 1981 film by Finnish directors Aki and Mika Kaurismaki. It is a documentary of three Finnish rock groups. Adam Clayton Powell is a 1989 documentary about the civil rights leader.',
    question:
      'Which documentary is about Finnish rock groups, Adam Clayton Powell or The Saimaa Gesture?',
    right: 'The Saimaa Gesture',
    wrong: [
      'Adam Clayton Powell is about Finnish rock groups.',
      'Adam Clayton Powell is not about rock groups.',
    ],
  },
  {
    knowledge:
      'Hat Check Girl is a 1932 American comedy film starring Ginger Rogers. Ginger Rogers (July 16, 1911 - April 25, 1995) was an American actress and dancer.',
    question: 'In what year was the comedy film starring Ginger Rogers released?',
    right: '1932',
    wrong: ['The film was released in 1933.', 'Ginger Rogers starred in the comedy film.'],
  },
  {
    knowledge:
      'Beowulf is a 2007 fantasy film directed by Robert Zemeckis. Roger Avary co-wrote the screenplay.',
    question: 'Who directed the 2007 film Beowulf?',
    right: 'Robert Zemeckis',
    wrong: ['Steven Spielberg directed Beowulf.', 'Beowulf was directed by a famous director.'],
  },
  {
    knowledge:
      'Boston College is a private research university located in Chestnut Hill, Massachusetts. Stanford University is a private research university in Stanford, California.',
    question:
      'Which university is located in Chestnut Hill, Boston College or Stanford University?',
    right: 'Boston College',
    wrong: [
      'Stanford University is located in Chestnut Hill.',
      'Both are located in Chestnut Hill.',
    ],
  },
  {
    knowledge:
      'Roseau is a city in Roseau County, Minnesota. Polaris Inc., which bought Aixam in 2013, was founded in Roseau.',
    question: 'Where was the company that purchased Aixam founded?',
    right: 'Roseau, Minnesota',
    wrong: ['Polaris was founded in Medina, Minnesota.', 'The company was founded in California.'],
  },
];

describe('grounding floor on a committed fixture', () => {
  it('keeps balanced accuracy at or above 0.9', () => {
    let passed = 0;
    let failed = 0;
    for (const row of FIXTURE) {
      if (grounded(row.right, [row.knowledge], row.question)) passed++;
      for (const w of row.wrong) if (!grounded(w, [row.knowledge], row.question)) failed++;
    }
    const balanced = (passed / FIXTURE.length + failed / (FIXTURE.length * 2)) / 2;
    assert.ok(balanced >= 0.9, `balanced accuracy ${balanced.toFixed(3)}`);
  });
});

describe('createGroundingGate', () => {
  const gate = createGroundingGate();

  it('is the OUTPUT grounding gate with severity ERROR', () => {
    assert.deepEqual([gate.name, gate.stage, gate.severity], ['grounding', 'OUTPUT', 'ERROR']);
  });

  it('passes a grounded answer and fails an ungrounded one without echoing it', async () => {
    const ok = await gate.check({
      question: ask,
      answer: 'Paris is 11.6 °C [1].',
      context: WEATHER,
    });
    assert.equal(ok.status, 'PASSED');
    assert.equal(ok.score, 1);
    const bad = await gate.check({ question: ask, answer: 'Berlin is 31.4 °C.', context: WEATHER });
    assert.equal(bad.status, 'FAILED');
    assert.ok(bad.score !== null && bad.score < 1);
    assert.ok(!bad.message.includes('Berlin') && !bad.message.includes('31.4'), bad.message);
  });

  it('skips an empty answer and fails an answer with no context', async () => {
    assert.equal(
      (await gate.check({ question: ask, answer: ' ', context: WEATHER })).status,
      'SKIPPED',
    );
    assert.equal(
      (await gate.check({ question: ask, answer: 'Paris is 11.6 °C.', context: [] })).status,
      'FAILED',
    );
  });
});

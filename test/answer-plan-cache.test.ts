import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseQuestion } from '../src/answer/answer-cache.js';
import { AnswerDocument } from '../src/client/index.js';
import { useGateways } from './support/gateway.js';

/**
 * Data questions are found again by their plan (issue 8): the same lookups are the same answer,
 * whatever the wording; another place, day, symbol, pair direction, amount or a negation is not.
 */
describe('the answer cache by plan', () => {
  const fixture = useGateways({ env: { OPENAI_BASE_URL: undefined } });
  const ask = async (question: string) => {
    const { data, errors } = await fixture.gateway.execute(AnswerDocument, { question });
    assert.equal(errors, undefined, JSON.stringify(errors));
    assert.ok(data?.answer);
    return data.answer;
  };
  const lookup = (answer: Awaited<ReturnType<typeof ask>>) =>
    answer.trace.spans.find((s) => s.name === 'cache lookup semantic');

  it('serves paraphrases of a data question, naming the question it matched', async () => {
    const pairs: Array<[string, string]> = [
      ["What's the weather in Osaka right now?", "How's the weather in Osaka at the moment?"],
      ['How much is 100 euros in US dollars?', 'Convert 100 EUR to USD'],
      ['What is the price of bitcoin?', 'How much does one bitcoin cost?'],
      ['Latest news on the SpaceX Starship', "What's new with Starship from SpaceX in the news?"],
      ["What's the rate from pounds to yen?", 'How many yen does one pound buy?'],
    ];
    for (const [first, second] of pairs) {
      const original = await ask(first);
      assert.equal(original.status, 'ANSWERED', `${first}: ${original.text}`);
      const paraphrase = await ask(second);
      assert.equal(
        paraphrase.cache.hit,
        'SEMANTIC',
        `${second}: ${JSON.stringify(paraphrase.cache)}`,
      );
      assert.equal(paraphrase.cache.matchedQuestion, first);
      assert.equal(paraphrase.text, original.text);
      assert.equal(
        lookup(paraphrase)?.attributes.find((a) => a.key === 'cache.match')?.value,
        'plan',
      );
    }
  });

  it('does not serve another place, day, symbol, direction, amount, or a negated question', async () => {
    for (const first of [
      'Is it sunny in Nairobi today?',
      'Will it rain in Sydney tomorrow?',
      'Weather in Berlin this weekend',
      'How much is 50 euros in Swiss francs?',
      'What is the price of Apple stock?',
    ]) {
      const answer = await ask(first);
      assert.equal(answer.status, 'ANSWERED', `${first}: ${answer.text}`);
    }
    for (const question of [
      'Is it sunny in Nairobi tomorrow?',
      'Is it sunny in Darwin today?',
      'Is it not sunny in Nairobi today?',
      'Do I need sunscreen in Nairobi today?',
      'Will it rain in Sydney the day after tomorrow?',
      'Weather in Berlin next weekend',
      'How much is 50 Swiss francs in euros?',
      'How much is 60 euros in Swiss francs?',
      'What is the price of Amazon stock?',
      'What was the price of Apple stock in 2023?',
    ]) {
      const answer = await ask(question);
      assert.equal(answer.cache.hit, 'NONE', `${question}: ${JSON.stringify(answer.cache)}`);
    }
  });

  it('serves a rewording in another tense or with "over the weekend" for "this weekend"', async () => {
    await ask('Will it rain in Tokyo tomorrow?');
    const tense = await ask('Is rain expected in Tokyo tomorrow?');
    assert.equal(tense.cache.hit, 'SEMANTIC', JSON.stringify(tense.cache));
    await ask('Weather forecast for London this weekend');
    const weekend = await ask('What will the weather be like in London over the weekend?');
    assert.equal(weekend.cache.hit, 'SEMANTIC', JSON.stringify(weekend.cache));
  });
});

describe('normaliseQuestion', () => {
  it('folds case, spacing, final punctuation and, beyond ASCII, compatibility forms', () => {
    assert.equal(normaliseQuestion('  What is  the price of AAPL?? '), 'what is the price of aapl');
    assert.equal(normaliseQuestion('Ｗｅａｔｈｅｒ in Ｏｓａｋａ？'), 'weather in osaka');
    assert.equal(normaliseQuestion('ﬁnance news!'), 'finance news');
    assert.equal(normaliseQuestion('Café ok'), normaliseQuestion('Cafe\u0301 ok'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRelevant } from '../src/gates/relevance.js';
import { AnswerDocument } from '../src/client/index.js';
import { useGateways } from './support/gateway.js';

/** Relevance and routing read what a question means (issue 8, tried as a new user would). */
describe('answers that read meaning', () => {
  const fixture = useGateways({ env: { OPENAI_BASE_URL: undefined } });
  const ask = async (question: string) => {
    const { data, errors } = await fixture.gateway.execute(AnswerDocument, { question });
    assert.equal(errors, undefined, JSON.stringify(errors));
    assert.ok(data?.answer);
    return data.answer;
  };

  it('answers the latest AI news from headlines about OpenAI', async () => {
    const answer = await ask("What's the latest AI news?");
    assert.equal(answer.status, 'ANSWERED', answer.text);
    assert.match(answer.text, /OpenAI/);
  });

  it('refuses a question no source or document answers, saying what it can answer', async () => {
    for (const question of ['Tell me about Java', 'Who won the 1998 World Cup?']) {
      const answer = await ask(question);
      assert.equal(answer.status, 'REFUSED', `${question}: ${answer.text}`);
      assert.match(answer.text, /I can answer questions about the weather, news/);
    }
  });

  it("answers the gateway's default rate limit from its configuration docs", async () => {
    const answer = await ask('What is the default rate limit per minute?');
    assert.equal(answer.status, 'ANSWERED', answer.text);
    assert.match(answer.text, /120/);
  });

  it('routes a Spanish weather question and a place with its state', async () => {
    const london = await ask('¿Qué tiempo hace en Londres?');
    assert.deepEqual(
      london.sources.map((s) => s.name),
      ['weather:London'],
    );
    const texas = await ask("What's the weather in Paris, Texas?");
    assert.deepEqual(
      texas.sources.map((s) => s.name),
      ['weather:Paris, Texas'],
    );
  });
});

describe('news relevance', () => {
  const article = (title: string, url: string | null = null) =>
    ({
      kind: 'news',
      query: 'AI',
      article: { title, summary: null, url },
    }) as unknown as Parameters<typeof isRelevant>[0];
  it('reads words inside camel-case names and the link path', () => {
    const options = { passageThreshold: 0.3 };
    assert.equal(isRelevant(article('OpenAI cuts API prices'), options), true);
    assert.equal(isRelevant(article('Prices cut', 'https://example.com/ai-news/x'), options), true);
    assert.equal(isRelevant(article('Gardening tips for May'), options), false);
  });
});

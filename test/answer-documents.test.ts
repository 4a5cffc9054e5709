import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswerDocument, IngestDocument, WeatherDocument } from './generated/operations.js';
import { useGateways } from './support/gateway.js';

/** Keyless (extractive) answers about documents and forecast days pass grounding (issue 7). */
describe('extractive answers from documents and forecasts', () => {
  const fixture = useGateways({ env: { OPENAI_BASE_URL: undefined } });
  const ask = async (question: string) => {
    const { data, errors } = await fixture.gateway.execute(AnswerDocument, { question });
    assert.equal(errors, undefined, JSON.stringify(errors));
    assert.ok(data?.answer);
    return data.answer;
  };

  it('answers an ingested FAQ from its sentence, the title only in the citation', async () => {
    const ingested = await fixture.gateway.execute(IngestDocument, {
      documents: [
        {
          id: 'office-faq',
          title: 'Office FAQ',
          text: '# Office FAQ\n\nThe Zurich office coffee machine is descaled by Maria every Friday morning.\n\nVisitors sign in at the front desk on the ground floor.',
        },
      ],
    });
    assert.equal(ingested.errors, undefined, JSON.stringify(ingested.errors));
    const answer = await ask('Who descales the coffee machine?');
    assert.equal(answer.status, 'ANSWERED', answer.text);
    assert.match(answer.text, /^The Zurich office coffee machine is descaled by Maria/);
    assert.ok(answer.citations.some((c) => c.title === 'Office FAQ'));
  });

  it('answers "tomorrow" from the forecast day, with its date and values', async () => {
    const answer = await ask('Will it rain in London tomorrow?');
    assert.equal(answer.status, 'ANSWERED', answer.text);
    const { data } = await fixture.gateway.execute(WeatherDocument, {
      location: 'London',
      days: 3,
    });
    const tomorrow = data?.weather?.daily[1];
    assert.ok(tomorrow);
    assert.match(answer.text, new RegExp(`London on ${tomorrow.date}:`));
    assert.doesNotMatch(answer.text, /\(tomorrow\)/);
  });
});

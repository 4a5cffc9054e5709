import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useGateways } from './support/gateway.js';

/** `answer` is nullable like every root field: its failure never takes its neighbours with it. */
describe('answer beside data fields', () => {
  const fixture = useGateways({ env: { OPENAI_BASE_URL: undefined } });

  it('a question past the length bound nulls answer only: weather is still served', async () => {
    const response = await fixture.gateway.post({
      query: `query ($q: String!) {
        answer(question: $q) { status text }
        weather(location: "Osaka") { location { name } current { temperatureC } }
      }`,
      variables: { q: 'x'.repeat(509) },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      data: {
        answer: unknown;
        weather: { location: { name: string }; current: { temperatureC: number } } | null;
      } | null;
      errors?: Array<{ path?: string[]; extensions?: { code?: string } }>;
    };
    assert.ok(body.data, JSON.stringify(body));
    assert.equal(body.data.weather?.location.name, 'Osaka');
    assert.equal(typeof body.data.weather?.current.temperatureC, 'number');
    assert.equal(body.data.answer, null);
    assert.deepEqual(
      body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]),
      [['answer', 'BAD_USER_INPUT']],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswerDocument, SearchDocument, WeatherDocument } from '../src/client/index.js';
import { useGateways } from './support/gateway.js';

/** Nothing listens on port 1: the OpenAI-compatible endpoint is down from the start. */
describe('a gateway whose OpenAI-compatible endpoint is down at start', () => {
  const fixture = useGateways({
    env: { OPENAI_API_KEY: 'sk-test-down', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' },
  });

  it('starts, serves data fields and says in /readyz that the vector index is missing', async () => {
    const { gateway } = fixture;
    const weather = await gateway.execute(WeatherDocument, { location: 'Osaka', days: 1 });
    assert.equal(weather.errors, undefined);
    assert.equal(weather.data?.weather?.location.name, 'Osaka');
    const ready = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'));
    const body = (await ready.json()) as {
      checks: Record<string, boolean>;
      reasons: Record<string, string>;
    };
    assert.equal(ready.status, 503);
    assert.equal(body.checks.vectorIndex, false);
    assert.match(String(body.reasons.vectorIndex), /vector index is not loaded yet/);
  });

  it('search answers with a coded upstream error, not a crash', async () => {
    const { errors } = await fixture.gateway.execute(SearchDocument, { query: 'rate limit', k: 2 });
    assert.match(String(errors?.[0]?.extensions?.code), /^UPSTREAM_/);
  });

  it('answer still answers a data question, extractively', async () => {
    const { data, errors } = await fixture.gateway.execute(AnswerDocument, {
      question: 'What is the weather in Osaka right now?',
    });
    assert.equal(errors, undefined, JSON.stringify(errors));
    assert.equal(data?.answer?.model, 'extractive');
    assert.match(data?.answer?.text ?? '', /Osaka now: temperature/);
  });
});

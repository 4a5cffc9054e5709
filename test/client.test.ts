import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  AnswerDocument,
  QuotesDocument,
  WeatherDocument,
  createSluiceClient,
} from '../src/client/index.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { hashApiKey } from '../src/protection/api-keys.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const run = promisify(execFile);

describe('typed client (client preset documents over fetch)', () => {
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  let keyed: TestGateway;
  before(async () => {
    emulator = await startTestEmulator();
    gateway = await startTestGateway(emulator, { OPENAI_BASE_URL: undefined });
    keyed = await startTestGateway(emulator, { API_KEYS: `reader:${hashApiKey('secret-key')}` });
  });
  after(async () => {
    await gateway.close();
    await keyed.close();
    await emulator.close();
  });

  it('sends a generated document with its variables and returns typed data', async () => {
    const client = createSluiceClient({ url: gateway.url });
    const weather = await client.request(WeatherDocument, { location: 'Osaka', days: 2 });
    assert.deepEqual(weather.errors, []);
    assert.equal(weather.data?.weather?.location.name, 'Osaka');
    assert.equal(weather.data?.weather?.daily.length, 2);

    const quotes = await client.request(QuotesDocument, { symbols: ['AAPL', 'NOPE'] });
    assert.equal(quotes.data?.quotes?.[0]?.symbol, 'AAPL');
    assert.equal(quotes.data?.quotes?.[1], null);
    assert.equal(quotes.errors[0]?.extensions?.code, 'NOT_FOUND');
  });

  it('carries the API key and reports a refusal with its code', async () => {
    const anonymous = await createSluiceClient({ url: keyed.url }).request(AnswerDocument, {
      question: 'Weather in Osaka',
    });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.data, null);
    assert.equal(anonymous.errors[0]?.extensions?.code, 'UNAUTHENTICATED');

    const client = createSluiceClient({ url: keyed.url, apiKey: 'secret-key' });
    const answer = await client.request(AnswerDocument, { question: 'Weather in Osaka' });
    assert.deepEqual(answer.errors, []);
    assert.equal(answer.data?.answer?.status, 'ANSWERED');
  });

  it('passes the operation safelist as it sends documents (the console under OPERATION_SAFELIST)', async () => {
    const safelisted = await startTestGateway(emulator, { OPERATION_SAFELIST: 'true' });
    try {
      const client = createSluiceClient({ url: safelisted.url });
      const weather = await client.request(WeatherDocument, { location: 'Osaka', days: 1 });
      assert.deepEqual(weather.errors, []);
      assert.equal(weather.data?.weather?.location.name, 'Osaka');
      const answer = await client.request(AnswerDocument, { question: 'Weather in Osaka' });
      assert.deepEqual(answer.errors, []);
      const other = await safelisted.post({ query: '{ quote(symbol: "AAPL") { price } }' });
      assert.equal(other.status, 400, 'anything else is still refused');
    } finally {
      await safelisted.close();
    }
  });

  it('a body that is not GraphQL JSON becomes one coded error', async () => {
    const client = createSluiceClient({
      url: 'http://127.0.0.1:1/graphql',
      fetch: async () => new Response('<html>502 Bad Gateway</html>', { status: 502 }),
    });
    const result = await client.request(WeatherDocument, { location: 'Osaka' });
    assert.equal(result.status, 502);
    assert.equal(result.errors[0]?.extensions?.code, 'BAD_RESPONSE');
  });

  it('npm run example prints the answer, its citations and its cost', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/example.ts', 'What is the weather in Osaka right now?'],
      { env: { ...process.env, SLUICE_URL: gateway.url } },
    );
    assert.match(stdout, /^ANSWERED \(extractive\)/);
    assert.match(stdout, /Osaka now: temperature -?\d+\.\d °C/);
    assert.match(stdout, /Citations:\n {2}\[1\] /);
    assert.match(
      stdout,
      /weather:Osaka (OK|CACHED) via open-meteo \d+(\.\d+)? ms \(location=Osaka/,
    );
    assert.match(stdout, /Cost: \$0\.000000 \(saved \$0\.000000, no cache hit\)/);
  });

  it('the example says when the gateway is unreachable, with a non-zero exit', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/cli/example.ts', 'hi'], {
      env: { ...process.env, SLUICE_URL: 'http://127.0.0.1:1/graphql' },
    }).catch((error: { code: number; stderr: string }) => error);
    assert.ok('code' in failed && failed.code === 1);
    assert.match(failed.stderr, /could not reach http:\/\/127\.0\.0\.1:1\/graphql/);
  });
});

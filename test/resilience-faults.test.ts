import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { AnswerDocument } from '../src/client/index.js';
import { ErrorCode } from '../src/errors.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import type { EmulatedResponse } from '../src/emulator/types.js';
import type { ProviderStateChange } from '../src/resilience/registry.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const QUOTE = 'query Q($s: String!) { quote(symbol: $s) { symbol price provider stale } }';
const CODES = new Set<string>(Object.values(ErrorCode));

interface QuoteResult {
  quote: { symbol: string; price: number; provider: string; stale: boolean } | null;
}
interface GraphQLBody {
  data?: QuoteResult | null;
  errors?: Array<{ message: string; extensions?: { code?: string; retryAfterSeconds?: number } }>;
}

/** Posts `quote(symbol)` over HTTP and checks the answer is a well-formed GraphQL response. */
async function quote(gateway: TestGateway, symbol: string): Promise<GraphQLBody> {
  const response = await gateway.post({ query: QUOTE, variables: { s: symbol } });
  assert.equal(response.status, 200);
  assert.match(
    response.headers.get('content-type') ?? '',
    /application\/(graphql-response\+)?json/,
  );
  const body = (await response.json()) as GraphQLBody;
  assert.ok(body.data !== undefined, 'a data entry');
  for (const error of body.errors ?? []) {
    assert.equal(typeof error.message, 'string');
    assert.ok(CODES.has(error.extensions?.code ?? ''), `known code: ${error.extensions?.code}`);
  }
  return body;
}

/** The provider that served `symbol`, asserting it was served. */
async function servedBy(gateway: TestGateway, symbol: string): Promise<string> {
  const body = await quote(gateway, symbol);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  assert.ok(body.data?.quote);
  return body.data.quote.provider;
}

const respond = (response: EmulatedResponse) => ({ fault: { kind: 'respond' as const, response } });
const text = (status: number, body: string, headers?: Record<string, string>) =>
  respond({ status, body, contentType: 'text/plain; charset=utf-8', headers });
const jsonBody = (status: number, value: unknown, headers?: Record<string, string>) =>
  respond({
    status,
    body: JSON.stringify(value),
    contentType: 'application/json; charset=utf-8',
    headers,
  });

const yahooHealth = (gateway: TestGateway) =>
  gateway.app.sources.providerHealth.snapshot().find((e) => e.provider === 'yahoo');

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('resilience against the provider emulator', () => {
  let emulator: ProviderEmulator;
  const gateways: TestGateway[] = [];
  /** A fresh gateway per test: breakers, quotas and caches start empty. */
  const gateway = async (env: Record<string, string> = {}) => {
    const started = await startTestGateway(emulator, {
      UPSTREAM_TIMEOUT_MS: '1000',
      RETRY_MAX_ATTEMPTS: '2',
      BREAKER_MIN_REQUESTS: '100',
      ...env,
    });
    gateways.push(started);
    return started;
  };
  before(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(async () => {
    // Each gateway's Apollo holds signal handlers until it stops.
    for (const g of gateways.splice(0)) await g.close();
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.clearFaults();
    emulator.resetCalls();
  });

  describe('retries', () => {
    it('retries a 500 and serves the retry', async () => {
      const g = await gateway();
      emulator.inject('yahoo', { ...text(500, 'Internal Server Error'), times: 1 });
      assert.equal(await servedBy(g, 'AAPL'), 'yahoo');
      assert.equal(emulator.calls('yahoo'), 2);
      assert.equal(emulator.calls('stooq'), 0);
    });

    it('tries a provider that keeps answering 500 1 + RETRY_MAX_ATTEMPTS times, then falls back', async () => {
      const g = await gateway();
      emulator.inject('yahoo', text(503, 'Service Unavailable'));
      assert.equal(await servedBy(g, 'MSFT'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 3);
      assert.equal(emulator.calls('stooq'), 1);
    });

    it("ends an answer's source calls, retries included, by the answer's fan-out deadline", async () => {
      const g = await gateway({ ANSWER_SOURCE_TIMEOUT_MS: '300' });
      // Each attempt fails after 250 ms: a retry (50-100 ms later, 100 ms at least to run) would
      // end past the 300 ms the answer gives its sources, so the guard makes none.
      emulator.inject('yahoo', { ...text(503, 'Service Unavailable'), latencyMs: 250 });
      const { data } = await g.execute(AnswerDocument, {
        question: 'What is the price of AAPL?',
        options: { noCache: true },
      });
      assert.ok(data?.answer);
      // Time for the retries the call would have made without the deadline (two, in the background).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(emulator.calls('yahoo'), 1);
      // The same call outside an answer has no such deadline: 1 + RETRY_MAX_ATTEMPTS attempts.
      emulator.resetCalls();
      await quote(g, 'MSFT');
      assert.equal(emulator.calls('yahoo'), 3);
    });

    it('retries a hanging provider within twice its timeout, then falls back', async () => {
      const g = await gateway({ UPSTREAM_TIMEOUT_MS: '300' });
      emulator.inject('yahoo', { fault: { kind: 'hang' } });
      const started = Date.now();
      assert.equal(await servedBy(g, 'GOOGL'), 'stooq');
      const elapsed = Date.now() - started;
      const calls = emulator.calls('yahoo');
      assert.ok(calls >= 2 && calls <= 3, `${calls} attempts`);
      assert.ok(elapsed >= 2 * 300 - 50 && elapsed < 2 * 300 + 500, `${elapsed} ms`);
    });

    it('waits for Retry-After on a 429, then retries', async () => {
      const g = await gateway();
      emulator.inject('yahoo', {
        ...text(429, 'Too Many Requests', { 'retry-after': '1' }),
        times: 1,
      });
      const started = Date.now();
      assert.equal(await servedBy(g, 'AMZN'), 'yahoo');
      assert.ok(Date.now() - started >= 950, 'waited the second it asked for');
      assert.equal(emulator.calls('yahoo'), 2);
    });

    it('falls back at once when Retry-After is past the deadline, and holds the provider back', async () => {
      const g = await gateway();
      emulator.inject('yahoo', text(429, 'Too Many Requests', { 'retry-after': '60' }));
      assert.equal(await servedBy(g, 'NVDA'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 1);
      assert.equal(await servedBy(g, 'TSLA'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 1, 'not called again while it asked us to wait');
    });

    it('does not retry 400, 401 or 404', async () => {
      const g = await gateway();
      emulator.inject('yahoo', jsonBody(400, { chart: { result: null, error: null } }));
      assert.equal(await servedBy(g, 'META'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 1);

      emulator.inject('yahoo', text(401, 'Unauthorized'));
      assert.equal(await servedBy(g, 'NFLX'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 2);

      emulator.clearFaults();
      const missing = await quote(g, 'ZZZZ');
      assert.equal(missing.data?.quote, null);
      assert.equal(missing.errors?.[0]?.extensions?.code, ErrorCode.NOT_FOUND);
      assert.equal(emulator.calls('yahoo'), 3, 'one call for the 404');
    });

    it('does not retry a malformed body; the next provider serves and the breaker counts it', async () => {
      const g = await gateway();
      emulator.inject('yahoo', jsonBody(200, { chart: { result: 'nope' } }));
      assert.equal(await servedBy(g, 'IBM'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 1);
      assert.deepEqual(
        [yahooHealth(g)?.failures, yahooHealth(g)?.successes],
        [1, 0],
        'a 200 with an unusable body is a failure',
      );
    });

    it('treats 200-with-error bodies as failures of that provider', async () => {
      const g = await gateway();
      emulator.inject(
        'coingecko',
        jsonBody(200, {
          status: { error_code: 429, error_message: "You've exceeded the Rate Limit." },
        }),
      );
      assert.equal(await servedBy(g, 'BTC-USD'), 'yahoo');
      assert.equal(emulator.calls('coingecko'), 1);

      emulator.inject('yahoo', text(500, 'Internal Server Error'));
      emulator.inject('stooq', text(200, 'Exceeded the daily hits limit'));
      const body = await quote(g, 'JPM');
      assert.equal(body.data?.quote, null);
      assert.equal(body.errors?.[0]?.extensions?.code, ErrorCode.UPSTREAM_BAD_RESPONSE);
      assert.equal(emulator.calls('stooq'), 1);
    });

    it('retries a refused connection, then falls back', async () => {
      const port = await closedPort();
      const g = await gateway({ YAHOO_FINANCE_BASE_URL: `http://127.0.0.1:${port}/yahoo` });
      assert.equal(await servedBy(g, 'KO'), 'stooq');
      assert.deepEqual([yahooHealth(g)?.failures, yahooHealth(g)?.successes], [3, 0]);
    });
  });

  describe('circuit breaker', () => {
    const env = {
      RETRY_MAX_ATTEMPTS: '0',
      BREAKER_MIN_REQUESTS: '4',
      BREAKER_FAILURE_RATIO: '0.5',
      BREAKER_HALF_OPEN_AFTER_MS: '400',
    };
    const symbols = ['AAPL', 'MSFT', 'GOOGL', 'AMZN'];

    it('opens after the failure ratio, skips the provider at once, probes, and closes', async () => {
      const g = await gateway(env);
      const changes: ProviderStateChange[] = [];
      g.app.sources.providerHealth.onStateChange((c) => changes.push(c));
      emulator.inject('yahoo', text(500, 'Internal Server Error'));
      for (const symbol of symbols) assert.equal(await servedBy(g, symbol), 'stooq');
      assert.equal(emulator.calls('yahoo'), 4);
      assert.equal(yahooHealth(g)?.breaker, 'open');

      assert.equal(await servedBy(g, 'NVDA'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 4, 'no call while the circuit is open');

      emulator.clearFaults();
      await new Promise((r) => setTimeout(r, 450));
      assert.equal(yahooHealth(g)?.breaker, 'half-open');
      assert.equal(await servedBy(g, 'TSLA'), 'yahoo', 'the probe answers');
      assert.equal(emulator.calls('yahoo'), 5);
      assert.equal(yahooHealth(g)?.breaker, 'closed');
      assert.deepEqual(
        changes.filter((c) => c.provider === 'yahoo').map((c) => `${c.from}>${c.to}`),
        ['closed>open', 'open>half-open', 'half-open>closed'],
      );
    });

    it('opens again when the probe fails', async () => {
      const g = await gateway(env);
      emulator.inject('yahoo', text(500, 'Internal Server Error'));
      for (const symbol of symbols) await servedBy(g, symbol);
      await new Promise((r) => setTimeout(r, 450));
      assert.equal(await servedBy(g, 'META'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 5, 'one probe');
      assert.equal(yahooHealth(g)?.breaker, 'open');
      await servedBy(g, 'NFLX');
      assert.equal(emulator.calls('yahoo'), 5);
    });

    it('answers UPSTREAM_UNAVAILABLE "circuit open" when every provider of the chain is open', async () => {
      const g = await gateway(env);
      emulator.inject('yahoo', text(500, 'Internal Server Error'));
      emulator.inject('stooq', text(500, 'Internal Server Error'));
      for (const symbol of symbols) await quote(g, symbol);
      emulator.resetCalls();
      const body = await quote(g, 'IBM');
      assert.equal(body.data?.quote, null);
      assert.equal(body.errors?.[0]?.extensions?.code, ErrorCode.UPSTREAM_UNAVAILABLE);
      assert.match(body.errors?.[0]?.message ?? '', /circuit open/);
      assert.equal(emulator.calls(), 0);
    });
  });

  describe('quotas', () => {
    it('skips a provider over its quota to the next one', async () => {
      const g = await gateway({ PROVIDER_QUOTAS: JSON.stringify({ yahoo: { perMinute: 2 } }) });
      assert.equal(await servedBy(g, 'AAPL'), 'yahoo');
      assert.equal(await servedBy(g, 'MSFT'), 'yahoo');
      assert.equal(await servedBy(g, 'GOOGL'), 'stooq');
      assert.equal(emulator.calls('yahoo'), 2);
      assert.equal(yahooHealth(g)?.quotaRemainingMinute, 0);
    });

    it('answers UPSTREAM_RATE_LIMITED with retryAfterSeconds when the whole chain is over quota', async () => {
      const quotas = { yahoo: { perMinute: 1 }, stooq: { perMinute: 1 } };
      const g = await gateway({ PROVIDER_QUOTAS: JSON.stringify(quotas) });
      emulator.inject('yahoo', text(500, 'Internal Server Error'));
      await quote(g, 'AAPL');
      emulator.resetCalls();
      const body = await quote(g, 'MSFT');
      assert.equal(body.errors?.[0]?.extensions?.code, ErrorCode.UPSTREAM_RATE_LIMITED);
      assert.ok((body.errors?.[0]?.extensions?.retryAfterSeconds ?? 0) > 0);
      assert.equal(emulator.calls(), 0);
    });
  });

  describe('single flight', () => {
    it('makes one upstream call for concurrent identical requests', async () => {
      const g = await gateway();
      emulator.inject('yahoo', { latencyMs: 150 });
      const bodies = await Promise.all(Array.from({ length: 10 }, () => quote(g, 'DIS')));
      assert.equal(emulator.calls('yahoo'), 1);
      const prices = new Set(bodies.map((b) => b.data?.quote?.price));
      assert.equal(prices.size, 1, 'every request got the one answer');
      assert.ok(typeof [...prices][0] === 'number');
    });
  });
});

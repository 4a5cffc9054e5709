import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createLabelBound, GRAPHQL_NAME } from '../src/observability/labels.js';
import { createMetrics } from '../src/observability/metrics.js';
import { AnswerDocument, HealthDocument, QuotesDocument } from '../src/client/index.js';
import { useGateways, type TestGateway } from './support/gateway.js';

/** The value of one sample of Prometheus' text format, matching every label given. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

/** Sum of every sample of `name` matching the labels given. */
function total(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

const metricsUrl = (gateway: TestGateway) => gateway.url.replace(/\/graphql$/, '/metrics');

async function scrape(gateway: TestGateway, headers: Record<string, string> = {}) {
  const response = await fetch(metricsUrl(gateway), { headers });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
}

describe('per-lookup counters', () => {
  it('count every lookup and key, read at any scrape, cumulatively', async () => {
    const metrics = createMetrics({ processMetrics: false });
    for (let i = 0; i < 3; i++) metrics.recordCacheLayer('local', true);
    metrics.recordCacheLayer('local', false);
    metrics.recordSourceCache('yahoo', 'hit');
    metrics.recordSourceCall('yahoo', 0.001, ['ok', 'ok', 'NOT_FOUND', 'ok']);
    let text = await metrics.registry.metrics();
    assert.equal(total(text, 'sluice_cache_requests_total', { layer: 'local', result: 'hit' }), 3);
    assert.equal(total(text, 'sluice_cache_requests_total', { layer: 'local', result: 'miss' }), 1);
    assert.equal(total(text, 'sluice_source_cache_total', { provider: 'yahoo', result: 'hit' }), 1);
    assert.equal(total(text, 'sluice_source_results_total', { outcome: 'ok' }), 3);
    assert.equal(total(text, 'sluice_source_results_total', { outcome: 'NOT_FOUND' }), 1);

    metrics.recordCacheLayer('local', true);
    metrics.recordSourceCall('yahoo', 0.001, ['ok']);
    text = await metrics.registry.metrics();
    assert.equal(total(text, 'sluice_cache_requests_total', { layer: 'local', result: 'hit' }), 4);
    assert.equal(total(text, 'sluice_source_results_total', { outcome: 'ok' }), 4);
    text = await metrics.registry.metrics();
    assert.equal(total(text, 'sluice_cache_requests_total', { layer: 'local', result: 'hit' }), 4);
  });
});

describe('label bounding', () => {
  it('keeps GraphQL names up to the limit, and maps the rest, and anything else, to other', () => {
    const bound = createLabelBound({ pattern: GRAPHQL_NAME, max: 2, missing: 'anonymous' });
    assert.equal(bound(undefined), 'anonymous');
    assert.equal(bound(''), 'anonymous');
    assert.equal(bound('Dashboard'), 'Dashboard');
    assert.equal(bound('has space'), 'other');
    assert.equal(bound('a'.repeat(65)), 'other');
    assert.equal(bound('1abc'), 'other');
    assert.equal(bound('Quotes'), 'Quotes');
    assert.equal(bound('Third'), 'other', 'past the limit');
    assert.equal(bound('Dashboard'), 'Dashboard', 'admitted names stay');
  });

  it('bounds operation names in the registry whatever clients send', async () => {
    const metrics = createMetrics({ maxOperationNames: 3, processMetrics: false });
    for (let i = 0; i < 50; i++) metrics.recordRequest(`Op${i}`, 'query', 'ok', 0.01);
    metrics.recordRequest('<script>', 'query', 'ok', 0.01);
    const text = await metrics.registry.metrics();
    const series = new Set(
      [
        ...text.matchAll(
          /sluice_graphql_request_duration_seconds_count\{[^}]*operation="([^"]*)"/g,
        ),
      ].map((m) => m[1]),
    );
    assert.deepEqual([...series].sort(), ['Op0', 'Op1', 'Op2', 'other']);
    assert.equal(
      sample(text, 'sluice_graphql_request_duration_seconds_count', { operation: 'other' }),
      48,
    );
  });
});

describe('/metrics on a gateway', () => {
  const fixture = useGateways({
    env: {
      OPENAI_API_KEY: 'sk-test-metrics',
      RATE_LIMIT_PER_MINUTE: '1000',
    },
  });
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('serves the Prometheus text format with the gateway and process metrics', async () => {
    const { status, type, text } = await scrape(gateway);
    assert.equal(status, 200);
    assert.match(type ?? '', /^text\/plain; version=0\.0\.4/);
    for (const name of [
      'sluice_graphql_request_duration_seconds histogram',
      'sluice_source_duration_seconds histogram',
      'sluice_upstream_request_duration_seconds histogram',
      'sluice_source_cache_total counter',
      'sluice_breaker_state gauge',
      'sluice_gate_results_total counter',
      'sluice_llm_tokens_total counter',
      'sluice_llm_cost_usd_total counter',
      'sluice_rate_limit_rejections_total counter',
      'process_cpu_user_seconds_total counter',
      'nodejs_eventloop_lag_seconds gauge',
    ]) {
      assert.ok(text.includes(`# TYPE ${name}`), name);
    }
    // Breaker states come from the resilience registry at scrape time.
    assert.equal(sample(text, 'sluice_breaker_state', { provider: 'yahoo', state: 'closed' }), 1);
    assert.equal(sample(text, 'sluice_breaker_state', { provider: 'yahoo', state: 'open' }), 0);
  });

  it('counts requests by operation, source calls, upstream calls and cache hits', async () => {
    const body = {
      query: String(QuotesDocument),
      operationName: 'Quotes',
      variables: { symbols: ['MSFT', 'ZZZZNOTREAL'] },
    };
    const first = await gateway.post(body);
    assert.equal(first.status, 200);
    await gateway.post(body);
    const { text } = await scrape(gateway);
    const requests = { operation: 'Quotes', type: 'query' };
    // A symbol that does not exist is the caller's error, not the gateway's.
    assert.equal(
      sample(text, 'sluice_graphql_request_duration_seconds_count', {
        ...requests,
        status: 'client_error',
      }),
      2,
    );
    assert.equal(sample(text, 'sluice_graphql_errors_total', { code: 'NOT_FOUND' }), 2);
    assert.ok(total(text, 'sluice_source_results_total', { outcome: 'ok' }) >= 2);
    assert.ok(total(text, 'sluice_source_results_total', { outcome: 'NOT_FOUND' }) >= 1);
    assert.ok(
      total(text, 'sluice_upstream_request_duration_seconds_count', { outcome: 'ok' }) >= 1,
    );
    assert.ok(total(text, 'sluice_source_cache_total', { result: 'miss' }) >= 1);
    assert.ok(
      total(text, 'sluice_source_cache_total', { result: 'hit' }) >= 1,
      'second request is cached',
    );
    assert.ok(total(text, 'sluice_cache_requests_total', { layer: 'local', result: 'hit' }) >= 1);
  });

  it('records an answer: gates by name, LLM tokens and cost, and the answer itself', async () => {
    const response = await gateway.post({
      query: String(AnswerDocument),
      variables: { question: 'What is the weather in Osaka right now?' },
    });
    const { data } = (await response.json()) as {
      data: { answer: { status: string; model: string } };
    };
    assert.match(data.answer.model, /^gpt-4o-mini/);
    const { text } = await scrape(gateway);
    assert.ok(total(text, 'sluice_gate_results_total', { gate: 'grounding' }) >= 1);
    assert.ok(
      total(text, 'sluice_gate_results_total', { gate: 'input_length', status: 'PASSED' }) >= 1,
    );
    assert.ok(total(text, 'sluice_llm_tokens_total', { kind: 'llm', direction: 'input' }) > 0);
    assert.ok(total(text, 'sluice_llm_tokens_total', { kind: 'llm', direction: 'output' }) > 0);
    assert.ok(total(text, 'sluice_llm_cost_usd_total', { kind: 'llm' }) > 0);
    assert.equal(total(text, 'sluice_answers_total', { status: data.answer.status }), 1);
    assert.equal(
      total(text, 'sluice_cache_requests_total', { layer: 'answer-exact', result: 'miss' }),
      1,
    );

    // The same answer again comes from the exact answer cache.
    await gateway.post({
      query: String(AnswerDocument),
      variables: { question: 'What is the weather in Osaka right now?' },
    });
    const again = await scrape(gateway);
    assert.equal(
      total(again.text, 'sluice_cache_requests_total', { layer: 'answer-exact', result: 'hit' }),
      1,
    );
  });

  it('health reports cache hit rates, providers and costs from the same counts', async () => {
    const response = await gateway.post({ query: String(HealthDocument) });
    const { data, errors } = (await response.json()) as {
      data: {
        health: {
          status: string;
          uptimeSeconds: number;
          cacheHitRates: Array<{
            layer: string;
            hits: number;
            misses: number;
            hitRate: number | null;
          }>;
          providers: Array<{
            name: string;
            breaker: string;
            calls: number;
            errors: number;
            quotaRemainingDay: number | null;
          }>;
          costs: { llmUsdTotal: number; llmUsdToday: number; tokensIn: number; tokensOut: number };
        };
      };
      errors?: unknown;
    };
    assert.equal(errors, undefined, JSON.stringify(errors));
    const { health } = data;
    assert.equal(health.status, 'ok');
    assert.ok(health.uptimeSeconds > 0);
    assert.deepEqual(
      health.cacheHitRates.map((l) => l.layer),
      ['local', 'redis', 'response', 'answer-exact', 'answer-semantic'],
    );
    const local = health.cacheHitRates[0];
    assert.ok(local && local.hits > 0 && local.hitRate !== null && local.hitRate > 0);
    assert.equal(health.cacheHitRates[1]?.hitRate, null, 'no Redis configured');
    const exact = health.cacheHitRates.find((l) => l.layer === 'answer-exact');
    assert.deepEqual([exact?.hits, exact?.misses], [1, 1]);
    const yahoo = health.providers.find((p) => p.name === 'yahoo');
    assert.ok(yahoo && yahoo.breaker === 'closed' && yahoo.calls >= 1);
    assert.ok(
      health.costs.llmUsdTotal > 0 && health.costs.tokensIn > 0 && health.costs.tokensOut > 0,
    );
    assert.equal(health.costs.llmUsdToday, health.costs.llmUsdTotal);
  });
});

describe('/metrics protection and rate-limit counting', () => {
  const fixture = useGateways({
    env: {
      METRICS_TOKEN: 'metrics-secret-1234',
      RATE_LIMIT_PER_MINUTE: '2',
    },
  });
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('refuses scrapes without the token, and serves them with it', async () => {
    const none = await scrape(gateway);
    assert.equal(none.status, 401);
    assert.ok(!none.text.includes('sluice_'));
    const wrong = await scrape(gateway, { authorization: 'Bearer metrics-secret-12345' });
    assert.equal(wrong.status, 401);
    const right = await scrape(gateway, { authorization: 'Bearer metrics-secret-1234' });
    assert.equal(right.status, 200);
    assert.ok(right.text.includes('sluice_graphql_request_duration_seconds'));
  });

  it('counts requests refused by the rate limit', async () => {
    const body = { query: '{ __typename }' };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await gateway.post(body)).status);
    assert.deepEqual(statuses, [200, 200, 429, 429]);
    const { text } = await scrape(gateway, { authorization: 'Bearer metrics-secret-1234' });
    assert.equal(sample(text, 'sluice_rate_limit_rejections_total'), 2);
  });
});

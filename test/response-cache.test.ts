import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashApiKey } from '../src/protection/api-keys.js';
import { sharedRedisEnv, useGateways, type TestGateway } from './support/gateway.js';

const DASHBOARD = `query Dashboard {
  quotes(symbols: ["AAPL", "MSFT"]) { symbol price asOf stale }
  weather(location: "Osaka", days: 2) { location { name } daily { date maxC } fetchedAt stale }
}`;
// The same document, written differently: it must share the stored response.
const DASHBOARD_REFORMATTED = DASHBOARD.replace(/\s+/g, '  ').replace('{', ' ,{ ');

interface Sent {
  status: number;
  age: string | null;
  cacheControl: string | null;
  body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
}

async function send(
  gateway: TestGateway,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<Sent> {
  const response = await gateway.post({ query, variables }, headers);
  return {
    status: response.status,
    age: response.headers.get('age'),
    cacheControl: response.headers.get('cache-control'),
    body: (await response.json()) as Sent['body'],
  };
}

describe('the whole-response cache', () => {
  const fixture = useGateways();
  const gateway = () => fixture.gateways[0] as TestGateway;

  it('serves a repeated query from the cache: the same body, with Age, and no source work', async () => {
    const fresh = await send(gateway(), DASHBOARD);
    assert.equal(fresh.body.errors, undefined);
    assert.equal(fresh.age, null);
    const maxAge = Number(/^max-age=(\d+), private$/.exec(fresh.cacheControl ?? '')?.[1]);
    // Quotes are fresh for 15 s at most: the response may not be kept longer than its data.
    assert.ok(maxAge >= 1 && maxAge <= 15, `max-age ${maxAge}`);

    fixture.emulator.resetCalls();
    const hot = await send(gateway(), DASHBOARD_REFORMATTED);
    assert.equal(fixture.emulator.calls(), 0);
    assert.notEqual(hot.age, null, 'a hit says how old it is');
    assert.deepEqual(hot.body, fresh.body);
    assert.match(hot.cacheControl ?? '', /^max-age=\d+, private$/);
  });

  it('repeats a byte-identical request from the front: same bytes and headers, no Apollo work', async () => {
    const hits = async () => {
      const response = await gateway().post({
        query: '{ health { cacheHitRates { layer hits } } }',
      });
      const { data } = (await response.json()) as {
        data: { health: { cacheHitRates: Array<{ layer: string; hits: number }> } };
      };
      return data.health.cacheHitRates.find((l) => l.layer === 'response')?.hits ?? 0;
    };
    const query = '{ quote(symbol: "NVDA") { symbol price asOf stale } }';
    const before = await hits();
    const first = await gateway().post({ query });
    const firstBody = await first.text();
    const again = await gateway().post({ query });
    assert.equal(await again.text(), firstBody);
    assert.equal(again.headers.get('content-type'), first.headers.get('content-type'));
    assert.equal(again.headers.get('cache-control'), first.headers.get('cache-control'));
    assert.match(again.headers.get('age') ?? '', /^\d+$/);
    assert.ok(again.headers.get('x-trace-id'), 'its own trace id, as every response');
    assert.equal((await hits()) - before, 1, 'served by the front');

    // An APQ hash beside the query is Apollo's to check: a wrong one is refused, never served.
    const wrongHash = await gateway().post({
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
    });
    const refused = (await wrongHash.json()) as { errors?: Array<{ message: string }> };
    assert.match(refused.errors?.[0]?.message ?? '', /sha/i);

    // What the client accepts is part of the request: a copy in another media type is not served.
    const strict = await gateway().post({ query }, { accept: 'application/graphql-response+json' });
    assert.match(strict.headers.get('content-type') ?? '', /^application\/graphql-response\+json/);
    assert.deepEqual(JSON.parse(await strict.text()), JSON.parse(firstBody));
  });

  it('keys by variables', async () => {
    const query = 'query Q($s: String!) { quote(symbol: $s) { symbol price } }';
    await send(gateway(), query, { s: 'AAPL' });
    assert.notEqual((await send(gateway(), query, { s: 'AAPL' })).age, null);
    const other = await send(gateway(), query, { s: 'MSFT' });
    assert.equal(other.age, null);
    assert.deepEqual(other.body.data, {
      quote: {
        symbol: 'MSFT',
        price: (other.body.data as { quote: { price: number } }).quote.price,
      },
    });
  });

  it('never keeps a response with errors, a mutation, or an answer', async () => {
    const partial = '{ quotes(symbols: ["AAPL", "NOSUCHSYMBOL1"]) { symbol } }';
    assert.ok((await send(gateway(), partial)).body.errors);
    const again = await send(gateway(), partial);
    assert.equal(again.age, null);
    assert.equal(again.cacheControl, 'no-store');

    const answer = '{ answer(question: "What is AAPL trading at?") { text } }';
    await send(gateway(), answer);
    const asked = await send(gateway(), answer);
    assert.equal(asked.age, null, 'answer has caches of its own');
    assert.equal(asked.cacheControl, 'no-store');

    const mutation = 'mutation { invalidateCache(source: "answer") }';
    await send(gateway(), mutation);
    const done = await send(gateway(), mutation);
    assert.equal(done.age, null);
    assert.equal(done.cacheControl, 'no-store');
  });

  it('drops stored responses when a source is invalidated', async () => {
    const query = '{ exchangeRate(base: "EUR", target: "USD") { rate } }';
    await send(gateway(), query);
    assert.notEqual((await send(gateway(), query)).age, null);
    await send(gateway(), '{ news(query: "rust") { title } }');
    const removed = await send(gateway(), 'mutation { invalidateCache(source: "news") }');
    assert.ok((removed.body.data as { invalidateCache: number }).invalidateCache > 0);
    fixture.emulator.resetCalls();
    const after = await send(gateway(), query);
    assert.equal(after.age, null, 'invalidating any data drops every stored response');
    assert.equal(fixture.emulator.calls(), 0, 'the rate itself was not touched');
  });
});

describe('the whole-response cache and roles', () => {
  const reader = 'reader-key-response-cache';
  const admin = 'admin-key-response-cache';
  const fixture = useGateways({
    env: { API_KEYS: `reader:${hashApiKey(reader)},admin:${hashApiKey(admin)}` },
  });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('keeps one response per role', async () => {
    const gateway = fixture.gateways[0] as TestGateway;
    const query = '{ quote(symbol: "MSFT") { symbol price } }';
    assert.equal((await send(gateway, query, undefined, bearer(reader))).age, null);
    assert.notEqual((await send(gateway, query, undefined, bearer(reader))).age, null);
    assert.equal((await send(gateway, query, undefined, bearer(admin))).age, null);
    assert.notEqual((await send(gateway, query, undefined, bearer(admin))).age, null);
  });
});

describe('RESPONSE_CACHE=false', () => {
  const fixture = useGateways({ env: { RESPONSE_CACHE: 'false' } });

  it('stores nothing but still says how long the response stays fresh', async () => {
    const gateway = fixture.gateways[0] as TestGateway;
    await send(gateway, DASHBOARD);
    const again = await send(gateway, DASHBOARD);
    assert.equal(again.age, null);
    assert.match(again.cacheControl ?? '', /^max-age=\d+, private$/);
  });
});

describe('the whole-response cache across replicas sharing Redis', () => {
  const fixture = useGateways({ count: 2, env: sharedRedisEnv() });

  it('serves a response one replica stored from another, with no source work', async () => {
    const [a, b] = fixture.gateways as [TestGateway, TestGateway];
    const query = '{ weather(location: "Nairobi", days: 1) { location { name } fetchedAt } }';
    const stored = await send(a, query);
    assert.equal(stored.body.errors, undefined);
    fixture.emulator.resetCalls();
    const served = await send(b, query);
    assert.notEqual(served.age, null);
    assert.deepEqual(served.body, stored.body);
    assert.equal(fixture.emulator.calls(), 0);
  });
});

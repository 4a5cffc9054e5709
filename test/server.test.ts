import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import type { ProviderEmulator } from '../src/emulator/server.js';
import {
  DashboardDocument,
  ExchangeRateDocument,
  IngestDocument,
  NewsDocument,
  QuoteDocument,
  QuotesDocument,
  SearchDocument,
  WeatherDocument,
} from '../src/client/index.js';
import { useGateways, type TestGateway } from './support/gateway.js';

const codes = (errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined) =>
  (errors ?? []).map((e) => e.extensions?.code);

describe('operations through the server', () => {
  const fixture = useGateways();
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  before(() => ({ emulator, gateway } = fixture));
  beforeEach(() => {
    emulator.clearFaults();
    emulator.resetCalls();
  });

  it('weather: geocodes, forecasts, maps codes and provenance', async () => {
    const { data, errors } = await gateway.execute(WeatherDocument, { location: 'Osaka', days: 4 });
    assert.equal(errors, undefined);
    const weather = data?.weather;
    assert.ok(weather);
    assert.equal(weather.location.name, 'Osaka');
    assert.equal(weather.location.country, 'Japan');
    assert.equal(weather.location.timezone, 'Asia/Tokyo');
    assert.equal(weather.daily.length, 4);
    assert.equal(weather.provider, 'open-meteo');
    assert.match(weather.attribution, /Open-Meteo/);
    assert.equal(weather.stale, false);
    assert.ok(
      Math.abs(Date.parse(weather.fetchedAt) - Date.now()) < 60_000,
      'fetchedAt is the fetch time',
    );
    assert.ok(weather.current);
    assert.equal(typeof weather.current.temperatureC, 'number');
    assert.ok(weather.current.description, 'WMO code is described');
    assert.match(weather.daily[0]?.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });

  it('weather: an unknown place is NOT_FOUND and bad days are BAD_USER_INPUT before any call', async () => {
    const missing = await gateway.execute(WeatherDocument, { location: 'Nowhereville Zzyzx' });
    assert.equal(missing.data?.weather, null);
    assert.deepEqual(codes(missing.errors), ['NOT_FOUND']);

    emulator.resetCalls();
    const bad = await gateway.execute(WeatherDocument, { location: 'Paris', days: 17 });
    assert.equal(bad.data?.weather, null);
    assert.deepEqual(codes(bad.errors), ['BAD_USER_INPUT']);
    assert.equal(emulator.calls(), 0);
  });

  it('quotes: answers in order, null plus a coded error for a symbol that does not exist', async () => {
    const { data, errors } = await gateway.execute(QuotesDocument, {
      symbols: ['MSFT', 'ZZZZNOTREAL', 'BTC-USD', 'EURUSD=X', 'bad symbol!'],
    });
    const quotes = data?.quotes ?? [];
    assert.equal(quotes.length, 5);
    assert.equal(quotes[0]?.symbol, 'MSFT');
    assert.equal(quotes[1], null);
    assert.equal(quotes[2]?.symbol, 'BTC-USD');
    assert.equal(quotes[2]?.provider, 'coingecko');
    assert.equal(quotes[3]?.symbol, 'EURUSD=X');
    assert.equal(quotes[4], null);
    const byPath = new Map((errors ?? []).map((e) => [JSON.stringify(e.path), e.extensions?.code]));
    assert.equal(byPath.get('["quotes",1]'), 'NOT_FOUND');
    assert.equal(byPath.get('["quotes",4]'), 'BAD_USER_INPUT');
    assert.equal(errors?.length, 2);
  });

  it('quote: a single equity carries price, provider and a computed stale flag', async () => {
    const { data, errors } = await gateway.execute(QuoteDocument, { symbol: 'aapl' });
    assert.equal(errors, undefined);
    assert.equal(data?.quote?.symbol, 'AAPL');
    assert.ok((data?.quote?.price ?? 0) > 0);
    assert.equal(data?.quote?.provider, 'yahoo');
    assert.equal(data?.quote?.stale, false);
  });

  it('exchangeRate: Frankfurter serves; a bad code is BAD_USER_INPUT', async () => {
    const ok = await gateway.execute(ExchangeRateDocument, { base: 'eur', target: 'usd' });
    assert.equal(ok.errors, undefined);
    assert.equal(ok.data?.exchangeRate?.base, 'EUR');
    assert.equal(ok.data?.exchangeRate?.provider, 'frankfurter');
    assert.ok((ok.data?.exchangeRate?.rate ?? 0) > 0);
    const bad = await gateway.execute(ExchangeRateDocument, { base: 'EURO', target: 'USD' });
    assert.deepEqual(codes(bad.errors), ['BAD_USER_INPUT']);
    // An unknown currency: the message names the pair asked for, not Yahoo's `EURXXX=X`.
    const unknown = await gateway.execute(ExchangeRateDocument, { base: 'EUR', target: 'XXX' });
    assert.deepEqual(codes(unknown.errors), ['NOT_FOUND']);
    assert.doesNotMatch(unknown.errors?.[0]?.message ?? '', /=X/);
    assert.match(unknown.errors?.[0]?.message ?? '', /EUR\/XXX/);
  });

  it('news: keyless chain is Hacker News', async () => {
    const { data, errors } = await gateway.execute(NewsDocument, { query: 'rust', limit: 3 });
    assert.equal(errors, undefined);
    assert.ok(data?.news && data.news.length > 0 && data.news.length <= 3);
    for (const article of data.news) assert.equal(article.provider, 'hn-algolia');
  });

  it('search and ingestDocuments: the bundled docs answer, ingested documents become searchable', async () => {
    const docs = await gateway.execute(SearchDocument, {
      query: 'How do I configure Redis caching?',
      k: 3,
    });
    assert.equal(docs.errors, undefined);
    assert.equal(docs.data?.search?.length, 3);

    const ingest = await gateway.execute(IngestDocument, {
      documents: [
        {
          id: 'faq-1',
          title: 'Zebra care',
          text: 'Zebras need a paddock, hay and fresh water every day.',
        },
      ],
    });
    assert.equal(ingest.errors, undefined);
    assert.deepEqual({ ...ingest.data?.ingestDocuments }, { documents: 1, chunks: 1 });
    const found = await gateway.execute(SearchDocument, { query: 'what do zebras need', k: 1 });
    assert.equal(found.data?.search?.[0]?.documentId, 'faq-1');
  });

  it('a failing source nulls only its own field', async () => {
    emulator.inject('open-meteo', {
      fault: {
        kind: 'respond',
        response: { status: 503, body: 'down', contentType: 'text/plain' },
      },
    });
    const { data, errors } = await gateway.execute(DashboardDocument, {
      location: 'Perth',
      symbols: ['AAPL', 'ETH-USD'],
      news: 'graphql',
    });
    assert.equal(data?.weather, null);
    assert.deepEqual(codes(errors), ['UPSTREAM_UNAVAILABLE']);
    assert.equal(errors?.[0]?.path?.[0], 'weather');
    assert.equal(data?.quotes?.length, 2);
    assert.ok(data?.news);
    assert.ok(data?.exchangeRate);
  });

  it('an upstream timeout is UPSTREAM_TIMEOUT', async () => {
    emulator.inject('open-meteo-geocoding', { fault: { kind: 'hang' } });
    const { data, errors } = await gateway.execute(WeatherDocument, { location: 'Sydney' });
    assert.equal(data?.weather, null);
    assert.deepEqual(codes(errors), ['UPSTREAM_TIMEOUT']);
  });

  it('masks unexpected errors as INTERNAL_SERVER_ERROR without leaking the message', async () => {
    const { quotes } = gateway.app.sources;
    gateway.app.sources.quotes = {
      name: 'broken',
      loadMany: () => Promise.reject(new TypeError('secret internal detail sk-123')),
    };
    try {
      const { data, errors } = await gateway.execute(QuoteDocument, { symbol: 'AAPL' });
      assert.equal(data?.quote, null);
      assert.deepEqual(codes(errors), ['INTERNAL_SERVER_ERROR']);
      assert.doesNotMatch(JSON.stringify(errors), /secret|sk-123|TypeError/);
    } finally {
      gateway.app.sources.quotes = quotes;
    }
  });
});

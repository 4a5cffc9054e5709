import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMemoryCache } from '../src/cache/memory.js';
import type { Cache } from '../src/cache/types.js';
import {
  coinGeckoProvider,
  coinGeckoRateLimited,
  simplePrice,
} from '../src/emulator/providers/coingecko.js';
import { equityPrice, roundPrice } from '../src/emulator/providers/finance-data.js';
import {
  FINNHUB_RATE_LIMITED,
  finnhubProvider,
  finnhubQuote,
} from '../src/emulator/providers/finnhub.js';
import {
  fixingDate,
  frankfurterProvider,
  referenceRate,
} from '../src/emulator/providers/frankfurter.js';
import { sessionBefore, currentSession } from '../src/emulator/providers/market-sessions.js';
import { STOOQ_DAILY_LIMIT, stooqProvider } from '../src/emulator/providers/stooq.js';
import { yahooInstrument, yahooProvider } from '../src/emulator/providers/yahoo.js';
import { startEmulator, type ProviderEmulator } from '../src/emulator/server.js';
import type { EmulatedResponse } from '../src/emulator/types.js';
import { ErrorCode, isGatewayError, type GatewayError } from '../src/errors.js';
import { createSilentLogger } from '../src/logger.js';
import { createFallbackChain } from '../src/sources/chain.js';
import { createCoinGeckoSource } from '../src/sources/coingecko.js';
import { createFinnhubSource } from '../src/sources/finnhub.js';
import {
  createFrankfurterQuoteSource,
  createFrankfurterRateSource,
} from '../src/sources/frankfurter.js';
import type { ExchangeRate, Quote, RateKey } from '../src/sources/model.js';
import { createQuoteRouter } from '../src/sources/quote-router.js';
import { createRateFromQuotesSource } from '../src/sources/rate-from-quotes.js';
import { createStooqSource } from '../src/sources/stooq.js';
import { classifySymbol, parseSymbol, slotsByAssetClass } from '../src/sources/symbols.js';
import type { Source, SourceDeps } from '../src/sources/types.js';
import { createYahooSource, previousCloseOf } from '../src/sources/yahoo.js';
import { describeSourceContract } from './support/source-contract.js';

const KEY = 'finnhub-test-key-3b7a';
/** Friday 2025-04-04 18:00 UTC: US markets open (14:00 EDT), Warsaw on CEST, after the ECB fixing. */
const NOW = Date.parse('2025-04-04T18:00:00Z');
const T = NOW / 1000;

function deps(
  emulator: ProviderEmulator,
  provider: string,
  extra: Partial<SourceDeps> = {},
): SourceDeps {
  return {
    fetch: globalThis.fetch,
    cache: createMemoryCache({ maxEntries: 1000 }),
    logger: createSilentLogger(),
    baseUrl: emulator.baseUrl(provider),
    timeoutMs: 2000,
    ...extra,
  };
}

const yahoo = (e: ProviderEmulator, extra: Partial<SourceDeps> = {}, concurrency = 4) =>
  createYahooSource({ ...deps(e, 'yahoo', extra), concurrency });
const stooq = (e: ProviderEmulator, extra: Partial<SourceDeps> = {}) =>
  createStooqSource(deps(e, 'stooq', extra));
const coingecko = (e: ProviderEmulator, extra: Partial<SourceDeps> = {}) =>
  createCoinGeckoSource(deps(e, 'coingecko', extra));
const frankfurter = (e: ProviderEmulator, extra: Partial<SourceDeps> = {}) =>
  createFrankfurterRateSource(deps(e, 'frankfurter', extra));
const frankfurterQuotes = (e: ProviderEmulator, extra: Partial<SourceDeps> = {}) =>
  createFrankfurterQuoteSource(deps(e, 'frankfurter', extra));
const finnhub = (e: ProviderEmulator, extra: Partial<SourceDeps> = {}, concurrency = 4) =>
  createFinnhubSource({ ...deps(e, 'finnhub', { apiKey: KEY, ...extra }), concurrency });

function ok<V>(value: V | Error | undefined): V {
  assert.ok(
    value !== undefined && !(value instanceof Error),
    `expected a value, got ${String(value)}`,
  );
  return value;
}

function failure(value: unknown): GatewayError {
  assert.ok(isGatewayError(value), `expected a GatewayError, got ${JSON.stringify(value)}`);
  return value;
}

const codes = (values: ReadonlyArray<unknown>) =>
  values.map((v) => (isGatewayError(v) ? v.code : 'ok'));

const respond = (e: ProviderEmulator, provider: string, response: EmulatedResponse) =>
  e.inject(provider, { fault: { kind: 'respond', response } });
const jsonResponse = (status: number, body: unknown): EmulatedResponse => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  contentType: 'application/json; charset=utf-8',
});

/** A fetch that records the most calls in flight at once and every request's headers. */
function instrumentedFetch() {
  let inFlight = 0;
  const seen = { max: 0, headers: [] as Headers[], urls: [] as string[] };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    inFlight += 1;
    seen.max = Math.max(seen.max, inFlight);
    seen.headers.push(new Headers(init?.headers));
    seen.urls.push(String(input));
    try {
      return await globalThis.fetch(input, init);
    } finally {
      inFlight -= 1;
    }
  };
  return { fetch, seen };
}

// ---------------------------------------------------------------------------------------------
// The shared contract, for every adapter.

const isQuoteFor = (key: string, value: Quote) => value.symbol === key.toUpperCase();
const isRateFor = (key: RateKey, value: ExchangeRate) =>
  value.base === key.base && value.target === key.target;

const contract = <K, V>(
  provider: string,
  create: (e: ProviderEmulator, cache: Cache) => Source<K, V>,
  present: K[],
  missing: K,
  matches: (key: K, value: V) => boolean,
) =>
  describeSourceContract<K, V>({
    provider,
    create: ({ emulator, cache }) => create(emulator, cache),
    present,
    missing,
    matches,
  });

contract(
  'yahoo',
  (e, cache) => yahoo(e, { cache }),
  ['AAPL', 'BTC-USD', 'EURUSD=X'],
  'ZZZZ',
  isQuoteFor,
);
contract('stooq', (e, cache) => stooq(e, { cache }), ['AAPL', 'MSFT', 'BRK-B'], 'ZZZZ', isQuoteFor);
// LINK is a coin we map to an id, but the emulated CoinGecko has no price for it: absent from the body.
contract(
  'coingecko',
  (e, cache) => coingecko(e, { cache }),
  ['BTC-USD', 'ETH-EUR', 'DOGE-USD'],
  'LINK-USD',
  isQuoteFor,
);
contract(
  'frankfurter',
  (e, cache) => frankfurter(e, { cache }),
  [
    { base: 'EUR', target: 'USD' },
    { base: 'EUR', target: 'GBP' },
    { base: 'USD', target: 'JPY' },
  ],
  { base: 'EUR', target: 'XXX' },
  isRateFor,
);
contract(
  'frankfurter',
  (e, cache) => frankfurterQuotes(e, { cache }),
  ['EURUSD=X', 'USDJPY=X'],
  'EURXXX=X',
  isQuoteFor,
);
contract(
  'finnhub',
  (e, cache) => finnhub(e, { cache }),
  ['AAPL', 'MSFT', 'BRK-B'],
  'ZZZZ',
  isQuoteFor,
);
contract(
  'yahoo',
  (e, cache) => createRateFromQuotesSource(yahoo(e, { cache })),
  [
    { base: 'EUR', target: 'USD' },
    { base: 'GBP', target: 'JPY' },
  ],
  { base: 'EUR', target: 'XXX' },
  isRateFor,
);
contract(
  'yahoo',
  (e, cache) => {
    const source = yahoo(e, { cache });
    return createQuoteRouter({ equity: source, crypto: source, fx: source });
  },
  ['AAPL', 'BTC-USD', 'EURUSD=X'],
  'ZZZZ',
  isQuoteFor,
);

// ---------------------------------------------------------------------------------------------
// Adapter-specific cases, against the finance emulators with a pinned clock.

describe('finance sources', () => {
  let emulator: ProviderEmulator;
  before(async () => {
    const now = () => NOW;
    emulator = await startEmulator({
      port: 0,
      providers: [
        yahooProvider({ now }),
        stooqProvider({ now }),
        coinGeckoProvider({ now }),
        frankfurterProvider({ now }),
        finnhubProvider({ now, token: KEY }),
      ],
    });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.clearFaults();
    emulator.resetCalls();
  });

  describe('symbols', () => {
    it('groups positions by asset class, in order, for the classes present', () => {
      const parsed = ['AAPL', 'BTC-USD', 'MSFT', 'EURUSD=X', 'ETH-EUR'].map(parseSymbol);
      assert.deepEqual(
        [...slotsByAssetClass(parsed)],
        [
          ['EQUITY', [0, 2]],
          ['CRYPTO', [1, 4]],
          ['FX', [3]],
        ],
      );
      assert.deepEqual([...slotsByAssetClass([parseSymbol('ibm')])], [['EQUITY', [0]]]);
      assert.equal(slotsByAssetClass([]).size, 0);
    });

    it('normalises and classifies', () => {
      assert.deepEqual(parseSymbol(' aapl '), { assetClass: 'EQUITY', symbol: 'AAPL' });
      assert.equal(classifySymbol('BRK-B'), 'EQUITY');
      assert.equal(classifySymbol('^GSPC'), 'EQUITY');
      assert.deepEqual(parseSymbol('btc-eur'), {
        assetClass: 'CRYPTO',
        symbol: 'BTC-EUR',
        base: 'BTC',
        quote: 'EUR',
      });
      // An unknown coin is still crypto: Yahoo may know it.
      assert.equal(classifySymbol('PEPE-USD'), 'CRYPTO');
      assert.deepEqual(parseSymbol('eurusd=x'), {
        assetClass: 'FX',
        symbol: 'EURUSD=X',
        base: 'EUR',
        quote: 'USD',
      });
    });

    it('rejects malformed symbols with BAD_USER_INPUT', () => {
      for (const bad of ['', '   ', 'A'.repeat(21), 'AAPL$', 'EUR/USD', 'ÄPPL']) {
        assert.throws(
          () => parseSymbol(bad),
          (e: unknown) => failure(e).code === ErrorCode.BAD_USER_INPUT,
          bad,
        );
      }
    });
  });

  describe('yahoo', () => {
    it('fetches one symbol per call, at most `concurrency` in flight, and a repeated symbol once', async () => {
      emulator.inject('yahoo', { latencyMs: 40 });
      const { fetch, seen } = instrumentedFetch();
      const symbols = [
        'AAPL',
        'MSFT',
        'GOOGL',
        'AMZN',
        'NVDA',
        'TSLA',
        'META',
        'NFLX',
        'IBM',
        'JPM',
      ];
      const results = await yahoo(emulator, { fetch }, 3).loadMany([...symbols, 'aapl', ' MSFT']);
      assert.equal(emulator.calls('yahoo'), 10);
      assert.equal(seen.max, 3, 'three calls overlapped, never more');
      assert.deepEqual(
        results.map((r) => ok(r).symbol),
        [...symbols, 'AAPL', 'MSFT'],
      );
    });

    it('asks for the daily chart of the last five days with a browser User-Agent', async () => {
      const { fetch, seen } = instrumentedFetch();
      await yahoo(emulator, { fetch }).loadMany(['EURUSD=X']);
      const url = emulator.requests('yahoo')[0] as URL;
      assert.equal(url.pathname, '/yahoo/v8/finance/chart/EURUSD%3DX');
      assert.equal(url.searchParams.get('interval'), '1d');
      assert.equal(url.searchParams.get('range'), '5d');
      assert.match(seen.headers[0]?.get('user-agent') ?? '', /^Mozilla\/5\.0/);
    });

    it('maps the chart: price, previous session close (not chartPreviousClose), time, name, TTL', async () => {
      const [aapl, btc, fx] = await yahoo(emulator).loadMany(['AAPL', 'BTC-USD', 'EURUSD=X']);
      const quote = ok(aapl);
      const session = currentSession('equity', T);
      const previous = roundPrice(
        'equity',
        equityPrice('AAPL', sessionBefore('equity', session).end) as number,
      );
      assert.equal(quote.price, roundPrice('equity', equityPrice('AAPL', T) as number));
      assert.equal(quote.previousClose, previous);
      assert.equal(quote.change, Number((quote.price - previous).toPrecision(12)));
      assert.equal(
        quote.changePercent,
        Number((((quote.price - previous) / previous) * 100).toPrecision(12)),
      );
      assert.equal(quote.asOf, new Date(NOW).toISOString());
      assert.equal(quote.name, 'Apple Inc.');
      assert.equal(quote.currency, 'USD');
      assert.equal(quote.provider, 'yahoo');
      assert.equal(quote.ttlSeconds, 15);
      assert.equal(ok(btc).ttlSeconds, 30);
      assert.equal(ok(btc).name, 'Bitcoin USD');
      assert.equal(ok(fx).ttlSeconds, 300);
      assert.equal(ok(fx).currency, 'USD');
      assert.ok(Math.abs(ok(fx).price - (yahooInstrument('EURUSD=X')?.price(T) as number)) < 1e-4);
    });

    it('reads the previous close from the bar before the current session', () => {
      const meta = {
        symbol: 'X',
        regularMarketPrice: 10,
        regularMarketTime: 500,
        chartPreviousClose: 1,
      };
      const bars = {
        timestamp: [100, 200, 300, 400, 600],
        indicators: { quote: [{ close: [5, 6, null, 8.00000019, 9] }] },
      };
      assert.equal(
        previousCloseOf({ meta, ...bars }),
        6,
        'skips the empty bar before the current one',
      );
      assert.equal(previousCloseOf({ meta: { ...meta, previousClose: 7 }, ...bars }), 7);
      assert.equal(
        previousCloseOf({ meta, timestamp: [400], indicators: { quote: [{ close: [9] }] } }),
        1,
      );
    });

    it('answers NOT_FOUND for Yahoo 404 and for a null result with a Not Found error', async () => {
      const [found, missing] = await yahoo(emulator).loadMany(['AAPL', 'NOPE']);
      ok(found);
      assert.equal(failure(missing).code, ErrorCode.NOT_FOUND);
      respond(
        emulator,
        'yahoo',
        jsonResponse(200, {
          chart: { result: null, error: { code: 'Not Found', description: 'x' } },
        }),
      );
      assert.equal(
        failure((await yahoo(emulator).loadMany(['MSFT']))[0]).code,
        ErrorCode.NOT_FOUND,
      );
    });

    it('treats other errors and bodies as upstream failures', async () => {
      const cases: Array<[EmulatedResponse, ErrorCode]> = [
        [
          jsonResponse(200, {
            chart: { result: null, error: { code: 'Bad Request', description: 'x' } },
          }),
          ErrorCode.UPSTREAM_BAD_RESPONSE,
        ],
        [jsonResponse(200, '{"chart":{"result":[{"meta":'), ErrorCode.UPSTREAM_BAD_RESPONSE],
        [
          jsonResponse(200, { chart: { result: [{ meta: { symbol: 'AAPL' } }], error: null } }),
          ErrorCode.UPSTREAM_BAD_RESPONSE,
        ],
        [jsonResponse(404, '<html>not found</html>'), ErrorCode.UPSTREAM_BAD_RESPONSE],
        [jsonResponse(429, 'Too Many Requests'), ErrorCode.UPSTREAM_RATE_LIMITED],
        [
          jsonResponse(401, { finance: { error: { code: 'Unauthorized' } } }),
          ErrorCode.UPSTREAM_UNAVAILABLE,
        ],
      ];
      for (const [response, code] of cases) {
        respond(emulator, 'yahoo', response);
        assert.equal(
          failure((await yahoo(emulator).loadMany(['AAPL']))[0]).code,
          code,
          response.body,
        );
      }
    });

    it('puts BAD_USER_INPUT in the slot of a malformed symbol without a call', async () => {
      const results = await yahoo(emulator).loadMany(['bad symbol!', '']);
      assert.deepEqual(codes(results), [ErrorCode.BAD_USER_INPUT, ErrorCode.BAD_USER_INPUT]);
      assert.equal(emulator.calls('yahoo'), 0);
    });
  });

  describe('stooq', () => {
    it('sends every equity of a batch in one call', async () => {
      const symbols = [
        'AAPL',
        'MSFT',
        'GOOGL',
        'AMZN',
        'NVDA',
        'TSLA',
        'META',
        'NFLX',
        'IBM',
        'BRK-B',
      ];
      const results = await stooq(emulator).loadMany(symbols);
      assert.equal(emulator.calls('stooq'), 1);
      assert.deepEqual(
        results.map((r) => ok(r).symbol),
        symbols,
      );
      const url = emulator.requests('stooq')[0] as URL;
      assert.match(url.search, /^\?s=aapl\.us\+msft\.us\+.*\+brk-b\.us&f=sd2t2ohlcvn&h&e=csv$/);
    });

    it('maps a row: close, name, USD, Warsaw time to UTC, no invented change', async () => {
      const quote = ok((await stooq(emulator).loadMany(['AAPL']))[0]);
      assert.equal(quote.price, roundPrice('equity', equityPrice('AAPL', T) as number));
      assert.equal(quote.name, 'APPLE');
      assert.equal(quote.currency, 'USD');
      assert.equal(quote.asOf, new Date(NOW).toISOString(), '20:00:00 CEST is 18:00 UTC');
      assert.equal(quote.change, null);
      assert.equal(quote.changePercent, null);
      assert.equal(quote.previousClose, null);
      assert.equal(quote.provider, 'stooq');
    });

    it('reads winter (CET) times too', async () => {
      respond(emulator, 'stooq', {
        status: 200,
        contentType: 'text/csv',
        body: 'Symbol,Date,Time,Open,High,Low,Close,Volume,Name\r\nAAPL.US,2022-11-11,22:00:08,145.82,150.01,144.37,149.7,93979665,APPLE\r\n',
      });
      const quote = ok((await stooq(emulator).loadMany(['AAPL']))[0]);
      assert.equal(quote.asOf, '2022-11-11T21:00:08.000Z');
      assert.equal(quote.price, 149.7);
    });

    it('answers NOT_FOUND for an N/D row, and for a non-equity without a call', async () => {
      const results = await stooq(emulator).loadMany(['AAPL', 'APPL']);
      assert.deepEqual(codes(results), ['ok', ErrorCode.NOT_FOUND]);
      emulator.resetCalls();
      const other = await stooq(emulator).loadMany(['BTC-USD', 'EURUSD=X']);
      assert.deepEqual(codes(other), [ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND]);
      assert.equal(emulator.calls('stooq'), 0);
    });

    it('answers UPSTREAM_BAD_RESPONSE for the daily-limit text and an HTML page (both HTTP 200)', async () => {
      for (const response of [
        STOOQ_DAILY_LIMIT,
        {
          status: 200,
          contentType: 'text/html',
          body: '<!DOCTYPE html><html><body>Stooq</body></html>',
        },
      ]) {
        respond(emulator, 'stooq', response);
        const results = await stooq(emulator).loadMany(['AAPL', 'MSFT']);
        assert.deepEqual(codes(results), [
          ErrorCode.UPSTREAM_BAD_RESPONSE,
          ErrorCode.UPSTREAM_BAD_RESPONSE,
        ]);
      }
    });

    it('serves an equity from Stooq when Yahoo is rate limited', async () => {
      respond(emulator, 'yahoo', jsonResponse(429, 'Too Many Requests'));
      const chain = createFallbackChain('equity', [yahoo(emulator), stooq(emulator)]);
      const [quote] = await chain.loadMany(['AAPL']);
      assert.equal(ok(quote).provider, 'stooq');
      assert.equal(emulator.calls('yahoo'), 1);
    });
  });

  describe('coingecko', () => {
    it('prices every coin and currency of a batch in one call', async () => {
      const symbols = [
        'BTC-USD',
        'ETH-USD',
        'SOL-USD',
        'DOGE-USD',
        'BTC-EUR',
        'ETH-EUR',
        'XRP-USD',
        'ADA-EUR',
      ];
      const results = await coingecko(emulator).loadMany(symbols);
      assert.equal(emulator.calls('coingecko'), 1);
      const params = (emulator.requests('coingecko')[0] as URL).searchParams;
      assert.equal(params.get('ids'), 'bitcoin,ethereum,solana,dogecoin,ripple,cardano');
      assert.equal(params.get('vs_currencies'), 'usd,eur');
      assert.equal(params.get('include_24hr_change'), 'true');
      assert.equal(params.get('include_last_updated_at'), 'true');
      assert.deepEqual(
        results.map((r) => ok(r).symbol),
        symbols,
      );
    });

    it('maps price, 24h change, last update and name', async () => {
      const quote = ok((await coingecko(emulator).loadMany(['ETH-EUR']))[0]);
      const body = simplePrice(
        new URLSearchParams(
          'ids=ethereum&vs_currencies=eur&include_24hr_change=true&include_last_updated_at=true',
        ),
        T,
      ).ethereum as Record<string, number>;
      assert.equal(quote.price, body.eur);
      assert.equal(quote.changePercent, body.eur_24h_change);
      assert.ok(
        Math.abs(
          (quote.previousClose as number) * (1 + (body.eur_24h_change as number) / 100) -
            quote.price,
        ) < 1e-6,
      );
      assert.equal(quote.asOf, new Date((body.last_updated_at as number) * 1000).toISOString());
      assert.equal(quote.name, 'Ethereum');
      assert.equal(quote.currency, 'EUR');
      assert.equal(quote.ttlSeconds, 30);
    });

    it('sends the Demo key as a header, never in the URL', async () => {
      const { fetch, seen } = instrumentedFetch();
      await coingecko(emulator, { fetch, apiKey: 'CG-demo-key' }).loadMany(['BTC-USD']);
      assert.equal(seen.headers[0]?.get('x-cg-demo-api-key'), 'CG-demo-key');
      assert.ok(!seen.urls[0]?.includes('CG-demo-key'));
    });

    it('answers NOT_FOUND for a coin it cannot map, without a call', async () => {
      const results = await coingecko(emulator).loadMany(['PEPE-USD', 'AAPL']);
      assert.deepEqual(codes(results), [ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND]);
      assert.equal(emulator.calls('coingecko'), 0);
    });

    it('answers UPSTREAM_RATE_LIMITED for the 429 body, with HTTP 200 or 429', async () => {
      for (const status of [200, 429] as const) {
        respond(emulator, 'coingecko', coinGeckoRateLimited(status));
        const results = await coingecko(emulator).loadMany(['BTC-USD', 'ETH-USD']);
        assert.deepEqual(codes(results), [
          ErrorCode.UPSTREAM_RATE_LIMITED,
          ErrorCode.UPSTREAM_RATE_LIMITED,
        ]);
      }
    });

    it('answers UPSTREAM_BAD_RESPONSE for a malformed body', async () => {
      for (const body of ['{"bitcoin":', '{"bitcoin":{"usd":"76975"}}', '[]']) {
        respond(emulator, 'coingecko', jsonResponse(200, body));
        assert.equal(
          failure((await coingecko(emulator).loadMany(['BTC-USD']))[0]).code,
          ErrorCode.UPSTREAM_BAD_RESPONSE,
        );
      }
    });
  });

  describe('frankfurter', () => {
    it('asks once per base, however many targets', async () => {
      const keys = [
        { base: 'EUR', target: 'USD' },
        { base: 'EUR', target: 'GBP' },
        { base: 'eur', target: 'jpy' },
      ];
      const results = await frankfurter(emulator).loadMany(keys);
      assert.equal(emulator.calls('frankfurter'), 1);
      const params = (emulator.requests('frankfurter')[0] as URL).searchParams;
      assert.equal(params.get('base'), 'EUR');
      assert.equal(params.get('symbols'), 'USD,GBP,JPY');
      const date = fixingDate(T);
      assert.equal(date, '2025-04-04');
      results.forEach((r, i) => {
        const rate = ok(r);
        assert.equal(
          rate.rate,
          referenceRate('EUR', (keys[i] as RateKey).target.toUpperCase(), date),
        );
        assert.equal(rate.date, date);
        assert.equal(rate.provider, 'frankfurter');
        assert.equal(rate.ttlSeconds, 3600);
      });
      emulator.resetCalls();
      await frankfurter(emulator).loadMany([
        { base: 'USD', target: 'EUR' },
        { base: 'GBP', target: 'EUR' },
      ]);
      assert.equal(emulator.calls('frankfurter'), 2);
    });

    it('answers a same-currency rate of 1 without a call', async () => {
      const [rate] = await frankfurter(emulator).loadMany([{ base: 'USD', target: 'usd' }]);
      assert.equal(ok(rate).rate, 1);
      assert.equal(emulator.calls('frankfurter'), 0);
    });

    it('asks again one by one when an unknown currency sinks the grouped call', async () => {
      const results = await frankfurter(emulator).loadMany([
        { base: 'EUR', target: 'USD' },
        { base: 'EUR', target: 'XXX' },
        { base: 'EUR', target: 'GBP' },
      ]);
      assert.deepEqual(codes(results), ['ok', ErrorCode.NOT_FOUND, 'ok']);
      assert.equal(emulator.calls('frankfurter'), 4);
    });

    it('maps 422 to BAD_USER_INPUT, malformed codes fail without a call, bad bodies are upstream failures', async () => {
      const [bad] = await frankfurter(emulator).loadMany([{ base: 'EURO', target: 'USD' }]);
      assert.equal(failure(bad).code, ErrorCode.BAD_USER_INPUT);
      assert.equal(emulator.calls('frankfurter'), 0);
      respond(emulator, 'frankfurter', jsonResponse(422, { message: 'invalid base' }));
      assert.equal(
        failure((await frankfurter(emulator).loadMany([{ base: 'EUR', target: 'USD' }]))[0]).code,
        ErrorCode.BAD_USER_INPUT,
      );
      respond(
        emulator,
        'frankfurter',
        jsonResponse(200, { amount: 1, base: 'EUR', rates: { USD: 1.1 } }),
      );
      assert.equal(
        failure((await frankfurter(emulator).loadMany([{ base: 'EUR', target: 'USD' }]))[0]).code,
        ErrorCode.UPSTREAM_BAD_RESPONSE,
      );
    });

    it('quotes FX symbols from the same fixings, timed at 16:00 in Frankfurt', async () => {
      const [quote, other] = await frankfurterQuotes(emulator).loadMany(['EURUSD=X', 'AAPL']);
      assert.equal(ok(quote).price, referenceRate('EUR', 'USD', '2025-04-04'));
      assert.equal(ok(quote).asOf, '2025-04-04T14:00:00.000Z');
      assert.equal(ok(quote).change, null);
      assert.equal(ok(quote).ttlSeconds, 300);
      assert.equal(failure(other).code, ErrorCode.NOT_FOUND);
    });

    it('falls back to Yahoo for a rate when Frankfurter is down', async () => {
      respond(emulator, 'frankfurter', jsonResponse(503, { message: 'request timeout' }));
      const chain = createFallbackChain('rates', [
        frankfurter(emulator),
        createRateFromQuotesSource(yahoo(emulator)),
      ]);
      const [rate] = await chain.loadMany([{ base: 'EUR', target: 'USD' }]);
      assert.equal(ok(rate).provider, 'yahoo');
      assert.equal(ok(rate).date, '2025-04-04');
      assert.ok(Math.abs(ok(rate).rate - (yahooInstrument('EURUSD=X')?.price(T) as number)) < 1e-4);
    });
  });

  describe('finnhub', () => {
    it('sends the token as a header, one call per symbol, bounded', async () => {
      emulator.inject('finnhub', { latencyMs: 30 });
      const { fetch, seen } = instrumentedFetch();
      const results = await finnhub(emulator, { fetch }, 2).loadMany([
        'AAPL',
        'MSFT',
        'IBM',
        'BRK-B',
        'AAPL',
      ]);
      assert.equal(emulator.calls('finnhub'), 4);
      assert.equal(seen.max, 2);
      assert.equal(seen.headers[0]?.get('x-finnhub-token'), KEY);
      assert.ok(seen.urls.every((url) => !url.includes(KEY)));
      assert.ok(
        emulator.requests('finnhub').some((url) => url.searchParams.get('symbol') === 'BRK.B'),
      );
      const quote = ok(results[0]);
      const body = finnhubQuote('AAPL', T);
      assert.equal(quote.price, body.c);
      assert.equal(quote.change, body.d);
      assert.equal(quote.changePercent, body.dp);
      assert.equal(quote.previousClose, body.pc);
      assert.equal(quote.asOf, new Date((body.t as number) * 1000).toISOString());
    });

    it('answers NOT_FOUND for the all-zero body and for non-equities without a call', async () => {
      const results = await finnhub(emulator).loadMany(['ZZZZ', 'BTC-USD']);
      assert.deepEqual(codes(results), [ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND]);
      assert.equal(emulator.calls('finnhub'), 1);
    });

    it('maps 429 to rate limited, 401 and a missing key to unavailable', async () => {
      respond(emulator, 'finnhub', FINNHUB_RATE_LIMITED);
      assert.equal(
        failure((await finnhub(emulator).loadMany(['AAPL']))[0]).code,
        ErrorCode.UPSTREAM_RATE_LIMITED,
      );
      emulator.clearFaults();
      assert.equal(
        failure((await finnhub(emulator, { apiKey: 'wrong' }).loadMany(['AAPL']))[0]).code,
        ErrorCode.UPSTREAM_UNAVAILABLE,
      );
      emulator.resetCalls();
      assert.equal(
        failure((await finnhub(emulator, { apiKey: undefined }).loadMany(['AAPL']))[0]).code,
        ErrorCode.UPSTREAM_UNAVAILABLE,
      );
      assert.equal(emulator.calls('finnhub'), 0);
    });
  });

  describe('every adapter', () => {
    const adapters: Array<
      [string, (e: ProviderEmulator, extra: Partial<SourceDeps>) => Source<string, unknown>, string]
    > = [
      ['yahoo', yahoo, 'AAPL'],
      ['stooq', stooq, 'AAPL'],
      ['coingecko', coingecko, 'BTC-USD'],
      ['frankfurter', frankfurterQuotes, 'EURUSD=X'],
      ['finnhub', finnhub, 'AAPL'],
    ];
    for (const [provider, create, key] of adapters) {
      it(`${provider}: a hung call is UPSTREAM_TIMEOUT, malformed JSON UPSTREAM_BAD_RESPONSE`, async () => {
        emulator.inject(provider, { fault: { kind: 'hang' } });
        const [slow] = await create(emulator, { timeoutMs: 100 }).loadMany([key]);
        assert.equal(failure(slow).code, ErrorCode.UPSTREAM_TIMEOUT);
        respond(emulator, provider, jsonResponse(200, '{"not json'));
        const [bad] = await create(emulator, {}).loadMany([key]);
        assert.equal(failure(bad).code, ErrorCode.UPSTREAM_BAD_RESPONSE);
      });
    }

    it('keep API keys out of error messages', async () => {
      respond(
        emulator,
        'finnhub',
        jsonResponse(403, { error: "You don't have access to this resource." }),
      );
      const [error] = await finnhub(emulator).loadMany(['AAPL']);
      assert.ok(!failure(error).message.includes(KEY));
    });
  });

  describe('quote router', () => {
    /** A chain stand-in that records each batch it is sent and answers from Yahoo. */
    function recording(inner: Source<string, Quote>) {
      const batches: string[][] = [];
      const source: Source<string, Quote> = {
        name: inner.name,
        loadMany: (keys) => {
          batches.push([...keys]);
          return inner.loadMany(keys);
        },
      };
      return { source, batches };
    }

    it('sends each class to its chain once, keeps key order, and fills bad slots', async () => {
      const equity = recording(yahoo(emulator));
      const crypto = recording(coingecko(emulator));
      const fx = recording(frankfurterQuotes(emulator));
      const router = createQuoteRouter({
        equity: equity.source,
        crypto: crypto.source,
        fx: fx.source,
      });
      const keys = [
        'eurusd=x',
        'AAPL',
        'BTC-USD',
        'not valid!',
        'ZZZZ',
        'MSFT',
        'ETH-EUR',
        'USDJPY=X',
      ];
      const results = await router.loadMany(keys);
      assert.deepEqual(codes(results), [
        'ok',
        'ok',
        'ok',
        ErrorCode.BAD_USER_INPUT,
        ErrorCode.NOT_FOUND,
        'ok',
        'ok',
        'ok',
      ]);
      assert.deepEqual(equity.batches, [['AAPL', 'ZZZZ', 'MSFT']]);
      assert.deepEqual(crypto.batches, [['BTC-USD', 'ETH-EUR']]);
      assert.deepEqual(fx.batches, [['EURUSD=X', 'USDJPY=X']]);
      assert.deepEqual(
        results.map((r) => (r instanceof Error ? null : r.provider)),
        ['frankfurter', 'yahoo', 'coingecko', null, null, 'yahoo', 'coingecko', 'frankfurter'],
      );
      assert.equal(ok(results[0]).symbol, 'EURUSD=X');
    });
  });
});

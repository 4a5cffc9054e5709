import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { coinGeckoProvider, coinGeckoRateLimited } from '../src/emulator/providers/coingecko.js';
import { FINNHUB_RATE_LIMITED, finnhubProvider } from '../src/emulator/providers/finnhub.js';
import { frankfurterProvider } from '../src/emulator/providers/frankfurter.js';
import { STOOQ_DAILY_LIMIT, stooqProvider } from '../src/emulator/providers/stooq.js';
import { yahooProvider } from '../src/emulator/providers/yahoo.js';
import { startEmulator, type ProviderEmulator } from '../src/emulator/server.js';

/** The real recorded bodies, vendored from ../shared/providers (provenance in their PROVENANCE.md). */
const SAMPLES = new URL('./fixtures/providers/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, SAMPLES), 'utf8');
const sampleJson = (name: string): unknown => JSON.parse(sample(name));

const JSON_TYPE = 'application/json; charset=utf-8';
/** Wednesday 2026-02-04 14:45 UTC: US markets open (09:45 EST), Warsaw on CET, before the ECB fixing. */
const NOW = Date.parse('2026-02-04T14:45:00Z');

const kind = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

interface ShapeOptions {
  /** Paths (`$.meta`) where the emulator may send keys the sample lacks, and which ones. */
  extraKeys?: Record<string, string[]>;
  /** Paths where the sample has keys the emulator leaves out on purpose. */
  missingKeys?: Record<string, string[]>;
  /** Arrays whose items may be null (Yahoo's bars). */
  nullableItems?: boolean;
}

/**
 * Recursively: the same keys, the same JSON types, arrays where the sample has arrays (every item
 * shaped like the sample's first). Values may differ.
 */
function assertSameShape(
  actual: unknown,
  expected: unknown,
  options: ShapeOptions = {},
  path = '$',
): void {
  assert.equal(
    kind(actual),
    kind(expected),
    `${path}: ${kind(actual)} where the sample has ${kind(expected)}`,
  );
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0) return;
    actual.forEach((item, i) => {
      if (item === null && options.nullableItems) return;
      assertSameShape(item, expected[0], options, `${path}[${i}]`);
    });
    return;
  }
  if (kind(expected) !== 'object') return;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const extra = options.extraKeys?.[path] ?? [];
  const missing = options.missingKeys?.[path] ?? [];
  const expectedKeys = Object.keys(e).filter((k) => !missing.includes(k));
  const actualKeys = Object.keys(a).filter((k) => !extra.includes(k));
  assert.deepEqual(actualKeys.sort(), expectedKeys.sort(), `${path}: keys differ from the sample`);
  for (const key of expectedKeys) assertSameShape(a[key], e[key], options, `${path}.${key}`);
}

describe('finance emulator fidelity against the recorded samples', () => {
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
        finnhubProvider({ now }),
      ],
    });
  });
  after(() => emulator.close());

  const get = async (
    provider: string,
    pathAndQuery: string,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${emulator.baseUrl(provider)}${pathAndQuery}`, { headers });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  describe('yahoo', () => {
    it('serves the chart in the sample shape (5m bars over 1d, as recorded)', async () => {
      const res = await get('yahoo', '/v8/finance/chart/AAPL?interval=5m&range=1d');
      assert.equal(res.status, 200);
      assert.equal(res.type, JSON_TYPE);
      assertSameShape(JSON.parse(res.text), sampleJson('yahoo-chart.json'), {
        nullableItems: true,
      });
    });

    it('serves the daily 5d chart the adapter asks for, for equities, crypto and FX', async () => {
      // previousClose and scale come only with range=1d, tradingPeriods only with intraday bars.
      const missingKeys = {
        '$.chart.result[0].meta': ['previousClose', 'scale', 'tradingPeriods'],
      };
      for (const symbol of ['MSFT', 'BTC-EUR', 'EURUSD%3DX', 'GBPJPY=X']) {
        const res = await get('yahoo', `/v8/finance/chart/${symbol}?interval=1d&range=5d`);
        assert.equal(res.status, 200, symbol);
        const body = JSON.parse(res.text);
        assertSameShape(body, sampleJson('yahoo-chart.json'), { missingKeys });
        assert.equal(body.chart.result[0].timestamp.length, 5, `${symbol}: five daily bars`);
      }
    });

    it('answers an unknown symbol with the real 404 body', async () => {
      const res = await get('yahoo', '/v8/finance/chart/NOSUCHTHING?interval=1d&range=5d');
      assert.equal(res.status, 404);
      assert.equal(res.type, JSON_TYPE);
      assert.deepEqual(JSON.parse(res.text), sampleJson('yahoo-chart-error-not-found.json'));
    });
  });

  describe('stooq', () => {
    const [header, row] = sample('stooq-quote.csv').split('\r\n');
    const [nameHeader] = sample('stooq-quote-with-name.csv').split('\r\n');

    it('serves CSV with CRLF and the sample header, one row per symbol', async () => {
      const res = await get('stooq', '/q/l/?s=aapl.us+msft.us&f=sd2t2ohlcv&h&e=csv');
      assert.equal(res.status, 200);
      assert.match(res.type ?? '', /^text\/csv/);
      assert.ok(res.text.endsWith('\r\n'));
      assert.ok(!/[^\r]\n/.test(res.text), 'every line ends in CRLF');
      const lines = res.text.split('\r\n');
      assert.deepEqual(lines, [header, lines[1], lines[2], '']);
      const pattern = /^[A-Z.-]+\.US,\d{4}-\d{2}-\d{2},\d{2}:\d{2}:\d{2},(\d+(\.\d+)?,){4}\d+$/;
      assert.match(row as string, pattern, 'the pattern fits the sample');
      assert.match(lines[1] as string, pattern);
      assert.ok(
        lines[1]?.startsWith('AAPL.US,2026-02-04,15:45:00,'),
        'Warsaw (CET) time of the last trade',
      );
    });

    it('adds the Name column for `n`, and drops the header without `h`', async () => {
      const named = await get('stooq', '/q/l/?s=nvda.us&f=sd2t2ohlcvn&h&e=csv');
      assert.equal(named.text.split('\r\n')[0], nameHeader);
      assert.match(named.text.split('\r\n')[1] as string, /,NVIDIA$/);
      const bare = await get('stooq', '/q/l/?s=aapl.us&f=sc&e=csv');
      assert.match(bare.text, /^AAPL\.US,\d+(\.\d+)?\r\n$/);
    });

    it('answers an unknown symbol with the N/D row, the symbol echoed', async () => {
      const res = await get('stooq', '/q/l/?s=appl.us&f=sd2t2ohlcv&h&e=csv');
      assert.equal(res.status, 200);
      assert.equal(res.text, sample('stooq-quote-not-found.csv'));
    });

    it('offers the real daily-limit text for fault injection', () => {
      assert.equal(STOOQ_DAILY_LIMIT.status, 200);
      assert.equal(STOOQ_DAILY_LIMIT.body, sample('stooq-error-daily-limit.txt').trim());
    });
  });

  describe('coingecko', () => {
    it('serves simple/price in the sample shape with every include flag', async () => {
      const res = await get(
        'coingecko',
        '/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_market_cap=true&include_24hr_vol=true&include_24hr_change=true&include_last_updated_at=true',
      );
      assert.equal(res.status, 200);
      assert.equal(res.type, JSON_TYPE);
      assertSameShape(JSON.parse(res.text), sampleJson('coingecko-simple-price.json'));
    });

    it('honours ids, vs_currencies and the flags; unknown ids are absent, none gives {}', async () => {
      const res = await get(
        'coingecko',
        '/api/v3/simple/price?ids=ethereum,nope,solana&vs_currencies=usd,eur',
      );
      const body = JSON.parse(res.text);
      assert.deepEqual(Object.keys(body).sort(), ['ethereum', 'solana']);
      assert.deepEqual(Object.keys(body.ethereum), ['usd', 'eur']);
      const none = await get('coingecko', '/api/v3/simple/price?ids=nope&vs_currencies=usd');
      assert.equal(none.text, '{}');
    });

    it('offers the real rate-limit body', () => {
      assert.deepEqual(
        JSON.parse(coinGeckoRateLimited().body),
        sampleJson('coingecko-error-rate-limit.json'),
      );
      assert.equal(coinGeckoRateLimited().status, 429);
    });
  });

  describe('frankfurter', () => {
    it('serves /v1/latest in the sample shape, with the same currencies', async () => {
      const res = await get('frankfurter', '/v1/latest');
      assert.equal(res.status, 200);
      assert.equal(res.type, JSON_TYPE);
      const body = JSON.parse(res.text);
      const expected = sampleJson('frankfurter-latest.json') as { rates: Record<string, number> };
      assertSameShape(body, expected);
      assert.deepEqual(Object.keys(body.rates), Object.keys(expected.rates));
      assert.equal(body.date, '2026-02-03', 'before 16:00 in Frankfurt, the previous fixing');
    });

    it('honours base and symbols, leaving the base out of rates', async () => {
      const body = JSON.parse(
        (await get('frankfurter', '/v1/latest?base=USD&symbols=EUR,GBP,USD')).text,
      );
      assert.equal(body.base, 'USD');
      assert.deepEqual(Object.keys(body.rates), ['EUR', 'GBP']);
    });

    it('answers 404 {"message":"not found"} for an unknown currency and 422 for a bad parameter', async () => {
      const unknown = await get('frankfurter', '/v1/latest?base=EUR&symbols=USD,XXX');
      assert.equal(unknown.status, 404);
      assert.deepEqual(JSON.parse(unknown.text), { message: 'not found' });
      const bad = await get('frankfurter', '/v1/latest?amount=abc');
      assert.equal(bad.status, 422);
      assert.equal(typeof JSON.parse(bad.text).message, 'string');
    });
  });

  describe('finnhub', () => {
    it('serves the quote in the sample shape (plus d and dp, which the current API sends)', async () => {
      const res = await get('finnhub', '/api/v1/quote?symbol=AAPL', { 'x-finnhub-token': 'k' });
      assert.equal(res.status, 200);
      assert.equal(res.type, JSON_TYPE);
      assertSameShape(JSON.parse(res.text), sampleJson('finnhub-quote.json'), {
        extraKeys: { $: ['d', 'dp'] },
      });
    });

    it('answers an unknown symbol with zeros, and a call without a token with 401', async () => {
      const unknown = await get('finnhub', '/api/v1/quote?symbol=NOPE&token=k');
      assert.equal(unknown.status, 200);
      assert.deepEqual(JSON.parse(unknown.text), {
        c: 0,
        d: null,
        dp: null,
        h: 0,
        l: 0,
        o: 0,
        pc: 0,
        t: 0,
      });
      const anonymous = await get('finnhub', '/api/v1/quote?symbol=AAPL');
      assert.equal(anonymous.status, 401);
      assert.equal(typeof JSON.parse(anonymous.text).error, 'string');
    });

    it('offers the real rate-limit body', () => {
      assert.equal(FINNHUB_RATE_LIMITED.status, 429);
      assert.deepEqual(
        JSON.parse(FINNHUB_RATE_LIMITED.body),
        sampleJson('finnhub-error-rate-limit.json'),
      );
    });
  });
});

import { notCovered, notFound } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import type { Quote } from './model.js';
import { loadManyCached } from './cached.js';
import { badResponse, getUpstream, unexpectedStatus } from './http.js';
import { loadParsed, parseSymbol, QUOTE_TTL_SECONDS, type ParsedSymbol } from './symbols.js';
import type { Source, SourceDeps } from './types.js';
import { zonedTimeToEpochMs } from './zoned-time.js';

const PROVIDER = 'stooq';
const FIELDS = 'sd2t2ohlcvn';
const TTL = QUOTE_TTL_SECONDS.EQUITY;
/** Stooq stamps quotes in its own (Polish) local time: CET in winter, CEST in summer. */
const STOOQ_TIME_ZONE = 'Europe/Warsaw';
const MISSING = 'N/D';
/** Yahoo exchange suffixes Stooq spells differently; a bare ticker is a US listing. */
const SUFFIXES: Readonly<Record<string, string>> = { L: 'uk', DE: 'de', T: 'jp', HK: 'hk' };

/** The parts of the Stooq adapter. */
export interface StooqSourceDeps extends SourceDeps {
  /** How long past its TTL a quote is served when Stooq fails; default 3600. */
  graceSeconds?: number;
}

/** Stooq's name for an equity (`BRK-B` -> `brk-b.us`, `VOD.L` -> `vod.uk`), or undefined. */
export function stooqSymbol(symbol: string): string | undefined {
  const listed = /^([A-Z0-9][A-Z0-9-]{0,11})(?:\.([A-Z]{1,2}))?$/.exec(symbol);
  if (!listed) return undefined;
  const [, ticker = '', suffix] = listed;
  const market = suffix === undefined ? 'us' : SUFFIXES[suffix];
  return market === undefined ? undefined : `${ticker.toLowerCase()}.${market}`;
}

type Row = Record<string, string>;

/** Rows by upper-case symbol; throws UPSTREAM_BAD_RESPONSE unless the body is Stooq's CSV. */
function parseCsv(text: string): Map<string, Row> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  // The daily-limit text and HTML error pages come with HTTP 200: only the header tells them apart.
  if (header[0] !== 'Symbol' || !header.includes('Close')) {
    throw badResponse(PROVIDER, 'a body that is not its quote CSV');
  }
  const rows = new Map<string, Row>();
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const cells = line.split(',');
    // A name may hold commas; it is the last column we ask for.
    const fixed = [...cells.slice(0, header.length - 1), cells.slice(header.length - 1).join(',')];
    const row = Object.fromEntries(header.map((name, i) => [name, fixed[i] ?? '']));
    rows.set((row.Symbol ?? '').toUpperCase(), row);
  }
  return rows;
}

function toQuote(symbol: string, stooq: string, row: Row | undefined, fetchedAt: string): Quote {
  if (!row) throw badResponse(PROVIDER, `a CSV without a row for ${symbol}`);
  if (row.Close === MISSING || row.Date === MISSING) {
    throw notFound(`No quote for ${symbol}`, PROVIDER);
  }
  const price = Number(row.Close);
  const asOf = zonedTimeToEpochMs(row.Date ?? '', row.Time ?? '', STOOQ_TIME_ZONE);
  if (row.Close === '' || !Number.isFinite(price) || Number.isNaN(asOf)) {
    throw badResponse(PROVIDER, `a row for ${symbol} in an unexpected format`);
  }
  const name = row.Name?.trim();
  return {
    symbol,
    name: name && name !== MISSING ? name : null,
    price,
    currency: stooq.endsWith('.us') ? 'USD' : null,
    // This format has no previous close, and close - open is not the daily change: leave it out.
    change: null,
    changePercent: null,
    previousClose: null,
    asOf: new Date(asOf).toISOString(),
    provider: PROVIDER,
    fetchedAt,
    ttlSeconds: TTL,
  };
}

/** Stooq CSV quotes: equities only, every symbol of a batch in one call. */
export function createStooqSource(deps: StooqSourceDeps): Source<string, Quote> {
  const { fetch, cache, baseUrl, timeoutMs, graceSeconds = 3600 } = deps;

  async function load(
    parsed: readonly ParsedSymbol[],
    scope: SourceScope | undefined,
  ): Promise<Array<Quote | Error>> {
    const wanted = parsed.map((p) =>
      p.assetClass === 'EQUITY' ? stooqSymbol(p.symbol) : undefined,
    );
    const asked = [...new Set(wanted.filter((s): s is string => s !== undefined))];
    let rows: Map<string, Row> | Error = new Map();
    let fetchedAt = '';
    if (asked.length > 0) {
      // Stooq wants a literal `+` between symbols, which URLSearchParams would escape.
      const s = asked.map(encodeURIComponent).join('+');
      const url = new URL(`${baseUrl}/q/l/?s=${s}&f=${FIELDS}&h&e=csv`);
      try {
        const response = await getUpstream({ fetch, provider: PROVIDER, url, timeoutMs, scope });
        if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
        rows = parseCsv(response.text);
        fetchedAt = new Date().toISOString();
      } catch (error) {
        rows = error as Error;
      }
    }
    return parsed.map((p, i) => {
      const stooq = wanted[i];
      if (stooq === undefined) return notCovered(`Stooq has no quote for ${p.symbol}`, PROVIDER);
      if (rows instanceof Error) return rows;
      try {
        return toQuote(p.symbol, stooq, rows.get(stooq.toUpperCase()), fetchedAt);
      } catch (error) {
        return error as Error;
      }
    });
  }

  return {
    name: PROVIDER,
    loadMany: (keys, context) =>
      loadParsed(keys, parseSymbol, (parsed) =>
        loadManyCached<ParsedSymbol, Quote>(parsed, {
          cache,
          scope: context?.scope,
          keyOf: (p) => `q:${FIELDS}:${p.symbol}`,
          ttlSeconds: TTL,
          graceSeconds,
          load,
        }),
      ),
  };
}

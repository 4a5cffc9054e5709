import { z } from 'zod';
import { ErrorCode, GatewayError, notCovered, notFound } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import type { Quote } from './model.js';
import { loadManyCached } from './cached.js';
import { getUpstream, parseJson, unexpectedStatus } from './http.js';
import { changeFrom, isoFromUnix, tidy } from './quote-change.js';
import { COINS, loadParsed, parseSymbol, QUOTE_TTL_SECONDS, type ParsedSymbol } from './symbols.js';
import type { Source, SourceDeps } from './types.js';

const PROVIDER = 'coingecko';
const TTL = QUOTE_TTL_SECONDS.CRYPTO;

/** CoinGecko's error envelope; its free tier sends the 429 one with HTTP 200 too. */
const statusBody = z.object({
  status: z.object({ error_code: z.number(), error_message: z.string().nullish() }),
});
/** `{ "<coin id>": { "usd": 1, "usd_24h_change": -1.4, "last_updated_at": 1779092258 } }` */
const priceBody = z.record(z.string(), z.record(z.string(), z.number().nullable()));
type PriceBody = z.infer<typeof priceBody>;

/** The parts of the CoinGecko adapter; `apiKey` is an optional Demo key. */
export interface CoinGeckoSourceDeps extends SourceDeps {
  /** How long past its TTL a quote is served when CoinGecko fails; default 3600. */
  graceSeconds?: number;
}

interface CoinKey {
  symbol: string;
  /** CoinGecko id, undefined for a coin we cannot map. */
  id: string | undefined;
  name: string | null;
  /** Lower-case fiat, as in `vs_currencies`. */
  vs: string;
}

function coinKey(parsed: ParsedSymbol): CoinKey {
  const coin = parsed.assetClass === 'CRYPTO' ? COINS[parsed.base as string] : undefined;
  return {
    symbol: parsed.symbol,
    id: coin?.id,
    name: coin?.name ?? null,
    vs: (parsed.quote ?? '').toLowerCase(),
  };
}

function parseBody(text: string): PriceBody {
  const status = statusBody.safeParse(safeJson(text));
  if (status.success) {
    const code = status.data.status.error_code;
    if (code === 429) {
      throw new GatewayError(ErrorCode.UPSTREAM_RATE_LIMITED, `${PROVIDER} is rate limiting us`, {
        provider: PROVIDER,
      });
    }
    // 10002 missing key, 10005 plan restricted, 10010/10011 wrong key for this host.
    throw new GatewayError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `${PROVIDER} refused the call (${code})`,
      {
        provider: PROVIDER,
      },
    );
  }
  return parseJson(PROVIDER, text, priceBody);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toQuote(key: CoinKey, body: PriceBody, fetchedAt: string): Quote {
  const prices = body[key.id as string];
  const price = prices?.[key.vs];
  if (price == null) throw notFound(`No quote for ${key.symbol}`, PROVIDER);
  const percent = prices?.[`${key.vs}_24h_change`];
  const previousClose = percent == null ? null : tidy(price / (1 + percent / 100));
  const updated = prices?.last_updated_at;
  return {
    symbol: key.symbol,
    name: key.name,
    price,
    currency: key.vs.toUpperCase(),
    ...changeFrom(price, previousClose),
    // CoinGecko's 24h change is the quote's "daily" change: a rolling 24 hours, not since a close.
    ...(percent == null ? {} : { changePercent: percent }),
    // Asked for with include_last_updated_at; when absent, the answer is as fresh as the call.
    asOf: updated == null ? fetchedAt : isoFromUnix(updated),
    provider: PROVIDER,
    fetchedAt,
    ttlSeconds: TTL,
  };
}

/** CoinGecko simple/price: every coin and fiat of a batch in one call. */
export function createCoinGeckoSource(deps: CoinGeckoSourceDeps): Source<string, Quote> {
  const { fetch, cache, baseUrl, timeoutMs, apiKey, graceSeconds = 3600 } = deps;

  async function load(
    keys: readonly CoinKey[],
    scope: SourceScope | undefined,
  ): Promise<Array<Quote | Error>> {
    const known = keys.filter((k) => k.id !== undefined);
    let body: PriceBody | Error = {};
    let fetchedAt = '';
    if (known.length > 0) {
      const url = new URL(`${baseUrl}/api/v3/simple/price`);
      url.searchParams.set('ids', [...new Set(known.map((k) => k.id))].join(','));
      url.searchParams.set('vs_currencies', [...new Set(known.map((k) => k.vs))].join(','));
      url.searchParams.set('include_24hr_change', 'true');
      url.searchParams.set('include_last_updated_at', 'true');
      try {
        const response = await getUpstream({
          fetch,
          provider: PROVIDER,
          url,
          timeoutMs,
          headers: apiKey ? { 'x-cg-demo-api-key': apiKey } : {},
          scope,
        });
        if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
        body = parseBody(response.text);
        fetchedAt = new Date().toISOString();
      } catch (error) {
        body = error as Error;
      }
    }
    return keys.map((key) => {
      if (key.id === undefined)
        return notCovered(`CoinGecko has no coin for ${key.symbol}`, PROVIDER);
      if (body instanceof Error) return body;
      try {
        return toQuote(key, body, fetchedAt);
      } catch (error) {
        return error as Error;
      }
    });
  }

  return {
    name: PROVIDER,
    loadMany: (keys, context) =>
      loadParsed(
        keys,
        (key) => coinKey(parseSymbol(key)),
        (parsed) =>
          loadManyCached<CoinKey, Quote>(parsed, {
            cache,
            scope: context?.scope,
            keyOf: (k) => `simple-price:24h:${k.id ?? k.symbol}:${k.vs}`,
            ttlSeconds: TTL,
            graceSeconds,
            load,
          }),
      ),
  };
}

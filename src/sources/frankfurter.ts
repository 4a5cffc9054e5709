import { z } from 'zod';
import { badInput, notCovered } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import type { ExchangeRate, Quote, RateKey } from './model.js';
import { loadManyCached } from './cached.js';
import { getUpstream, parseJson, unexpectedStatus } from './http.js';
import {
  EXCHANGE_RATE_TTL_SECONDS,
  loadParsed,
  parseCurrency,
  parseSymbol,
  QUOTE_TTL_SECONDS,
} from './symbols.js';
import type { Source, SourceDeps } from './types.js';
import { zonedTimeToEpochMs } from './zoned-time.js';

const PROVIDER = 'frankfurter';
/** The ECB fixes its reference rates at about 16:00 Frankfurt time. */
const FIXING_TIME = '16:00';
const ECB_TIME_ZONE = 'Europe/Berlin';

const latestBody = z.object({
  amount: z.number(),
  base: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rates: z.record(z.string(), z.number()),
});
const messageBody = z.object({ message: z.string() });

/** The parts of both Frankfurter adapters (rates and FX quotes). */
export interface FrankfurterSourceDeps extends SourceDeps {
  /** How long past its TTL a value is served when Frankfurter fails; default 3600. */
  graceSeconds?: number;
}

/** A reference rate as fetched, before it becomes an ExchangeRate or a Quote. */
interface Fixing {
  base: string;
  target: string;
  rate: number;
  date: string;
  fetchedAt: string;
}

function parseRateKey(key: RateKey): RateKey {
  return { base: parseCurrency(key.base), target: parseCurrency(key.target) };
}

/**
 * Fetches rates with one `/v1/latest` call per base. Frankfurter answers 404 for the whole call when
 * any currency in `symbols` is unknown, so on a 404 with several targets each is asked again alone:
 * the unknown one fails, the others are served. The upstream stays the authority on which
 * currencies exist (a local list would go stale as the ECB adds or drops currencies).
 */
function createFixingFetcher(deps: SourceDeps) {
  const { fetch, baseUrl, timeoutMs } = deps;

  async function call(
    base: string,
    targets: readonly string[],
    scope: SourceScope | undefined,
  ): Promise<Array<Fixing | Error>> {
    const url = new URL(`${baseUrl}/v1/latest`);
    url.searchParams.set('base', base);
    url.searchParams.set('symbols', targets.join(','));
    try {
      const response = await getUpstream({ fetch, provider: PROVIDER, url, timeoutMs, scope });
      if (response.status === 404 && targets.length > 1) {
        return (await Promise.all(targets.map((t) => call(base, [t], scope)))).flat();
      }
      if (response.status === 404) {
        parseJson(PROVIDER, response.text, messageBody);
        throw notCovered(`No exchange rate for ${base}/${targets[0]}`, PROVIDER);
      }
      if (response.status === 422) {
        parseJson(PROVIDER, response.text, messageBody);
        throw badInput(`Frankfurter cannot convert ${base} to ${targets.join(', ')}`);
      }
      if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
      const body = parseJson(PROVIDER, response.text, latestBody);
      const fetchedAt = new Date().toISOString();
      return targets.map((target) => {
        const rate = body.rates[target];
        if (rate === undefined)
          return notCovered(`No exchange rate for ${base}/${target}`, PROVIDER);
        return { base, target, rate, date: body.date, fetchedAt };
      });
    } catch (error) {
      return targets.map(() => error as Error);
    }
  }

  return async function fetchFixings(
    keys: readonly RateKey[],
    scope: SourceScope | undefined,
  ): Promise<Array<Fixing | Error>> {
    const byBase = new Map<string, string[]>();
    for (const { base, target } of keys) {
      if (base === target) continue;
      const targets = byBase.get(base) ?? [];
      if (!targets.includes(target)) targets.push(target);
      byBase.set(base, targets);
    }
    const answers = new Map<string, Fixing | Error>();
    await Promise.all(
      [...byBase].map(async ([base, targets]) => {
        const fixings = await call(base, targets, scope);
        targets.forEach((target, i) =>
          answers.set(`${base}/${target}`, fixings[i] as Fixing | Error),
        );
      }),
    );
    const now = new Date().toISOString();
    return keys.map(({ base, target }) =>
      base === target
        ? { base, target, rate: 1, date: now.slice(0, 10), fetchedAt: now }
        : (answers.get(`${base}/${target}`) as Fixing | Error),
    );
  };
}

/** Frankfurter (ECB reference rates): one call per base currency, however many targets. */
export function createFrankfurterRateSource(
  deps: FrankfurterSourceDeps,
): Source<RateKey, ExchangeRate> {
  const fetchFixings = createFixingFetcher(deps);
  const ttlSeconds = EXCHANGE_RATE_TTL_SECONDS;
  return {
    name: PROVIDER,
    loadMany: (keys, context) =>
      loadParsed(keys, parseRateKey, (parsed) =>
        loadManyCached<RateKey, ExchangeRate>(parsed, {
          cache: deps.cache,
          scope: context?.scope,
          keyOf: (k) => `v1:latest:${k.base}:${k.target}`,
          ttlSeconds,
          graceSeconds: deps.graceSeconds ?? 3600,
          load: async (misses, scope) =>
            (await fetchFixings(misses, scope)).map((f) =>
              f instanceof Error ? f : { ...f, provider: PROVIDER, ttlSeconds },
            ),
        }),
      ),
  };
}

/** When a fixing was set: the ECB's 16:00 on its date (a same-currency "rate" is now). */
function fixedAt(fixing: Fixing): string {
  if (fixing.base === fixing.target) return fixing.fetchedAt;
  return new Date(zonedTimeToEpochMs(fixing.date, FIXING_TIME, ECB_TIME_ZONE)).toISOString();
}

function parseFxSymbol(key: string): RateKey & { symbol: string } {
  const parsed = parseSymbol(key);
  if (parsed.assetClass !== 'FX') {
    throw notCovered(`Frankfurter has only currency pairs, not ${parsed.symbol}`, PROVIDER);
  }
  return { symbol: parsed.symbol, base: parsed.base as string, target: parsed.quote as string };
}

/** FX quotes (`EURUSD=X`) from Frankfurter's reference rates: a daily fixing, so no change. */
export function createFrankfurterQuoteSource(deps: FrankfurterSourceDeps): Source<string, Quote> {
  const fetchFixings = createFixingFetcher(deps);
  const ttlSeconds = QUOTE_TTL_SECONDS.FX;
  return {
    name: PROVIDER,
    loadMany: (keys, context) =>
      loadParsed(keys, parseFxSymbol, (parsed) =>
        loadManyCached<RateKey & { symbol: string }, Quote>(parsed, {
          cache: deps.cache,
          scope: context?.scope,
          keyOf: (k) => `v1:latest:quote:${k.symbol}`,
          ttlSeconds,
          graceSeconds: deps.graceSeconds ?? 3600,
          load: async (misses, scope) =>
            (await fetchFixings(misses, scope)).map((f, i) =>
              f instanceof Error
                ? f
                : {
                    symbol: (misses[i] as { symbol: string }).symbol,
                    name: `${f.base}/${f.target}`,
                    price: f.rate,
                    currency: f.target,
                    change: null,
                    changePercent: null,
                    previousClose: null,
                    asOf: fixedAt(f),
                    provider: PROVIDER,
                    fetchedAt: f.fetchedAt,
                    ttlSeconds,
                  },
            ),
        }),
      ),
  };
}

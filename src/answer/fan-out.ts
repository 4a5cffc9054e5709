import { isGatewayError } from '../errors.js';
import type { Loaders } from '../loaders.js';
import { isStale, type Fetched } from '../sources/cached.js';
import {
  articleEvidence,
  passageEvidence,
  quoteEvidence,
  rateEvidence,
  weatherEvidence,
  type Evidence,
} from './evidence.js';
import type { Intent } from './router.js';
import { roundMs, type SpanParent } from './trace.js';
import type { Attribute, SourceCall, SourceName } from './types.js';

/** One source call of the plan: an intent split to a single key (one place, one symbol). */
export interface SourceTask {
  source: SourceName;
  /** `weather:Osaka`, `quote:AAPL`, … */
  name: string;
  /** The parameters the router chose, reported as `SourceCall.args`. */
  args: Attribute[];
  run(
    loaders: Loaders,
  ): Promise<{ evidence: Evidence[]; provenance: Fetched & { provider: string } }>;
}

export interface FetchOutcome {
  call: SourceCall;
  evidence: Evidence[];
}

const NEWS_PER_QUERY = 5;
const PASSAGES_PER_QUERY = 4;

/** Key-value pairs of the parameters that are set, in the order given. */
function attributes(values: Record<string, string | number | undefined>): Attribute[] {
  return Object.entries(values).flatMap(([key, value]) =>
    value === undefined ? [] : [{ key, value: String(value) }],
  );
}

/** Splits a plan's intents into one task per key, in order. */
export function tasksFor(intents: readonly Intent[]): SourceTask[] {
  return intents.flatMap((intent): SourceTask[] => {
    switch (intent.kind) {
      case 'weather':
        return [
          {
            source: 'weather',
            name: `weather:${intent.place}`,
            args: attributes({
              location: intent.place,
              days: intent.days,
              when: intent.when,
              weekday: intent.weekday,
            }),
            async run(loaders) {
              const { place } = await loaders.geocode.load(intent.place);
              const forecast = await loaders.forecast.load({
                latitude: place.latitude,
                longitude: place.longitude,
                days: intent.days,
              });
              return {
                evidence: [
                  weatherEvidence(
                    { place, forecast },
                    { when: intent.when, weekday: intent.weekday },
                  ),
                ],
                provenance: forecast,
              };
            },
          },
        ];
      case 'quote':
        return intent.symbols.map((symbol) => ({
          source: 'quote' as const,
          name: `quote:${symbol}`,
          args: attributes({ symbol }),
          async run(loaders: Loaders) {
            const quote = await loaders.quote.load(symbol);
            return { evidence: [quoteEvidence(quote)], provenance: quote };
          },
        }));
      case 'exchangeRate':
        return [
          {
            source: 'exchangeRate',
            name: `exchangeRate:${intent.base}/${intent.target}`,
            args: attributes({ base: intent.base, target: intent.target, amount: intent.amount }),
            async run(loaders) {
              const rate = await loaders.rate.load({ base: intent.base, target: intent.target });
              return { evidence: [rateEvidence(rate, intent.amount ?? null)], provenance: rate };
            },
          },
        ];
      case 'news':
        return [
          {
            source: 'news',
            name: `news:${intent.query}`,
            args: attributes({ query: intent.query, limit: NEWS_PER_QUERY }),
            async run(loaders) {
              const page = await loaders.news.load({ query: intent.query, limit: NEWS_PER_QUERY });
              const evidence = page.articles.map((a) =>
                articleEvidence(a, intent.query, page.fetchedAt, page.ttlSeconds),
              );
              return { evidence, provenance: page };
            },
          },
        ];
      case 'search':
        return [
          {
            source: 'search',
            name: `search:${intent.query}`,
            args: attributes({ query: intent.query, k: PASSAGES_PER_QUERY }),
            async run(loaders) {
              const passages = await loaders.search.load({
                query: intent.query,
                k: PASSAGES_PER_QUERY,
              });
              const now = new Date().toISOString();
              return {
                evidence: passages.map((p) => passageEvidence(p, intent.query)),
                // The index is local: always fresh.
                provenance: {
                  provider: 'vector',
                  fetchedAt: now,
                  ttlSeconds: Number.MAX_SAFE_INTEGER,
                },
              };
            },
          },
        ];
      default: {
        const never: never = intent;
        throw new TypeError(`unknown intent ${JSON.stringify(never)}`);
      }
    }
  });
}

class SourceTimeout extends Error {}

/**
 * Runs every task at once, each with its own timeout inside the overall deadline: total latency
 * follows the slowest source, not the sum. A slow or failing source becomes a SourceCall with its
 * status, never a failed request.
 */
export async function fanOut(
  tasks: readonly SourceTask[],
  {
    loaders,
    parent,
    timeoutMs,
    deadline,
    requestStart,
  }: {
    /** Loaders whose deadline bounds the upstream calls, retries included (see `LoadContext`). */
    loaders: Loaders;
    /** The span each source's span is a child of. */
    parent: SpanParent;
    timeoutMs: number;
    deadline: number;
    /** Epoch ms the request started: values fetched before it came from the cache. */
    requestStart: number;
  },
): Promise<FetchOutcome[]> {
  return Promise.all(
    tasks.map((task) =>
      parent.run(`source ${task.name}`, async (span): Promise<FetchOutcome> => {
        const started = performance.now();
        const budget = Math.max(0, Math.min(timeoutMs, deadline - Date.now()));
        span.set('source', task.source);
        span.set('timeout_ms', budget);
        let timer: NodeJS.Timeout | undefined;
        try {
          const result = await Promise.race([
            // The loaders' deadline also bounds the resilience layer's retries of these calls.
            task.run(loaders),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new SourceTimeout()), budget);
            }),
          ]);
          const { provenance } = result;
          const cached = Date.parse(provenance.fetchedAt) < requestStart;
          const status = isStale(provenance) ? 'STALE' : cached ? 'CACHED' : 'OK';
          span.set('provider', provenance.provider);
          span.set('cache', status);
          return {
            call: {
              name: task.name,
              provider: provenance.provider,
              args: task.args,
              status,
              latencyMs: roundMs(performance.now() - started),
              cached,
              error: null,
            },
            evidence: result.evidence,
          };
        } catch (error) {
          const timedOut = error instanceof SourceTimeout;
          const message = timedOut
            ? `no answer within ${budget} ms`
            : isGatewayError(error)
              ? error.message
              : 'unexpected failure';
          span.fail(message);
          return {
            call: {
              name: task.name,
              provider: isGatewayError(error) ? (error.provider ?? null) : null,
              args: task.args,
              status:
                timedOut || (isGatewayError(error) && error.code === 'UPSTREAM_TIMEOUT')
                  ? 'TIMEOUT'
                  : 'FAILED',
              latencyMs: roundMs(performance.now() - started),
              cached: false,
              error: message,
            },
            evidence: [],
          };
        } finally {
          clearTimeout(timer);
        }
      }),
    ),
  );
}

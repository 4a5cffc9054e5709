import { z } from 'zod';
import { badInput, ErrorCode, GatewayError, isGatewayError } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import { loadManyCached } from './cached.js';
import { mapWithConcurrency } from './concurrency.js';
import { stripHtml, truncateAtWord } from './html.js';
import { badResponse, getUpstream, parseJson, unexpectedStatus } from './http.js';
import type { Article, NewsKey, NewsPage } from './model.js';
import type { LoadContext, Source, SourceDeps } from './types.js';

const PROVIDER = 'hn-algolia';
/** News moves fast; five minutes keeps repeated queries cheap without serving yesterday's front page. */
export const NEWS_TTL_SECONDS = 300;
const SUMMARY_CHARS = 300;

/** The deps of a news adapter plus its tuning, in one params object. */
export interface NewsSourceDeps extends SourceDeps {
  /** Seconds past the TTL a page is kept to be served stale when the provider fails (default 3600). */
  graceSeconds?: number;
  /** Upstream calls in flight per batch (default 6): the providers take one query per call. */
  concurrency?: number;
}

/** A key after validation: the query trimmed with its spaces collapsed, the limit checked. */
export function normalizeNewsKey(key: NewsKey, maxQueryLength = Infinity): NewsKey | GatewayError {
  const query = key.query.trim().replace(/\s+/g, ' ');
  if (query.length === 0) return badInput('A news query must not be empty');
  if (query.length > maxQueryLength) {
    return badInput(`A news query must be at most ${maxQueryLength} characters`);
  }
  if (!Number.isInteger(key.limit) || key.limit < 1 || key.limit > 50) {
    return badInput('The news limit must be an integer from 1 to 50');
  }
  return { query, limit: key.limit };
}

export interface NewsLoad {
  provider: string;
  deps: NewsSourceDeps;
  maxQueryLength?: number;
  /** One upstream call for one normalised key; throws a GatewayError on failure. */
  fetchPage(key: NewsKey, scope: SourceScope | undefined): Promise<Article[]>;
}

/**
 * The batch load both news adapters share: validates each key (bad ones get BAD_USER_INPUT in
 * their slot), reads the cache (key lower-cased: both providers search case-insensitively), and
 * fetches the distinct misses concurrently, one call each.
 */
export async function loadNewsPages(
  keys: readonly NewsKey[],
  load: NewsLoad,
  context: LoadContext | undefined,
): Promise<Array<NewsPage | Error>> {
  const { provider, deps } = load;
  const checked = keys.map((key) => normalizeNewsKey(key, load.maxQueryLength));
  const valid = checked.filter((key): key is NewsKey => !(key instanceof Error));
  const loaded = await loadManyCached<NewsKey, NewsPage>(valid, {
    cache: deps.cache,
    scope: context?.scope,
    keyOf: (key) => `news:${key.limit}:${key.query.toLowerCase()}`,
    ttlSeconds: NEWS_TTL_SECONDS,
    graceSeconds: deps.graceSeconds ?? 3600,
    load: (misses, scope) =>
      mapWithConcurrency(misses, deps.concurrency ?? 6, async (key) => {
        try {
          const articles = (await load.fetchPage(key, scope)).slice(0, key.limit);
          const fetchedAt = new Date().toISOString();
          return { articles, provider, fetchedAt, ttlSeconds: NEWS_TTL_SECONDS };
        } catch (error) {
          if (!isGatewayError(error)) throw error;
          deps.logger.warn({ provider, code: error.code }, 'news provider failed');
          return error;
        }
      }),
  });
  let next = 0;
  return checked.map((key) => (key instanceof Error ? key : (loaded[next++] as NewsPage | Error)));
}

const hitSchema = z
  .object({
    objectID: z.string().min(1),
    title: z.string().nullish(),
    url: z.string().nullish(),
    author: z.string().nullish(),
    story_text: z.string().nullish(),
    created_at: z.string().nullish(),
    created_at_i: z.number().nullish(),
  })
  .refine((hit) => hit.created_at != null || hit.created_at_i != null, 'a hit needs a date');

const searchSchema = z.object({ hits: z.array(hitSchema) });
const algoliaErrorSchema = z.object({ message: z.string(), status: z.number() });

type Hit = z.infer<typeof hitSchema>;

function publishedAt(hit: Hit): string {
  const time = hit.created_at ? Date.parse(hit.created_at) : (hit.created_at_i ?? NaN) * 1000;
  if (Number.isNaN(time)) throw badResponse(PROVIDER, 'a story with an unreadable date');
  return new Date(time).toISOString();
}

/** Link of a hit: its URL, or the HN item page for Ask HN posts, which have none. */
function linkOf(hit: Hit): { url: string; source: string } {
  const item = `https://news.ycombinator.com/item?id=${hit.objectID}`;
  if (!hit.url) return { url: item, source: 'news.ycombinator.com' };
  try {
    return { url: hit.url, source: new URL(hit.url).hostname.replace(/^www\./, '') };
  } catch {
    return { url: item, source: 'news.ycombinator.com' };
  }
}

/** Maps one hit; hits without a title (deleted or flagged stories) are skipped. */
function hitToArticle(hit: Hit): Article | undefined {
  if (!hit.title) return undefined;
  const text = hit.story_text ? stripHtml(hit.story_text) : '';
  return {
    id: `hn:${hit.objectID}`,
    title: hit.title,
    ...linkOf(hit),
    author: hit.author ?? null,
    publishedAt: publishedAt(hit),
    summary: text ? truncateAtWord(text, SUMMARY_CHARS) : null,
    provider: PROVIDER,
  };
}

/** Hacker News through Algolia's search API: one `/api/v1/search` call per distinct query. */
export function createHackerNewsSource(deps: NewsSourceDeps): Source<NewsKey, NewsPage> {
  async function fetchPage(key: NewsKey, scope: SourceScope | undefined): Promise<Article[]> {
    const url = new URL(`${deps.baseUrl}/api/v1/search`);
    url.searchParams.set('query', key.query);
    url.searchParams.set('tags', 'story');
    url.searchParams.set('hitsPerPage', String(key.limit));
    const response = await getUpstream({
      fetch: deps.fetch,
      provider: PROVIDER,
      url,
      timeoutMs: deps.timeoutMs,
      scope,
    });
    if (response.status !== 200) {
      if (response.status >= 400 && response.status < 500 && isAlgoliaError(response.text)) {
        throw new GatewayError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          `${PROVIDER} rejected the search (HTTP ${response.status})`,
          { provider: PROVIDER },
        );
      }
      throw unexpectedStatus(PROVIDER, response.status);
    }
    const body = parseJson(PROVIDER, response.text, searchSchema);
    return body.hits.map(hitToArticle).filter((article) => article !== undefined);
  }

  return {
    name: PROVIDER,
    loadMany: function loadHackerNews(keys, context) {
      return loadNewsPages(keys, { provider: PROVIDER, deps, fetchPage }, context);
    },
  };
}

function isAlgoliaError(text: string): boolean {
  try {
    return algoliaErrorSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

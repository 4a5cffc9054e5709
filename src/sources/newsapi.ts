import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ErrorCode, GatewayError } from '../errors.js';
import type { SourceScope } from '../resilience/scope.js';
import { loadNewsPages, type NewsSourceDeps } from './hn-algolia.js';
import { getUpstream, parseJson, unexpectedStatus } from './http.js';
import type { Article, NewsKey, NewsPage } from './model.js';
import type { Source } from './types.js';

const PROVIDER = 'newsapi';
/** NewsAPI rejects a longer `q` with parameterInvalid; we answer BAD_USER_INPUT without a call. */
export const NEWSAPI_MAX_QUERY = 500;

const articleSchema = z.object({
  source: z.object({ id: z.string().nullish(), name: z.string() }),
  author: z.string().nullish(),
  title: z.string(),
  description: z.string().nullish(),
  url: z.string().min(1),
  publishedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'a date'),
});
const okSchema = z.object({ status: z.literal('ok'), articles: z.array(articleSchema) });
const errorSchema = z.object({
  status: z.literal('error'),
  code: z.string(),
  message: z.string().nullish(),
});

type NewsApiArticle = z.infer<typeof articleSchema>;

/** `newsapi:` and 16 hex characters of the URL's SHA-1: stable across calls and providers' reorderings. */
export function newsApiArticleId(url: string): string {
  return `newsapi:${createHash('sha1').update(url).digest('hex').slice(0, 16)}`;
}

function toArticle(article: NewsApiArticle): Article | undefined {
  // NewsAPI keeps the slot of a taken-down article and blanks it to "[Removed]".
  if (article.title === '[Removed]') return undefined;
  return {
    id: newsApiArticleId(article.url),
    title: article.title,
    url: article.url,
    source: article.source.name,
    author: article.author ?? null,
    publishedAt: new Date(article.publishedAt).toISOString(),
    summary: article.description ?? null,
    provider: PROVIDER,
  };
}

/** The error a documented NewsAPI error code stands for; the code is safe to show, the key never is. */
function newsApiError(code: string, status: number): GatewayError {
  const error = (errorCode: ErrorCode, message: string) =>
    new GatewayError(errorCode, `${PROVIDER} ${message} (${code})`, { provider: PROVIDER });
  switch (code) {
    case 'apiKeyMissing':
    case 'apiKeyInvalid':
    case 'apiKeyDisabled':
      return error(ErrorCode.UPSTREAM_UNAVAILABLE, 'rejected our API key');
    case 'rateLimited':
    case 'apiKeyExhausted':
      return error(ErrorCode.UPSTREAM_RATE_LIMITED, 'is rate limiting us');
    case 'parameterInvalid':
    case 'parametersMissing':
      return error(ErrorCode.UPSTREAM_UNAVAILABLE, 'rejected the request parameters');
    default:
      return status === 429
        ? error(ErrorCode.UPSTREAM_RATE_LIMITED, 'is rate limiting us')
        : error(ErrorCode.UPSTREAM_UNAVAILABLE, `answered an error with HTTP ${status}`);
  }
}

/** An error body, whatever the status (NewsAPI may send one with 200); undefined otherwise. */
function errorBody(text: string): z.infer<typeof errorSchema> | undefined {
  try {
    const parsed = errorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * NewsAPI.org `/v2/everything`, newest first, English. The key goes in the `X-Api-Key` header,
 * never the query string, so it cannot end up in a logged URL.
 */
export function createNewsApiSource(deps: NewsSourceDeps): Source<NewsKey, NewsPage> {
  async function fetchPage(key: NewsKey, scope: SourceScope | undefined): Promise<Article[]> {
    const url = new URL(`${deps.baseUrl}/v2/everything`);
    url.searchParams.set('q', key.query);
    url.searchParams.set('pageSize', String(key.limit));
    url.searchParams.set('sortBy', 'publishedAt');
    url.searchParams.set('language', 'en');
    const headers: Record<string, string> = deps.apiKey ? { 'x-api-key': deps.apiKey } : {};
    // 429 and 5xx are mapped by getUpstream before the body is read (rateLimited, apiKeyExhausted).
    const response = await getUpstream({
      fetch: deps.fetch,
      provider: PROVIDER,
      url,
      timeoutMs: deps.timeoutMs,
      headers,
      scope,
    });
    const failure = errorBody(response.text);
    if (failure) throw newsApiError(failure.code, response.status);
    if (response.status !== 200) throw unexpectedStatus(PROVIDER, response.status);
    const body = parseJson(PROVIDER, response.text, okSchema);
    return body.articles.map(toArticle).filter((article) => article !== undefined);
  }

  return {
    name: PROVIDER,
    loadMany: function loadNewsApi(keys, context) {
      return loadNewsPages(
        keys,
        { provider: PROVIDER, deps, maxQueryLength: NEWSAPI_MAX_QUERY, fetchPage },
        context,
      );
    },
  };
}

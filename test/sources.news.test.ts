import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMemoryCache } from '../src/cache/memory.js';
import { hnAlgoliaProvider } from '../src/emulator/providers/hn-algolia.js';
import { newsApiProvider } from '../src/emulator/providers/newsapi.js';
import { startEmulator, type ProviderEmulator } from '../src/emulator/server.js';
import { ErrorCode, isGatewayError, type GatewayError } from '../src/errors.js';
import { createSilentLogger } from '../src/logger.js';
import { createFallbackChain } from '../src/sources/chain.js';
import { createHackerNewsSource, type NewsSourceDeps } from '../src/sources/hn-algolia.js';
import { stripHtml, truncateAtWord } from '../src/sources/html.js';
import type { NewsKey, NewsPage } from '../src/sources/model.js';
import { createNewsApiSource } from '../src/sources/newsapi.js';
import { describeSourceContract } from './support/source-contract.js';

const KEY = 'test-key-5f2c9e';

/** Only the two news providers: this suite does not depend on the other emulated providers. */
const startNewsEmulator = () =>
  startEmulator({ providers: [hnAlgoliaProvider(), newsApiProvider()], port: 0 });

function depsFor(
  emulator: ProviderEmulator,
  provider: string,
  extra: Partial<NewsSourceDeps> = {},
) {
  return {
    fetch: globalThis.fetch,
    cache: createMemoryCache({ maxEntries: 1000 }),
    logger: createSilentLogger(),
    baseUrl: emulator.baseUrl(provider),
    timeoutMs: 2000,
    ...extra,
  };
}

const hnSource = (emulator: ProviderEmulator, extra: Partial<NewsSourceDeps> = {}) =>
  createHackerNewsSource(depsFor(emulator, 'hn-algolia', extra));
const newsApiSource = (emulator: ProviderEmulator, extra: Partial<NewsSourceDeps> = {}) =>
  createNewsApiSource(depsFor(emulator, 'newsapi', { apiKey: KEY, ...extra }));

function page(value: NewsPage | Error): NewsPage {
  assert.ok(!(value instanceof Error), `expected a page, got ${String(value)}`);
  return value;
}

function failure(value: NewsPage | Error | undefined): GatewayError {
  assert.ok(isGatewayError(value), `expected a GatewayError, got ${JSON.stringify(value)}`);
  return value;
}

const respond = (emulator: ProviderEmulator, provider: string, status: number, body: unknown) =>
  emulator.inject(provider, {
    fault: {
      kind: 'respond',
      response: {
        status,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        contentType: 'application/json; charset=utf-8',
      },
    },
  });

const present: NewsKey[] = [
  { query: 'bitcoin', limit: 3 },
  { query: 'postgres', limit: 2 },
];
const answers = (key: NewsKey, value: NewsPage) =>
  value.articles.length > 0 &&
  value.articles.length <= key.limit &&
  value.articles.every((a) => `${a.title} ${a.summary}`.toLowerCase().includes(key.query));

// A news search has no "no such thing" answer (no match is an empty page), so the contract's
// failing key is an invalid one: BAD_USER_INPUT in its slot while the others are answered.
for (const [provider, make] of [
  ['hn-algolia', hnSource],
  ['newsapi', newsApiSource],
] as const) {
  describeSourceContract<NewsKey, NewsPage>({
    provider,
    create: ({ emulator, cache }) => make(emulator, { cache }),
    present,
    missing: { query: 'rust', limit: 0 },
    missingCode: ErrorCode.BAD_USER_INPUT,
    matches: answers,
  });

  describe(`news key validation and normalisation: ${provider}`, () => {
    let emulator: ProviderEmulator;
    before(async () => {
      emulator = await startNewsEmulator();
    });
    after(() => emulator.close());

    it('puts BAD_USER_INPUT in the slot of each invalid key and answers the others', async () => {
      const bad = [
        { query: 'rust', limit: 51 },
        { query: 'rust', limit: 2.5 },
        { query: '   ', limit: 5 },
      ];
      for (const key of bad) {
        const results = await make(emulator).loadMany([
          present[0] as NewsKey,
          key,
          present[1] as NewsKey,
        ]);
        assert.equal(results.length, 3);
        page(results[0] as NewsPage);
        assert.equal(failure(results[1]).code, ErrorCode.BAD_USER_INPUT, JSON.stringify(key));
        page(results[2] as NewsPage);
      }
    });

    it('fetches a key differing only in case and spaces once', async () => {
      emulator.resetCalls();
      const results = await make(emulator).loadMany([
        present[0] as NewsKey,
        { query: '  Bitcoin ', limit: 3 },
      ]);
      assert.equal(emulator.calls(provider), 1);
      assert.deepEqual(page(results[1] as NewsPage), page(results[0] as NewsPage));
    });
  });
}

describe('html helpers', () => {
  it('strips tags, breaks paragraphs and decodes entities', () => {
    assert.equal(
      stripHtml(
        'I don&#x27;t know<p>and&#x2F;or <i>this</i> &amp; &lt;b&gt; &quot;x&quot; &#39;y&#39; &#8212; &gt;',
      ),
      "I don't know and/or this & <b> \"x\" 'y' — >",
    );
    assert.equal(stripHtml('<a href="https:&#x2F;&#x2F;x.io">link</a>\n\n  text'), 'link text');
    assert.equal(stripHtml('&#xFFFFFFF; &bogus;'), '&#xFFFFFFF; &bogus;');
  });

  it('truncates at a word boundary with an ellipsis', () => {
    assert.equal(truncateAtWord('short', 10), 'short');
    assert.equal(truncateAtWord('the quick brown fox jumps', 16), 'the quick brown…');
    assert.equal(truncateAtWord('the quick brown fox', 15), 'the quick…');
    assert.equal(truncateAtWord('supercalifragilistic', 8), 'superca…');
    const long = 'word '.repeat(100);
    assert.ok(truncateAtWord(long, 300).length <= 300);
  });
});

describe('news adapters', () => {
  let emulator: ProviderEmulator;
  before(async () => {
    emulator = await startNewsEmulator();
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.clearFaults();
    emulator.resetCalls();
  });

  describe('hn-algolia', () => {
    it('sends one search per distinct key, concurrently, with the real parameters', async () => {
      const keys = [
        { query: 'rust', limit: 4 },
        { query: 'Postgres   backup', limit: 3 },
        { query: 'rust', limit: 4 },
        { query: 'bitcoin', limit: 2 },
      ];
      const results = await hnSource(emulator).loadMany(keys);
      assert.equal(emulator.calls('hn-algolia'), 3);
      const sent = emulator
        .requests('hn-algolia')
        .map((url) => Object.fromEntries(url.searchParams));
      assert.ok(sent.every((params) => params.tags === 'story'));
      assert.deepEqual(sent.map((params) => `${params.query}/${params.hitsPerPage}`).sort(), [
        'Postgres backup/3',
        'bitcoin/2',
        'rust/4',
      ]);
      assert.ok(
        emulator
          .requests('hn-algolia')
          .every((url) => url.pathname === '/hn-algolia/api/v1/search'),
      );
      results.forEach((value, i) =>
        assert.ok(page(value).articles.length <= (keys[i] as NewsKey).limit),
      );
    });

    it('maps an Ask HN story: item URL, HN as source, HTML-free summary cut at a word', async () => {
      const [value] = await hnSource(emulator).loadMany([{ query: 'evaluating llm', limit: 5 }]);
      const ask = page(value as NewsPage).articles.find((a) => a.title.startsWith('Ask HN'));
      assert.ok(ask, 'the Ask HN story is found');
      assert.match(ask.id, /^hn:\d+$/);
      assert.equal(ask.url, `https://news.ycombinator.com/item?id=${ask.id.slice(3)}`);
      assert.equal(ask.source, 'news.ycombinator.com');
      assert.equal(ask.author, 'dsalzman');
      assert.equal(ask.provider, 'hn-algolia');
      assert.ok(ask.summary && ask.summary.length <= 300 && ask.summary.endsWith('…'));
      assert.doesNotMatch(ask.summary, /<p>|&#x27;|&#x2F;/);
      assert.match(ask.summary, /It doesn't scale/);
      assert.ok(!Number.isNaN(Date.parse(ask.publishedAt)));
    });

    it('maps a link story: host without www, no summary, ids stable across loads', async () => {
      const [first] = await hnSource(emulator).loadMany([{ query: 'openai prices', limit: 1 }]);
      const [again] = await hnSource(emulator).loadMany([{ query: 'openai prices', limit: 1 }]);
      const article = page(first as NewsPage).articles[0];
      assert.equal(article?.source, 'theverge.com');
      assert.equal(article?.summary, null);
      assert.match(article?.url ?? '', /^https:\/\/www\.theverge\.com\//);
      const raw = await fetch(
        `${emulator.baseUrl('hn-algolia')}/api/v1/search?query=openai+prices&tags=story&hitsPerPage=1`,
      );
      const { hits } = (await raw.json()) as { hits: Array<{ objectID: string }> };
      assert.equal(article?.id, `hn:${hits[0]?.objectID}`);
      assert.equal(page(again as NewsPage).articles[0]?.id, article?.id);
    });

    it('answers a query without matches with an empty page, not an error', async () => {
      const [value] = await hnSource(emulator).loadMany([{ query: 'zzqxv nothing', limit: 5 }]);
      const result = page(value as NewsPage);
      assert.deepEqual(result.articles, []);
      assert.equal(result.ttlSeconds, 300);
      assert.ok(Date.now() - Date.parse(result.fetchedAt) < 10_000);
    });

    it('skips hits without a title and reads created_at_i when created_at is absent', async () => {
      respond(emulator, 'hn-algolia', 200, {
        hits: [
          { objectID: '1', title: null, author: 'a', created_at: '2025-01-01T00:00:00Z' },
          {
            objectID: '2',
            title: 'Kept',
            url: 'https://www.example.org/x',
            author: 'b',
            created_at_i: 1735689600,
          },
        ],
      });
      const [value] = await hnSource(emulator).loadMany([{ query: 'x', limit: 5 }]);
      assert.deepEqual(page(value as NewsPage).articles, [
        {
          id: 'hn:2',
          title: 'Kept',
          url: 'https://www.example.org/x',
          source: 'example.org',
          author: 'b',
          publishedAt: '2025-01-01T00:00:00.000Z',
          summary: null,
          provider: 'hn-algolia',
        },
      ]);
    });

    it('maps an Algolia error body to UPSTREAM_UNAVAILABLE', async () => {
      respond(emulator, 'hn-algolia', 400, {
        message: 'Invalid value for "hitsPerPage"',
        status: 400,
      });
      const [value] = await hnSource(emulator).loadMany([{ query: 'rust', limit: 5 }]);
      const error = failure(value);
      assert.equal(error.code, ErrorCode.UPSTREAM_UNAVAILABLE);
      assert.equal(error.provider, 'hn-algolia');
      assert.doesNotMatch(error.message, /http:|127\.0\.0\.1/);
    });

    for (const [what, body] of [
      ['a body that is not JSON', '<html>busy</html>'],
      ['a body without hits', { nbHits: 0 }],
      ['a numeric objectID', { hits: [{ objectID: 3, title: 't', created_at_i: 1 }] }],
      ['a hit without a date', { hits: [{ objectID: '3', title: 't' }] }],
    ] as const) {
      it(`maps ${what} to UPSTREAM_BAD_RESPONSE`, async () => {
        respond(emulator, 'hn-algolia', 200, body);
        const [value] = await hnSource(emulator).loadMany([{ query: 'rust', limit: 5 }]);
        assert.equal(failure(value).code, ErrorCode.UPSTREAM_BAD_RESPONSE);
      });
    }

    it('maps a hung upstream to UPSTREAM_TIMEOUT', async () => {
      emulator.inject('hn-algolia', { fault: { kind: 'hang' } });
      const [value] = await hnSource(emulator, { timeoutMs: 100 }).loadMany([
        { query: 'rust', limit: 5 },
      ]);
      assert.equal(failure(value).code, ErrorCode.UPSTREAM_TIMEOUT);
    });
  });

  describe('newsapi', () => {
    it('sends the key in the X-Api-Key header, never in the URL, with the real parameters', async () => {
      const [value] = await newsApiSource(emulator).loadMany([
        { query: '  Bitcoin  ETF ', limit: 4 },
      ]);
      page(value as NewsPage);
      const [url] = emulator.requests('newsapi');
      assert.ok(url);
      assert.equal(url.pathname, '/newsapi/v2/everything');
      assert.deepEqual(Object.fromEntries(url.searchParams), {
        q: 'Bitcoin ETF',
        pageSize: '4',
        sortBy: 'publishedAt',
        language: 'en',
      });
      assert.ok(!url.href.includes(KEY), 'the key is not in the URL');
      assert.ok(!url.searchParams.has('apiKey'));
    });

    it('maps articles: url-hash ids, outlet as source, description as summary, newest first', async () => {
      const [value] = await newsApiSource(emulator).loadMany([{ query: 'bitcoin', limit: 10 }]);
      const { articles, provider } = page(value as NewsPage);
      assert.equal(provider, 'newsapi');
      assert.ok(articles.length >= 4);
      for (const article of articles) {
        const hash = createHash('sha1')
          .update(article.url ?? '')
          .digest('hex');
        assert.equal(article.id, `newsapi:${hash.slice(0, 16)}`);
        assert.equal(article.provider, 'newsapi');
      }
      const times = articles.map((a) => Date.parse(a.publishedAt));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      assert.ok(articles.some((a) => a.source === 'CoinDesk'));
      const [nulls] = await newsApiSource(emulator).loadMany([{ query: 'device code', limit: 5 }]);
      assert.equal(page(nulls as NewsPage).articles[0]?.summary, null);
    });

    it('refuses a query over 500 characters without calling NewsAPI', async () => {
      const long = 'a'.repeat(501);
      const results = await newsApiSource(emulator).loadMany([{ query: long, limit: 5 }]);
      assert.equal(failure(results[0]).code, ErrorCode.BAD_USER_INPUT);
      assert.equal(emulator.calls('newsapi'), 0);
      const [ok] = await newsApiSource(emulator).loadMany([{ query: 'a'.repeat(500), limit: 5 }]);
      assert.deepEqual(page(ok as NewsPage).articles, []);
    });

    const cases: Array<[string, number, ErrorCode]> = [
      ['apiKeyMissing', 401, ErrorCode.UPSTREAM_UNAVAILABLE],
      ['apiKeyInvalid', 401, ErrorCode.UPSTREAM_UNAVAILABLE],
      ['apiKeyDisabled', 401, ErrorCode.UPSTREAM_UNAVAILABLE],
      ['rateLimited', 429, ErrorCode.UPSTREAM_RATE_LIMITED],
      ['apiKeyExhausted', 429, ErrorCode.UPSTREAM_RATE_LIMITED],
      ['rateLimited', 200, ErrorCode.UPSTREAM_RATE_LIMITED],
      ['parameterInvalid', 400, ErrorCode.UPSTREAM_UNAVAILABLE],
      ['parametersMissing', 400, ErrorCode.UPSTREAM_UNAVAILABLE],
      ['maximumResultsReached', 426, ErrorCode.UPSTREAM_UNAVAILABLE],
      ['unexpectedError', 500, ErrorCode.UPSTREAM_UNAVAILABLE],
    ];
    for (const [code, status, expected] of cases) {
      it(`maps ${code} sent with HTTP ${status} to ${expected}`, async () => {
        respond(emulator, 'newsapi', status, { status: 'error', code, message: `about ${KEY}` });
        const [value] = await newsApiSource(emulator).loadMany([{ query: 'rust', limit: 5 }]);
        const error = failure(value);
        assert.equal(error.code, expected);
        assert.equal(error.provider, 'newsapi');
        assert.ok(!error.message.includes(KEY), 'the key never reaches a message');
        if (code.startsWith('apiKey') && status === 401)
          assert.match(error.message, /rejected our API key/);
      });
    }

    it('gets the real error bodies from the emulator for a missing, invalid and exhausted key', async () => {
      const query = [{ query: 'rust', limit: 5 }];
      const missing = await newsApiSource(emulator, { apiKey: undefined }).loadMany(query);
      assert.match(failure(missing[0]).message, /rejected our API key \(apiKeyMissing\)/);
      const invalid = await newsApiSource(emulator, { apiKey: 'invalid' }).loadMany(query);
      assert.match(failure(invalid[0]).message, /rejected our API key \(apiKeyInvalid\)/);
      const exhausted = await newsApiSource(emulator, { apiKey: 'exhausted' }).loadMany(query);
      assert.equal(failure(exhausted[0]).code, ErrorCode.UPSTREAM_RATE_LIMITED);
    });

    it('skips [Removed] articles', async () => {
      const removed = {
        source: { id: null, name: '[Removed]' },
        author: null,
        title: '[Removed]',
        description: '[Removed]',
        url: 'https://removed.com',
        urlToImage: null,
        publishedAt: '1970-01-01T00:00:00Z',
        content: '[Removed]',
      };
      const kept = {
        ...removed,
        source: { id: 'wired', name: 'Wired' },
        title: 'Kept',
        url: 'https://www.wired.com/k',
      };
      respond(emulator, 'newsapi', 200, {
        status: 'ok',
        totalResults: 2,
        articles: [removed, kept],
      });
      const [value] = await newsApiSource(emulator).loadMany([{ query: 'k', limit: 5 }]);
      assert.deepEqual(
        page(value as NewsPage).articles.map((a) => [a.title, a.source, a.summary]),
        [['Kept', 'Wired', '[Removed]']],
      );
    });

    for (const [what, body] of [
      ['a body that is not JSON', 'Service temporarily unavailable'],
      ['an ok body without articles', { status: 'ok', totalResults: 3 }],
      [
        'an article without a url',
        {
          status: 'ok',
          articles: [{ source: { name: 'x' }, title: 't', publishedAt: '2025-01-01T00:00:00Z' }],
        },
      ],
    ] as const) {
      it(`maps ${what} to UPSTREAM_BAD_RESPONSE`, async () => {
        respond(emulator, 'newsapi', 200, body);
        const [value] = await newsApiSource(emulator).loadMany([{ query: 'rust', limit: 5 }]);
        assert.equal(failure(value).code, ErrorCode.UPSTREAM_BAD_RESPONSE);
      });
    }

    it('maps a hung upstream to UPSTREAM_TIMEOUT', async () => {
      emulator.inject('newsapi', { fault: { kind: 'hang' } });
      const [value] = await newsApiSource(emulator, { timeoutMs: 100 }).loadMany([
        { query: 'rust', limit: 5 },
      ]);
      assert.equal(failure(value).code, ErrorCode.UPSTREAM_TIMEOUT);
    });
  });

  describe('news fallback chain', () => {
    const chain = (apiKey: string) =>
      createFallbackChain('news', [newsApiSource(emulator, { apiKey }), hnSource(emulator)]);

    it('serves from Hacker News when NewsAPI is rate limited', async () => {
      const [value] = await chain('exhausted').loadMany([{ query: 'postgres', limit: 3 }]);
      const result = page(value as NewsPage);
      assert.equal(result.provider, 'hn-algolia');
      assert.ok(result.articles.length > 0 && result.articles.every((a) => a.id.startsWith('hn:')));
      assert.equal(emulator.calls('newsapi'), 1);
      assert.equal(emulator.calls('hn-algolia'), 1);
    });

    it('stays on NewsAPI when it answers, and does not fall back on bad input', async () => {
      const results = await chain(KEY).loadMany([
        { query: 'postgres', limit: 3 },
        { query: 'postgres', limit: 0 },
      ]);
      assert.equal(page(results[0] as NewsPage).provider, 'newsapi');
      assert.equal(failure(results[1]).code, ErrorCode.BAD_USER_INPUT);
      assert.equal(emulator.calls('hn-algolia'), 0);
    });
  });
});

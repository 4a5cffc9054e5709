import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { hnAlgoliaProvider } from '../src/emulator/providers/hn-algolia.js';
import { newsApiProvider } from '../src/emulator/providers/newsapi.js';
import { startEmulator, type ProviderEmulator } from '../src/emulator/server.js';

const SAMPLES = new URL('./fixtures/providers/', import.meta.url);
const sample = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(new URL(name, SAMPLES), 'utf8')) as unknown;

type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';
/** The JSON shape a set of real examples shows: types per path, keys present in every example. */
interface Shape {
  types: Set<JsonType>;
  keys: Map<string, Shape>;
  required: Set<string>;
  items?: Shape;
}
type Json = Record<string, unknown>;

const typeOf = (value: unknown): JsonType =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType);

function shapeOf(examples: readonly unknown[]): Shape {
  const shape: Shape = {
    types: new Set(examples.map(typeOf)),
    keys: new Map(),
    required: new Set(),
  };
  const objects = examples.filter((e): e is Json => typeOf(e) === 'object');
  for (const name of new Set(objects.flatMap((o) => Object.keys(o)))) {
    const holders = objects.filter((o) => name in o);
    shape.keys.set(name, shapeOf(holders.map((o) => o[name])));
    if (holders.length === objects.length) shape.required.add(name);
  }
  const items = examples.filter(Array.isArray).flat();
  if (items.length > 0) shape.items = shapeOf(items);
  return shape;
}

/** Same keys, same JSON types, same array-vs-object nesting as the real examples; values may differ. */
function assertShape(actual: unknown, shape: Shape, path = '$'): void {
  const type = typeOf(actual);
  assert.ok(
    shape.types.has(type),
    `${path} is ${type}; the real format has ${[...shape.types].join(' | ')}`,
  );
  if (type === 'object') {
    const object = actual as Json;
    for (const name of shape.required) assert.ok(name in object, `${path}.${name} is missing`);
    for (const [name, value] of Object.entries(object)) {
      const sub = shape.keys.get(name);
      assert.ok(sub, `${path}.${name} is not in the real format`);
      assertShape(value, sub, `${path}.${name}`);
    }
  }
  if (type === 'array') {
    (actual as unknown[]).forEach((item, i) => {
      assert.ok(shape.items, `${path} has items, the real example has none to compare with`);
      assertShape(item, shape.items, `${path}[${i}]`);
    });
  }
}

interface Answer {
  status: number;
  contentType: string | null;
  body: Json;
}

describe('news emulator fidelity', () => {
  let emulator: ProviderEmulator;
  const get = async (
    provider: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${emulator.baseUrl(provider)}${path}`, { headers });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (await response.json()) as Json,
    };
  };
  before(async () => {
    emulator = await startEmulator({
      providers: [hnAlgoliaProvider(), newsApiProvider()],
      port: 0,
    });
  });
  after(() => emulator.close());

  it('the shape check fails on a wrong type, a missing key or an extra key', async () => {
    const real = (await sample('hn-algolia-search.json')) as Json;
    const shape = shapeOf([real]);
    const hit = (real.hits as Json[])[0] as Json;
    const wrong = [
      { ...real, hits: [{ ...hit, objectID: 13133437 }] },
      { ...real, nbPages: undefined },
      { ...real, extra: 1 },
      { ...real, hits: {} },
    ].map((body) => JSON.parse(JSON.stringify(body)) as unknown);
    for (const body of wrong) assert.throws(() => assertShape(body, shape));
    assertShape(real, shape);
  });

  describe('hn-algolia', () => {
    let real: Json;
    let askHit: Json;
    before(async () => {
      real = (await sample('hn-algolia-search.json')) as Json;
      askHit = (real.hits as Json[])[0] as Json;
    });

    it('answers an Ask HN search exactly in the shape of the sample (same request form)', async () => {
      const answer = await get(
        'hn-algolia',
        '/api/v1/search?query=wal+archiving&tags=story&hitsPerPage=2',
      );
      assert.equal(answer.status, 200);
      assert.equal(answer.contentType, 'application/json; charset=utf-8');
      assertShape(answer.body, shapeOf([real]));
      const hit = (answer.body.hits as Json[])[0] as Json;
      assert.equal(typeof hit.objectID, 'string');
      assert.equal(hit.story_id, Number(hit.objectID));
      assert.equal(hit.url, undefined, 'Ask HN stories have no url');
      assert.match(String(hit.story_text), /&#x27;/, 'story_text is HTML-escaped like the sample');
      assert.equal(
        answer.body.params,
        'query=wal+archiving&tags=story&hitsPerPage=2&advancedSyntax=true&analyticsTags=backend',
      );
      assert.equal(answer.body.query, 'wal archiving');
      assert.deepEqual(
        Object.keys(answer.body),
        Object.keys(real),
        'top-level keys in the real order',
      );
    });

    it('answers link stories with url in place of story_text, highlight entries in the sample format', async () => {
      // The README documents url for link stories and its absence for Ask HN; every highlight
      // entry has the format of one of the sample's entries.
      const entries = Object.values(askHit._highlightResult as Json);
      const { story_text: _text, ...rest } = askHit;
      const linkHit = { ...rest, url: 'https://example.org/' };
      const highlights = entries.flatMap((entry) => [
        { author: entry, title: entry, story_text: entry },
        { author: entry, title: entry, url: entry },
      ]);
      const hits = [askHit, linkHit].flatMap((hit) =>
        highlights.map((h) => ({ ...hit, _highlightResult: h })),
      );
      const shape = shapeOf([{ ...real, hits }]);
      for (const query of ['postgres', 'rust', 'bitcoin', '']) {
        const answer = await get('hn-algolia', `/api/v1/search?query=${query}&tags=story`);
        assert.equal(answer.status, 200);
        assertShape(answer.body, shape);
        for (const hit of answer.body.hits as Json[]) {
          const attributes = ['author', 'story_text', 'title', 'url'].filter((name) => name in hit);
          assert.deepEqual(Object.keys(hit._highlightResult as Json), attributes);
          assert.ok(
            'url' in hit !== 'story_text' in hit,
            `${String(hit.title)}: url or story_text`,
          );
        }
      }
    });

    it('honours hitsPerPage and page, and pages through every story once', async () => {
      const first = await get('hn-algolia', '/api/v1/search?query=&hitsPerPage=5&page=0');
      const { nbHits, nbPages } = first.body as { nbHits: number; nbPages: number };
      assert.ok(nbHits >= 35, `about 40 stories, got ${nbHits}`);
      assert.equal(nbPages, Math.ceil(nbHits / 5));
      const ids = new Set<string>();
      for (let page = 0; page < nbPages; page++) {
        const answer = await get('hn-algolia', `/api/v1/search?hitsPerPage=5&page=${page}`);
        assert.equal(answer.body.page, page);
        assert.equal(answer.body.hitsPerPage, 5);
        for (const hit of answer.body.hits as Json[]) ids.add(String(hit.objectID));
      }
      assert.equal(ids.size, nbHits);
    });

    it('matches every query word in title or text and ranks title matches, then points', async () => {
      const answer = await get('hn-algolia', '/api/v1/search?query=postgres+backup&tags=story');
      const hits = answer.body.hits as Json[];
      assert.ok(hits.length > 0);
      for (const hit of hits)
        assert.match(
          `${String(hit.title)} ${String(hit.story_text)}`,
          /postgres[\s\S]*backup|backup[\s\S]*postgres/i,
        );
      const ranked = (await get('hn-algolia', '/api/v1/search?query=rust')).body.hits as Json[];
      const inTitle = ranked.filter((hit) => /rust/i.test(String(hit.title)));
      assert.deepEqual(ranked.slice(0, inTitle.length), inTitle);
      const points = inTitle.map((hit) => Number(hit.points));
      assert.deepEqual(
        points,
        [...points].sort((a, b) => b - a),
      );
      const none = await get('hn-algolia', '/api/v1/search?query=zzqxv&tags=story');
      assert.deepEqual(
        [none.body.nbHits, none.body.nbPages, (none.body.hits as Json[]).length],
        [0, 0, 0],
      );
    });

    it('honours tags and sorts search_by_date newest first', async () => {
      const ask = await get('hn-algolia', '/api/v1/search?tags=ask_hn');
      const asks = ask.body.hits as Json[];
      assert.ok(
        asks.length >= 5 && asks.every((hit) => (hit._tags as string[]).includes('ask_hn')),
      );
      const comments = await get('hn-algolia', '/api/v1/search?query=rust&tags=comment');
      assert.equal(comments.body.nbHits, 0);
      const dated = (await get('hn-algolia', '/api/v1/search_by_date?tags=story&hitsPerPage=50'))
        .body.hits as Json[];
      const times = dated.map((hit) => Number(hit.created_at_i));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      const weeks = Date.now() / 1000 - 6 * 7 * 86400;
      assert.ok(
        times.every((t) => t > weeks && t <= Date.now() / 1000),
        'dates within the last weeks',
      );
    });

    it("answers a bad parameter and an unknown path in Algolia's error format", async () => {
      const bad = await get('hn-algolia', '/api/v1/search?query=x&hitsPerPage=lots');
      assert.equal(bad.status, 400);
      assert.equal(bad.contentType, 'application/json; charset=utf-8');
      assertShape(bad.body, shapeOf([{ message: 'm', status: 400 }]));
      const missing = await get('hn-algolia', '/api/v1/nothing');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.status, 404);
    });
  });

  describe('newsapi', () => {
    let article: Shape;
    let errorShape: Shape;
    const key = { 'X-Api-Key': 'emulated-key' };
    before(async () => {
      const bodies = await Promise.all(
        ['newsapi-everything.json', 'newsapi-top-headlines.json'].map(sample),
      );
      // Both endpoints return the same article format: nullable fields are seen across both samples.
      article = shapeOf(bodies);
      errorShape = shapeOf(
        await Promise.all(
          [
            'newsapi-error-apikeymissing.json',
            'newsapi-error-apikeyinvalid.json',
            'newsapi-error-ratelimited.json',
          ].map(sample),
        ),
      );
    });

    it('answers /v2/everything in the real format, honouring q, sortBy, pageSize and page', async () => {
      const answer = await get(
        'newsapi',
        '/v2/everything?q=bitcoin&sortBy=publishedAt&pageSize=3',
        key,
      );
      assert.equal(answer.status, 200);
      assert.equal(answer.contentType, 'application/json; charset=utf-8');
      assertShape(answer.body, article);
      const articles = answer.body.articles as Json[];
      assert.equal(articles.length, 3);
      assert.ok(Number(answer.body.totalResults) > 3);
      const times = articles.map((a) => String(a.publishedAt));
      assert.deepEqual(times, [...times].sort().reverse());
      for (const a of articles) {
        assert.match(`${String(a.title)} ${String(a.description)}`, /bitcoin/i);
        if (a.content !== null) assert.match(String(a.content), /… \[\+\d+ chars\]$/);
        assert.match(String(a.publishedAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      const second = await get(
        'newsapi',
        '/v2/everything?q=bitcoin&sortBy=publishedAt&pageSize=3&page=2',
        key,
      );
      const ids = (second.body.articles as Json[]).map((a) => a.url);
      assert.ok(
        ids.every((url) => !articles.some((a) => a.url === url)),
        'page 2 follows page 1',
      );
    });

    it('answers /v2/top-headlines in the real format with "- Source" titles', async () => {
      const answer = await get('newsapi', '/v2/top-headlines?country=us&category=business', key);
      assert.equal(answer.status, 200);
      assertShape(answer.body, article);
      const articles = answer.body.articles as Array<{ title: string; source: { name: string } }>;
      assert.ok(articles.length >= 5);
      for (const a of articles) assert.ok(a.title.endsWith(` - ${a.source.name}`));
    });

    it('accepts the key as apiKey, X-Api-Key or Authorization', async () => {
      const q = '/v2/everything?q=rust';
      assert.equal((await get('newsapi', `${q}&apiKey=k`)).status, 200);
      assert.equal((await get('newsapi', q, { 'X-Api-Key': 'k' })).status, 200);
      assert.equal((await get('newsapi', q, { Authorization: 'k' })).status, 200);
      assert.equal((await get('newsapi', q, { Authorization: 'Bearer k' })).status, 200);
    });

    for (const [name, status, path, headers] of [
      ['newsapi-error-apikeymissing.json', 401, '/v2/everything?q=rust', {}],
      ['newsapi-error-apikeyinvalid.json', 401, '/v2/everything?q=rust&apiKey=invalid', {}],
      [
        'newsapi-error-ratelimited.json',
        429,
        '/v2/top-headlines?country=us',
        { 'X-Api-Key': 'exhausted' },
      ],
    ] as const) {
      it(`answers ${name} with HTTP ${status} and the exact real body`, async () => {
        const answer = await get('newsapi', path, headers);
        assert.equal(answer.status, status);
        assert.equal(answer.contentType, 'application/json; charset=utf-8');
        assert.deepEqual(answer.body, await sample(name));
      });
    }

    it('answers invalid parameters with 400/426 in the real error format', async () => {
      const long = await get('newsapi', `/v2/everything?q=${'a'.repeat(501)}`, key);
      assert.equal(long.status, 400);
      assertShape(long.body, errorShape);
      assert.equal(long.body.code, 'parameterInvalid');
      const broad = await get('newsapi', '/v2/everything?language=en', key);
      assert.equal(broad.status, 400);
      assert.equal(broad.body.code, 'parametersMissing');
      const deep = await get('newsapi', '/v2/everything?q=rust&pageSize=20&page=6', key);
      assert.equal(deep.status, 426);
      assertShape(deep.body, errorShape);
      assert.match(String(deep.body.message), /results 100 to 120/);
    });
  });
});

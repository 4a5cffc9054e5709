import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { chunkText, splitChunk } from '../src/vector/chunker.js';
import { dot, normalise } from '../src/vector/embedder.js';
import { exactSearch } from '../src/vector/exact-search.js';
import { stem, tokenizeWithParts as tokenize } from '../src/language/text.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { HnswIndex } from '../src/vector/hnsw.js';

/** A seeded generator, so every run tests the same vectors. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
}

/** `count` unit vectors around 20 random centres, plus queries drawn the same way. */
function clustered(count: number, dimension: number, seed = 7) {
  const random = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: 20 }, () => Float32Array.from({ length: dimension }, gauss));
  const near = (i: number) =>
    normalise(Float32Array.from(centres[i % 20] as Float32Array, (c) => c + 0.9 * gauss()));
  return { vectors: Array.from({ length: count }, (_, i) => near(i)), query: near };
}

const norm = (v: Float32Array) => Math.sqrt(dot(v, v));

describe('hashing embedder', () => {
  const embedder = createHashingEmbedder();

  it('is deterministic and returns unit vectors of its dimension', async () => {
    const texts = ['What is the rate limit of NewsAPI?', 'How do I configure Redis?'];
    const [a, b] = await embedder.embed(texts);
    const [again] = await createHashingEmbedder().embed([texts[0] as string]);
    assert.equal(embedder.id, 'hashing-v3');
    assert.equal(a?.length, 512);
    assert.deepEqual(a, again);
    assert.ok(Math.abs(norm(a as Float32Array) - 1) < 1e-6);
    assert.ok(Math.abs(norm(b as Float32Array) - 1) < 1e-6);
  });

  it('honours the dimension option and gives texts without words a zero vector', async () => {
    const [v, empty] = await createHashingEmbedder({ dimension: 64 }).embed([
      'redis cache',
      '  ?! ',
    ]);
    assert.equal(v?.length, 64);
    assert.equal(norm(empty as Float32Array), 0);
  });

  it('scores related texts above unrelated ones', async () => {
    const [query, related, other] = await embedder.embed([
      'NewsAPI rate limits',
      'The NewsAPI developer plan is limited to 100 requests per day.',
      'Open-Meteo forecasts need an attribution under CC BY 4.0.',
    ]);
    const q = query as Float32Array;
    assert.ok(dot(q, related as Float32Array) > dot(q, other as Float32Array) + 0.1);
  });

  it('tokenises camelCase and digit groups, and stems plurals and verb forms alike', () => {
    assert.deepEqual(tokenize('exchangeRate 10,000 Crème'), [
      'exchangerate',
      'exchange',
      'rate',
      '10000',
      'creme',
    ]);
    assert.equal(stem('caches'), stem('cached'));
    assert.equal(stem('limits'), stem('limit'));
    assert.equal(stem('queries'), stem('query'));
  });
});

describe('chunker', () => {
  const sentences = Array.from(
    { length: 40 },
    (_, i) => `Sentence ${i} talks about topic ${i % 7} at some length to fill space.`,
  );
  const long = [0, 1, 2, 3, 4].map((p) => sentences.slice(p * 8, p * 8 + 8).join(' ')).join('\n\n');

  it('keeps a short text whole and returns nothing for blank text', () => {
    assert.deepEqual(chunkText('  One short paragraph.  '), ['One short paragraph.']);
    assert.deepEqual(chunkText(' \n\n  '), []);
  });

  it('bounds chunk length, covers every sentence and is deterministic', () => {
    const chunks = chunkText(long, { maxChars: 300, overlapChars: 80 });
    assert.ok(chunks.length > 5);
    for (const chunk of chunks) {
      assert.ok(chunk.length <= 300, `chunk of ${chunk.length} characters`);
      assert.ok(chunk.trim() !== '');
    }
    for (const sentence of sentences)
      assert.ok(
        chunks.some((chunk) => chunk.includes(sentence)),
        sentence,
      );
    assert.deepEqual(chunkText(long, { maxChars: 300, overlapChars: 80 }), chunks);
  });

  it('cuts on sentence boundaries and repeats the tail of a chunk at the start of the next', () => {
    const chunks = chunkText(long, { maxChars: 300, overlapChars: 80 });
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1] as string;
      const current = chunks[i] as string;
      assert.ok(/[.]$/.test(previous), `chunk ${i - 1} ends mid-sentence`);
      const firstSentence = /^.*?\./.exec(current)?.[0] as string;
      assert.ok(previous.includes(firstSentence), `chunk ${i} does not start with an overlap`);
    }
  });

  it('starts a chunk at each heading and carries the heading trail', () => {
    const text =
      '# Providers\n\nIntro text.\n\n## NewsAPI\n\nNewsAPI allows 100 requests a day.\n\n## HN\n\nAbout 10,000 an hour.';
    assert.deepEqual(chunkText(text), [
      'Providers\n\nIntro text.',
      'Providers › NewsAPI\n\nNewsAPI allows 100 requests a day.',
      'Providers › HN\n\nAbout 10,000 an hour.',
    ]);
  });

  it('splits a chunk back into its heading trail and body', () => {
    const text =
      '# Providers\n\nIntro text.\n\n## NewsAPI.org\n\nNewsAPI allows 100 requests a day.';
    assert.deepEqual(chunkText(text).map(splitChunk), [
      { heading: 'Providers', body: 'Intro text.' },
      { heading: 'Providers › NewsAPI.org', body: 'NewsAPI allows 100 requests a day.' },
    ]);
    // No heading: a first paragraph that is a sentence, or a text of one paragraph.
    assert.deepEqual(splitChunk('Intro text.\n\nMore.'), {
      heading: null,
      body: 'Intro text.\n\nMore.',
    });
    assert.deepEqual(splitChunk('Just one line'), { heading: null, body: 'Just one line' });
    assert.deepEqual(splitChunk('Steps:\n\n- one'), { heading: null, body: 'Steps:\n\n- one' });
  });

  it('does not take a comment in a code fence for a heading', () => {
    const chunks = chunkText('# Setup\n\n```sh\n# install\nnpm ci\n```');
    assert.deepEqual(chunks, ['Setup\n\n```sh\n# install\nnpm ci\n```']);
  });

  it('splits a paragraph without sentence ends at words', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkText(words, { maxChars: 100, overlapChars: 20 });
    assert.ok(chunks.length > 10);
    assert.ok(chunks.every((chunk) => chunk.length <= 100));
  });
});

describe('HNSW index', () => {
  const N = 2000;
  const DIM = 48;
  const { vectors, query } = clustered(N, DIM);
  const index = new HnswIndex({ dimension: DIM });
  before(() => vectors.forEach((vector, id) => index.add(id, vector)));
  const queries = Array.from({ length: 100 }, (_, i) => query(i * 3 + 1));

  it('finds >= 90% of the exact top 5 while comparing far fewer vectors than an exact scan', () => {
    let found = 0;
    let computations = 0;
    for (const q of queries) {
      const truth = new Set(exactSearch(vectors.entries(), q, 5).hits.map((hit) => hit.id));
      const hits = index.search(q, 5);
      assert.equal(hits.length, 5);
      computations += index.stats().lastSearchDistanceComputations;
      found += hits.filter((hit) => truth.has(hit.id)).length;
    }
    const recall = found / (queries.length * 5);
    const perQuery = computations / queries.length;
    assert.ok(recall >= 0.9, `recall@5 ${recall}`);
    // An index that silently scanned everything would make N computations per query.
    assert.ok(perQuery < N / 3, `${perQuery} distance computations per query for ${N} vectors`);
    assert.ok(perQuery > 0);
  });

  it('returns hits best first with cosine scores', () => {
    const hits = index.search(vectors[42] as Float32Array, 3);
    assert.equal(hits[0]?.id, 42);
    assert.ok(Math.abs((hits[0]?.score ?? 0) - 1) < 1e-5);
    assert.ok((hits[0]?.score ?? 0) >= (hits[1]?.score ?? 0));
  });

  it('exact search compares every vector and agrees with a sort', () => {
    const q = query(5);
    const { hits, distanceComputations } = exactSearch(vectors.entries(), q, 4);
    assert.equal(distanceComputations, N);
    const sorted = vectors
      .map((v, id) => ({ id, score: dot(q, v) }))
      .sort((a, b) => b.score - a.score);
    assert.deepEqual(
      hits.map((h) => h.id),
      sorted.slice(0, 4).map((h) => h.id),
    );
  });

  it('excludes removed ids from results and compacts when many are removed', () => {
    const small = new HnswIndex({ dimension: DIM });
    vectors.slice(0, 200).forEach((vector, id) => small.add(id, vector));
    assert.equal(small.search(vectors[10] as Float32Array, 1)[0]?.id, 10);
    assert.ok(small.remove(10));
    assert.ok(!small.remove(10), 'a second remove is a no-op');
    assert.ok(!small.search(vectors[10] as Float32Array, 20).some((hit) => hit.id === 10));
    assert.equal(small.size, 199);
    for (let id = 11; id < 80; id++) small.remove(id);
    const stats = small.stats();
    assert.equal(stats.size, 130);
    assert.ok(stats.deleted < 70, 'compaction dropped deleted nodes');
    const hit = small.search(vectors[150] as Float32Array, 1)[0];
    assert.equal(hit?.id, 150);
    assert.throws(() => small.add(150, vectors[150] as Float32Array), /already/);
  });

  it('round-trips through serialize, with and without live vectors', () => {
    const copy = HnswIndex.deserialize(index.serialize());
    const q = queries[0] as Float32Array;
    assert.deepEqual(copy.search(q, 5), index.search(q, 5));
    const slim = index.serialize({ vectors: 'deleted' });
    assert.ok(slim.length < index.serialize().length / 2);
    const rebuilt = HnswIndex.deserialize(slim, (id) => vectors[id]);
    assert.deepEqual(rebuilt.search(q, 5), index.search(q, 5));
    assert.throws(() => HnswIndex.deserialize(slim), /no vector/);
    assert.throws(
      () => HnswIndex.deserialize(slim.subarray(0, 100), (id) => vectors[id]),
      /corrupt/,
    );
  });

  it('rejects vectors of the wrong dimension and bad ids', () => {
    const small = new HnswIndex({ dimension: 4 });
    assert.throws(() => small.add(1, new Float32Array(3)), RangeError);
    assert.throws(() => small.add(-1, new Float32Array(4)), RangeError);
    assert.deepEqual(small.search(new Float32Array(4), 3), []);
  });
});

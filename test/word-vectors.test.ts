import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadWordVectors } from '../src/language/word-vectors.js';
import { dot } from '../src/vector/embedder.js';
import { createGloveEmbedder, gloveVector } from '../src/vector/glove-embedder.js';

function cosine(a: Float32Array, b: Float32Array): number {
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
}

function norm(v: Float32Array): number {
  return Math.sqrt(dot(v, v));
}

describe('word vectors (glove-100k.bin)', () => {
  const table = loadWordVectors();

  it('loads 100,000 words of dimension 100, once', () => {
    assert.equal(table.size, 100_000);
    assert.equal(table.dimension, 100);
    assert.equal(loadWordVectors(), table);
    assert.equal(table.commonComponent.length, 100);
    assert.ok(Math.abs(norm(table.commonComponent) - 1) < 1e-4);
  });

  it('ranks by frequency and answers -1 and null for unknown words', () => {
    assert.equal(table.rank('the'), 0);
    assert.ok(table.rank('weather') > 0);
    assert.equal(table.rank('qzxvwpl'), -1);
    assert.equal(table.vector('qzxvwpl'), null);
  });

  it('puts related words close and unrelated ones far', () => {
    const paris = table.vector('paris');
    const london = table.vector('london');
    const banana = table.vector('banana');
    assert.ok(paris && london && banana);
    assert.equal(paris.length, 100);
    assert.ok(cosine(paris, london) > 0.5);
    assert.ok(cosine(paris, banana) < 0.3);
  });
});

describe('glove embedder', () => {
  const embedder = createGloveEmbedder();

  it('names itself and its dimension', () => {
    assert.equal(embedder.id, 'glove-sif-v2');
    assert.equal(embedder.dimension, 100);
  });

  it('returns deterministic unit vectors, and zero for a text without tokens', async () => {
    const texts = ['What is the weather in Paris?', 'Apple stock price', '', '  ?! '];
    const [first, second] = [await embedder.embed(texts), await createGloveEmbedder().embed(texts)];
    assert.deepEqual(first, second);
    for (const v of first.slice(0, 2)) {
      assert.equal(v.length, embedder.dimension);
      assert.ok(Math.abs(norm(v) - 1) < 1e-5);
    }
    for (const v of first.slice(2)) {
      assert.equal(v.length, embedder.dimension);
      assert.ok(v.every((x) => x === 0));
    }
  });

  it('matches a reworded question over one on another topic', async () => {
    const [a, b, c] = await embedder.embed([
      "How's the weather in Montevideo at the moment?",
      "What's the weather in Montevideo right now?",
      "What's the price of Apple stock?",
    ]);
    assert.ok(a && b && c);
    assert.ok(cosine(a, b) > cosine(a, c) + 0.2);
  });

  it('gives an unknown token a stable vector that matches itself', async () => {
    const [x, y, other] = await embedder.embed(['zqxjtk', 'zqxjtk', 'vbnmqp']);
    assert.ok(x && y && other);
    assert.ok(Math.abs(norm(x) - 1) < 1e-5);
    assert.deepEqual(x, y);
    assert.ok(Math.abs(cosine(x, other)) < 0.5);
    const [fresh] = await createGloveEmbedder().embed(['zqxjtk']);
    assert.deepEqual(fresh, x);
  });

  it('falls back to plural stems and word pieces', async () => {
    assert.equal(loadWordVectors().rank('sunshineweather'), -1);
    const [pieces, words] = await embedder.embed(['sunshineweather', 'sunshine weather']);
    assert.ok(pieces && words);
    assert.ok(cosine(pieces, words) > 0.9);
  });
});

describe('glove memo', () => {
  it('keeps no vector per unknown word, so an open stream of numbers and ids stays small', () => {
    // The regression: every distinct unknown token (the "(1548)" of a question) kept its own
    // 100-float vector in the memo, ~650 B each, up to 50k of them per embedder.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const used = () => {
      gc();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const first = gloveVector('is zq0 up');
    const before = used();
    for (let i = 1; i < 15_000; i++) gloveVector(`is zq${i} up`);
    const grown = (used() - before) / 2 ** 20;
    assert.ok(grown < 4, `${grown.toFixed(1)} MB kept for 15k unknown words`);
    assert.deepEqual(gloveVector('is zq0 up'), first, 'an unknown word keeps its vector');
  });
});

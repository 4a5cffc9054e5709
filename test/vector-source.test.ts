import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMemoryCache } from '../src/cache/memory.js';
import { loadConfig } from '../src/config.js';
import { openAiProvider } from '../src/emulator/providers/openai.js';
import { startEmulator, type ProviderEmulator } from '../src/emulator/server.js';
import { ErrorCode, isGatewayError } from '../src/errors.js';
import { createSilentLogger } from '../src/logger.js';
import type { Passage, SearchKey } from '../src/sources/model.js';
import { createVectorSource } from '../src/sources/vector.js';
import type { CorpusDocument } from '../src/vector/corpus.js';
import { createVectorIndexFromConfig } from '../src/vector/create.js';
import { createFileDocumentStore } from '../src/vector/file-document-store.js';
import { hashingVector } from '../src/vector/hashing-embedder.js';
import { createVectorIndex } from '../src/vector/index.js';
import { createOpenAiEmbedder } from '../src/vector/openai-embedder.js';
import type { EmbeddingUsage } from '../src/vector/embedder.js';

const KEY = 'sk-test-0123456789abcdef';
const close = (a: Float32Array | undefined, b: Float32Array) =>
  a !== undefined &&
  a.length === b.length &&
  a.every((x, i) => Math.abs(x - (b[i] as number)) < 1e-6);
const isCode = (code: string) => (value: unknown) => isGatewayError(value) && value.code === code;
const fail = (status: number, body = 'oops', headers?: Record<string, string>) => ({
  fault: {
    kind: 'respond' as const,
    response: { status, body, contentType: 'application/json', headers },
  },
});

let emulator: ProviderEmulator;
const tempDirs: string[] = [];
before(async () => {
  emulator = await startEmulator({ providers: [openAiProvider()], port: 0 });
});
after(async () => {
  await emulator.close();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
beforeEach(() => {
  emulator.clearFaults();
  emulator.resetCalls();
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-vector-source-'));
  tempDirs.push(dir);
  return dir;
}
const baseUrl = () => `${emulator.baseUrl('openai')}/v1`;
const embedderWith = (options: Partial<Parameters<typeof createOpenAiEmbedder>[0]> = {}) =>
  createOpenAiEmbedder({
    fetch: globalThis.fetch,
    baseUrl: baseUrl(),
    apiKey: KEY,
    model: 'text-embedding-3-small',
    timeoutMs: 2000,
    ...options,
  });
const post = (
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${KEY}` },
) =>
  fetch(`${baseUrl()}/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('OpenAI embeddings emulator', () => {
  it('answers in the embeddings list format', async () => {
    const response = await post({ model: 'text-embedding-3-small', input: ['a cat', 'a dog'] });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['data', 'model', 'object', 'usage']);
    assert.equal(body.object, 'list');
    const data = body.data as Array<{ object: string; index: number; embedding: number[] }>;
    assert.deepEqual(
      data.map((item) => [item.object, item.index, item.embedding.length]),
      [
        ['embedding', 0, 1536],
        ['embedding', 1, 1536],
      ],
    );
    const usage = body.usage as { prompt_tokens: number; total_tokens: number };
    assert.ok(usage.prompt_tokens > 0 && usage.total_tokens === usage.prompt_tokens);
  });

  it('honours dimensions and base64 encoding', async () => {
    const response = await post({
      model: 'text-embedding-3-small',
      input: 'redis',
      dimensions: 64,
      encoding_format: 'base64',
    });
    const body = (await response.json()) as { data: Array<{ embedding: string }> };
    const bytes = Buffer.from(body.data[0]?.embedding ?? '', 'base64');
    const decoded = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    assert.ok(close(decoded, hashingVector('redis', 64)));
  });

  it('sends OpenAI error bodies: 401 without or with a bad key, 400 bad input, 404 unknown model', async () => {
    const expectError = async (
      response: Response,
      status: number,
      code: string | null,
      message: RegExp,
    ) => {
      assert.equal(response.status, status);
      const { error } = (await response.json()) as { error: Record<string, unknown> };
      assert.deepEqual(Object.keys(error).sort(), ['code', 'message', 'param', 'type']);
      assert.equal(error.type, 'invalid_request_error');
      assert.equal(error.param, null);
      assert.equal(error.code, code);
      assert.match(String(error.message), message);
    };
    const ok = { model: 'text-embedding-3-small', input: 'x' };
    await expectError(await post(ok, {}), 401, null, /didn't provide an API key/);
    await expectError(
      await post(ok, { authorization: 'Bearer sk-invalid-key-1234' }),
      401,
      'invalid_api_key',
      /Incorrect API key provided: sk-\*+1234/,
    );
    await expectError(await post({ ...ok, input: [] }), 400, null, /'\$\.input' is invalid/);
    await expectError(await post('{not json'), 400, null, /could not parse the JSON body/);
    await expectError(
      await post({ ...ok, model: 'nope' }),
      404,
      'model_not_found',
      /does not exist/,
    );
    await expectError(
      await fetch(`${baseUrl()}/embeddings`),
      404,
      null,
      /Invalid URL \(GET \/v1\/embeddings\)/,
    );
  });
});

describe('OpenAI embedder', () => {
  it('returns unit vectors in input order', async () => {
    const texts = ['first text', 'second text', 'third text'];
    const vectors = await embedderWith().embed(texts);
    assert.equal(vectors.length, 3);
    texts.forEach((text, i) =>
      assert.ok(close(vectors[i], hashingVector(text, 1536)), `slot ${i}`),
    );
    assert.equal(emulator.calls('openai'), 1);
  });

  it('batches at most 256 inputs per request and reports usage', async () => {
    const usage: EmbeddingUsage[] = [];
    const texts = Array.from({ length: 600 }, (_, i) => `text number ${i}`);
    const vectors = await embedderWith({ dimension: 32 }).embed(texts, (u) => usage.push(u));
    assert.equal(emulator.calls('openai'), 3);
    assert.equal(vectors.length, 600);
    assert.ok(close(vectors[599], hashingVector('text number 599', 32)));
    assert.ok(close(vectors[256], hashingVector('text number 256', 32)));
    assert.equal(usage.length, 3);
    assert.ok(usage.every((u) => u.model === 'text-embedding-3-small' && u.promptTokens > 0));
    assert.deepEqual(await embedderWith().embed([]), []);
    assert.equal(emulator.calls('openai'), 3, 'no request for no input');
  });

  it('places embeddings by their index, not their position in the list', async () => {
    const reversing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = (await response.json()) as { data: unknown[] };
      body.data.reverse();
      return new Response(JSON.stringify(body), { status: response.status });
    };
    const vectors = await embedderWith({ fetch: reversing }).embed(['alpha', 'beta']);
    assert.ok(close(vectors[0], hashingVector('alpha', 1536)));
    assert.ok(close(vectors[1], hashingVector('beta', 1536)));
  });

  it('maps failures to gateway error codes without leaking the key', async () => {
    const invalid = embedderWith({ apiKey: 'sk-invalid-secret-9999' });
    await assert.rejects(invalid.embed(['x']), (error: unknown) => {
      return (
        isCode(ErrorCode.UPSTREAM_UNAVAILABLE)(error) &&
        !(error as Error).message.includes('secret')
      );
    });
    emulator.inject(
      'openai',
      fail(429, '{"error":{"message":"Rate limit reached"}}', { 'retry-after': '7' }),
    );
    await assert.rejects(embedderWith().embed(['x']), (error: unknown) => {
      return (
        isCode(ErrorCode.UPSTREAM_RATE_LIMITED)(error) &&
        (error as { retryAfterSeconds?: number }).retryAfterSeconds === 7
      );
    });
    emulator.inject('openai', fail(500));
    await assert.rejects(embedderWith().embed(['x']), isCode(ErrorCode.UPSTREAM_UNAVAILABLE));
    emulator.inject('openai', fail(200, '{"object":"list","data":"nope"}'));
    await assert.rejects(embedderWith().embed(['x']), isCode(ErrorCode.UPSTREAM_BAD_RESPONSE));
    // Any length the server chooses is taken, but one answer's vectors must agree, and be non-empty.
    emulator.inject(
      'openai',
      fail(200, '{"data":[{"index":0,"embedding":[0.5,0.5]},{"index":1,"embedding":[0.5]}]}'),
    );
    await assert.rejects(embedderWith().embed(['x', 'y']), isCode(ErrorCode.UPSTREAM_BAD_RESPONSE));
    emulator.inject('openai', fail(200, '{"data":[{"index":0,"embedding":[]}]}'));
    await assert.rejects(embedderWith().embed(['x']), isCode(ErrorCode.UPSTREAM_BAD_RESPONSE));
    emulator.inject('openai', { fault: { kind: 'hang' } });
    await assert.rejects(
      embedderWith({ timeoutMs: 100 }).embed(['x']),
      isCode(ErrorCode.UPSTREAM_TIMEOUT),
    );
  });

  it('is what the config chooses when OPENAI_API_KEY is set', async () => {
    const config = loadConfig({
      DATA_DIR: await tempDir(),
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: baseUrl(),
    });
    const index = createVectorIndexFromConfig(config, {
      fetch: globalThis.fetch,
      logger: createSilentLogger(),
    });
    await index.ready();
    assert.equal(index.stats().embedder, 'openai:text-embedding-3-small');
    assert.equal(index.stats().dimension, 1536);
    const [hit] = await index.search('NewsAPI rate limit', 1);
    assert.equal(hit?.documentId, 'sluice-docs/providers-news');
    const keyless = loadConfig({ DATA_DIR: await tempDir() });
    assert.equal(
      createVectorIndexFromConfig(keyless, { fetch, logger: createSilentLogger() }).stats()
        .embedder,
      'hybrid(glove-sif-v2*0.50+hashing-v3*0.50)',
    );
  });
});

/*
 * The shared `describeSourceContract` does not fit search: an index has no "no such thing" answer
 * (a query always has nearest neighbours, so there is no NOT_FOUND), and the upstream it calls is
 * the embedder, behind the index. This variant checks the same contract against the OpenAI
 * emulator: order and length, an Error in the slot of a bad key (BAD_USER_INPUT stands in for
 * NOT_FOUND), no rejection when the upstream fails, the cache (of query embeddings) on a repeated
 * load, and one upstream call for a repeated key.
 */
describe('source contract: vector (search variant)', () => {
  const corpus: CorpusDocument[] = [
    {
      id: 'weather',
      title: 'Weather',
      text: 'Open-Meteo forecasts are free for non-commercial use.',
      source: 't',
      url: null,
    },
    {
      id: 'news',
      title: 'News',
      text: 'NewsAPI allows 100 requests per day on the developer plan.',
      source: 't',
      url: null,
    },
    {
      id: 'fx',
      title: 'FX',
      text: 'Frankfurter publishes ECB reference exchange rates daily.',
      source: 't',
      url: null,
    },
  ];
  const weather: SearchKey = { query: 'Open-Meteo forecasts', k: 2 };
  const news: SearchKey = { query: 'NewsAPI requests per day', k: 1 };
  const expected = new Map([
    [weather, 'weather'],
    [news, 'news'],
  ]);
  const fresh = async () => {
    const index = createVectorIndex({
      embedder: embedderWith({ dimension: 256 }),
      store: createFileDocumentStore({ dir: await tempDir() }),
      logger: createSilentLogger(),
      bundledCorpus: corpus,
      queryCache: createMemoryCache({ maxEntries: 1000 }),
    });
    await index.ready();
    emulator.resetCalls();
    return createVectorSource({ index });
  };
  const top = (value: Passage[] | Error) => (value instanceof Error ? value : value[0]?.documentId);

  it('answers in the order of the keys, same length, k passages each', async () => {
    const source = await fresh();
    assert.equal(source.name, 'vector');
    const results = await source.loadMany([news, weather]);
    assert.deepEqual(results.map(top), ['news', 'weather']);
    assert.deepEqual(
      results.map((r) => (r as Passage[]).length),
      [1, 2],
    );
    for (const [key, id] of expected)
      assert.equal(top((await source.loadMany([key]))[0] as Passage[]), id);
  });

  it('puts BAD_USER_INPUT in the slot of an invalid key and answers the others', async () => {
    const results = await (
      await fresh()
    ).loadMany([weather, { query: '   ', k: 3 }, { query: 'x', k: 51 }, news]);
    assert.equal(results.length, 4);
    assert.equal(top(results[0] as Passage[]), 'weather');
    assert.ok(isCode(ErrorCode.BAD_USER_INPUT)(results[1]));
    assert.ok(isCode(ErrorCode.BAD_USER_INPUT)(results[2]));
    assert.equal(top(results[3] as Passage[]), 'news');
  });

  it('does not reject when the embedder fails: every slot holds an upstream Error', async () => {
    const source = await fresh();
    emulator.inject('openai', fail(500));
    const results = await source.loadMany([weather, news]);
    assert.equal(results.length, 2);
    assert.ok(results.every(isCode(ErrorCode.UPSTREAM_UNAVAILABLE)));
  });

  it('serves the second identical load without calling the embedder', async () => {
    const source = await fresh();
    await source.loadMany([weather, news]);
    const first = emulator.calls('openai');
    assert.ok(first > 0);
    const again = await source.loadMany([weather, news]);
    assert.equal(emulator.calls('openai'), first);
    assert.deepEqual(again.map(top), ['weather', 'news']);
  });

  it('searches a repeated key once', async () => {
    const source = await fresh();
    const results = await source.loadMany([news, { ...news, query: `  ${news.query} ` }, news]);
    assert.equal(emulator.calls('openai'), 1);
    assert.deepEqual(results.map(top), ['news', 'news', 'news']);
  });

  it('fails searches while the first build cannot embed, and recovers', async () => {
    emulator.inject('openai', { ...fail(503), times: 1 });
    const index = createVectorIndex({
      embedder: embedderWith(),
      store: createFileDocumentStore({ dir: await tempDir() }),
      logger: createSilentLogger(),
      bundledCorpus: corpus,
    });
    const source = createVectorSource({ index });
    const [failed] = await source.loadMany([news]);
    assert.ok(isCode(ErrorCode.UPSTREAM_UNAVAILABLE)(failed));
    const [answered] = await source.loadMany([news]);
    assert.equal(top(answered as Passage[]), 'news');
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { GatewayError } from '../src/errors.js';
import { createOpenAiEmbedder } from '../src/vector/openai-embedder.js';
import { SearchDocument } from '../src/client/index.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway } from './support/gateway.js';

/** A fetch answering every embeddings request with vectors of `lengths[i]` for the i-th call. */
function serverOf(lengths: number[]): typeof fetch {
  let call = 0;
  return (async (_url: unknown, init?: RequestInit) => {
    const { input } = JSON.parse(String(init?.body)) as { input: string[] };
    const length = lengths[Math.min(call++, lengths.length - 1)] as number;
    const data = input.map((_, index) => ({
      object: 'embedding',
      index,
      embedding: Array.from({ length }, (_, d) => ((d + index) % 7) - 3),
    }));
    return new Response(JSON.stringify({ object: 'list', data, model: 'm' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
}

const embedder = (fetch: typeof globalThis.fetch, dimension?: number) =>
  createOpenAiEmbedder({
    fetch,
    apiKey: 'sk-test',
    model: 'text-embedding-3-small',
    timeoutMs: 1000,
    ...(dimension === undefined ? {} : { dimension }),
  });

describe('OpenAI embedder: the length of its vectors (issue 7)', () => {
  it('takes the length the server returns when none is configured, then holds it to it', async () => {
    const e = embedder(serverOf([768, 768, 512]));
    assert.equal(e.dimension, 1536, "the model's documented length until the server answers");
    const [vector] = await e.embed(['hello']);
    assert.equal(vector?.length, 768);
    assert.equal(e.dimension, 768);
    await e.embed(['again']);
    await assert.rejects(
      e.embed(['changed']),
      (error: unknown) =>
        error instanceof GatewayError &&
        error.code === 'UPSTREAM_BAD_RESPONSE' &&
        /512-dimensional embeddings, expected 768/.test(error.message),
    );
  });

  it('a configured dimension is required of the server', async () => {
    const e = embedder(serverOf([768]), 256);
    await assert.rejects(e.embed(['hello']), /768-dimensional embeddings, expected 256/);
  });

  it('adopts the length of an index it built before, unless the server said otherwise', async () => {
    const fresh = embedder(serverOf([768]));
    assert.equal(fresh.adoptDimension?.(768), true);
    assert.equal(fresh.dimension, 768);
    const answered = embedder(serverOf([1024]));
    await answered.embed(['hello']);
    assert.equal(answered.adoptDimension?.(768), false);
    assert.equal(embedder(serverOf([768]), 256).adoptDimension?.(768), false);
  });
});

describe('a gateway on a server whose embeddings have another length (issue 7)', () => {
  let emulator: ProviderEmulator;
  let dataDir: string;
  before(async () => {
    emulator = await startTestEmulator();
    dataDir = await mkdtemp(join(tmpdir(), 'sluice-dimension-'));
  });
  after(async () => {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  // nomic-embed-text is 768-dimensional; Sluice knows no default for it.
  const env = () => ({
    OPENAI_API_KEY: 'sk-test-dimension',
    OPENAI_EMBEDDING_MODEL: 'nomic-embed-text',
    DATA_DIR: dataDir,
  });
  const readyz = async (url: string) => {
    for (let i = 0; i < 100; i++) {
      const response = await fetch(url.replace(/\/graphql$/, '/readyz'));
      if (response.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail('the gateway never became ready');
  };

  it('starts, indexes the corpus at the served length, and restarts without re-embedding', async () => {
    const first = await startTestGateway(emulator, env());
    try {
      await readyz(first.url);
      const { data, errors } = await first.execute(SearchDocument, {
        query: 'NewsAPI rate limit',
        k: 2,
      });
      assert.equal(errors, undefined, JSON.stringify(errors));
      assert.equal(data?.search?.length, 2);
      assert.equal(first.app.contextDeps.sources.vectorIndex.stats().dimension, 768);
    } finally {
      await first.close();
    }

    emulator.resetCalls();
    const second = await startTestGateway(emulator, env());
    try {
      await readyz(second.url);
      assert.equal(emulator.calls('openai'), 0, 'the stored index is loaded, not re-embedded');
      const { data, errors } = await second.execute(SearchDocument, {
        query: 'NewsAPI rate limit',
        k: 2,
      });
      assert.equal(errors, undefined, JSON.stringify(errors));
      assert.equal(data?.search?.length, 2);
      assert.equal(emulator.calls('openai'), 1, 'one call: the query');
    } finally {
      await second.close();
    }
  });
});

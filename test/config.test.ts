import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError, configSchema, loadConfig } from '../src/config.js';

const root = new URL('../', import.meta.url);
const variables = Object.keys(configSchema.shape);

describe('configuration', () => {
  it('has working defaults: no variable is required', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 4000);
    assert.equal(config.OPEN_METEO_BASE_URL, 'https://api.open-meteo.com');
    assert.equal(config.REDIS_URL, undefined);
    assert.equal(config.NEWSAPI_KEY, undefined);
  });

  it('names every bad variable, never its value', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: 'eighty',
          REDIS_URL: 'http://secret-host',
          FRANKFURTER_BASE_URL: 'not a url',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PORT/);
        assert.match(error.message, /REDIS_URL/);
        assert.match(error.message, /FRANKFURTER_BASE_URL/);
        assert.doesNotMatch(error.message, /secret-host|eighty/);
        return true;
      },
    );
  });

  it('treats an empty key as unset and strips trailing slashes from base URLs', () => {
    const config = loadConfig({ NEWSAPI_KEY: '', STOOQ_BASE_URL: 'http://127.0.0.1:9/stooq/' });
    assert.equal(config.NEWSAPI_KEY, undefined);
    assert.equal(config.STOOQ_BASE_URL, 'http://127.0.0.1:9/stooq');
  });

  it('lists every variable in .env.example and the README', () => {
    const example = readFileSync(new URL('.env.example', root), 'utf8');
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    for (const name of variables) {
      assert.match(example, new RegExp(`^#? ?${name}=`, 'm'), `${name} missing from .env.example`);
      assert.match(readme, new RegExp('`' + name + '`'), `${name} missing from README`);
    }
  });

  it('the entry point exits non-zero with a message naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '-1', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /PORT/);
  });
});

describe('embedder selection', () => {
  const embedderOf = async (env: Record<string, string>) => {
    const { createEmbedderFromConfig } = await import('../src/vector/create.js');
    return createEmbedderFromConfig(loadConfig(env), { fetch: globalThis.fetch }).id;
  };

  it('is local without a key, openai with one, and EMBEDDER overrides the default', async () => {
    assert.match(await embedderOf({}), /^hybrid\(glove-sif-v2/);
    assert.equal(await embedderOf({ OPENAI_API_KEY: 'sk-x' }), 'openai:text-embedding-3-small');
    assert.match(await embedderOf({ OPENAI_API_KEY: 'sk-x', EMBEDDER: 'local' }), /^hybrid\(/);
    assert.equal(
      await embedderOf({ OPENAI_EMBEDDING_API_KEY: 'sk-e', EMBEDDER: 'openai' }),
      'openai:text-embedding-3-small',
    );
  });

  it('refuses EMBEDDER=openai with no key, naming the variable', () => {
    assert.throws(
      () => loadConfig({ EMBEDDER: 'openai' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /EMBEDDER: openai needs OPENAI_EMBEDDING_API_KEY/);
        return true;
      },
    );
    assert.throws(() => loadConfig({ EMBEDDER: 'remote' }), ConfigError);
  });

  it('sends embeddings to OPENAI_EMBEDDING_BASE_URL with its own key, chat elsewhere', async () => {
    const { createEmbedderFromConfig } = await import('../src/vector/create.js');
    const seen: Array<[string, string | null]> = [];
    const fetch = (async (input: URL | string, init?: RequestInit) => {
      seen.push([String(input), new Headers(init?.headers).get('authorization')]);
      return new Response(
        JSON.stringify({ data: [{ index: 0, embedding: Array(1536).fill(0.1) }] }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    }) as typeof globalThis.fetch;
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-chat',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_EMBEDDING_BASE_URL: 'http://127.0.0.1:8/v1',
      OPENAI_EMBEDDING_API_KEY: 'sk-embed',
    });
    await createEmbedderFromConfig(config, { fetch }).embed(['hello']);
    assert.deepEqual(seen, [['http://127.0.0.1:8/v1/embeddings', 'Bearer sk-embed']]);
  });
});

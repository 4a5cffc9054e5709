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

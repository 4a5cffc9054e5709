import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../src/config.js';
import { createContext } from '../src/context.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { createSilentLogger } from '../src/logger.js';
import {
  createApiKeyStore,
  hashApiKey,
  parseApiKeyEntry,
  parseApiKeysFile,
} from '../src/protection/api-keys.js';
import { assertAuthConfigured } from '../src/protection/auth.js';
import {
  hasRole,
  ipPrincipal,
  keyPrincipal,
  requireRole,
  type Role,
} from '../src/protection/principal.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, useGateways, type TestGateway } from './support/gateway.js';

const root = new URL('../', import.meta.url);
const logger = createSilentLogger();
const READER = 'reader-key-0123456789';
const ADMIN = 'admin-key-0123456789';
const keysEnv = `reader:${hashApiKey(READER)},admin:${hashApiKey(ADMIN)}`;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function json(response: Response): Promise<GraphQLBody> {
  return (await response.json()) as GraphQLBody;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const INGEST =
  'mutation { ingestDocuments(documents: [{ id: "auth-test", text: "Admins may ingest documents." }]) { documents } }';
const SEMANTIC = '{ semanticMatch(a: "weather in Paris", b: "weather in Paris") { hit } }';

describe('API key entries and the key store', () => {
  it('parses role:sha256hex entries and rejects anything else', () => {
    const hash = hashApiKey('k');
    assert.deepEqual(parseApiKeyEntry(`reader:${hash}`), {
      role: 'reader',
      hash,
      keyId: hash.slice(0, 12),
    });
    assert.equal(parseApiKeyEntry(`ADMIN:${hash.toUpperCase()}`)?.hash, hash);
    for (const bad of [`root:${hash}`, `reader:${hash.slice(1)}`, 'reader:plain-key', hash, '']) {
      assert.equal(parseApiKeyEntry(bad), undefined, bad);
    }
    const file = parseApiKeysFile(`# keys\n\nadmin:${hash}\nreader:nothex\r\n`);
    assert.equal(file.entries.length, 1);
    assert.deepEqual(file.badLines, [4]);
  });

  it('refuses a malformed API_KEYS entry at start-up without echoing it', () => {
    assert.throws(
      () => createApiKeyStore({ entries: ['reader:my-plain-secret'], logger }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /API_KEYS: entry 1/.test(error.message) &&
        !error.message.includes('my-plain-secret'),
    );
    assert.throws(
      () => createApiKeyStore({ file: '/nonexistent/sluice-keys', logger }),
      ConfigError,
    );
  });

  it('finds a key by its hash; unknown, empty and over-long keys are unknown', async () => {
    const store = createApiKeyStore({ entries: keysEnv.split(','), logger });
    assert.equal(store.enforced, true);
    assert.equal((await store.lookup(READER))?.role, 'reader');
    assert.equal((await store.lookup(ADMIN))?.role, 'admin');
    assert.equal(await store.lookup('reader-key-012345678'), undefined);
    assert.equal(await store.lookup(''), undefined);
    assert.equal(await store.lookup('x'.repeat(10_000)), undefined);
    assert.equal(createApiKeyStore({ logger }).enforced, false);
  });

  it('re-reads API_KEYS_FILE when it changes: rotation without a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-keys-'));
    const file = join(dir, 'keys');
    try {
      await writeFile(file, `admin:${hashApiKey('old-key')}\n`);
      const store = createApiKeyStore({ file, logger, checkIntervalMs: 0 });
      assert.equal(store.enforced, true);
      assert.equal((await store.lookup('old-key'))?.role, 'admin');

      await writeFile(file, `# rotated\nreader:${hashApiKey('new-key')}\nnot-an-entry\n`);
      assert.equal(await store.lookup('old-key'), undefined, 'the revoked key stops working');
      assert.equal((await store.lookup('new-key'))?.role, 'reader', 'bad lines are skipped');

      await unlink(file);
      assert.equal(
        (await store.lookup('new-key'))?.role,
        'reader',
        'an unreadable file keeps keys',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('waits checkIntervalMs between checks of the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-keys-'));
    const file = join(dir, 'keys');
    let now = 0;
    try {
      await writeFile(file, `admin:${hashApiKey('a')}\n`);
      const store = createApiKeyStore({ file, logger, checkIntervalMs: 1000, now: () => now });
      await writeFile(file, `admin:${hashApiKey('b')}\n`);
      now = 500;
      assert.ok(await store.lookup('a'), 'not re-read within the interval');
      now = 1000;
      assert.equal(await store.lookup('a'), undefined);
      assert.ok(await store.lookup('b'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('roles and principals', () => {
  it('orders roles admin > reader > anonymous', () => {
    const roles: Role[] = ['anonymous', 'reader', 'admin'];
    const matrix = roles.map((held) =>
      roles.map((needed) => hasRole({ id: 'x', role: held }, needed)),
    );
    assert.deepEqual(matrix, [
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
    assert.throws(
      () => requireRole({ principal: ipPrincipal('1.2.3.4', 'anonymous') }, 'admin'),
      (error: Error & { code?: string }) => error.code === 'FORBIDDEN',
    );
    assert.doesNotThrow(() => requireRole({ principal: keyPrincipal('abc', 'admin') }, 'admin'));
  });

  it('production refuses to start without keys (exit code 78, naming the variable)', () => {
    const config = { API_KEYS: [], API_KEYS_FILE: undefined };
    assert.throws(() => assertAuthConfigured({ ...config, NODE_ENV: 'production' }), ConfigError);
    assert.doesNotThrow(() => assertAuthConfigured({ ...config, NODE_ENV: 'development' }));
    assert.doesNotThrow(() =>
      assertAuthConfigured({ ...config, NODE_ENV: 'production', API_KEYS: [keysEnv] }),
    );
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', API_KEYS: '', LOG_LEVEL: 'silent', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 78);
    assert.match(result.stderr, /API_KEYS/);
  });
});

describe('a gateway with API keys', () => {
  const fixture = useGateways({ env: { API_KEYS: keysEnv } });
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('answers 401 UNAUTHENTICATED for a missing, unknown or malformed key', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      bearer('not-a-key'),
      bearer(hashApiKey(READER)), // the hash from config is not the key
      { authorization: `Basic ${Buffer.from(`user:${READER}`).toString('base64')}` },
      { authorization: READER },
      { 'x-api-key': READER },
      { authorization: 'Bearer' },
    ];
    for (const headers of cases) {
      const response = await gateway.post({ query: '{ __typename }' }, headers);
      assert.equal(response.status, 401, JSON.stringify(headers));
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal((await json(response)).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    }
  });

  it('serves a reader, and refuses it the admin operations with FORBIDDEN', async () => {
    const ok = await json(await gateway.post({ query: '{ __typename }' }, bearer(READER)));
    assert.deepEqual(ok.data, { __typename: 'Query' });
    for (const query of [INGEST, SEMANTIC]) {
      const body = await json(await gateway.post({ query }, bearer(READER)));
      assert.equal(body.data, null);
      assert.equal(body.errors?.[0]?.extensions?.code, 'FORBIDDEN', query);
    }
    const search = await json(
      await gateway.post(
        { query: '{ search(query: "Admins may ingest", k: 1) { documentId } }' },
        bearer(READER),
      ),
    );
    assert.notDeepEqual(search.data?.search, [{ documentId: 'auth-test' }], 'nothing was ingested');
  });

  it('lets an admin ingest and call semanticMatch', async () => {
    const ingest = await json(await gateway.post({ query: INGEST }, bearer(ADMIN)));
    assert.deepEqual(ingest.data, { ingestDocuments: { documents: 1 } });
    const match = await json(await gateway.post({ query: SEMANTIC }, bearer(ADMIN)));
    assert.deepEqual(match.data, { semanticMatch: { hit: true } });
  });

  it('still shows the landing page to a browser without a key, but runs no operation for it', async () => {
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    assert.equal(get.status, 401);
  });

  it('puts the principal on the context; the caller (budgets) is key:<id> or ip:<address>', () => {
    const deps = gateway.app.contextDeps;
    const keyed = createContext(deps, keyPrincipal('0123456789ab', 'reader'));
    assert.equal(keyed.caller, 'key:0123456789ab');
    assert.equal(keyed.principal.role, 'reader');
    assert.equal(createContext(deps, ipPrincipal('10.0.0.1', 'anonymous')).caller, 'ip:10.0.0.1');
    assert.equal(createContext(deps).principal.role, 'admin', 'in-process operations are trusted');
  });

  it('keeps /healthz open', async () => {
    assert.equal((await fetch(gateway.url.replace(/graphql$/, 'healthz'))).status, 200);
  });
});

describe('ALLOW_ANONYMOUS=true', () => {
  const fixture = useGateways({ env: { API_KEYS: keysEnv, ALLOW_ANONYMOUS: 'true' } });
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('admits a caller without a key as an anonymous reader; a wrong key is still 401', async () => {
    const anonymous = await json(await gateway.post({ query: '{ __typename }' }));
    assert.deepEqual(anonymous.data, { __typename: 'Query' });
    const ingest = await json(await gateway.post({ query: INGEST }));
    assert.equal(ingest.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await gateway.post({ query: '{ __typename }' }, bearer('wrong'))).status, 401);
  });
});

describe('API_KEYS_FILE over HTTP', () => {
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  let dir: string;
  let file: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-keys-'));
    file = join(dir, 'keys');
    await writeFile(file, `reader:${hashApiKey('first-key')}\n`);
    emulator = await startTestEmulator();
    gateway = await startTestGateway(emulator, { API_KEYS_FILE: file });
  });
  after(async () => {
    await gateway.close();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('picks up a rotated key within about a second, without a restart', async () => {
    const query = { query: '{ __typename }' };
    assert.equal((await gateway.post(query, bearer('first-key'))).status, 200);
    assert.equal((await gateway.post(query, bearer('second-key'))).status, 401);
    await writeFile(file, `reader:${hashApiKey('second-key')}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await gateway.post(query, bearer('second-key'))).status, 200);
    assert.equal((await gateway.post(query, bearer('first-key'))).status, 401);
  });
});

describe('no keys configured (development)', () => {
  const fixture = useGateways({ env: { CORS_ORIGINS: 'https://app.example.com' } });
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('is open: admin operations need no key', async () => {
    const body = await json(await gateway.post({ query: SEMANTIC }));
    assert.deepEqual(body.data, { semanticMatch: { hit: true } });
  });

  it('allows only the CORS_ORIGINS origins, and exposes Retry-After', async () => {
    const preflight = (origin: string) =>
      fetch(gateway.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://app.example.com');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example.com');
    const refused = await preflight('https://evil.example.net');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    const post = await gateway.post(
      { query: '{ __typename }' },
      { origin: 'https://app.example.com' },
    );
    assert.match(post.headers.get('access-control-expose-headers') ?? '', /retry-after/);
  });
});

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { emulatorEnv } from '../src/emulator/env.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { hashApiKey } from '../src/protection/api-keys.js';
import { parseTrustProxy } from '../src/protection/client-ip.js';
import { operationCost } from '../src/protection/operation-cost.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, useGateways, type TestGateway } from './support/gateway.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = new URL('../', import.meta.url);
const KEYS = ['key-a', 'key-b', 'key-c', 'key-d', 'key-e', 'key-f'];
const API_KEYS = KEYS.map((k) => `reader:${hashApiKey(k)}`).join(',');
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const TYPENAME = { query: '{ __typename }' };
const ANSWER = '{ answer(question: "What is the weather in Paris?") { status } }';

async function codeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return body.errors?.[0]?.extensions?.code;
}

describe('operation cost', () => {
  const cost = (query: string, operationName?: string) =>
    operationCost(query, operationName, { answerCost: 10, maxTokens: 2000 });

  it('is 1 per data root field, aliases counted, `answer` costing ANSWER_RATE_COST', () => {
    assert.equal(cost('{ quote(symbol: "A") { price } }'), 1);
    assert.equal(cost('{ a: quote(symbol: "A") { price } b: quote(symbol: "B") { price } }'), 2);
    assert.equal(cost(`{ ${ANSWER.slice(2, -2)} news(query: "x") { title } }`), 11);
    assert.equal(
      cost('{ x: answer(question: "a") { text } y: answer(question: "b") { text } }'),
      20,
    );
    assert.equal(cost('mutation { ingestDocuments(documents: []) { chunks } }'), 1);
  });

  it('follows fragments at the root once, and is at least 1', () => {
    const query =
      'query { ...A ... on Query { weather(location: "x") { provider } } } ' +
      'fragment A on Query { answer(question: "q") { text } ...B } fragment B on Query { ...A news(query: "n") { title } }';
    assert.equal(cost(query), 12);
    assert.equal(cost('{ __typename }'), 1);
    assert.equal(cost('{ __schema { types { name } } }'), 1);
  });

  it('costs the operation named by operationName; anything unreadable costs 1', () => {
    const two =
      'query A { answer(question: "q") { text } } query B { quote(symbol: "A") { price } }';
    assert.equal(cost(two, 'A'), 10);
    assert.equal(cost(two, 'B'), 1);
    assert.equal(cost(two), 1, 'ambiguous: GraphQL refuses it');
    assert.equal(cost('{ answer(question: '), 1);
    assert.equal(cost(`{ ${'answer(question: "q") { text } '.repeat(500)} }`), 1, 'over maxTokens');
  });
});

describe('TRUST_PROXY parsing', () => {
  it('maps to express trust proxy values', () => {
    assert.equal(parseTrustProxy('false'), false);
    assert.equal(parseTrustProxy(''), false);
    assert.equal(parseTrustProxy('true'), true);
    assert.equal(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('loopback, 10.0.0.0/8'), ['loopback', '10.0.0.0/8']);
  });
});

describe('per-key limits on one gateway', () => {
  const fixture = useGateways({
    env: {
      API_KEYS,
      RATE_LIMIT_PER_MINUTE: '12',
      ANSWER_RATE_COST: '10',
    },
  });
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('answers HTTP 429 RATE_LIMITED with Retry-After once a key has spent its minute', async () => {
    for (let i = 0; i < 12; i++) {
      assert.equal((await gateway.post(TYPENAME, bearer('key-a'))).status, 200, `request ${i + 1}`);
    }
    const limited = await gateway.post(TYPENAME, bearer('key-a'));
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const body = (await limited.json()) as {
      errors: Array<{ extensions: { code: string; retryAfterSeconds: number } }>;
    };
    assert.equal(body.errors[0]?.extensions.code, 'RATE_LIMITED');
    assert.equal(body.errors[0]?.extensions.retryAfterSeconds, retryAfter);
    assert.equal(
      (await gateway.post(TYPENAME, bearer('key-b'))).status,
      200,
      'other keys unaffected',
    );
  });

  it('charges `answer` ANSWER_RATE_COST and other root fields 1 each', async () => {
    assert.equal((await gateway.post({ query: ANSWER }, bearer('key-c'))).status, 200);
    const two = '{ a: quote(symbol: "AAPL") { price } b: quote(symbol: "MSFT") { price } }';
    assert.equal((await gateway.post({ query: two }, bearer('key-c'))).status, 200);
    assert.equal((await gateway.post(TYPENAME, bearer('key-c'))).status, 429, '10 + 2 spent 12');
  });

  it('charges a hash-only persisted query what its document costs', async () => {
    const sha256Hash = createHash('sha256').update(ANSWER).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const register = await gateway.post({ query: ANSWER, extensions }, bearer('key-d'));
    assert.equal(register.status, 200);
    const byHash = await gateway.post({ extensions }, bearer('key-d'));
    assert.equal(byHash.status, 429, 'a second answer (10 + 10 > 12), not 1 point');
  });

  it("charges the same for the client preset's `sha256:<hex>` form of the hash", async () => {
    const hex = createHash('sha256').update(ANSWER).digest('hex');
    const register = await gateway.post(
      { query: ANSWER, extensions: { persistedQuery: { version: 1, sha256Hash: hex } } },
      bearer('key-e'),
    );
    assert.equal(register.status, 200);
    const prefixed = { persistedQuery: { version: 1, sha256Hash: `sha256:${hex}` } };
    const byHash = await gateway.post({ extensions: prefixed }, bearer('key-e'));
    assert.equal(byHash.status, 429, 'a second answer (10 + 10 > 12), not 1 point');
  });
});

describe('a repeat served from the response front', () => {
  const fixture = useGateways({ env: { API_KEYS, RATE_LIMIT_PER_MINUTE: '12' } });

  it('is charged what its original cost, and refused, not served, once the minute is spent', async () => {
    const [gateway] = fixture.gateways as [TestGateway];
    const symbols = ['AAPL', 'MSFT', 'IBM', 'META', 'NVDA'];
    const five = `{ ${symbols.map((s, i) => `q${i}: quote(symbol: "${s}") { price }`).join(' ')} }`;
    const first = await gateway.post({ query: five }, bearer('key-f'));
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('age'), null);
    assert.equal(first.headers.get('ratelimit-remaining'), '7');
    const repeat = await gateway.post({ query: five }, bearer('key-f'));
    assert.equal(repeat.status, 200);
    assert.match(repeat.headers.get('age') ?? '', /^\d+$/, 'served from the front');
    assert.equal(repeat.headers.get('ratelimit-remaining'), '2', '5 points again');
    const spent = await gateway.post({ query: five }, bearer('key-f'));
    assert.equal(spent.status, 429);
    assert.equal(await codeOf(spent), 'RATE_LIMITED');
    assert.equal(spent.headers.get('age'), null, 'no copy went out');
  });
});

describe('anonymous callers are limited per client IP', () => {
  let emulator: ProviderEmulator;
  let untrusting: TestGateway;
  let behindProxy: TestGateway;
  const env = { API_KEYS, ALLOW_ANONYMOUS: 'true', RATE_LIMIT_PER_MINUTE: '3' };
  before(async () => {
    emulator = await startTestEmulator();
    untrusting = await startTestGateway(emulator, { ...env, TRUST_PROXY: 'false' });
    behindProxy = await startTestGateway(emulator, { ...env, TRUST_PROXY: 'loopback' });
  });
  after(async () => {
    await untrusting.close();
    await behindProxy.close();
    await emulator.close();
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY trusts the hop', async () => {
    const statuses = async (gateway: TestGateway, ips: string[]) => {
      const out: number[] = [];
      for (const ip of ips)
        out.push((await gateway.post(TYPENAME, { 'x-forwarded-for': ip })).status);
      return out;
    };
    // Spoofed addresses do not buy a fresh budget from a gateway that trusts no proxy.
    assert.deepEqual(
      await statuses(untrusting, ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4']),
      [200, 200, 200, 429],
    );
    // Behind a trusted proxy, each client address has its own budget.
    assert.deepEqual(
      await statuses(behindProxy, ['1.1.1.1', '1.1.1.1', '1.1.1.1', '1.1.1.1', '2.2.2.2']),
      [200, 200, 200, 429, 200],
    );
  });
});

interface GatewayProcess {
  url: string;
  child: ChildProcess;
}

/** `node --import tsx src/main.ts` on a free port; resolves with its URL from the ready log line. */
async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('gateway process did not start')), 30_000);
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code}`)));
    lines.on('line', (line) => {
      const record = JSON.parse(line) as { msg?: string; url?: string };
      if (record.msg === 'sluice ready' && record.url) {
        clearTimeout(timer);
        resolve(record.url.replace('localhost', '127.0.0.1'));
      }
    });
  });
  return { url, child };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('two gateway processes sharing one Redis', () => {
  let emulator: ProviderEmulator;
  const processes: GatewayProcess[] = [];
  const dirs: string[] = [];
  before(async () => {
    emulator = await startTestEmulator();
    const namespace = `sluice-test-${randomUUID()}`;
    const started = await Promise.all(
      [0, 1].map(async () => {
        const dir = await mkdtemp(join(tmpdir(), 'sluice-rl-'));
        dirs.push(dir);
        return startGatewayProcess({
          ...emulatorEnv(emulator),
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          HOST: '127.0.0.1',
          PORT: '0',
          DATA_DIR: dir,
          REDIS_URL,
          REDIS_NAMESPACE: namespace,
          REDIS_OPERATION_TIMEOUT_MS: '500',
          API_KEYS,
          RATE_LIMIT_PER_MINUTE: '10',
        });
      }),
    );
    processes.push(...started);
    // /readyz pings Redis, so both limiters are connected before the first request.
    await Promise.all(started.map((p) => waitReady(p.url)));
  });
  after(async () => {
    await Promise.all(processes.map((p) => stopProcess(p.child)));
    await emulator.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('holds one limit across both: 10 points per minute in total, not 10 each', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const { url } = processes[i % 2] as GatewayProcess;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer('key-a') },
        body: JSON.stringify(TYPENAME),
      });
      statuses.push(response.status);
      if (response.status === 429) assert.equal(await codeOf(response), 'RATE_LIMITED');
      else await response.arrayBuffer();
    }
    assert.deepEqual(statuses, [...Array<number>(10).fill(200), 429, 429]);
  });

  it('shares cached values: what one process fetched, the other serves without an upstream call', async () => {
    const [first, second] = processes as [GatewayProcess, GatewayProcess];
    const ask = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer('key-b') },
        body: JSON.stringify({ query: '{ quote(symbol: "NVDA") { symbol price } }' }),
      }).then((r) => r.json() as Promise<{ data: { quote: { symbol: string; price: number } } }>);
    emulator.resetCalls();
    const fetched = await ask(first.url);
    assert.equal(fetched.data.quote.symbol, 'NVDA');
    assert.ok(emulator.calls() > 0);
    emulator.resetCalls();
    const served = await ask(second.url);
    assert.deepEqual(served.data, fetched.data);
    assert.equal(emulator.calls(), 0, 'the second process read Redis');
  });
});

describe('Redis outage', () => {
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  let redis: ChildProcess;
  before(async () => {
    emulator = await startTestEmulator();
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitForPort(port);
    gateway = await startTestGateway(emulator, {
      API_KEYS,
      RATE_LIMIT_PER_MINUTE: '4',
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_NAMESPACE: `sluice-test-${randomUUID()}`,
    });
    await waitReady(gateway.url);
  });
  after(async () => {
    await gateway.close();
    await emulator.close();
    await stopProcess(redis);
  });

  it('falls back to a per-replica limit in memory: still serving, still limiting', async () => {
    for (let i = 0; i < 2; i++)
      assert.equal((await gateway.post(TYPENAME, bearer('key-a'))).status, 200);
    await stopProcess(redis);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await gateway.post(TYPENAME, bearer('key-a'))).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
  });
});

async function waitReady(graphqlUrl: string): Promise<void> {
  const url = graphqlUrl.replace(/\/graphql$/, '/readyz');
  for (let i = 0; i < 100; i++) {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('gateway not ready');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

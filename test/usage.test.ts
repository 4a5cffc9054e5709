import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg, { type Pool } from 'pg';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { hashApiKey } from '../src/protection/api-keys.js';
import { createPostgresUsageLog } from '../src/usage/postgres-usage-log.js';
import {
  createMemoryUsageLog,
  usageDay,
  usageRecords,
  type UsageLog,
  type UsageRecord,
} from '../src/usage/usage-log.js';
import {
  AnswerDocument,
  IngestDocument,
  SearchDocument,
  UsageDocument,
} from '../src/client/index.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

/**
 * The usage log behind the admin `usage` field: the in-process log (no DATABASE_URL) and the
 * PostgreSQL one (the machine's PostgreSQL 15, in a schema of this run's own), through one contract,
 * then whole gateways.
 */
const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `sluice_test_${randomBytes(6).toString('hex')}`;
const admin = new pg.Pool({ connectionString: BASE_URL, max: 1 });
const databaseUrl = (() => {
  const url = new URL(BASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
})();
const pool = (max = 2) => new pg.Pool({ connectionString: databaseUrl, max });

/** A pool passing through to `real` except where `override` steps in (an outage, a slow write). */
const poolAround = (
  real: Pool,
  override: { query?: (...args: unknown[]) => unknown; connect?: () => unknown },
) =>
  ({
    query: override.query ?? ((...args: unknown[]) => passQuery(real, args)),
    connect: override.connect ?? (() => real.connect()),
    end: () => real.end(),
    on: () => undefined,
  }) as unknown as Pool;
const passQuery = (real: Pool, args: unknown[]) =>
  (real.query as (...a: unknown[]) => unknown)(...args);

before(async () => {
  await admin.query(`create schema ${schema}`);
});
after(async () => {
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

const DAY = 24 * 3600 * 1000;
const T0 = Date.parse('2026-11-30T12:00:00Z');
const record = (over: Partial<UsageRecord> = {}): UsageRecord => ({
  at: T0,
  caller: 'key:aaaa',
  model: 'gpt-4o-mini',
  calls: 1,
  inputTokens: 100,
  outputTokens: 20,
  usd: 0.0001,
  savedUsd: 0,
  ...over,
});

describe('usageDay', () => {
  it('is the UTC day of an instant, across midnights, in either direction', () => {
    const midnight = Date.parse('2026-12-08T00:00:00.000Z');
    const cases: Array<[number, string]> = [
      [midnight - 1, '2026-12-07'],
      [midnight, '2026-12-08'],
      [midnight - 1, '2026-12-07'],
      [midnight + 86_399_999, '2026-12-08'],
      [midnight + 86_400_000, '2026-12-09'],
      [Date.parse('1969-12-31T23:59:59.999Z'), '1969-12-31'],
      [0, '1970-01-01'],
    ];
    for (const [at, day] of cases) assert.equal(usageDay(at), day, new Date(at).toISOString());
  });
});

describe('usageRecords', () => {
  it('keeps priced kinds, drops data-API lines, and puts a saving on the answering model', () => {
    const items = [
      {
        kind: 'LLM' as const,
        model: 'gpt-4o-mini',
        calls: 1,
        inputTokens: 10,
        outputTokens: 5,
        usd: 0.2,
      },
      {
        kind: 'API' as const,
        model: 'open-meteo',
        calls: 2,
        inputTokens: 0,
        outputTokens: 0,
        usd: 0,
      },
      {
        kind: 'EMBEDDING' as const,
        model: 'text-embedding-3-small',
        calls: 1,
        inputTokens: 8,
        outputTokens: 0,
        usd: 0.01,
      },
    ];
    const rows = usageRecords({
      at: T0,
      caller: 'local',
      items,
      savedUsd: 0.5,
      savedModel: 'gpt-4o-mini',
    });
    assert.deepEqual(
      rows.map((r) => [r.model, r.calls, r.usd, r.savedUsd]),
      [
        ['gpt-4o-mini', 1, 0.2, 0.5],
        ['text-embedding-3-small', 1, 0.01, 0],
      ],
    );
    // An exact hit costs nothing: its saving is a row of its own, with no calls.
    const hit = usageRecords({
      at: T0,
      caller: 'local',
      items: [],
      savedUsd: 0.5,
      savedModel: 'gpt-4o',
    });
    assert.deepEqual(
      hit.map((r) => [r.model, r.calls, r.savedUsd]),
      [['gpt-4o', 0, 0.5]],
    );
    assert.deepEqual(usageRecords({ at: T0, caller: 'local', items: [], savedUsd: 0 }), []);
  });
});

/** What every usage log does, whatever keeps it. */
function usageLogContract(name: string, create: () => UsageLog) {
  describe(`${name} usage log (contract)`, () => {
    let log: UsageLog;
    before(() => {
      log = create();
    });
    after(() => log.close());

    it('sums records per UTC day, caller and model, and reports the days a range overlaps', async () => {
      log.record([record(), record({ inputTokens: 50, outputTokens: 10, usd: 0.00005 })]);
      log.record([record({ caller: 'ip:10.0.0.1' }), record({ model: 'gpt-4o', usd: 0.002 })]);
      // 23:59:59 the day before, and 00:00 the day after: other days.
      log.record([record({ at: Date.parse('2026-11-29T23:59:59Z') }), record({ at: T0 + DAY })]);
      log.record([record({ savedUsd: 0.25, calls: 0, inputTokens: 0, outputTokens: 0, usd: 0 })]);

      const day = await log.report({
        from: Date.parse('2026-11-30T00:00:00Z'),
        to: Date.parse('2026-11-30T01:00:00Z'),
      });
      assert.deepEqual(
        day.map((r) => [r.day, r.caller, r.model, r.calls, r.inputTokens, r.outputTokens]),
        [
          ['2026-11-30', 'ip:10.0.0.1', 'gpt-4o-mini', 1, 100, 20],
          ['2026-11-30', 'key:aaaa', 'gpt-4o', 1, 100, 20],
          ['2026-11-30', 'key:aaaa', 'gpt-4o-mini', 2, 150, 30],
        ],
      );
      const mini = day.find((r) => r.caller === 'key:aaaa' && r.model === 'gpt-4o-mini');
      assert.ok(mini && Math.abs(mini.usd - 0.00015) < 1e-12);
      assert.equal(mini.savedUsd, 0.25);

      const three = await log.report({ from: T0 - DAY, to: T0 + DAY + 1 });
      assert.deepEqual(
        [...new Set(three.map((r) => r.day))],
        ['2026-11-29', '2026-11-30', '2026-12-01'],
      );
      const one = await log.report({ from: T0 - DAY, to: T0 + 2 * DAY, caller: 'ip:10.0.0.1' });
      assert.deepEqual(
        one.map((r) => r.caller),
        ['ip:10.0.0.1'],
      );
    });
  });
}

usageLogContract('memory', () => createMemoryUsageLog());
usageLogContract('postgres', () => createPostgresUsageLog({ pool: pool(), flushIntervalMs: 50 }));

describe('memory usage log', () => {
  it('keeps at most maxRows day rows', async () => {
    const log = createMemoryUsageLog({ maxRows: 3 });
    for (let i = 0; i < 10; i++) log.record([record({ caller: `ip:10.0.0.${i}` })]);
    assert.equal((await log.report({ from: T0 - DAY, to: T0 + DAY })).length, 3);
  });
});

describe('postgres usage log', () => {
  it('replicas adding to the same row concurrently lose no increment', async () => {
    const logs = [0, 1, 2].map(() => createPostgresUsageLog({ pool: pool(), flushIntervalMs: 10 }));
    const at = Date.parse('2026-10-01T08:00:00Z');
    const writes = [];
    for (let round = 0; round < 30; round++) {
      for (const log of logs) log.record([record({ at, caller: 'key:race', usd: 0.5 })]);
      writes.push(new Promise((resolve) => setTimeout(resolve, 3)));
      await writes.at(-1);
    }
    await Promise.all(logs.map((log) => log.close()));
    const reader = createPostgresUsageLog({ pool: pool() });
    const [row] = await reader.report({ from: at, to: at + 1, caller: 'key:race' });
    await reader.close();
    assert.equal(row?.calls, 90);
    assert.equal(row.usd, 45);
  });

  it('writes at close what was recorded while a write was in flight', async () => {
    const real = pool();
    let release: () => void = () => {};
    let inFlight: () => void = () => {};
    const started = new Promise<void>((resolve) => (inFlight = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = poolAround(real, {
      query: async (...args: unknown[]) => {
        if (String(args[0]).includes('insert into sluice_usage')) {
          inFlight();
          await gate;
        }
        return passQuery(real, args);
      },
    });
    const log = createPostgresUsageLog({ pool: slow, flushIntervalMs: 5 });
    const at = Date.parse('2026-10-03T08:00:00Z');
    log.record([record({ at, caller: 'key:in-flight', calls: 2 })]);
    await started; // the timer's write has taken the first record and waits
    log.record([record({ at, caller: 'key:in-flight', calls: 3 })]);
    const closed = log.close();
    release();
    await closed;
    const reader = createPostgresUsageLog({ pool: pool() });
    const [row] = await reader.report({ from: at, to: at + 1, caller: 'key:in-flight' });
    await reader.close();
    assert.equal(row?.calls, 5);
  });

  it('keeps what it could not write while PostgreSQL is down, and writes it once it is back', async () => {
    const real = pool();
    let down = true;
    const refused = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const flaky = poolAround(real, {
      query: (...args: unknown[]) => (down ? refused() : passQuery(real, args)),
      connect: () => (down ? refused() : real.connect()),
    });
    const log = createPostgresUsageLog({ pool: flaky, flushIntervalMs: 10 });
    const at = Date.parse('2026-10-02T08:00:00Z');
    log.record([record({ at, caller: 'key:outage', calls: 2 })]);
    // Recording never waits on or fails for the database; a report says it is unavailable.
    await assert.rejects(log.report({ from: at, to: at + 1 }), (error: { code?: string }) => {
      assert.equal(error.code, 'UPSTREAM_UNAVAILABLE');
      return true;
    });
    log.record([record({ at, caller: 'key:outage', calls: 3 })]);
    down = false;
    const [row] = await log.report({ from: at, to: at + 1, caller: 'key:outage' });
    assert.equal(row?.calls, 5);
    await log.close();
  });

  it('outlives its connections being cut (a PostgreSQL restart): no crash, and it writes again', async () => {
    const log = createPostgresUsageLog({ pool: pool(), flushIntervalMs: 10 });
    const at = Date.parse('2026-10-03T08:00:00Z');
    log.record([record({ at, caller: 'key:restart' })]);
    assert.equal((await log.report({ from: at, to: at + 1, caller: 'key:restart' }))[0]?.calls, 1);
    // The server ends every idle connection of this schema's pool, as a restart would.
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where pid <> pg_backend_pid() and query like '%sluice_usage%'`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    log.record([record({ at, caller: 'key:restart' })]);
    assert.equal((await log.report({ from: at, to: at + 1, caller: 'key:restart' }))[0]?.calls, 2);
    await log.close();
  });

  it('drops past maxBufferedRows rather than growing while PostgreSQL is down', async () => {
    const refused = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const dead = {
      query: refused,
      connect: refused,
      end: () => Promise.resolve(),
      on: () => undefined,
    } as unknown as Pool;
    const log = createPostgresUsageLog({ pool: dead, flushIntervalMs: 5, maxBufferedRows: 2 });
    for (let i = 0; i < 5; i++) log.record([record({ caller: `ip:10.1.0.${i}` })]);
    // Two rows are buffered; the rest were dropped (and logged), never queued.
    await assert.rejects(log.report({ from: T0, to: T0 + 1 }));
    await log.close();
  });
});

describe('usage through the gateway', () => {
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  const READER = 'usage-reader-key';
  const ADMIN = 'usage-admin-key';
  before(async () => {
    emulator = await startTestEmulator();
  });
  after(() => emulator.close());

  const usage = async (g: TestGateway) => {
    const { data, errors } = await g.execute(UsageDocument, {
      from: new Date(Date.now() - DAY).toISOString(),
      to: new Date(Date.now() + DAY).toISOString(),
      caller: 'local',
    });
    assert.equal(errors, undefined, JSON.stringify(errors));
    return data?.usage ?? [];
  };

  it('records every priced call of an answer and its cache saving in PostgreSQL, surviving a restart', async () => {
    gateway = await startTestGateway(emulator, { DATABASE_URL: databaseUrl });
    const question = 'What is the weather in Osaka right now?';
    const first = await gateway.execute(AnswerDocument, { question });
    const spent = first.data?.answer?.cost.totalUsd ?? 0;
    const model = first.data?.answer?.model;
    assert.ok(
      spent > 0 && model && model !== 'extractive',
      JSON.stringify(first.data?.answer?.cost),
    );
    const again = await gateway.execute(AnswerDocument, { question });
    assert.equal(again.data?.answer?.cache.hit, 'EXACT');

    const rows = await usage(gateway);
    const row = rows.find((r) => r.model === model);
    assert.ok(row, JSON.stringify(rows));
    assert.equal(row.calls, 1);
    assert.ok(row.inputTokens > 0 && row.outputTokens > 0);
    assert.ok(Math.abs(row.usd - spent) < 1e-12);
    assert.ok(Math.abs(row.savedUsd - spent) < 1e-12, 'the exact hit saved what the first cost');
    await gateway.close();

    // A new replica (empty memory, same database) reports the same.
    gateway = await startTestGateway(emulator, { DATABASE_URL: databaseUrl });
    const reread = (await usage(gateway)).find((r) => r.model === model);
    assert.deepEqual(reread, row);
    await gateway.close();
  });

  it('is admin only, validates its range, and works without a database (this process)', async () => {
    gateway = await startTestGateway(emulator, {
      API_KEYS: `reader:${hashApiKey(READER)},admin:${hashApiKey(ADMIN)}`,
    });
    const query =
      '{ usage(from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z") { day calls } }';
    const asReader = await gateway.post({ query }, { authorization: `Bearer ${READER}` });
    const refused = (await asReader.json()) as {
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const asAdmin = await gateway.post({ query }, { authorization: `Bearer ${ADMIN}` });
    assert.deepEqual(await asAdmin.json(), { data: { usage: [] } });

    for (const [from, to] of [
      ['2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z'],
      ['2025-01-01T00:00:00Z', '2026-06-01T00:00:00Z'],
    ]) {
      const bad = await gateway.post(
        { query: `{ usage(from: "${from}", to: "${to}") { day } }` },
        { authorization: `Bearer ${ADMIN}` },
      );
      const body = (await bad.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      assert.equal(body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    }
    const question = 'How is Apple stock doing?';
    const answered = await gateway.execute(AnswerDocument, { question });
    const rows = await usage(gateway);
    assert.ok(rows.some((r) => r.model === answered.data?.answer?.model && r.calls === 1));
    await gateway.close();
  });

  it('bills paid embeddings to whoever made them: search and ingest in the log, an answer in its cost', async () => {
    gateway = await startTestGateway(emulator, { OPENAI_API_KEY: 'sk-usage-embeddings' });
    const embeddingCalls = async () =>
      (await usage(gateway)).find((r) => r.model === 'text-embedding-3-small')?.calls ?? 0;
    // Indexing the bundled corpus at start-up is the gateway's own work: nobody is billed.
    assert.equal(await embeddingCalls(), 0);

    const searched = await gateway.execute(SearchDocument, {
      query: 'how are cached answers invalidated between replicas',
      k: 3,
    });
    assert.equal(searched.errors, undefined, JSON.stringify(searched.errors));
    assert.equal(await embeddingCalls(), 1, "the search's query embedding");

    const ingested = await gateway.execute(IngestDocument, {
      documents: [{ id: 'billing-note', title: 'Billing note', text: 'Quokkas audit ledgers.' }],
    });
    assert.equal(ingested.errors, undefined, JSON.stringify(ingested.errors));
    assert.equal(await embeddingCalls(), 2, "the ingest's chunk embeddings");

    const { data } = await gateway.execute(AnswerDocument, {
      question: 'How does Sluice keep its response cache consistent across replicas?',
    });
    const item = data?.answer?.cost.items.find((i) => i.kind === 'EMBEDDING');
    assert.ok(item && item.calls >= 1 && item.inputTokens > 0, JSON.stringify(data?.answer?.cost));
    // An answer's spend is logged with the answer, once: not again as the search's caller.
    const rows = await usage(gateway);
    const logged = rows.find((r) => r.model === 'text-embedding-3-small');
    assert.equal(logged?.calls, 2 + item.calls);
    await gateway.close();
  });
});

import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSemanticAnswerCache } from '../src/answer/semantic-cache/semantic-answer-cache.js';
import { createTracer } from '../src/answer/trace.js';
import type { CachedAnswer } from '../src/answer/answer-cache.js';
import type { SemanticIndex } from '../src/answer/semantic-cache/semantic-index.js';
import { createMemoryBudgetStore } from '../src/llm/budget.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { emulatorEnv } from '../src/emulator/env.js';
import { createSilentLogger } from '../src/logger.js';
import { createMemoryCache } from '../src/cache/memory.js';
import { AnswerDocument, QuotesDocument } from '../src/client/index.js';
import { startTestEmulator } from './support/emulator.js';
import { useGateways } from './support/gateway.js';
import { exactTextIndex } from './support/semantic-index.js';

/**
 * Per-process structures stay bounded however many requests pass, and nothing taxes every request
 * for what earlier ones did. Issue 7's leak was a new AsyncLocalStorage per answer, kept by Node
 * forever, whose hook every promise of every later request ran; and once any storage has run,
 * Node 20 runs a hook on every promise of the process. So with tracing off Sluice runs none.
 */

/** Counts the AsyncLocalStorage instances that `run` or `enterWith` is called on while `fn` runs. */
async function storagesRunDuring(fn: () => Promise<void>): Promise<number> {
  const seen = new Set<AsyncLocalStorage<unknown>>();
  const { run, enterWith } = AsyncLocalStorage.prototype;
  AsyncLocalStorage.prototype.run = function (
    this: AsyncLocalStorage<unknown>,
    ...args: unknown[]
  ) {
    seen.add(this);
    return Reflect.apply(run, this, args) as unknown;
  } as typeof run;
  AsyncLocalStorage.prototype.enterWith = function (
    this: AsyncLocalStorage<unknown>,
    ...args: unknown[]
  ) {
    seen.add(this);
    Reflect.apply(enterWith, this, args);
  } as typeof enterWith;
  try {
    await fn();
  } finally {
    Object.assign(AsyncLocalStorage.prototype, { run, enterWith });
  }
  return seen.size;
}

describe('async context storages', () => {
  const fixture = useGateways({ env: { OPENAI_BASE_URL: undefined } });

  it('none runs with tracing off: answers (hits or not), data, search, usage billing', async () => {
    const storages = await storagesRunDuring(async () => {
      for (const question of [
        'What is the weather in Lisbon and the price of AAPL?',
        'What is the weather in Lisbon and the price of AAPL?',
        'How does Sluice cache answers?',
      ]) {
        const { errors } = await fixture.gateway.execute(AnswerDocument, { question });
        assert.equal(errors, undefined);
      }
      const data = await fixture.gateway.execute(QuotesDocument, { symbols: ['MSFT', 'AAPL'] });
      assert.equal(data.errors, undefined);
      const response = await fixture.gateway.post({
        query:
          '{ search(query: "response cache", k: 2) { id } news(query: "rust", limit: 2) { id } }',
      });
      assert.equal(response.status, 200, await response.clone().text());
    });
    assert.equal(storages, 0);
  });

  it('a tracer nests spans under the span that started them, and two tracers never share one', async () => {
    const a = createTracer('a'.repeat(32));
    const b = createTracer('b'.repeat(32));
    await a.run('outer', async (outer) => {
      await b.run('other', async () => {
        await Promise.all([
          outer.run('inner', async (inner) => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            await inner.run('deepest', () => 1);
          }),
          outer.run('sibling', () => 2),
        ]);
      });
    });
    await a.run('second root', () => 3);
    const spans = a.finish().spans;
    const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
    assert.equal(byName.outer?.parentId, null);
    assert.equal(byName.inner?.parentId, byName.outer?.id);
    assert.equal(byName.sibling?.parentId, byName.outer?.id);
    assert.equal(byName.deepest?.parentId, byName.inner?.id);
    assert.equal(byName['second root']?.parentId, null);
    assert.deepEqual(
      b.finish().spans.map((s) => [s.name, s.parentId]),
      [['other', null]],
    );
  });
});

const answer = { text: 'x' } as unknown as CachedAnswer;

describe('semantic answer cache bounds', () => {
  it('keeps at most maxEntries questions in its local indexes, dropping the soonest to expire', async () => {
    const made: SemanticIndex[] = [];
    const cache = createSemanticAnswerCache({
      cache: createMemoryCache({ maxEntries: 1000 }),
      createIndex: () => {
        const index = exactTextIndex();
        made.push(index);
        return index;
      },
      logger: createSilentLogger(),
      maxEntries: 5,
    });
    for (let i = 0; i < 20; i++) await cache.store(`question ${i}`, '*', answer, 100 + i);
    assert.equal(made.length, 1);
    assert.equal(made[0]?.size, 5);
    // The five that expire last are the ones kept.
    assert.ok(await cache.lookup('question 19', '*'));
    assert.equal(await cache.lookup('question 0', '*'), undefined);
  });

  it('keeps at most maxIndexes option sets, least recently used dropped first', async () => {
    let live = 0;
    const cache = createSemanticAnswerCache({
      cache: createMemoryCache({ maxEntries: 1000 }),
      createIndex: () => {
        live++;
        return exactTextIndex();
      },
      logger: createSilentLogger(),
      maxIndexes: 3,
    });
    await cache.store('q', 'options 0', answer, 60);
    for (let i = 1; i < 10; i++) {
      await cache.store('q', `options ${i}`, answer, 60);
      assert.ok(await cache.lookup('q', 'options 0'), 'options 0 is used and stays');
    }
    assert.equal(await cache.lookup('q', 'options 1'), undefined, 'options 1 was dropped');
    assert.ok(await cache.lookup('q', 'options 9'));
    assert.equal(live, 10);
  });
});

describe('in-process cache bounds', () => {
  it('evicts by bytes as well as by entries, least recently used first', async () => {
    const cache = createMemoryCache({ maxEntries: 1000, maxBytes: 50_000 });
    const big = 'x'.repeat(5000); // about 10 KB once serialised
    for (let i = 0; i < 20; i++) await cache.set(`k${i}`, { big, i }, { ttlSeconds: 60 });
    const kept = cache.keys();
    assert.ok(kept.length <= 5, `${kept.length} entries of ~10 KB under a 50 KB bound`);
    assert.deepEqual(await cache.get('k19'), { big, i: 19 });
    assert.equal(await cache.get('k0'), undefined);
    // Small entries still fill up to the entry bound.
    const small = createMemoryCache({ maxEntries: 3, maxBytes: 50_000 });
    for (let i = 0; i < 5; i++) await small.set(`s${i}`, i, { ttlSeconds: 60 });
    assert.deepEqual(small.keys().sort(), ['s2', 's3', 's4']);
  });

  it('frees expired entries nobody reads again', async () => {
    const cache = createMemoryCache({ maxEntries: 1000, purgeIntervalMs: 0 });
    for (let i = 0; i < 5; i++) await cache.set(`old${i}`, i, { ttlSeconds: 0.05 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await cache.set('new', 1, { ttlSeconds: 60 });
    assert.deepEqual(cache.keys(), ['new']);
  });
});

describe('memory budget store', () => {
  it('remembers at most maxCallers callers a day', async () => {
    const store = createMemoryBudgetStore({ maxCallers: 3, now: () => Date.UTC(2026, 0, 1) });
    for (let i = 0; i < 10; i++) await store.add(`caller ${i}`, 1);
    assert.equal(await store.spent('caller 9'), 1);
    assert.equal(await store.spent('caller 0'), 0);
  });
});

describe('served milliseconds', () => {
  it('are rounded to hundredths in the trace', async () => {
    let t = 0;
    const tracer = createTracer('c'.repeat(32), undefined, () => (t += 1.23456789));
    await tracer.run('span', () => 1);
    const trace = tracer.finish();
    for (const value of [
      trace.durationMs,
      ...trace.spans.flatMap((s) => [s.startMs, s.durationMs]),
    ]) {
      assert.equal(value, Math.round(value * 100) / 100, String(value));
    }
  });
});

describe('process listeners', () => {
  it('a gateway started in-process and closed leaves no signal handler behind', async () => {
    const emulator = await startTestEmulator();
    const dataDir = await mkdtemp(join(tmpdir(), 'sluice-listeners-'));
    try {
      const before = process.listenerCount('SIGTERM') + process.listenerCount('SIGINT');
      for (let i = 0; i < 3; i++) {
        const config = loadConfig({
          ...emulatorEnv(emulator),
          LOG_LEVEL: 'silent',
          DATA_DIR: dataDir,
        });
        const app = await createApp(config, createSilentLogger());
        await app.gateway.apollo.start();
        await app.close();
      }
      assert.equal(process.listenerCount('SIGTERM') + process.listenerCount('SIGINT'), before);
    } finally {
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

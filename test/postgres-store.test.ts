import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { isGatewayError } from '../src/errors.js';
import { createSilentLogger } from '../src/logger.js';
import type { CorpusDocument } from '../src/vector/corpus.js';
import type { DocumentStore, IndexMeta, StoredDocument } from '../src/vector/document-store.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { createVectorIndex, type VectorIndex } from '../src/vector/index.js';
import { describePostgresUrl, migrate, SCHEMA_VERSION } from '../src/db/postgres.js';
import { createPostgresDocumentStore } from '../src/vector/postgres-document-store.js';
import { eventually } from './support/eventually.js';

/**
 * The PostgreSQL document store against the machine's PostgreSQL 15 (TEST_DATABASE_URL, default
 * the `test` database on 127.0.0.1:5432), each run in a schema of its own, dropped afterwards.
 */
const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `sluice_test_${randomBytes(6).toString('hex')}`;
const admin = new pg.Pool({ connectionString: BASE_URL, max: 2 });

/** The URL of this run's schema; `name` tells this store's connections apart in pg_stat_activity. */
function schemaUrl(name = 'sluice-test', inSchema = schema): string {
  const url = new URL(BASE_URL);
  url.searchParams.set('options', `-c search_path=${inSchema}`);
  url.searchParams.set('application_name', name);
  return url.toString();
}

const pools: pg.Pool[] = [];
function openStore(
  options: {
    name?: string;
    inSchema?: string;
    reconnectMs?: { min: number; max: number };
    keepChanges?: number;
  } = {},
): DocumentStore {
  const pool = new pg.Pool({ connectionString: schemaUrl(options.name, options.inSchema), max: 4 });
  const store = createPostgresDocumentStore({
    pool,
    location: 'test',
    logger: createSilentLogger(),
    reconnectMs: options.reconnectMs,
    keepChanges: options.keepChanges,
  });
  stores.push(store);
  return store;
}
const stores: DocumentStore[] = [];

const embedder = createHashingEmbedder({ dimension: 64 });
const META: IndexMeta = {
  embedderId: embedder.id,
  dimension: 64,
  corpusHash: null,
  corpusIds: [],
};
const doc = async (id: string, texts: string[]): Promise<StoredDocument> => {
  const vectors = await embedder.embed(texts);
  return {
    id,
    title: id,
    source: null,
    url: null,
    chunks: texts.map((text, n) => ({ text, vector: vectors[n] as Float32Array })),
  };
};

const indexes: VectorIndex[] = [];
function openIndex(store: DocumentStore, corpus: readonly CorpusDocument[] = CORPUS): VectorIndex {
  const index = createVectorIndex({
    embedder,
    store,
    logger: createSilentLogger(),
    bundledCorpus: corpus,
  });
  indexes.push(index);
  return index;
}
const CORPUS: CorpusDocument[] = [
  {
    id: 'docs/keep',
    title: 'Keep',
    source: 'docs',
    url: null,
    text: 'The lighthouse keeper logs the tide.',
  },
  {
    id: 'docs/drop',
    title: 'Drop',
    source: 'docs',
    url: null,
    text: 'The walrus choir sings at dawn.',
  },
];

const finds = async (index: VectorIndex, query: string, documentId: string, text?: RegExp) =>
  (await index.search(query, 5)).some(
    (p) => p.documentId === documentId && (!text || text.test(p.text)),
  );

/** Each test gets its own schema (so meta and change log start empty). */
async function freshSchema(): Promise<string> {
  const name = `${schema}_${randomBytes(3).toString('hex')}`;
  await admin.query(`create schema ${name}`);
  created.push(name);
  return name;
}
const created: string[] = [schema];

before(async () => {
  await admin.query(`create schema ${schema}`);
});
after(async () => {
  for (const index of indexes.splice(0)) await index.close();
  // Closes each store's LISTEN client and pool (a pool waits for its checked-out clients).
  for (const store of stores.splice(0)) await store.close?.();
  for (const pool of pools.splice(0)) if (!pool.ended) await pool.end();
  for (const name of created) await admin.query(`drop schema if exists ${name} cascade`);
  await admin.end();
});

describe('postgres document store', () => {
  it('migrates once when two replicas start together', async () => {
    const inSchema = await freshSchema();
    const a = new pg.Pool({ connectionString: schemaUrl('a', inSchema), max: 2 });
    const b = new pg.Pool({ connectionString: schemaUrl('b', inSchema), max: 2 });
    pools.push(a, b);
    const applied = await Promise.all([migrate(a), migrate(b), migrate(a)]);
    assert.deepEqual(
      applied.flat().sort(),
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
      'each version applied by exactly one of the starts',
    );
    const { rows } = await a.query('select version from sluice_schema_migrations order by version');
    assert.deepEqual(
      rows.map((row: { version: number }) => row.version),
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
    // Two stores loading at once on the migrated schema: both find it empty.
    const stores = [openStore({ inSchema }), openStore({ inSchema })];
    assert.deepEqual(await Promise.all(stores.map((s) => s.load())), [undefined, undefined]);
  });

  it('round-trips documents, chunk vectors and the graph snapshot exactly', async () => {
    const store = openStore({ inSchema: await freshSchema() });
    assert.equal(await store.load(), undefined);
    const a = await doc('a', ['one', 'two']);
    const graph = new Uint8Array([1, 2, 3, 250]);
    await store.commit({ meta: META, upsert: [a, await doc('b', ['three'])], delete: [], graph });
    const loaded = await openStore({ inSchema: created.at(-1) }).load();
    assert.ok(loaded);
    assert.deepEqual(loaded.meta, META);
    assert.deepEqual(
      loaded.documents.map((d) => [d.id, d.chunks.map((c) => c.text)]),
      [
        ['a', ['one', 'two']],
        ['b', ['three']],
      ],
    );
    assert.deepEqual(loaded.documents[0]?.chunks[1]?.vector, a.chunks[1]?.vector, 'bit-exact');
    assert.deepEqual(loaded.graph, graph);
  });

  it('commits atomically: a commit failing midway leaves nothing, a re-ingest replaces every chunk', async () => {
    const inSchema = await freshSchema();
    const store = openStore({ inSchema });
    await store.load();
    await store.commit({ meta: META, upsert: [await doc('x', ['a', 'b', 'c'])], delete: [] });
    // PostgreSQL refuses a NUL in text: the document row and meta are written before the chunk fails.
    const bad = await doc('y', ['fine', 'bad\u0000text']);
    await assert.rejects(
      store.commit({
        meta: { ...META, corpusHash: 'changed' },
        upsert: [bad, await doc('x', ['replaced'])],
        delete: [],
      }),
    );
    const check = openStore({ inSchema });
    const afterFailure = await check.load();
    assert.equal(afterFailure?.meta.corpusHash, null);
    assert.deepEqual(
      afterFailure?.documents.map((d) => [d.id, d.chunks.map((c) => c.text)]),
      [['x', ['a', 'b', 'c']]],
    );
    const [{ count }] = (
      await admin.query(`select count(*)::int as count from ${inSchema}.sluice_changes`)
    ).rows as [{ count: number }];
    assert.equal(count, 1, 'only the first commit is in the change log');

    await store.commit({ meta: META, upsert: [await doc('x', ['only'])], delete: [] });
    const chunks = await admin.query(`select text from ${inSchema}.sluice_chunks`);
    assert.deepEqual(
      chunks.rows.map((row: { text: string }) => row.text),
      ['only'],
    );
  });

  it('a failed ingest is not served either', async () => {
    const index = openIndex(openStore({ inSchema: await freshSchema() }));
    await index.ready();
    await index.ingest([{ id: 'runbook', text: 'The cobalt heron nests by the dam.' }]);
    await assert.rejects(
      index.ingest([
        { id: 'runbook', text: 'Replaced by a text with a NUL \u0000 in it.' },
        { id: 'new', text: 'A new document about saffron kites.' },
      ]),
    );
    assert.ok(await finds(index, 'cobalt heron', 'runbook', /cobalt heron/));
    assert.equal(await finds(index, 'saffron kites', 'new'), false);
  });

  it('never shows the password: the location is host and database', () => {
    assert.equal(
      describePostgresUrl('postgres://sluice:hunter2@db.internal:6543/docs?sslmode=require'),
      'db.internal:6543/docs',
    );
  });
});

describe('postgres followers', () => {
  it('pull reports what others committed, never its own commits, and reloads past a pruned log', async () => {
    const inSchema = await freshSchema();
    const a = openStore({ inSchema, keepChanges: 3 });
    const b = openStore({ inSchema });
    await a.load();
    await b.load();
    const following = b.follow?.(() => undefined);
    assert.ok(following);
    await a.commit({ meta: META, upsert: [await doc('one', ['1'])], delete: [] });
    await b.commit({ meta: META, upsert: [await doc('mine', ['m'])], delete: [] });
    await a.commit({ meta: META, upsert: [await doc('two', ['2'])], delete: ['one'] });
    const changes = await following.pull();
    assert.equal(changes?.kind, 'changes');
    assert.deepEqual(
      changes?.kind === 'changes' && [changes.upsert.map((d) => d.id), changes.delete],
      [['two'], ['one']],
    );
    assert.equal(await following.pull(), undefined, 'nothing new');

    for (const n of [4, 5, 6, 7]) {
      await a.commit({ meta: META, upsert: [await doc(`d${n}`, [`${n}`])], delete: [] });
    }
    const reload = await following.pull();
    assert.equal(reload?.kind, 'reload', 'the log no longer reaches back to the cursor');
    const ids = reload?.kind === 'reload' ? reload.index.documents.map((d) => d.id) : [];
    assert.deepEqual(ids, ['d4', 'd5', 'd6', 'd7', 'mine', 'two']);
  });

  it('a document ingested through one replica is searchable on another within 2 s', async () => {
    const inSchema = await freshSchema();
    const a = openIndex(openStore({ inSchema }));
    const b = openIndex(openStore({ inSchema }));
    await a.ready();
    await b.ready();
    assert.ok(await finds(b, 'lighthouse keeper', 'docs/keep'), 'the corpus A indexed');
    const started = Date.now();
    await a.ingest([{ id: 'faq', text: 'The amber otter repairs the mill wheel on Tuesdays.' }]);
    await eventually(() => finds(b, 'amber otter mill wheel', 'faq'), 2000, 'B finds faq');
    assert.ok(Date.now() - started < 2000);
    assert.equal(b.stats().documents, a.stats().documents);
  });

  it('a re-ingest and a deletion propagate', async () => {
    const inSchema = await freshSchema();
    const a = openIndex(openStore({ inSchema }));
    const b = openIndex(openStore({ inSchema }));
    await a.ready();
    await b.ready();
    await a.ingest([{ id: 'note', text: 'The violet badger guards the north gate.' }]);
    await eventually(() => finds(b, 'violet badger', 'note'), 2000, 'B finds the note');
    await a.ingest([{ id: 'note', text: 'The crimson stoat guards the south gate.' }]);
    await eventually(
      async () =>
        (await finds(b, 'crimson stoat', 'note', /crimson/)) &&
        !(await finds(b, 'violet badger', 'note', /violet/)),
      2000,
      'B holds only the new text',
    );
    // A newer release whose corpus lost a document deletes it at start: B follows.
    assert.ok(await finds(b, 'walrus choir', 'docs/drop'));
    const upgraded = openIndex(openStore({ inSchema }), CORPUS.slice(0, 1));
    await upgraded.ready();
    await eventually(
      async () => !(await finds(b, 'walrus choir dawn', 'docs/drop')),
      2000,
      'B dropped docs/drop',
    );
    assert.equal(b.stats().documents, upgraded.stats().documents);
  });

  it('catches up on what it missed while its LISTEN connection was down', async () => {
    const inSchema = await freshSchema();
    const a = openIndex(openStore({ inSchema }));
    // A fixed, long reconnect delay: the ingest below lands while B is certainly disconnected.
    const name = `follower-${randomBytes(3).toString('hex')}`;
    const bStore = openStore({ inSchema, name, reconnectMs: { min: 1500, max: 1500 } });
    const b = openIndex(bStore);
    await a.ready();
    await b.ready();
    const listening = async () =>
      (
        await admin.query(
          `select pid from pg_stat_activity where application_name = $1 and query ilike 'listen%'`,
          [name],
        )
      ).rows as Array<{ pid: number }>;
    await eventually(async () => (await listening()).length === 1, 2000, 'B listens');
    const [{ pid }] = (await listening()) as [{ pid: number }];
    await admin.query('select pg_terminate_backend($1)', [pid]);
    const refusal = () =>
      b.search('anything', 1).then(
        () => undefined,
        (error: unknown) => error,
      );
    await eventually(async () => (await refusal()) !== undefined, 1000, 'B notices the loss');
    const refused = await refusal();
    assert.ok(isGatewayError(refused), 'search refuses while B may be behind');
    assert.equal(refused.code, 'UPSTREAM_UNAVAILABLE');

    await a.ingest([{ id: 'missed', text: 'The jade tortoise counts the lanterns.' }]);
    await eventually(() => finds(b, 'jade tortoise lanterns', 'missed'), 5000, 'B caught up');
    assert.ok(await bStore.check?.());
  });
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ErrorCode, isGatewayError } from '../src/errors.js';
import { createLogger, createSilentLogger, type Logger } from '../src/logger.js';
import type { CorpusDocument } from '../src/vector/corpus.js';
import type { DocumentStore } from '../src/vector/document-store.js';
import { createFileDocumentStore } from '../src/vector/file-document-store.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { createVectorIndex, type VectorIndex } from '../src/vector/index.js';
import { createPostgresDocumentStore } from '../src/vector/postgres-document-store.js';
import { SearchDocument } from '../src/client/index.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { startTestEmulator } from './support/emulator.js';
import { startPglite, type PgliteServer } from './support/pglite.js';

/**
 * The pgvector path of the PostgreSQL document store, against PGlite with its pgvector extension
 * over the wire protocol (one instance for the file). PGlite's connections share one session, so
 * the tests here run one after another on one set of tables, dropped between suites; migrations,
 * LISTEN/NOTIFY and concurrent transactions are tested on the real PostgreSQL 15
 * (postgres-store.test.ts), which has no pgvector: the last suite checks it keeps the plain path.
 */
let pglite: PgliteServer;
let admin: pg.Pool;
/** Stores and indexes the tests open, closed before the database. */
const opened: Array<{ close(): Promise<void> }> = [];
before(async () => {
  pglite = await startPglite(32);
  admin = new pg.Pool({ connectionString: pglite.url, max: 1 });
});
after(async () => {
  for (const thing of opened.reverse()) await thing.close();
  await admin.end();
  await pglite.close();
});

/** Drops every table a store made (the extension stays: detection then finds it installed). */
async function dropTables(): Promise<void> {
  await admin.query(
    `drop table if exists sluice_chunks, sluice_documents, sluice_meta, sluice_changes,
       sluice_graph, sluice_usage, sluice_schema_migrations cascade`,
  );
}

/** A pino destination that keeps every line, parsed. */
function memoryLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

function openStore(url = pglite.url, logger: Logger = createSilentLogger()): DocumentStore {
  const store = createPostgresDocumentStore({
    pool: new pg.Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 2_000 }),
    location: 'pglite',
    logger,
  });
  opened.push({ close: async () => store.close?.() });
  return store;
}

function openIndex(
  store: DocumentStore,
  { dimension = 64, corpus = CORPUS }: { dimension?: number; corpus?: CorpusDocument[] } = {},
): VectorIndex {
  const index = createVectorIndex({
    embedder: createHashingEmbedder({ dimension }),
    store,
    logger: createSilentLogger(),
    bundledCorpus: corpus,
    hnsw: { seed: 7 },
  });
  opened.push(index);
  return index;
}

const CORPUS: CorpusDocument[] = [
  {
    id: 'docs/tides',
    title: 'Tides',
    source: 'docs',
    url: null,
    text: 'The lighthouse keeper logs the tide at dawn and at dusk.',
  },
  {
    id: 'docs/choir',
    title: 'Choir',
    source: 'docs',
    url: 'https://example.test/choir',
    text: 'The walrus choir sings at dawn on the northern ice.',
  },
];

const DOCUMENTS = [
  { id: 'turbine', text: 'Restart the quartz turbine by holding the amber lever for ten seconds.' },
  { id: 'pump', text: 'The basalt pump is primed by turning the copper wheel twice.' },
  { id: 'ledger', text: 'The walnut ledger records every tide the lighthouse keeper logs.' },
  { id: 'heron', text: 'The teal heron rota changes on Mondays; the keeper posts it at dawn.' },
  { id: 'kites', text: 'Saffron kites fly over the dam when the amber lever is raised.' },
];
const QUERIES = [
  'quartz turbine amber lever',
  'lighthouse keeper tide',
  'dawn',
  'copper wheel basalt',
  'heron rota Mondays',
];

const chunkRows = async (): Promise<Array<{ document_id: string; text: string }>> =>
  (await admin.query('select document_id, text from sluice_chunks order by document_id, n')).rows;

describe('PostgreSQL with pgvector', () => {
  let store: DocumentStore;
  let index: VectorIndex;
  const log = memoryLogger();
  before(async () => {
    await dropTables();
    // PGlite's connections share one session: this makes the stores' searches use the HNSW index,
    // which the planner would skip for tables this small (an exact scan, right but not the path).
    await admin.query('set enable_seqscan = off');
    store = openStore(pglite.url, log.logger);
    index = openIndex(store);
    await index.ready();
  });

  it('detects pgvector, creates the extension and says so in the log and the stats', async () => {
    const { rows } = await admin.query(
      `select extversion from pg_extension where extname = 'vector'`,
    );
    assert.match(String(rows[0]?.extversion), /^0\.8\./);
    assert.equal(store.kind, 'postgres+pgvector');
    assert.ok(store.searcher);
    assert.equal(index.stats().documentStore, 'postgres+pgvector');
    assert.equal(index.stats().searchMethod, 'pgvector');
    const line = log.lines.find((l) => String(l.msg).startsWith('pgvector found'));
    assert.ok(line, JSON.stringify(log.lines.map((l) => l.msg)));
    assert.equal(line.created, true);
  });

  it('keeps vectors in a vector(n) column with an HNSW cosine index', async () => {
    const column = await admin.query(
      `select format_type(atttypid, atttypmod) as type from pg_attribute
       where attrelid = 'sluice_chunks'::regclass and attname = 'embedding'`,
    );
    assert.equal(column.rows[0]?.type, 'vector(64)');
    const indexes = await admin.query(
      `select am.amname, pg_get_indexdef(i.indexrelid) as def from pg_index i
       join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
       where i.indrelid = 'sluice_chunks'::regclass and am.amname = 'hnsw'`,
    );
    assert.equal(indexes.rowCount, 1);
    assert.match(String(indexes.rows[0]?.def), /\(embedding vector_cosine_ops\)/);
    const empty = await admin.query(
      'select count(*)::int as n from sluice_chunks where embedding is null',
    );
    assert.equal(empty.rows[0]?.n, 0);
  });

  it('search returns the documents, order and scores of the in-process index', async () => {
    await index.ingest(DOCUMENTS);
    const dir = await mkdtemp(join(tmpdir(), 'sluice-pgvector-'));
    try {
      const local = openIndex(createFileDocumentStore({ dir, logger: createSilentLogger() }));
      await local.ready();
      await local.ingest(DOCUMENTS);
      assert.equal(local.stats().searchMethod, 'hnsw');
      const close = (a: number, b: number | undefined) => b !== undefined && Math.abs(a - b) < 1e-5;
      let strict = 0;
      for (const query of QUERIES) {
        const [inDb, inProcess] = [await index.search(query, 4), await local.search(query, 4)];
        // Every chunk with its in-process score, to check hits tied at the cut-off by id.
        const all = new Map((await local.search(query, 50)).map((p) => [p.id, p]));
        assert.equal(inDb.length, 4, query);
        inDb.forEach((passage, i) => {
          assert.ok(close(passage.score, inProcess[i]?.score), `score ${i} for ${query}`);
          assert.deepEqual(passage, { ...all.get(passage.id), score: passage.score }, query);
          assert.ok(close(passage.score, all.get(passage.id)?.score), `${passage.id} for ${query}`);
        });
        // Hashed words: chunks sharing no word with the query tie at 0, in any order.
        const untied = inDb.filter((p) =>
          [...all.values()].every((o) => o.id === p.id || !close(p.score, o.score)),
        );
        for (const passage of untied) {
          strict++;
          assert.equal(passage.id, inProcess[inDb.indexOf(passage)]?.id, `order for ${query}`);
        }
      }
      assert.ok(strict >= 10, `${strict} untied hits compared`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('k up to 50 gets k hits from the HNSW index (its beam is widened past the default 40)', async () => {
    await index.ingest(
      Array.from({ length: 50 }, (_, i) => ({
        id: `bulk-${i}`,
        text: `Bulk item ${i} of the pier.`,
      })),
    );
    const plan = await admin.query(
      `explain select document_id from sluice_chunks order by embedding <=> $1::vector limit 50`,
      [`[${Array.from({ length: 64 }, (_, i) => (i === 0 ? 1 : 0)).join(',')}]`],
    );
    assert.match(JSON.stringify(plan.rows), /Index Scan using sluice_chunks_embedding/);
    const hits = await index.search('bulk item pier', 50);
    assert.equal(hits.length, 50);
    assert.ok(hits.slice(0, 50).every((p) => p.documentId.startsWith('bulk-')));
  });

  it('a query without words (a zero vector) scores 0, as in-process, not NaN', async () => {
    const hits = await index.search('?!', 2);
    assert.equal(hits.length, 2);
    assert.deepEqual(
      hits.map((p) => p.score),
      [0, 0],
    );
  });

  it('searches the database: a row no replica holds in memory is found at once', async () => {
    // Written behind the store's back: no change log, no notification, so no index applies it.
    await admin.query(
      `insert into sluice_documents (id, title, source, url, seq) values ('direct', null, null, null, 0)`,
    );
    const [vector] = await createHashingEmbedder({ dimension: 64 }).embed(['obsidian falcon']);
    const literal = `{${Array.from(vector as Float32Array).join(',')}}`;
    await admin.query(
      `insert into sluice_chunks (document_id, n, text, vector, embedding)
       values ('direct', 0, 'the obsidian falcon', $1::real[], $1::real[]::vector)`,
      [literal],
    );
    const [top] = await index.search('obsidian falcon', 3);
    assert.equal(top?.id, 'direct#0');
    assert.ok(Math.abs((top?.score ?? 0) - 1) < 1e-5);
    await admin.query(`delete from sluice_documents where id = 'direct'`);
    assert.notEqual((await index.search('obsidian falcon', 3))[0]?.documentId, 'direct');
  });

  it('a re-ingest replaces every chunk at once; a failed one leaves the old version', async () => {
    await index.ingest([
      { id: 'pump', text: 'The granite pump starts when the brass valve opens.' },
    ]);
    assert.deepEqual(
      (await chunkRows()).filter((r) => r.document_id === 'pump').map((r) => r.text),
      ['The granite pump starts when the brass valve opens.'],
    );
    const hits = await index.search('basalt pump copper wheel', 10);
    assert.ok(!hits.some((p) => /basalt/.test(p.text)));
    assert.equal((await index.search('granite pump brass valve', 1))[0]?.documentId, 'pump');
    // PostgreSQL refuses a NUL in text: the document row is written before its chunk fails.
    await assert.rejects(
      index.ingest([
        { id: 'pump', text: 'Replaced by a text with a NUL \u0000 in it.' },
        { id: 'new', text: 'A new document about vermilion owls.' },
      ]),
    );
    assert.equal((await index.search('granite pump brass valve', 1))[0]?.documentId, 'pump');
    assert.ok(!(await index.search('vermilion owls', 10)).some((p) => p.documentId === 'new'));
  });

  it('a document dropped from the bundled corpus is deleted, in the database too', async () => {
    const restarted = openIndex(openStore(), { corpus: CORPUS.slice(0, 1) });
    await restarted.ready();
    const ids = new Set((await chunkRows()).map((r) => r.document_id));
    assert.ok(ids.has('docs/tides') && !ids.has('docs/choir'));
    const hits = await restarted.search('walrus choir northern ice', 10);
    assert.ok(hits.length > 0);
    assert.ok(!hits.some((p) => p.documentId === 'docs/choir'));
  });

  it('an embedder of another dimension re-embeds into a vector(n) column of that size', async () => {
    const before = (await chunkRows()).length;
    const other = openIndex(openStore(), { dimension: 32, corpus: CORPUS.slice(0, 1) });
    await other.ready();
    const column = await admin.query(
      `select format_type(atttypid, atttypmod) as type from pg_attribute
       where attrelid = 'sluice_chunks'::regclass and attname = 'embedding'`,
    );
    assert.equal(column.rows[0]?.type, 'vector(32)');
    const meta = await admin.query('select dimension from sluice_meta');
    assert.equal(meta.rows[0]?.dimension, 32);
    assert.equal((await chunkRows()).length, before);
    const hnsw = await admin.query(
      `select 1 from pg_indexes where tablename = 'sluice_chunks' and indexdef like '%hnsw%'`,
    );
    assert.equal(hnsw.rowCount, 1);
    const [top] = await other.search('quartz turbine amber lever', 1);
    assert.equal(top?.documentId, 'turbine');
    assert.ok((top?.score ?? 0) > 0.5);
  });

  it('fails search with UPSTREAM_UNAVAILABLE while the database is unreachable', async () => {
    const door = await pglite.listen();
    const cut = openIndex(openStore(door.url), { dimension: 32, corpus: CORPUS.slice(0, 1) });
    await cut.ready();
    assert.ok((await cut.search('lighthouse keeper tide', 1)).length > 0);
    await door.stop();
    await assert.rejects(
      cut.search('lighthouse keeper tide', 1),
      (error: unknown) => isGatewayError(error) && error.code === ErrorCode.UPSTREAM_UNAVAILABLE,
    );
  });
});

describe('a gateway on PostgreSQL with pgvector', () => {
  let gateway: TestGateway;
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  before(async () => {
    await dropTables();
    emulator = await startTestEmulator();
    gateway = await startTestGateway(emulator, { DATABASE_URL: pglite.url });
  });
  after(async () => {
    await gateway.close();
    await emulator.close();
  });

  it('reports postgres+pgvector in health and searches the bundled docs in the database', async () => {
    const response = await gateway.post({ query: '{ health { documentStore } }' });
    const body = (await response.json()) as { data?: { health: { documentStore: string } } };
    assert.equal(body.data?.health.documentStore, 'postgres+pgvector');
    const ready = await fetch(new URL('/readyz', gateway.url));
    assert.equal(ready.status, 200);
    const { data, errors } = await gateway.execute(SearchDocument, {
      query: 'how are upstream errors reported to clients',
      k: 3,
    });
    assert.equal(errors, undefined, JSON.stringify(errors));
    assert.equal(data?.search?.length, 3);
    assert.ok(data?.search?.every((p) => p.documentId.startsWith('sluice-docs/')));
    const stored = await admin.query('select count(*)::int as n from sluice_chunks');
    assert.ok(Number(stored.rows[0]?.n) > 3);
  });
});

describe('a role that may not create the extension, then a superuser', () => {
  before(async () => {
    await dropTables();
    await admin.query('drop extension if exists vector cascade');
    await admin.query('create role sluice_app');
    await admin.query('grant create on schema public to sluice_app');
    // The one PGlite session: every connection, the store's too, now acts as sluice_app.
    await admin.query('set role sluice_app');
  });
  after(async () => {
    await admin.query('reset role');
    await admin.query('drop owned by sluice_app cascade');
    await admin.query('drop role sluice_app');
  });

  it('falls back to the plain path and logs why', async () => {
    const log = memoryLogger();
    const store = openStore(pglite.url, log.logger);
    const index = openIndex(store);
    await index.ready();
    assert.equal(store.kind, 'postgres');
    assert.equal(store.searcher, undefined);
    assert.equal(index.stats().searchMethod, 'hnsw');
    const line = log.lines.find((l) => String(l.msg).startsWith('no pgvector'));
    assert.equal(
      line?.reason,
      'the vector extension is available but could not be created (SQLSTATE 42501)',
    );
    assert.equal((await index.search('lighthouse keeper tide', 1))[0]?.documentId, 'docs/tides');
    await index.close();
  });

  it('a store kept on the plain path gains pgvector once a superuser opens it', async () => {
    await admin.query('reset role');
    const store = openStore();
    const index = openIndex(store);
    await index.ready();
    assert.equal(store.kind, 'postgres+pgvector');
    const filled = await admin.query(
      'select count(*)::int as n from sluice_chunks where embedding is not null',
    );
    assert.equal(filled.rows[0]?.n, (await chunkRows()).length);
    const [top] = await index.search('lighthouse keeper tide', 1);
    assert.equal(top?.documentId, 'docs/tides');
  });
});

describe('PostgreSQL 15 without pgvector', () => {
  const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `sluice_test_${randomBytes(6).toString('hex')}`;
  const plain = new pg.Pool({ connectionString: BASE_URL, max: 1 });
  before(async () => {
    await plain.query(`create schema ${schema}`);
  });
  after(async () => {
    await plain.query(`drop schema if exists ${schema} cascade`);
    await plain.end();
  });

  it('keeps the plain path: kind postgres, real[] vectors, search in-process', async () => {
    const url = new URL(BASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const log = memoryLogger();
    const store = openStore(url.toString(), log.logger);
    const index = openIndex(store);
    await index.ready();
    assert.equal(store.kind, 'postgres');
    assert.equal(store.searcher, undefined);
    assert.equal(index.stats().searchMethod, 'hnsw');
    assert.equal((await index.search('lighthouse keeper tide', 1))[0]?.documentId, 'docs/tides');
    const columns = await plain.query(
      `select column_name from information_schema.columns
       where table_schema = $1 and table_name = 'sluice_chunks' order by column_name`,
      [schema],
    );
    assert.deepEqual(
      columns.rows.map((r: { column_name: string }) => r.column_name),
      ['document_id', 'n', 'text', 'vector'],
    );
    const line = log.lines.find((l) => String(l.msg).startsWith('no pgvector'));
    assert.equal(line?.reason, 'the vector extension is not available on this server');
  });
});

import type { Pool, PoolClient } from 'pg';
import {
  describePgError,
  isConnectionError,
  migrate,
  transaction,
  withClient,
} from '../db/postgres.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import type {
  DocumentStore,
  IndexChange,
  IndexMeta,
  RemoteChanges,
  StoredDocument,
  StoredIndex,
  StoreFollower,
  StoreSearcher,
} from './document-store.js';
import {
  detectPgvector,
  ensureVectorColumn,
  searchChunks,
  tuneSearchSession,
  type VectorSupport,
} from './pgvector.js';

/** What the PostgreSQL store is built from; the pool is passed in (and ended by `close`). */
export interface PostgresDocumentStoreOptions {
  pool: Pool;
  /** For log lines and errors: host and database, never the URL (it may hold a password). */
  location: string;
  logger?: Logger;
  /** Bounds of the LISTEN client's reconnect backoff. Default 250 ms doubling to 2 s. */
  reconnectMs?: { min: number; max: number };
  /** Change-log rows kept behind the newest; a follower further behind reloads everything. */
  keepChanges?: number;
}

/** Where commits are announced; the payload names the schema, so stores in other schemas ignore it. */
const CHANNEL = 'sluice_documents';
/** Rows per INSERT of chunks: keeps each statement's parameters a few MB. */
const CHUNK_BATCH = 500;

interface MetaRow {
  embedder_id: string;
  dimension: number;
  corpus_hash: string | null;
  corpus_ids: string[];
  seq: string;
}

/**
 * A DocumentStore in PostgreSQL, shared by every replica. Plain PostgreSQL: vectors are `real[]`
 * and each replica searches its own in-process index. With the `vector` extension (detected on the
 * first connection, created if available): each chunk also has a `vector(n)` column with an HNSW
 * index, kind is `postgres+pgvector` and the store's `searcher` runs `search` in the database.
 * Every commit is one transaction that bumps `sluice_meta.seq` first: the row lock serialises
 * commits, so sequence numbers follow commit order and a follower's cursor never skips a commit
 * that was still in flight. Each commit logs the ids it touched in `sluice_changes` and NOTIFYs
 * `sluice_documents`; followers LISTEN on a dedicated client and, on every notification and after
 * every reconnect, read the log past their cursor, so a notification missed while disconnected is
 * never a missed document.
 */
export function createPostgresDocumentStore({
  pool,
  location,
  logger,
  reconnectMs = { min: 250, max: 2_000 },
  keepChanges = 10_000,
}: PostgresDocumentStoreOptions): DocumentStore {
  let schemaPromise: Promise<string> | undefined;
  /** The newest commit this store has seen (loaded or pulled); its own commits are in `own`. */
  let cursor = 0;
  /** Sequence numbers of this store's own commits not yet passed by the cursor. */
  const own = new Set<number>();
  let follower: ReturnType<typeof startFollower> | undefined;
  let closed = false;
  /** Known after the first successful `ready`. */
  let vectors: VectorSupport | undefined;
  const pgvector = () => vectors?.kind === 'pgvector';

  // An idle pooled client that loses its server emits here; unhandled, it would end the process.
  pool.on('error', (error) => {
    logger?.warn(
      { store: location, err: describePgError(error) },
      'document store connection lost',
    );
  });

  /** Runs the migrations once per store (again after a failure); resolves to the schema name. */
  function ready(): Promise<string> {
    schemaPromise ??= (async () => {
      const applied = await migrate(pool);
      if (applied.length > 0)
        logger?.info({ store: location, versions: applied }, 'document store migrated');
      const { rows } = await pool.query<{ schema: string }>('select current_schema() as schema');
      vectors ??= await detect();
      return rows[0]?.schema as string;
    })().catch((error: unknown) => {
      schemaPromise = undefined;
      // Our own messages (no schema, a newer schema) and SQL errors name no secret; a lost
      // connection is reported by whoever retries.
      if (!isConnectionError(error))
        logger?.error(
          { store: location, err: (error as Error).message },
          'document store migrations failed',
        );
      throw error;
    });
    return schemaPromise;
  }

  /**
   * Chooses the search path once per store and logs it; with pgvector, brings the `vector(n)`
   * column up to date with an index already stored (one stored before the extension was there).
   */
  async function detect(): Promise<VectorSupport> {
    // Outside a transaction: a refused `create extension` must not abort what follows.
    const support = await withClient(pool, detectPgvector);
    if (support.kind === 'pgvector') {
      await transaction(pool, async (client) => {
        const meta = await client.query<{ dimension: number }>(
          'select dimension from sluice_meta where id = 1 for update',
        );
        const dimension = meta.rows[0]?.dimension;
        if (dimension !== undefined) await ensureVectorColumn(client, dimension);
      });
      logger?.info(
        { store: location, pgvector: support.version, created: support.created },
        'pgvector found: vectors are vector(n) with an HNSW index, and search runs in the database',
      );
    } else
      logger?.info(
        { store: location, reason: support.reason },
        'no pgvector: vectors are real[] and each replica searches its in-process index',
      );
    return support;
  }

  /** Reads meta, documents and graph in one snapshot. */
  async function readAll(client: PoolClient): Promise<{ index?: StoredIndex; seq: number }> {
    const meta = await client.query<MetaRow>('select * from sluice_meta where id = 1');
    const row = meta.rows[0];
    if (!row) return { seq: 0 };
    const documents = await readDocuments(client, undefined);
    const graph = await client.query<{ graph: Buffer }>(
      'select graph from sluice_graph where id = 1 and seq = $1',
      [row.seq],
    );
    const bytes = graph.rows[0]?.graph;
    return {
      seq: Number(row.seq),
      index: {
        meta: toMeta(row),
        documents,
        graph: bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined,
      },
    };
  }

  async function writeChange(client: PoolClient, change: IndexChange): Promise<number> {
    const { meta } = change;
    const current = await client.query<MetaRow>(
      'select * from sluice_meta where id = 1 for update',
    );
    const stored = current.rows[0];
    if (
      stored &&
      !change.reset &&
      (stored.embedder_id !== meta.embedderId || stored.dimension !== meta.dimension)
    ) {
      throw new Error(
        `the document store at ${location} was rebuilt with ${stored.embedder_id} by another process; restart to use it`,
      );
    }
    // The upsert takes (or waits for) the meta row's lock: commits are serialised from here on.
    const bumped = await client.query<{ seq: string }>(
      `insert into sluice_meta (id, embedder_id, dimension, corpus_hash, corpus_ids, seq)
       values (1, $1, $2, $3, $4, 1)
       on conflict (id) do update set embedder_id = excluded.embedder_id,
         dimension = excluded.dimension, corpus_hash = excluded.corpus_hash,
         corpus_ids = excluded.corpus_ids, seq = sluice_meta.seq + 1
       returning seq`,
      [meta.embedderId, meta.dimension, meta.corpusHash, meta.corpusIds],
    );
    const seq = Number(bumped.rows[0]?.seq);
    if (change.reset) {
      await client.query('delete from sluice_documents');
      await client.query(`insert into sluice_changes (seq, kind) values ($1, 'reset')`, [seq]);
    }
    // After the reset (an embedder change needs the table empty) and under the meta row lock.
    if (pgvector()) await ensureVectorColumn(client, meta.dimension);
    const deleted = change.delete.filter((id) => !change.upsert.some((doc) => doc.id === id));
    if (deleted.length > 0) {
      await client.query('delete from sluice_documents where id = any($1)', [deleted]);
      await logChanges(client, seq, 'delete', deleted);
    }
    if (change.upsert.length > 0) {
      for (const doc of change.upsert) {
        for (const chunk of doc.chunks) {
          if (chunk.vector.length !== meta.dimension)
            throw new RangeError(
              `a vector of ${chunk.vector.length} dimensions, not ${meta.dimension}`,
            );
        }
      }
      const ids = change.upsert.map((doc) => doc.id);
      await client.query('delete from sluice_documents where id = any($1)', [ids]);
      await client.query(
        `insert into sluice_documents (id, title, source, url, seq)
         select id, title, source, url, $5 from unnest($1::text[], $2::text[], $3::text[], $4::text[])
           as t(id, title, source, url)`,
        [
          ids,
          change.upsert.map((doc) => doc.title),
          change.upsert.map((doc) => doc.source),
          change.upsert.map((doc) => doc.url),
          seq,
        ],
      );
      const rows = change.upsert.flatMap((doc) =>
        doc.chunks.map((chunk, n) => ({ id: doc.id, n, chunk })),
      );
      for (let i = 0; i < rows.length; i += CHUNK_BATCH) {
        const batch = rows.slice(i, i + CHUNK_BATCH);
        await client.query(
          pgvector()
            ? `insert into sluice_chunks (document_id, n, text, vector, embedding)
               select d, n, t, v::real[], v::real[]::vector
               from unnest($1::text[], $2::int[], $3::text[], $4::text[]) as u(d, n, t, v)`
            : `insert into sluice_chunks (document_id, n, text, vector)
               select d, n, t, v::real[] from unnest($1::text[], $2::int[], $3::text[], $4::text[])
                 as u(d, n, t, v)`,
          [
            batch.map((row) => row.id),
            batch.map((row) => row.n),
            batch.map((row) => row.chunk.text),
            // A float32 widened to a double prints in digits that parse back to the same float4.
            batch.map((row) => `{${Array.from(row.chunk.vector).join(',')}}`),
          ],
        );
      }
      await logChanges(client, seq, 'upsert', ids);
    }
    await client.query('delete from sluice_graph');
    if (change.graph)
      await client.query('insert into sluice_graph (id, seq, graph) values (1, $1, $2)', [
        seq,
        Buffer.from(change.graph.buffer, change.graph.byteOffset, change.graph.byteLength),
      ]);
    await client.query('delete from sluice_changes where seq <= $1', [seq - keepChanges]);
    return seq;
  }

  /** Everything committed by other processes past the cursor, read in one snapshot. */
  async function readChanges(client: PoolClient): Promise<RemoteChanges | undefined> {
    const head = (await client.query<MetaRow>('select * from sluice_meta where id = 1')).rows[0];
    const headSeq = Number(head?.seq ?? 0);
    if (!head || headSeq <= cursor) return undefined;
    const log = await client.query<{ seq: string; document_id: string | null; kind: string }>(
      'select seq, document_id, kind from sluice_changes where seq > $1 order by seq',
      [cursor],
    );
    const entries = log.rows.map((row) => ({ ...row, seq: Number(row.seq) }));
    const pruned = (entries[0]?.seq ?? headSeq + 1) > cursor + 1;
    const lastReset = entries.findLast((entry) => entry.kind === 'reset');
    const advance = () => {
      cursor = headSeq;
      for (const seq of own) if (seq <= headSeq) own.delete(seq);
    };
    if (pruned || (lastReset && !own.has(lastReset.seq))) {
      const all = await readAll(client);
      advance();
      return all.index && { kind: 'reload', index: all.index };
    }
    // The newest entry per id decides; one of this store's own commits is already in memory.
    const latest = new Map<string, number>();
    for (const entry of entries) {
      if (lastReset && entry.seq <= lastReset.seq) continue;
      if (entry.document_id !== null) latest.set(entry.document_id, entry.seq);
    }
    const ids = [...latest].filter(([, seq]) => !own.has(seq)).map(([id]) => id);
    const upsert = ids.length > 0 ? await readDocuments(client, ids) : [];
    const found = new Set(upsert.map((doc) => doc.id));
    advance();
    return {
      kind: 'changes',
      meta: toMeta(head),
      upsert,
      delete: ids.filter((id) => !found.has(id)),
    };
  }

  /**
   * The LISTEN side: a dedicated pooled client, re-acquired with backoff whenever it is lost.
   * `onChange` runs after every notification for this schema and after every (re)connect.
   */
  function startFollower(onChange: () => void) {
    let client: PoolClient | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delay = reconnectMs.min;
    /** Bumped on each connect; a pull made wholly within one connection catches the store up. */
    let generation = 0;
    /** Set when notifications may have been missed; `load` itself was a consistent snapshot. */
    let behind = false;
    let down = false;

    /** `from` lost its connection; events of a client already replaced are ignored. */
    const lost = (from: PoolClient, error: unknown) => {
      if (client !== from) return;
      client = undefined;
      from.release(true);
      behind = true;
      if (!down)
        logger?.warn(
          { store: location, err: describePgError(error) },
          'document store notifications lost; reconnecting',
        );
      down = true;
      schedule();
    };

    const schedule = () => {
      if (closed) return;
      clearTimeout(timer);
      timer = setTimeout(() => void connect(), delay);
      timer.unref();
      delay = Math.min(delay * 2, reconnectMs.max);
    };

    async function connect(): Promise<void> {
      if (closed) return;
      let next: PoolClient | undefined;
      try {
        const schema = await ready();
        const acquired = await pool.connect();
        next = acquired;
        acquired.on('error', (error) => lost(acquired, error));
        acquired.on('end', () => lost(acquired, new Error('connection ended')));
        acquired.on('notification', (message) => {
          if (message.channel !== CHANNEL) return;
          if (parseSchema(message.payload) === schema) onChange();
        });
        client = acquired;
        await acquired.query(`listen ${CHANNEL}`);
      } catch (error) {
        if (!next) {
          if (!down)
            logger?.warn(
              { store: location, err: describePgError(error) },
              'document store unreachable; retrying',
            );
          behind = true;
          down = true;
          schedule();
        } else lost(next, error); // a no-op when its error event came first
        return;
      }
      if (closed) {
        client = undefined;
        next.release(true);
        return;
      }
      generation++;
      delay = reconnectMs.min;
      if (down) logger?.info({ store: location }, 'document store notifications restored');
      down = false;
      onChange();
    }

    void connect();
    return {
      /** Call before a pull; returns the marker to hand to `pulled` once it succeeded. */
      begin: () => (client ? generation : -1),
      pulled(marker: number) {
        if (marker === generation && client) behind = false;
      },
      /** A failed pull: changes may be waiting that no notification will announce again. */
      failed() {
        behind = true;
      },
      inSync: () => !behind,
      async close() {
        clearTimeout(timer);
        const last = client;
        client = undefined;
        last?.release(true);
      },
    };
  }

  /** Pooled connections whose session already has the search settings. */
  const tuned = new WeakSet<PoolClient>();
  const searcher: StoreSearcher = {
    async search(vector, k) {
      await ready().catch(unavailable);
      // One statement per search once a connection is tuned (no transaction around a SET LOCAL).
      return withClient(pool, async (client) => {
        if (!tuned.has(client)) {
          await tuneSearchSession(client);
          tuned.add(client);
        }
        return searchChunks(client, vector, k);
      }).catch((error: unknown) => {
        // 42703, undefined column: nothing was ever committed, so there is nothing to find.
        if ((error as { code?: unknown }).code === '42703') return [];
        return unavailable(error);
      });
    },
  };

  const store: DocumentStore = {
    get kind() {
      return pgvector() ? 'postgres+pgvector' : 'postgres';
    },
    location,
    get searcher() {
      return pgvector() ? searcher : undefined;
    },

    async load() {
      await ready().catch(unavailable);
      const { index, seq } = await transaction(pool, readAll, 'repeatable read').catch(unavailable);
      cursor = seq;
      own.clear();
      return index;
    },

    async commit(change) {
      await ready().catch(unavailable);
      let seq: number | undefined;
      await transaction(pool, async (client) => {
        seq = await writeChange(client, change);
        // Known before COMMIT: a notification of it may arrive before this promise resolves.
        own.add(seq);
        await client.query('select pg_notify($1, $2)', [
          CHANNEL,
          JSON.stringify({ schema: await ready(), seq }),
        ]);
      }).catch((error: unknown) => {
        if (seq !== undefined) own.delete(seq);
        return unavailable(error);
      });
    },

    follow(onChange): StoreFollower {
      follower ??= startFollower(onChange);
      const following = follower;
      return {
        async pull() {
          const marker = following.begin();
          const changes = await transaction(pool, readChanges, 'repeatable read').catch(
            (error: unknown) => {
              following.failed();
              return unavailable(error);
            },
          );
          following.pulled(marker);
          return changes;
        },
        inSync: () => following.inSync(),
      };
    },

    async check() {
      try {
        await pool.query('select 1');
      } catch {
        return false;
      }
      return follower ? follower.inSync() : true;
    },

    async close() {
      if (closed) return;
      closed = true;
      await follower?.close();
      await pool.end();
    },
  };
  return store;
}

async function logChanges(
  client: PoolClient,
  seq: number,
  kind: 'upsert' | 'delete',
  ids: readonly string[],
): Promise<void> {
  await client.query(
    `insert into sluice_changes (seq, document_id, kind) select $1, id, $2 from unnest($3::text[]) as t(id)`,
    [seq, kind, ids],
  );
}

/** Documents (all, or those with `ids`) with their chunks in order. */
async function readDocuments(
  client: PoolClient,
  ids: readonly string[] | undefined,
): Promise<StoredDocument[]> {
  const where = ids ? 'where id = any($1)' : '';
  const docs = await client.query<{
    id: string;
    title: string | null;
    source: string | null;
    url: string | null;
  }>(`select id, title, source, url from sluice_documents ${where} order by id`, ids ? [ids] : []);
  const chunks = await client.query<{ document_id: string; text: string; vector: number[] }>(
    `select document_id, text, vector from sluice_chunks ${ids ? 'where document_id = any($1)' : ''}
     order by document_id, n`,
    ids ? [ids] : [],
  );
  const byId = new Map<string, StoredDocument>();
  for (const doc of docs.rows) byId.set(doc.id, { ...doc, chunks: [] });
  for (const chunk of chunks.rows) {
    byId
      .get(chunk.document_id)
      ?.chunks.push({ text: chunk.text, vector: Float32Array.from(chunk.vector) });
  }
  return [...byId.values()];
}

function toMeta(row: MetaRow): IndexMeta {
  return {
    embedderId: row.embedder_id,
    dimension: row.dimension,
    corpusHash: row.corpus_hash,
    corpusIds: row.corpus_ids,
  };
}

function parseSchema(payload: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(payload ?? '') as { schema?: unknown };
    return typeof parsed.schema === 'string' ? parsed.schema : undefined;
  } catch {
    return undefined;
  }
}

/** Rethrows a lost connection as UPSTREAM_UNAVAILABLE (what a client may see); others as they are. */
function unavailable(error: unknown): never {
  if (isConnectionError(error))
    throw new GatewayError(ErrorCode.UPSTREAM_UNAVAILABLE, 'the document store is unavailable', {
      provider: 'postgres',
      cause: error,
    });
  throw error;
}

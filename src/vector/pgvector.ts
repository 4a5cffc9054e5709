import type { PoolClient } from 'pg';
import type { Passage } from '../sources/model.js';

/*
 * The pgvector half of the PostgreSQL document store: detecting the `vector` extension, the
 * `vector(n)` column with its HNSW index, and the one query `search` runs in the database.
 *
 * The column is set up at run time, not by a versioned migration: its type names the embedder's
 * dimension n, which is known only once an index has been committed (and changes when the embedder
 * does), and it exists only on servers that have the extension; the versioned migrations stay the
 * same on every server. The `real[]` column stays the source of truth for loading and following,
 * so the plain path and the pgvector path share every other statement.
 */

/** Which search path a PostgreSQL store took, and why (for the start-up log line). */
export type VectorSupport =
  { kind: 'pgvector'; version: string; created: boolean } | { kind: 'plain'; reason: string };

/**
 * Beam width of pgvector's HNSW search: the in-process index's default (pgvector's is 40), and
 * above the largest k a search may ask (50): pgvector's HNSW returns at most `ef_search` rows.
 */
const EF_SEARCH = 64;
/** pgvector's HNSW index takes `vector` columns of at most 2,000 dimensions. */
const HNSW_MAX_DIMENSIONS = 2_000;

/**
 * Detects pgvector: the `vector` extension installed, or available and created here (`create
 * extension if not exists vector`). A role that may not create it, or a server without it, gets
 * the plain path; so does an extension whose schema is not on the connection's `search_path` (its
 * type and operators would not resolve unqualified).
 */
export async function detectPgvector(client: PoolClient): Promise<VectorSupport> {
  const installed = async () =>
    (
      await client.query<{ version: string }>(
        `select extversion as version from pg_extension where extname = 'vector'`,
      )
    ).rows[0]?.version;
  let version = await installed();
  let created = false;
  if (version === undefined) {
    const available = await client.query(
      `select 1 from pg_available_extensions where name = 'vector'`,
    );
    if (available.rowCount === 0)
      return { kind: 'plain', reason: 'the vector extension is not available on this server' };
    try {
      await client.query('create extension if not exists vector');
      created = true;
    } catch (error) {
      // Another replica may have created it meanwhile (a unique violation here); else no privilege.
      version = await installed();
      if (version === undefined)
        return {
          kind: 'plain',
          reason: `the vector extension is available but could not be created (${sqlState(error)})`,
        };
    }
    version ??= await installed();
  }
  const resolves = await client.query<{ ok: boolean }>(
    `select to_regtype('vector') is not null as ok`,
  );
  if (!resolves.rows[0]?.ok)
    return { kind: 'plain', reason: 'the vector extension is not in a schema on the search_path' };
  return { kind: 'pgvector', version: version ?? 'unknown', created };
}

/**
 * Makes `sluice_chunks.embedding` a `vector(dimension)` column with an HNSW index (cosine, as the
 * in-process index scores), filled from the `real[]` vectors. Idempotent; call it in a transaction
 * that holds the `sluice_meta` row lock, so two replicas never alter the table at once. A dimension
 * change needs an empty table (an embedder change resets the store first). Past 2,000 dimensions
 * (OpenAI's text-embedding-3-large) pgvector has no HNSW index: search stays in the database,
 * correct but an exact scan.
 */
export async function ensureVectorColumn(client: PoolClient, dimension: number): Promise<void> {
  if (!Number.isInteger(dimension) || dimension < 1)
    throw new RangeError(`a vector dimension must be a positive integer, not ${dimension}`);
  const { rows } = await client.query<{ type: string }>(
    `select format_type(atttypid, atttypmod) as type from pg_attribute
     where attrelid = 'sluice_chunks'::regclass and attname = 'embedding' and not attisdropped`,
  );
  const wanted = `vector(${dimension})`;
  const current = rows[0]?.type;
  if (current === wanted) return;
  await client.query('drop index if exists sluice_chunks_embedding');
  if (current === undefined)
    await client.query(`alter table sluice_chunks add column if not exists embedding ${wanted}`);
  else
    await client.query(
      `alter table sluice_chunks alter column embedding type ${wanted} using embedding::real[]::${wanted}`,
    );
  // Rows written before the extension was there (or by a build that did not know the column).
  await client.query(
    `update sluice_chunks set embedding = vector::${wanted} where embedding is null`,
  );
  if (dimension <= HNSW_MAX_DIMENSIONS)
    await client.query(
      `create index sluice_chunks_embedding on sluice_chunks using hnsw (embedding vector_cosine_ops)`,
    );
}

/** Sets the session's HNSW beam width; once per connection, before its first `searchChunks`. */
export async function tuneSearchSession(client: PoolClient): Promise<void> {
  await client.query(`set hnsw.ef_search = ${EF_SEARCH}`);
}

/**
 * The `k` chunks nearest `vector` by cosine distance, best first, from the HNSW index, in one
 * query on a session `tuneSearchSession` prepared. Score is 1 − cosine distance: the cosine
 * similarity the in-process index returns for the same unit vectors.
 */
export async function searchChunks(
  client: PoolClient,
  vector: Float32Array,
  k: number,
): Promise<Passage[]> {
  if (!Number.isInteger(k) || k < 1 || k > EF_SEARCH)
    throw new RangeError(`k must be an integer in 1..${EF_SEARCH}, not ${k}`);
  const { rows } = await client.query<{
    document_id: string;
    n: number;
    text: string;
    title: string | null;
    source: string | null;
    url: string | null;
    distance: number;
  }>(
    `select c.document_id, c.n, c.text, d.title, d.source, d.url,
            c.embedding <=> $1::vector as distance
     from sluice_chunks c join sluice_documents d on d.id = c.document_id
     order by c.embedding <=> $1::vector
     limit $2`,
    [`[${Array.from(vector).join(',')}]`, k],
  );
  return rows.map((row) => ({
    id: `${row.document_id}#${row.n}`,
    documentId: row.document_id,
    title: row.title,
    text: row.text,
    // A zero vector (a text of stop words only) has no cosine: NaN here, 0 in-process.
    score: Number.isNaN(row.distance) ? 0 : Math.max(-1, Math.min(1, 1 - row.distance)),
    source: row.source,
    url: row.url,
  }));
}

function sqlState(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `SQLSTATE ${code}` : 'error';
}

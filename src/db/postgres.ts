import pg, { type Pool, type PoolClient } from 'pg';

/**
 * A pool for DATABASE_URL. A replica with PostgreSQL down must answer quickly (a coded
 * UPSTREAM_UNAVAILABLE), not hang: connections time out after 2 s.
 */
export function createPostgresPool(url: string, max: number): Pool {
  return new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 2_000,
    keepAlive: true,
    max,
  });
}

/**
 * Versioned migrations, applied in order inside one transaction that holds an advisory lock, so
 * replicas starting together migrate once. Never edit a released entry: append a new version.
 * They are the same with and without pgvector: the `vector(n)` column and its HNSW index are set
 * up at run time after them (see src/vector/pgvector.ts: n is the embedder's dimension, known only
 * later). One list for every table Sluice keeps (documents, usage), so one lock orders them all.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      create table sluice_meta (
        id int primary key check (id = 1),
        embedder_id text not null,
        dimension int not null,
        corpus_hash text,
        corpus_ids text[] not null,
        seq bigint not null
      );
      create table sluice_documents (
        id text primary key,
        title text,
        source text,
        url text,
        seq bigint not null
      );
      create table sluice_chunks (
        document_id text not null references sluice_documents (id) on delete cascade,
        n int not null,
        text text not null,
        vector real[] not null,
        primary key (document_id, n)
      );
      create table sluice_changes (
        seq bigint not null,
        document_id text,
        kind text not null check (kind in ('upsert', 'delete', 'reset'))
      );
      create index sluice_changes_seq on sluice_changes (seq);
      create table sluice_graph (
        id int primary key check (id = 1),
        seq bigint not null,
        graph bytea not null
      );
    `,
  },
  {
    // The usage log (src/usage): one row per UTC day, caller and model, summed by upserts.
    version: 2,
    sql: `
      create table sluice_usage (
        day date not null,
        caller text not null,
        model text not null,
        calls bigint not null,
        input_tokens bigint not null,
        output_tokens bigint not null,
        usd double precision not null,
        saved_usd double precision not null,
        primary key (day, caller, model)
      );
    `,
  },
];

/** The highest migration version this build knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Applies the migrations not yet recorded in `sluice_schema_migrations` (in the connection's
 * `search_path` schema), under `pg_advisory_xact_lock`: a second replica waits for the first, then
 * finds nothing to do. Returns the versions this call applied.
 */
export async function migrate(pool: Pool): Promise<number[]> {
  return transaction(pool, async (client) => {
    const { rows } = await client.query<{ schema: string | null }>(
      'select current_schema() as schema',
    );
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('the search_path names no existing schema');
    // A lock per schema: stores in different schemas of one database do not wait for each other.
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`sluice:migrate:${schema}`]);
    await client.query(
      `create table if not exists sluice_schema_migrations (
         version int primary key, applied_at timestamptz not null default now())`,
    );
    const done = await client.query<{ version: number }>(
      'select version from sluice_schema_migrations',
    );
    const applied = new Set(done.rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > SCHEMA_VERSION)
      throw new Error(
        `the database has Sluice schema version ${newest}; this build knows ${SCHEMA_VERSION}`,
      );
    const run: number[] = [];
    for (const { version, sql } of MIGRATIONS) {
      if (applied.has(version)) continue;
      await client.query(sql);
      await client.query('insert into sluice_schema_migrations (version) values ($1)', [version]);
      run.push(version);
    }
    return run;
  });
}

/** Runs `work` in one transaction on a pooled client: committed if it resolves, else rolled back. */
export async function transaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  isolation: 'read committed' | 'repeatable read' = 'read committed',
): Promise<T> {
  return withClient(pool, async (client, broken) => {
    try {
      await client.query(`begin isolation level ${isolation}`);
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(broken);
      throw error;
    }
  });
}

/**
 * Runs `work` on a pooled client. One whose connection emitted `error`, or that `work` calls
 * `broken` for (a failed rollback), is in an unknown state: it is destroyed, not pooled.
 */
export async function withClient<T>(
  pool: Pool,
  work: (client: PoolClient, broken: (error: unknown) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let failure: unknown;
  // A checked-out client whose server goes away emits `error` besides failing its query: unheard,
  // that would end the process.
  const broken = (error: unknown) => {
    failure = error;
  };
  client.on('error', broken);
  try {
    return await work(client, broken);
  } finally {
    client.off('error', broken);
    client.release(failure !== undefined ? true : undefined);
  }
}

/** SQLSTATE classes and socket errors that mean "the server is not there", not "the SQL is wrong". */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(08|57P|53300)/.test(code)) return true;
    if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND…
  }
  return /connect|Connection terminated|timeout/i.test(error.message);
}

/** An error fit for a log line: its SQLSTATE or socket code, never a message that may echo a URL. */
export function describePgError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'connection error';
}

/** `host:port/database` of a postgres:// URL: what logs and `location` show (no user, no password). */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)';
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}/${database}`;
  } catch {
    return 'postgres';
  }
}

import type { Passage } from '../sources/model.js';

/**
 * Where the vector index keeps its documents, chunks and vectors between restarts. The in-process
 * index is rebuilt from it. A store shared by many replicas (PostgreSQL) also implements `follow`,
 * so each replica's index applies what the others commit; a store that can search its vectors
 * itself (PostgreSQL with pgvector) offers a `searcher`, and the index delegates `search` to it.
 */
export interface DocumentStore {
  /**
   * What `health` reports: `file`, `postgres`, or `postgres+pgvector` once `load` has found the
   * extension (`postgres` until then).
   */
  readonly kind: string;
  /** For log lines: a directory, a host and database. Never a credential. */
  readonly location: string;
  /** Everything stored, or undefined when nothing has been committed yet. */
  load(): Promise<StoredIndex | undefined>;
  /** Applies one change atomically: after a crash either all of it is visible or none of it. */
  commit(change: IndexChange): Promise<void>;
  /**
   * Shared stores: calls `onChange` (not awaited) whenever another process may have committed —
   * after a notification and after every (re)connect. The owner then calls `pull` from its own
   * write queue, so a pull never interleaves with one of its commits. Call once, after `load`.
   */
  follow?(onChange: () => void): StoreFollower;
  /**
   * Set once `load` has found that the store searches its own vectors (pgvector); undefined for
   * stores whose index searches in-process. Read it at each search: it can appear after a start
   * that failed.
   */
  readonly searcher?: StoreSearcher;
  /** True when the store is reachable (and, when followed, caught up): for `/readyz`. */
  check?(): Promise<boolean>;
  /** Releases connections and timers. */
  close?(): Promise<void>;
}

/** Search run by the store itself, over what is committed (other replicas' commits included). */
export interface StoreSearcher {
  /**
   * The k stored chunks closest to the unit vector `vector`, best first, scored by cosine
   * similarity like the in-process index. Rejects with UPSTREAM_UNAVAILABLE while the store is down.
   */
  search(vector: Float32Array, k: number): Promise<Passage[]>;
}

/** The reading side of `follow`. */
export interface StoreFollower {
  /**
   * What other processes committed since `load` or the last `pull` (this store's own commits are
   * left out); undefined when nothing. Rejects with UPSTREAM_UNAVAILABLE while the store is down.
   */
  pull(): Promise<RemoteChanges | undefined>;
  /** False from a lost connection until a pull after the reconnect succeeded: the index may be behind. */
  inSync(): boolean;
}

/** Changes made by other processes: documents to replace and ids to delete, or everything anew. */
export type RemoteChanges =
  | { kind: 'changes'; meta: IndexMeta; upsert: StoredDocument[]; delete: string[] }
  /** After another process's reset, or when the change log no longer reaches back to the cursor. */
  | { kind: 'reload'; index: StoredIndex };

/** Which embedder built the vectors, and which bundled corpus is in the store. */
export interface IndexMeta {
  /** `Embedder.id`; vectors are rebuilt when it changes. */
  embedderId: string;
  dimension: number;
  /** Hash of the bundled corpus (and chunker) last ingested; null before the first ingest. */
  corpusHash: string | null;
  /** Ids of the bundled documents, so ones dropped from the corpus can be deleted. */
  corpusIds: string[];
}

/** One chunk of a stored document. */
export interface StoredChunk {
  /** The chunk as embedded (heading context included). */
  text: string;
  /** Unit vector of `meta.dimension` numbers. */
  vector: Float32Array;
}

/** One document and its chunks; chunk n has the id `<id>#<n>`. */
export interface StoredDocument {
  id: string;
  title: string | null;
  source: string | null;
  url: string | null;
  chunks: StoredChunk[];
}

/** Everything a store holds: meta, documents and the last graph snapshot. */
export interface StoredIndex {
  meta: IndexMeta;
  documents: StoredDocument[];
  /**
   * The ANN graph last committed: derived data, opaque to the store, that saves a rebuild on start.
   * Its owner checks it against `documents` (another writer may have committed since).
   */
  graph: Uint8Array | undefined;
}

/** One atomic change to a store. */
export interface IndexChange {
  meta: IndexMeta;
  /** Drop every stored document before applying `upsert` (after an embedder change). */
  reset?: boolean;
  /** Replaces each document with the same id, all its chunks included. */
  upsert: readonly StoredDocument[];
  /** Ids to delete; unknown ids are ignored. */
  delete: readonly string[];
  /** A new graph snapshot; the stored one is dropped when absent. */
  graph?: Uint8Array;
}

/**
 * Where the vector index keeps its documents, chunks and vectors between restarts. The in-process
 * index is rebuilt from it; a shared store (PostgreSQL, for many replicas) implements the same
 * interface later, with `commit` as one transaction.
 */
export interface DocumentStore {
  /** For log lines: a directory, a database name. Never a credential. */
  readonly location: string;
  /** Everything stored, or undefined when nothing has been committed yet. */
  load(): Promise<StoredIndex | undefined>;
  /** Applies one change atomically: after a crash either all of it is visible or none of it. */
  commit(change: IndexChange): Promise<void>;
}

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

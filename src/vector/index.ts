import { createHash } from 'node:crypto';
import type { Cache } from '../cache/types.js';
import { describeError, ErrorCode, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DocumentInput, IngestResult, Passage } from '../sources/model.js';
import { createCachingEmbedder } from './caching-embedder.js';
import { CHUNKER_VERSION, chunkText, type ChunkOptions } from './chunker.js';
import type { CorpusDocument } from './corpus.js';
import type {
  DocumentStore,
  IndexChange,
  IndexMeta,
  RemoteChanges,
  StoredDocument,
  StoreFollower,
} from './document-store.js';
import type { Embedder, UsageSink } from './embedder.js';
import type { HnswOptions } from './hnsw.js';
import { IndexState } from './index-state.js';
import { validateDocuments, validateSearch, type ValidDocument } from './validation.js';

/** The parts a vector index is built from; nothing is constructed inside it. */
export interface VectorIndexOptions {
  embedder: Embedder;
  store: DocumentStore;
  logger: Logger;
  /** Sluice's own documentation, (re)ingested whenever its hash changes; a loader is awaited in `ready`. */
  bundledCorpus:
    | readonly CorpusDocument[]
    | (() => readonly CorpusDocument[] | Promise<readonly CorpusDocument[]>);
  /** Caches query embeddings (worth it for a paid embedder). */
  queryCache?: Cache;
  hnsw?: Omit<HnswOptions, 'dimension'>;
  chunking?: ChunkOptions;
}

/** What the index holds and what its last search cost. */
export interface VectorIndexStats {
  documents: number;
  chunks: number;
  embedder: string;
  dimension: number;
  /**
   * `hnsw`: the in-process graph, which never falls back to a scan; `pgvector`: in the database,
   * by pgvector's HNSW index (where the planner does not find an exact scan of a small table cheaper).
   */
  searchMethod: 'hnsw' | 'pgvector';
  /**
   * Vectors the last in-process search compared the query with (an exact scan would compare
   * `chunks`); 0 when the database searches (pgvector does not say).
   */
  lastSearchDistanceComputations: number;
  /** Replaced chunks still in the graph until its next compaction. */
  deletedNodes: number;
  /** `DocumentStore.kind`: `file`, `postgres`, `postgres+pgvector`. */
  documentStore: string;
}

/** Semantic search over chunked, embedded documents, persisted in a DocumentStore. */
export interface VectorIndex {
  /** Loads the store (re-embedding if the embedder changed) and ingests the bundled corpus if it changed. */
  ready(): Promise<void>;
  /**
   * The k chunks closest to the query; BAD_USER_INPUT for an empty query or k outside 1..50. A
   * paid query embedding is reported to `onUsage`.
   */
  search(query: string, k: number, onUsage?: UsageSink): Promise<Passage[]>;
  /**
   * Adds or replaces documents (all chunks of a re-ingested id); calls are serialised. Paid
   * embeddings of the new chunks are reported to `onUsage`.
   */
  ingest(documents: readonly DocumentInput[], onUsage?: UsageSink): Promise<IngestResult>;
  stats(): VectorIndexStats;
  /** Stops following the store and closes it. */
  close(): Promise<void>;
}

/** Builds the vector index over an embedder and a store; nothing happens until `ready`. */
export function createVectorIndex(options: VectorIndexOptions): VectorIndex {
  const { embedder, store, logger, chunking } = options;
  const queryEmbedder = options.queryCache
    ? createCachingEmbedder(embedder, { cache: options.queryCache })
    : embedder;
  const hnswOptions = (dimension: number) => ({ dimension, ...options.hnsw });
  let state = new IndexState(hnswOptions(embedder.dimension));
  /** An empty index takes the embedder's length, which a server may decide on its first answer. */
  const fitState = () => {
    if (state.chunkCount === 0 && state.hnsw.dimension !== embedder.dimension)
      state = new IndexState(hnswOptions(embedder.dimension));
  };
  let meta: IndexMeta = {
    embedderId: embedder.id,
    dimension: embedder.dimension,
    corpusHash: null,
    corpusIds: [],
  };
  let lastSearch = 0;
  let readyPromise: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  /** Set once the first start succeeded, for a store other processes write too. */
  let follower: StoreFollower | undefined;
  let pullQueued = false;
  let pullFailing = false;
  let retryPull: NodeJS.Timeout | undefined;
  let closed = false;

  /** Runs `task` after every earlier write, so ingests and the start-up build never interleave. */
  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Chunks and embeds documents, reusing the vectors of chunks whose text is unchanged. */
  async function prepare(
    docs: readonly ValidDocument[],
    onUsage?: UsageSink,
  ): Promise<StoredDocument[]> {
    const chunked = docs.map((doc) => ({ doc, texts: chunkText(doc.text, chunking) }));
    const known = new Map<string, Float32Array>();
    for (const { doc } of chunked) {
      const old = state.documents.get(doc.id);
      old?.chunks.forEach((text, n) => {
        const vector = state.hnsw.vectorOf(old.labels[n] as number);
        if (vector) known.set(text, vector);
      });
    }
    const missing = [
      ...new Set(chunked.flatMap(({ texts }) => texts).filter((text) => !known.has(text))),
    ];
    const vectors = missing.length > 0 ? await embedder.embed(missing, onUsage) : [];
    missing.forEach((text, i) => known.set(text, vectors[i] as Float32Array));
    fitState();
    return chunked.map(({ doc, texts }) => ({
      id: doc.id,
      title: doc.title,
      source: doc.source,
      url: doc.url,
      chunks: texts.map((text) => ({ text, vector: known.get(text) as Float32Array })),
    }));
  }

  /** The held documents with these ids, vectors included, as they would be stored. */
  function held(ids: readonly string[]): StoredDocument[] {
    return ids.flatMap((id) => {
      const doc = state.documents.get(id);
      if (!doc) return [];
      const chunks = doc.chunks.map((text, n) => ({
        text,
        vector: state.hnsw.vectorOf(doc.labels[n] as number) as Float32Array,
      }));
      const { labels: _labels, chunks: _texts, ...fields } = doc;
      return [{ ...fields, chunks }];
    });
  }

  /** True when the index already holds this document with the same fields and chunk texts. */
  function holds(doc: StoredDocument): boolean {
    const mine = state.documents.get(doc.id);
    return (
      mine !== undefined &&
      mine.title === doc.title &&
      mine.source === doc.source &&
      mine.url === doc.url &&
      mine.chunks.length === doc.chunks.length &&
      mine.chunks.every((text, n) => text === doc.chunks[n]?.text)
    );
  }

  /**
   * Another replica committed: queue one pull behind local writes (several notifications while
   * one is queued need one pull). A failed pull is retried; it never re-commits what it applies.
   */
  function onRemoteChange(): void {
    if (pullQueued || closed || !follower) return;
    pullQueued = true;
    const from = follower;
    void serialised(async () => {
      pullQueued = false;
      applyRemote(await from.pull());
      pullFailing = false;
    }).catch((error: unknown) => {
      // Once per outage: the retries below (every second until one succeeds) stay quiet.
      if (!pullFailing)
        logger.warn(
          { store: store.location, err: describeError(error) },
          'could not read changes from the document store; retrying',
        );
      pullFailing = true;
      if (closed) return;
      retryPull = setTimeout(onRemoteChange, 1000);
      retryPull.unref();
    });
  }

  function applyRemote(changes: RemoteChanges | undefined): void {
    if (!changes) return;
    const remote = changes.kind === 'reload' ? changes.index.meta : changes.meta;
    if (remote.embedderId !== embedder.id || remote.dimension !== state.hnsw.dimension) {
      logger.error(
        { store: store.location, embedder: remote.embedderId, dimension: remote.dimension },
        'another replica rebuilt the document store with a different embedder; restart to use it',
      );
      return;
    }
    if (changes.kind === 'reload') {
      const next = new IndexState(hnswOptions(remote.dimension));
      next.restore(changes.index.documents, changes.index.graph);
      state = next;
    } else {
      changes.delete.forEach((id) => state.delete(id));
      state.upsert(changes.upsert.filter((doc) => !holds(doc)));
    }
    meta = remote;
    logger.debug(
      {
        store: store.location,
        kind: changes.kind,
        upserted: changes.kind === 'changes' ? changes.upsert.length : undefined,
        deleted: changes.kind === 'changes' ? changes.delete.length : undefined,
      },
      'applied changes from another replica',
    );
  }

  async function commit(change: Omit<IndexChange, 'meta' | 'graph'>): Promise<void> {
    await store.commit({ ...change, meta, graph: state.snapshot() });
  }

  async function start(): Promise<void> {
    const stored = await store.load();
    const corpus = await (typeof options.bundledCorpus === 'function'
      ? options.bundledCorpus()
      : options.bundledCorpus);
    const corpusHash = hashCorpus(corpus, chunking);
    let reset = false;
    let upsert: StoredDocument[] = [];
    // The same embedder built the stored index: its length is what the server returns (asked of
    // the embedder first, so a server-decided length is taken without an embedding call).
    const sameEmbedder =
      stored?.meta.embedderId === embedder.id &&
      (embedder.adoptDimension?.(stored.meta.dimension) ??
        stored.meta.dimension === embedder.dimension);
    if (stored && sameEmbedder) {
      state = new IndexState(hnswOptions(stored.meta.dimension));
      const reused = state.restore(stored.documents, stored.graph);
      meta = stored.meta;
      logger.info(
        { store: store.location, documents: stored.documents.length, graphReused: reused },
        'vector index loaded',
      );
    } else if (stored) {
      logger.warn(
        {
          from: `${stored.meta.embedderId}/${stored.meta.dimension}`,
          to: `${embedder.id}/${embedder.dimension}`,
          documents: stored.documents.length,
        },
        'embedder changed: re-embedding every stored chunk',
      );
      const texts = stored.documents.flatMap((doc) => doc.chunks.map((chunk) => chunk.text));
      const vectors = texts.length > 0 ? await embedder.embed(texts) : [];
      let next = 0;
      fitState();
      upsert = stored.documents.map((doc) => ({
        ...doc,
        chunks: doc.chunks.map(({ text }) => ({ text, vector: vectors[next++] as Float32Array })),
      }));
      state.upsert(upsert);
      meta = { ...stored.meta, embedderId: embedder.id, dimension: embedder.dimension };
      reset = true;
    }
    const deleted: string[] = [];
    if (meta.corpusHash !== corpusHash) {
      const ids = new Set(corpus.map((doc) => doc.id));
      deleted.push(...meta.corpusIds.filter((id) => !ids.has(id)));
      deleted.forEach((id) => state.delete(id));
      const fresh = await prepare(corpus);
      state.upsert(fresh);
      upsert = [...upsert.filter((doc) => !ids.has(doc.id) && !deleted.includes(doc.id)), ...fresh];
      meta = { ...meta, corpusHash, corpusIds: [...ids] };
      logger.info(
        { documents: fresh.length, chunks: fresh.reduce((n, d) => n + d.chunks.length, 0) },
        'bundled corpus indexed',
      );
    }
    meta = { ...meta, embedderId: embedder.id, dimension: state.hnsw.dimension };
    if (reset || upsert.length > 0 || deleted.length > 0)
      await commit({ reset, upsert, delete: deleted });
    // From the loaded (or just committed) state on, apply what other replicas commit.
    follower ??= store.follow?.(onRemoteChange);
  }

  const index: VectorIndex = {
    ready() {
      readyPromise ??= serialised(start).catch((error: unknown) => {
        readyPromise = undefined; // a failed start (e.g. the embedder was down) is retried by the next call
        throw error;
      });
      return readyPromise;
    },

    async search(rawQuery, rawK, onUsage) {
      const { query, k } = validateSearch(rawQuery, rawK);
      await index.ready();
      // pgvector: the database searches what is committed; the in-memory copy is not consulted.
      const { searcher } = store;
      if (searcher) {
        const [vector] = await queryEmbedder.embed([query], onUsage);
        lastSearch = 0;
        return searcher.search(vector as Float32Array, k);
      }
      // Plain PostgreSQL: while the store is unreachable this replica may miss others' documents.
      if (follower && !follower.inSync())
        throw new GatewayError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          'search is unavailable: the document store cannot be reached',
          { provider: store.kind },
        );
      const [vector] = await queryEmbedder.embed([query], onUsage);
      const hits = state.search(vector as Float32Array, k);
      lastSearch = state.hnsw.stats().lastSearchDistanceComputations;
      return hits.flatMap(({ id, score }) => {
        const found = state.chunk(id);
        if (!found) return [];
        const { doc, n } = found;
        const passage: Passage = {
          id: `${doc.id}#${n}`,
          documentId: doc.id,
          title: doc.title,
          text: doc.chunks[n] as string,
          score: Math.max(-1, Math.min(1, score)),
          source: doc.source,
          url: doc.url,
        };
        return [passage];
      });
    },

    async ingest(documents, onUsage) {
      const valid = validateDocuments(documents);
      await index.ready();
      if (valid.length === 0) return { documents: 0, chunks: 0 };
      return serialised(async () => {
        const prepared = await prepare(valid, onUsage);
        const previous = held(prepared.map((doc) => doc.id));
        state.upsert(prepared);
        try {
          await commit({ upsert: prepared, delete: [] });
        } catch (error) {
          // What is not stored is not served either: put the replaced versions back.
          prepared.forEach((doc) => state.delete(doc.id));
          state.upsert(previous);
          logger.error(
            { err: (error as Error).message, store: store.location },
            'vector store commit failed; ingest is not persisted',
          );
          throw error;
        }
        return {
          documents: prepared.length,
          chunks: prepared.reduce((n, doc) => n + doc.chunks.length, 0),
        };
      });
    },

    stats() {
      return {
        documents: state.documents.size,
        chunks: state.chunkCount,
        embedder: embedder.id,
        dimension: embedder.dimension,
        searchMethod: store.searcher ? 'pgvector' : 'hnsw',
        lastSearchDistanceComputations: lastSearch,
        deletedNodes: state.hnsw.stats().deleted,
        documentStore: store.kind,
      };
    },

    async close() {
      closed = true;
      clearTimeout(retryPull);
      await store.close?.();
    },
  };
  return index;
}

/** Changes when a bundled document or the chunking changes, so the corpus is re-chunked then. */
function hashCorpus(corpus: readonly CorpusDocument[], chunking: ChunkOptions | undefined): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ chunker: CHUNKER_VERSION, chunking: chunking ?? null }));
  for (const doc of corpus)
    hash.update(JSON.stringify([doc.id, doc.title, doc.source, doc.url, doc.text]));
  return hash.digest('hex');
}

import type { StoredDocument } from './document-store.js';
import { HnswIndex, type HnswOptions, type SearchHit } from './hnsw.js';

/** A document as the index holds it: its chunks and the HNSW label of each. */
export interface IndexedDocument {
  id: string;
  title: string | null;
  source: string | null;
  url: string | null;
  chunks: string[];
  labels: number[];
}

/** What prefixes a graph snapshot: which labels belong to which document's chunks. */
interface SnapshotHeader {
  nextLabel: number;
  labels: Record<string, number[]>;
}

/**
 * The in-memory side of the vector index: documents, their chunks' labels, and the HNSW graph
 * over the chunk vectors. Labels are never reused, so a replaced chunk can stay in the graph as a
 * deleted node until compaction.
 */
export class IndexState {
  readonly documents = new Map<string, IndexedDocument>();
  private readonly byLabel = new Map<number, { doc: IndexedDocument; n: number }>();
  private nextLabel = 0;
  hnsw: HnswIndex;

  constructor(private readonly options: HnswOptions) {
    this.hnsw = new HnswIndex(options);
  }

  get chunkCount(): number {
    return this.byLabel.size;
  }

  /** Adds or replaces documents (all chunks of a replaced one leave the graph). */
  upsert(docs: readonly StoredDocument[]): void {
    for (const stored of docs) {
      this.delete(stored.id);
      const { chunks, ...fields } = stored;
      const doc: IndexedDocument = { ...fields, chunks: chunks.map((c) => c.text), labels: [] };
      chunks.forEach((chunk, n) => {
        const label = this.nextLabel++;
        this.hnsw.add(label, chunk.vector);
        doc.labels.push(label);
        this.byLabel.set(label, { doc, n });
      });
      this.documents.set(doc.id, doc);
    }
  }

  delete(id: string): void {
    const doc = this.documents.get(id);
    if (!doc) return;
    for (const label of doc.labels) {
      this.hnsw.remove(label);
      this.byLabel.delete(label);
    }
    this.documents.delete(id);
  }

  /** The chunk a label names. */
  chunk(label: number): { doc: IndexedDocument; n: number } | undefined {
    return this.byLabel.get(label);
  }

  search(vector: Float32Array, k: number): SearchHit[] {
    return this.hnsw.search(vector, k);
  }

  /** The graph and its label map; live vectors are left out (the store has them). */
  snapshot(): Uint8Array {
    const header: SnapshotHeader = { nextLabel: this.nextLabel, labels: {} };
    for (const doc of this.documents.values()) header.labels[doc.id] = doc.labels;
    const json = new TextEncoder().encode(JSON.stringify(header));
    const graph = this.hnsw.serialize({ vectors: 'deleted' });
    const bytes = new Uint8Array(4 + json.length + graph.length);
    new DataView(bytes.buffer).setUint32(0, json.length, true);
    bytes.set(json, 4);
    bytes.set(graph, 4 + json.length);
    return bytes;
  }

  /**
   * Loads stored documents, reusing the graph snapshot when it describes exactly these chunks
   * (true unless another process committed after it); otherwise rebuilds the graph. Returns
   * whether the snapshot was used.
   */
  restore(docs: readonly StoredDocument[], snapshot: Uint8Array | undefined): boolean {
    if (snapshot && this.tryRestore(docs, snapshot)) return true;
    this.hnsw = new HnswIndex(this.options);
    this.documents.clear();
    this.byLabel.clear();
    this.nextLabel = 0;
    this.upsert(docs);
    return false;
  }

  private tryRestore(docs: readonly StoredDocument[], snapshot: Uint8Array): boolean {
    try {
      const view = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
      const length = view.getUint32(0, true);
      const header = JSON.parse(
        new TextDecoder().decode(snapshot.subarray(4, 4 + length)),
      ) as SnapshotHeader;
      const vectors = new Map<number, Float32Array>();
      for (const doc of docs) {
        const labels = header.labels[doc.id];
        if (!Array.isArray(labels) || labels.length !== doc.chunks.length) return false;
        doc.chunks.forEach((chunk, n) => vectors.set(labels[n] as number, chunk.vector));
      }
      if (Object.keys(header.labels).length !== docs.length) return false;
      const hnsw = HnswIndex.deserialize(snapshot.subarray(4 + length), (label) =>
        vectors.get(label),
      );
      if (hnsw.size !== vectors.size || [...vectors.keys()].some((label) => !hnsw.has(label)))
        return false;
      if (hnsw.dimension !== this.options.dimension) return false;
      this.hnsw = hnsw;
      this.documents.clear();
      this.byLabel.clear();
      for (const stored of docs) {
        const { chunks, ...fields } = stored;
        const doc: IndexedDocument = {
          ...fields,
          chunks: chunks.map((c) => c.text),
          labels: header.labels[stored.id] as number[],
        };
        doc.labels.forEach((label, n) => this.byLabel.set(label, { doc, n }));
        this.documents.set(doc.id, doc);
      }
      this.nextLabel = header.nextLabel;
      return true;
    } catch {
      return false;
    }
  }
}

import type { Embedder, UsageSink } from '../../vector/embedder.js';
import { HnswIndex, type HnswOptions } from '../../vector/hnsw.js';
import { ColumnScan } from './column-scan.js';
import {
  createSemanticMatcher,
  type MatchFeatures,
  type SemanticMatcher,
} from './semantic-match.js';

/** A cached question close to a query, with the matcher's similarity (not the raw cosine). */
export interface SemanticNeighbour {
  id: string;
  question: string;
  similarity: number;
}

export interface SemanticIndexOptions {
  embedder: Embedder;
  /** The matcher whose threshold and vetoes `lookup` applies; default: one over `embedder`. */
  matcher?: SemanticMatcher;
  /** Threshold of the default matcher (ignored when `matcher` is given). */
  threshold?: number;
  /**
   * `flat`: an exact scan of column-stored vectors that skips the query's zero dimensions (the
   * hashing embedder's vectors are sparse: ~0.3 ms at 10k questions). `hnsw`: approximate, for
   * dense embeddings (OpenAI's), where a scan costs ~13 ms at 10k; on templated questions
   * ("weather in X") it misses near-duplicates the scan finds. `auto` (default) picks `flat`
   * when the first vector added has at most a quarter of its dimensions non-zero.
   */
  search?: 'auto' | 'hnsw' | 'flat';
  /** Neighbours by embedding cosine that the matcher re-scores in `lookup`. Default 8. */
  candidates?: number;
  hnsw?: Omit<HnswOptions, 'dimension'>;
}

/** In-memory nearest-neighbour index over cached questions, with the matcher on top. */
export interface SemanticIndex {
  readonly size: number;
  /** The search structure in use: undefined until the first add under `auto`. */
  readonly searchMethod: 'hnsw' | 'flat' | undefined;
  /** Adds a question under an id (replacing what the id held); its embedding's usage to `onUsage`. */
  add(id: string, question: string, onUsage?: UsageSink): Promise<void>;
  /** Removes an id; false when it was not there. */
  remove(id: string): boolean;
  /** The k cached questions closest to `question` by matcher similarity, vetoes not applied. */
  nearest(question: string, k: number): Promise<SemanticNeighbour[]>;
  /** The closest cached question that is a hit (threshold reached, no veto), if any. */
  lookup(question: string, onUsage?: UsageSink): Promise<SemanticNeighbour | undefined>;
}

interface Entry {
  id: string;
  features: MatchFeatures;
}

/** One vector in the search structure, shared by every question with the same canonical text. */
interface Node {
  slot: number;
  entries: Set<Entry>;
}

/** Builds an empty semantic index: questions are embedded once, on `add`. */
export function createSemanticIndex(options: SemanticIndexOptions): SemanticIndex {
  const { embedder, search = 'auto', candidates = 8 } = options;
  const matcher =
    options.matcher ?? createSemanticMatcher({ embedder, threshold: options.threshold });
  let vectors: HnswIndex | ColumnScan | undefined; // chosen on the first add under `auto`
  let method: 'hnsw' | 'flat' | undefined = search === 'auto' ? undefined : search;
  const structure = (first: Float32Array): HnswIndex | ColumnScan => {
    if (vectors) return vectors;
    method ??= sparsity(first) <= SPARSE_SHARE ? 'flat' : 'hnsw';
    vectors =
      method === 'hnsw'
        ? new HnswIndex({ dimension: first.length, ...options.hnsw })
        : new ColumnScan(first.length);
    return vectors;
  };
  // Why nodes: questions differing only in what the vetoes compare ("today" vs "tomorrow") embed
  // identically, and HNSW degrades with many exact duplicates; one node per canonical text.
  const nodes = new Map<string, Node>();
  const bySlot = new Map<number, Node>();
  const byId = new Map<string, Entry>();
  const byText = new Map<string, Entry>(); // normalised text: exact repeats skip the vector search
  const adding = new Map<string, number>(); // id -> latest add, so a stale add never lands
  let nextSlot = 0;
  let addCount = 0;

  function insert(entry: Entry): void {
    byId.set(entry.id, entry);
    byText.set(entry.features.normalised, entry);
    const key = entry.features.canonical;
    const node = nodes.get(key);
    if (node) {
      node.entries.add(entry);
      return;
    }
    const created: Node = { slot: nextSlot++, entries: new Set([entry]) };
    nodes.set(key, created);
    bySlot.set(created.slot, created);
    structure(entry.features.vector).add(created.slot, entry.features.vector);
  }

  function drop(entry: Entry): void {
    byId.delete(entry.id);
    if (byText.get(entry.features.normalised) === entry) byText.delete(entry.features.normalised);
    const key = entry.features.canonical;
    const node = nodes.get(key);
    if (!node) return;
    node.entries.delete(entry);
    if (node.entries.size > 0) return;
    nodes.delete(key);
    bySlot.delete(node.slot);
    vectors?.remove(node.slot);
  }

  function neighbours(query: MatchFeatures, k: number) {
    const want = Math.max(k, candidates);
    const hits = vectors?.search(query.vector, want) ?? [];
    const entries = new Set<Entry>();
    const exact = byText.get(query.normalised);
    if (exact) entries.add(exact);
    for (const hit of hits)
      for (const entry of bySlot.get(hit.id)?.entries ?? []) entries.add(entry);
    return [...entries]
      .map((entry) => ({ entry, result: matcher.compare(entry.features, query) }))
      .sort((a, b) => b.result.similarity - a.result.similarity)
      .map(({ entry, result }) => ({
        id: entry.id,
        question: entry.features.text,
        similarity: result.similarity,
        hit: result.hit,
      }));
  }

  const strip = ({ id, question, similarity }: SemanticNeighbour): SemanticNeighbour => ({
    id,
    question,
    similarity,
  });

  return {
    get size() {
      return byId.size;
    },
    get searchMethod() {
      return method;
    },
    async add(id, question, onUsage) {
      const token = ++addCount;
      adding.set(id, token);
      const [features] = await matcher.features([question], onUsage);
      if (adding.get(id) !== token) return; // a later add or a remove of this id won
      adding.delete(id);
      const previous = byId.get(id);
      if (previous) drop(previous);
      insert({ id, features: features as MatchFeatures });
    },
    remove(id) {
      adding.delete(id);
      const entry = byId.get(id);
      if (!entry) return false;
      drop(entry);
      return true;
    },
    async nearest(question, k) {
      if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
      if (byId.size === 0) return [];
      const [query] = await matcher.features([question]);
      return neighbours(query as MatchFeatures, k)
        .slice(0, k)
        .map(strip);
    },
    async lookup(question, onUsage) {
      if (byId.size === 0) return undefined;
      const [query] = await matcher.features([question], onUsage);
      const best = neighbours(query as MatchFeatures, candidates).find((n) => n.hit);
      return best && strip(best);
    },
  };
}

/** Share of non-zero dimensions up to which a vector counts as sparse (the scan is then fastest). */
const SPARSE_SHARE = 0.25;

function sparsity(vector: Float32Array): number {
  let nonZero = 0;
  for (const value of vector) if (value !== 0) nonZero++;
  return nonZero / vector.length;
}

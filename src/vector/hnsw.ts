/*
 * Hierarchical Navigable Small World graphs (Malkov & Yashunin, 2016), written here rather than
 * taken from hnswlib-node: that package needs a native compile (node-gyp and a toolchain on every
 * machine and in CI) and does not expose how many distance computations a search made, which is
 * the number that shows an ANN index is not an exact scan in disguise.
 *
 * Vectors are unit length, so distance = 1 - dot product and score = dot product (cosine).
 */
import { decodeHnsw, encodeHnsw, type HnswState } from './hnsw-codec.js';
import { dot } from './embedder.js';
import { MinHeap } from './heap.js';

/** Graph parameters; only `dimension` is required. */
export interface HnswOptions {
  dimension: number;
  /** Links per node on the upper layers; layer 0 keeps 2·M. Default 16. */
  M?: number;
  /** Beam width while inserting: higher builds slower and finds better neighbours. Default 100. */
  efConstruction?: number;
  /** Beam width while searching (at least k is used). Default 64. */
  efSearch?: number;
  /** Seeds the level generator, so the same inserts build the same graph. */
  seed?: number;
  /** Share of deleted nodes at which `remove` rebuilds the graph without them. Default 0.3. */
  compactionRatio?: number;
}

/** One search result: the id given to `add` and its cosine similarity. */
export interface SearchHit {
  id: number;
  /** Cosine similarity, higher is closer. */
  score: number;
}

/** Counters of an index: size, deleted nodes, and distance computations of searches and builds. */
export interface HnswStats {
  /** Live (not deleted) vectors. */
  size: number;
  /** Deleted nodes still in the graph (kept for navigation until compaction). */
  deleted: number;
  maxLevel: number;
  lastSearchDistanceComputations: number;
  totalSearchDistanceComputations: number;
  searches: number;
  buildDistanceComputations: number;
}

/** What a snapshot includes. */
export interface SerializeOptions {
  /**
   * `all` makes the snapshot self-contained; `deleted` stores only the vectors of deleted nodes
   * (still needed to navigate) and leaves live ones to `deserialize`'s `vectorOf`, for a caller
   * that already persists them.
   */
  vectors?: 'all' | 'deleted';
}

/** An HNSW index over unit vectors, keyed by non-negative integer ids. */
export class HnswIndex {
  private s: HnswState;
  private visited = new Uint32Array(1024);
  private epoch = 0;
  private distances = 0;
  private lastSearch = 0;
  private totalSearch = 0;
  private searches = 0;
  private build = 0;
  private deletedCount: number;
  private readonly slotOf = new Map<number, number>();
  private readonly compactionRatio: number;
  /** Beam width of searches; may be changed between searches (the benchmark sweeps it). */
  efSearch: number;

  constructor(options: HnswOptions) {
    const { dimension, M = 16, efConstruction = 100, efSearch = 64, seed = 0x5eed } = options;
    for (const [name, value] of Object.entries({ dimension, M, efConstruction, efSearch })) {
      if (!Number.isInteger(value) || value < (name === 'M' ? 2 : 1))
        throw new RangeError(`${name} must be an integer >= ${name === 'M' ? 2 : 1}`);
    }
    this.s = { dimension, M, efConstruction, rng: seed >>> 0, ...emptyGraph() };
    this.efSearch = efSearch;
    this.compactionRatio = options.compactionRatio ?? 0.3;
    this.deletedCount = 0;
  }

  get dimension(): number {
    return this.s.dimension;
  }

  /** Live vectors. */
  get size(): number {
    return this.s.ids.length - this.deletedCount;
  }

  has(id: number): boolean {
    const slot = this.slotOf.get(id);
    return slot !== undefined && !this.s.deleted[slot];
  }

  /** The vector stored under a live id. */
  vectorOf(id: number): Float32Array | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined || this.s.deleted[slot] ? undefined : this.s.vectors[slot];
  }

  /** Adds a vector under a new id (ids are never reused while their node is in the graph). */
  add(id: number, vector: Float32Array): void {
    if (!Number.isSafeInteger(id) || id < 0)
      throw new RangeError('id must be a non-negative safe integer');
    if (this.slotOf.has(id)) throw new Error(`id ${id} is already in the index`);
    if (vector.length !== this.s.dimension)
      throw new RangeError(`vector has ${vector.length} dimensions, not ${this.s.dimension}`);
    const before = this.distances;
    this.insert(id, vector);
    this.build += this.distances - before;
  }

  /** Marks an id deleted: it leaves results at once and the graph at the next compaction. */
  remove(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined || this.s.deleted[slot]) return false;
    this.s.deleted[slot] = true;
    this.deletedCount++;
    const nodes = this.s.ids.length;
    if (this.deletedCount >= 16 && this.deletedCount >= this.compactionRatio * nodes)
      this.compact();
    return true;
  }

  /** The k nearest live vectors, best first, from a beam search of width max(efSearch, k). */
  search(query: Float32Array, k: number): SearchHit[] {
    if (query.length !== this.s.dimension)
      throw new RangeError(`query has ${query.length} dimensions, not ${this.s.dimension}`);
    const before = this.distances;
    let hits: SearchHit[] = [];
    if (this.size > 0 && k > 0) {
      const { slot, dist } = this.descend(query, 0);
      const found = this.searchLayer(query, [[slot, dist]], Math.max(this.efSearch, k), 0, true);
      hits = found.slice(0, k).map(([s, d]) => ({ id: this.s.ids[s] as number, score: 1 - d }));
    }
    this.lastSearch = this.distances - before;
    this.totalSearch += this.lastSearch;
    this.searches++;
    return hits;
  }

  stats(): HnswStats {
    return {
      size: this.size,
      deleted: this.deletedCount,
      maxLevel: this.s.maxLevel,
      lastSearchDistanceComputations: this.lastSearch,
      totalSearchDistanceComputations: this.totalSearch,
      searches: this.searches,
      buildDistanceComputations: this.build,
    };
  }

  /** Rebuilds the graph from the live nodes only (same ids), dropping deleted ones. */
  compact(): void {
    const { ids, vectors, deleted } = this.s;
    const live = ids
      .map((id, slot) => ({ id, vector: vectors[slot] as Float32Array }))
      .filter((_, slot) => !deleted[slot]);
    this.s = { ...this.s, ...emptyGraph() };
    this.slotOf.clear();
    this.deletedCount = 0;
    for (const { id, vector } of live) this.add(id, vector);
  }

  /** A binary snapshot (little-endian) of the graph, and of the vectors as `options` says. */
  serialize(options: SerializeOptions = {}): Uint8Array {
    return encodeHnsw(this.s, this.efSearch, options.vectors ?? 'all');
  }

  /** Rebuilds an index from `serialize`'s bytes; `vectorOf` supplies vectors the snapshot left out. */
  static deserialize(
    bytes: Uint8Array,
    vectorOf?: (id: number) => Float32Array | undefined,
  ): HnswIndex {
    const { state, efSearch } = decodeHnsw(bytes, vectorOf);
    const index = new HnswIndex({
      dimension: state.dimension,
      M: state.M,
      efConstruction: state.efConstruction,
      efSearch,
    });
    index.s = state;
    state.ids.forEach((id, slot) => index.slotOf.set(id, slot));
    index.deletedCount = state.deleted.filter(Boolean).length;
    return index;
  }

  private insert(id: number, vector: Float32Array): void {
    const s = this.s;
    const slot = s.ids.length;
    const level = this.randomLevel();
    s.ids.push(id);
    s.vectors.push(vector);
    s.levels.push(level);
    s.deleted.push(false);
    s.links.push(Array.from({ length: level + 1 }, () => []));
    this.slotOf.set(id, slot);
    if (s.entry < 0) {
      s.entry = slot;
      s.maxLevel = level;
      return;
    }
    const start = this.descend(vector, level);
    let entries: Array<[number, number]> = [[start.slot, start.dist]];
    for (let l = Math.min(level, s.maxLevel); l >= 0; l--) {
      const candidates = this.searchLayer(vector, entries, s.efConstruction, l, false);
      const chosen = this.selectNeighbours(candidates, s.M);
      (s.links[slot] as number[][])[l] = chosen;
      for (const neighbour of chosen) this.connect(neighbour, slot, l);
      entries = candidates;
    }
    if (level > s.maxLevel) {
      s.entry = slot;
      s.maxLevel = level;
    }
  }

  /** Greedy descent from the entry point through the layers above `level` (beam width 1). */
  private descend(query: Float32Array, level: number): { slot: number; dist: number } {
    const s = this.s;
    let slot = s.entry;
    let dist = this.distance(query, slot);
    for (let l = s.maxLevel; l > level; l--) {
      let improved = true;
      while (improved) {
        improved = false;
        for (const n of (s.links[slot] as number[][])[l] as number[]) {
          const d = this.distance(query, n);
          if (d < dist) {
            dist = d;
            slot = n;
            improved = true;
          }
        }
      }
    }
    return { slot, dist };
  }

  /**
   * Beam search on one layer: expands the closest unexpanded candidate until none is closer than
   * the worst of the `ef` best found. Deleted nodes are walked through but, with `skipDeleted`,
   * never returned. Result sorted closest first, as [slot, distance].
   */
  private searchLayer(
    query: Float32Array,
    entries: Array<[number, number]>,
    ef: number,
    level: number,
    skipDeleted: boolean,
  ): Array<[number, number]> {
    const { links, deleted } = this.s;
    const mark = this.nextEpoch();
    const candidates = new MinHeap();
    const best = new MinHeap(); // keys negated: a max-heap of the ef closest so far
    for (const [slot, dist] of entries) {
      if (this.visited[slot] === mark) continue;
      this.visited[slot] = mark;
      candidates.push(slot, dist);
      if (!skipDeleted || !deleted[slot]) best.push(slot, -dist);
    }
    while (best.size > ef) best.pop();
    while (candidates.size > 0) {
      const dist = candidates.peekKey();
      if (best.size >= ef && dist > -best.peekKey()) break;
      const slot = candidates.pop();
      for (const n of (links[slot] as number[][])[level] as number[]) {
        if (this.visited[n] === mark) continue;
        this.visited[n] = mark;
        const d = this.distance(query, n);
        if (best.size < ef || d < -best.peekKey()) {
          candidates.push(n, d);
          if (!skipDeleted || !deleted[n]) {
            best.push(n, -d);
            if (best.size > ef) best.pop();
          }
        }
      }
    }
    return best
      .entries()
      .map(([slot, key]): [number, number] => [slot, -key])
      .sort((a, b) => a[1] - b[1]);
  }

  /**
   * The paper's neighbour-selection heuristic: a candidate is kept only if it is closer to the
   * base than to every neighbour kept so far, which spreads links across directions instead of
   * spending them all inside one cluster.
   */
  private selectNeighbours(candidates: ReadonlyArray<[number, number]>, max: number): number[] {
    if (candidates.length <= max) return candidates.map(([slot]) => slot);
    const vectors = this.s.vectors;
    const kept: number[] = [];
    for (const [slot, dist] of candidates) {
      if (kept.length >= max) break;
      const vector = vectors[slot] as Float32Array;
      if (kept.every((other) => this.distance(vector, other) >= dist)) kept.push(slot);
    }
    return kept;
  }

  /** Adds a back link from `from` to `to` on `level`, re-selecting when the list overflows. */
  private connect(from: number, to: number, level: number): void {
    const s = this.s;
    const lists = s.links[from] as number[][];
    const list = lists[level] as number[];
    const max = level === 0 ? 2 * s.M : s.M;
    if (list.length < max) {
      list.push(to);
      return;
    }
    const base = s.vectors[from] as Float32Array;
    const candidates = [...list, to]
      .map((slot): [number, number] => [slot, this.distance(base, slot)])
      .sort((a, b) => a[1] - b[1]);
    lists[level] = this.selectNeighbours(candidates, max);
  }

  private distance(query: Float32Array, slot: number): number {
    this.distances++;
    return 1 - dot(query, this.s.vectors[slot] as Float32Array);
  }

  private nextEpoch(): number {
    const n = this.s.ids.length;
    if (this.visited.length < n) this.visited = new Uint32Array(Math.max(n * 2, 1024));
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.visited.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  /** Level of a new node: floor(-ln(U)·mL) with mL = 1/ln(M), so each layer has ~1/M of the one below. */
  private randomLevel(): number {
    // mulberry32: a tiny seeded generator, so builds are reproducible.
    let t = (this.s.rng = (this.s.rng + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
    return Math.min(16, Math.floor(-Math.log(u) / Math.log(this.s.M)));
  }
}

/** The graph part of an index's state with no vector in it. */
function emptyGraph(): Omit<HnswState, 'dimension' | 'M' | 'efConstruction' | 'rng'> {
  return { entry: -1, maxLevel: -1, ids: [], levels: [], vectors: [], links: [], deleted: [] };
}

import { MinHeap } from '../../vector/heap.js';
import type { SearchHit } from '../../vector/hnsw.js';

/**
 * An exact nearest-neighbour scan over vectors stored column by column (one Float32Array per
 * dimension). Scoring walks only the query's non-zero dimensions, each a contiguous column: the
 * hashing embedder's vectors have a few dozen non-zeros out of 512, so 10k rows score in well
 * under a millisecond; a dense query (OpenAI's) costs a full scan, still contiguous.
 */
export class ColumnScan {
  private columns: Float32Array[];
  private capacity = 0;
  private rows = 0;
  private readonly ids: number[] = [];
  private readonly rowOf = new Map<number, number>();
  private scores = new Float32Array(0);

  constructor(readonly dimension: number) {
    this.columns = Array.from({ length: dimension }, () => new Float32Array(0));
  }

  get size(): number {
    return this.rows;
  }

  /** Adds a vector under a new id. */
  add(id: number, vector: Float32Array): void {
    if (this.rowOf.has(id)) throw new Error(`id ${id} is already in the scan`);
    if (vector.length !== this.dimension)
      throw new RangeError(`vector has ${vector.length} dimensions, not ${this.dimension}`);
    if (this.rows === this.capacity) this.grow(Math.max(64, this.capacity * 2));
    const row = this.rows++;
    for (let d = 0; d < this.dimension; d++)
      (this.columns[d] as Float32Array)[row] = vector[d] as number;
    this.ids[row] = id;
    this.rowOf.set(id, row);
  }

  /** Removes an id (the last row moves into its place). */
  remove(id: number): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    const last = --this.rows;
    if (row !== last) {
      for (const column of this.columns) column[row] = column[last] as number;
      const moved = this.ids[last] as number;
      this.ids[row] = moved;
      this.rowOf.set(moved, row);
    }
    this.ids.length = this.rows;
    this.rowOf.delete(id);
    return true;
  }

  /** The k rows with the highest dot product with `query`, best first. */
  search(query: Float32Array, k: number): SearchHit[] {
    const n = this.rows;
    if (this.scores.length < n) this.scores = new Float32Array(this.capacity);
    const scores = this.scores;
    scores.fill(0, 0, n);
    const live: number[] = [];
    for (let d = 0; d < this.dimension; d++) if (query[d] !== 0) live.push(d);
    // Four columns per pass: a quarter of the passes over `scores` for dense queries.
    let i = 0;
    for (; i + 3 < live.length; i += 4) {
      const [a, b, c, e] = [live[i], live[i + 1], live[i + 2], live[i + 3]] as number[];
      const [qa, qb, qc, qe] = [query[a!], query[b!], query[c!], query[e!]] as number[];
      const [ca, cb, cc, ce] = [a, b, c, e].map((d) => this.columns[d!]) as Float32Array[];
      for (let r = 0; r < n; r++)
        scores[r] =
          (scores[r] as number) +
          qa! * (ca![r] as number) +
          qb! * (cb![r] as number) +
          qc! * (cc![r] as number) +
          qe! * (ce![r] as number);
    }
    for (; i < live.length; i++) {
      const d = live[i] as number;
      const q = query[d] as number;
      const column = this.columns[d] as Float32Array;
      for (let r = 0; r < n; r++) scores[r] = (scores[r] as number) + q * (column[r] as number);
    }
    const best = new MinHeap();
    for (let r = 0; r < n; r++) {
      const score = scores[r] as number;
      if (best.size < k) best.push(r, score);
      else if (score > best.peekKey()) {
        best.pop();
        best.push(r, score);
      }
    }
    return best
      .entries()
      .map(([row, score]) => ({ id: this.ids[row] as number, score }))
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private grow(capacity: number): void {
    this.columns = this.columns.map((column) => {
      const next = new Float32Array(capacity);
      next.set(column.subarray(0, this.rows));
      return next;
    });
    this.capacity = capacity;
  }
}

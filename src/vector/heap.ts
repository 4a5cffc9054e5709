/**
 * A binary min-heap of (id, key) pairs in two parallel arrays (no object per entry: HNSW pushes
 * millions of them while building). Push a negated key for a max-heap.
 */
export class MinHeap {
  private readonly ids: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Key of the smallest entry; Infinity when empty. */
  peekKey(): number {
    return this.keys.length > 0 ? (this.keys[0] as number) : Infinity;
  }

  push(id: number, key: number): void {
    const { ids, keys } = this;
    let i = ids.length;
    ids.push(id);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      ids[i] = ids[parent] as number;
      keys[i] = keys[parent] as number;
      i = parent;
    }
    ids[i] = id;
    keys[i] = key;
  }

  /** Removes the smallest entry and returns its id (the caller reads its key with peekKey first). */
  pop(): number {
    const { ids, keys } = this;
    const top = ids[0] as number;
    const lastId = ids.pop() as number;
    const lastKey = keys.pop() as number;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && (keys[right] as number) < (keys[left] as number) ? right : left;
        if ((keys[child] as number) >= lastKey) break;
        ids[i] = ids[child] as number;
        keys[i] = keys[child] as number;
        i = child;
      }
      ids[i] = lastId;
      keys[i] = lastKey;
    }
    return top;
  }

  /** Entries as [id, key] pairs, in no particular order. */
  entries(): Array<[number, number]> {
    return this.ids.map((id, i) => [id, this.keys[i] as number]);
  }
}

/** The raw state of an HNSW graph; slots are dense internal indexes, ids the caller's. */
export interface HnswState {
  dimension: number;
  M: number;
  efConstruction: number;
  /** State of the seeded level generator. */
  rng: number;
  /** Slot of the entry point, -1 when empty. */
  entry: number;
  maxLevel: number;
  ids: number[];
  levels: number[];
  vectors: Float32Array[];
  /** links[slot][level] = neighbour slots. */
  links: number[][][];
  deleted: boolean[];
}

const MAGIC = 0x57534e48; // "HNSW" read as a little-endian u32
const VERSION = 1;
const HEADER_BYTES = 40;
const HAS_VECTOR = 1;
const DELETED = 2;

/** Encodes a graph little-endian: a header, then per slot its id, level, flags, vector and links. */
export function encodeHnsw(s: HnswState, efSearch: number, vectors: 'all' | 'deleted'): Uint8Array {
  const keep = s.ids.map((_, slot) => vectors === 'all' || s.deleted[slot] === true);
  let size = HEADER_BYTES;
  s.ids.forEach((_, slot) => {
    size += 8 + 2 + (keep[slot] ? 4 * s.dimension : 0);
    for (const list of s.links[slot] as number[][]) size += 4 + 4 * list.length;
  });
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u32 = (value: number) => {
    view.setUint32(at, value, true);
    at += 4;
  };
  for (const value of [
    MAGIC,
    VERSION,
    s.dimension,
    s.M,
    s.efConstruction,
    efSearch,
    s.rng,
    s.ids.length,
  ])
    u32(value);
  view.setInt32(at, s.entry, true);
  view.setInt32(at + 4, s.maxLevel, true);
  at += 8;
  s.ids.forEach((id, slot) => {
    view.setFloat64(at, id, true);
    view.setUint8(at + 8, s.levels[slot] as number);
    view.setUint8(at + 9, (keep[slot] ? HAS_VECTOR : 0) | (s.deleted[slot] ? DELETED : 0));
    at += 10;
    if (keep[slot]) {
      for (const x of s.vectors[slot] as Float32Array) {
        view.setFloat32(at, x, true);
        at += 4;
      }
    }
    for (const list of s.links[slot] as number[][]) {
      u32(list.length);
      for (const n of list) u32(n);
    }
  });
  return bytes;
}

/** Decodes `encodeHnsw`'s bytes, checking every bound; throws on a corrupt or foreign snapshot. */
export function decodeHnsw(
  bytes: Uint8Array,
  vectorOf?: (id: number) => Float32Array | undefined,
): { state: HnswState; efSearch: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.byteLength) throw corrupt('truncated');
  };
  const u32 = () => {
    need(4);
    at += 4;
    return view.getUint32(at - 4, true);
  };
  need(HEADER_BYTES);
  if (u32() !== MAGIC) throw corrupt('not an HNSW snapshot');
  if (u32() !== VERSION) throw corrupt('unsupported version');
  const dimension = u32();
  const M = u32();
  const efConstruction = u32();
  const efSearch = u32();
  const rng = u32();
  const count = u32();
  const entry = view.getInt32(at, true);
  const maxLevel = view.getInt32(at + 4, true);
  at += 8;
  const s: HnswState = {
    dimension,
    M,
    efConstruction,
    rng,
    entry,
    maxLevel,
    ids: [],
    levels: [],
    vectors: [],
    links: [],
    deleted: [],
  };
  const seen = new Set<number>();
  for (let slot = 0; slot < count; slot++) {
    need(10);
    const id = view.getFloat64(at, true);
    const level = view.getUint8(at + 8);
    const flags = view.getUint8(at + 9);
    at += 10;
    if (!Number.isSafeInteger(id) || id < 0 || seen.has(id)) throw corrupt('bad id');
    seen.add(id);
    let vector: Float32Array | undefined;
    if (flags & HAS_VECTOR) {
      need(4 * dimension);
      vector = new Float32Array(dimension);
      for (let i = 0; i < vector.length; i++, at += 4) vector[i] = view.getFloat32(at, true);
    } else vector = vectorOf?.(id);
    if (!vector || vector.length !== dimension)
      throw corrupt(`no vector of ${dimension} dimensions for id ${id}`);
    const links: number[][] = [];
    for (let l = 0; l <= level; l++) {
      const n = u32();
      need(4 * n);
      const list: number[] = [];
      for (let j = 0; j < n; j++) {
        const neighbour = u32();
        if (neighbour >= count) throw corrupt('link out of range');
        list.push(neighbour);
      }
      links.push(list);
    }
    s.ids.push(id);
    s.levels.push(level);
    s.vectors.push(vector);
    s.links.push(links);
    s.deleted.push((flags & DELETED) !== 0);
  }
  if (at !== bytes.byteLength) throw corrupt('trailing bytes');
  s.links.forEach((levels) =>
    levels.forEach((list, l) => {
      if (list.some((n) => (s.levels[n] as number) < l))
        throw corrupt('link to a node without that layer');
    }),
  );
  if (count === 0 ? entry !== -1 : entry < 0 || entry >= count || s.levels[entry] !== maxLevel) {
    throw corrupt('bad entry point');
  }
  return { state: s, efSearch };
}

function corrupt(what: string): Error {
  return new Error(`corrupt HNSW snapshot: ${what}`);
}

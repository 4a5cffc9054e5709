import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type {
  DocumentStore,
  IndexChange,
  IndexMeta,
  StoredDocument,
  StoredIndex,
} from './document-store.js';

/** Where the file store keeps its files. */
export interface FileDocumentStoreOptions {
  /** Directory of the store, e.g. `${DATA_DIR}/vector`; created on the first commit. */
  dir: string;
  logger?: Logger;
  /** How long to wait for another process's lock before failing. Default 10 s. */
  lockTimeoutMs?: number;
}

const FORMAT = 'sluice-vector-store';
const FORMAT_VERSION = 1;
const MANIFEST = 'manifest.json';
const LOCK = '.lock';
const DATA_FILE = /^(vectors-\d+\.f32|graph-\d+\.bin|manifest\.json\.[0-9a-f]+\.tmp)$/;
/** A lock older than this was left by a crashed process. */
const STALE_LOCK_MS = 60_000;

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int(),
  revision: z.number().int().nonnegative(),
  meta: z.object({
    embedderId: z.string().min(1),
    dimension: z.number().int().positive(),
    corpusHash: z.string().nullable(),
    corpusIds: z.array(z.string()),
  }),
  vectorsFile: z.string().regex(/^vectors-\d+\.f32$/),
  graphFile: z
    .string()
    .regex(/^graph-\d+\.bin$/)
    .nullable(),
  documents: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      source: z.string().nullable(),
      url: z.string().nullable(),
      chunks: z.array(z.string()),
    }),
  ),
});
type Manifest = z.infer<typeof manifestSchema>;

interface State {
  revision: number;
  meta: IndexMeta;
  documents: Map<string, StoredDocument>;
  graph: Uint8Array | undefined;
}

/**
 * A DocumentStore in a directory: `manifest.json` (format version, revision, embedder id and
 * dimension, corpus hash, documents and chunk texts) names a `vectors-<rev>.f32` file (Float32
 * little-endian, one row per chunk in manifest order) and an optional `graph-<rev>.bin`. A commit
 * writes the new data files, then the manifest to a temporary file that is renamed over the old
 * one: the rename is the commit point, so a crash leaves the previous revision intact. A lock file
 * serialises processes (the ingest CLI may run beside the server); a commit applies its change to
 * whatever revision is on disk, so one process's documents are not lost by another's commit.
 */
export function createFileDocumentStore({
  dir,
  logger,
  lockTimeoutMs = 10_000,
}: FileDocumentStoreOptions): DocumentStore {
  let state: State | undefined;

  async function readState(): Promise<State | undefined> {
    let text: string;
    try {
      text = await readFile(join(dir, MANIFEST), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return await decodeState(text);
    } catch (error) {
      if (error instanceof UnsupportedVersionError) throw error;
      // Keep the bad files for a human, and start empty rather than refuse to serve.
      const aside = join(dir, `corrupt-${Date.now()}`);
      await mkdir(aside, { recursive: true });
      for (const name of await readdir(dir)) {
        if (name === MANIFEST || DATA_FILE.test(name))
          await rename(join(dir, name), join(aside, name));
      }
      logger?.error(
        { dir, aside, err: (error as Error).message },
        'vector store is corrupt; moved aside, starting empty',
      );
      return undefined;
    }
  }

  async function decodeState(text: string): Promise<State> {
    const manifest = manifestSchema.parse(JSON.parse(text));
    if (manifest.formatVersion !== FORMAT_VERSION)
      throw new UnsupportedVersionError(dir, manifest.formatVersion);
    const { dimension } = manifest.meta;
    const bytes = await readFile(join(dir, manifest.vectorsFile));
    const rows = manifest.documents.reduce((sum, doc) => sum + doc.chunks.length, 0);
    if (bytes.byteLength !== rows * dimension * 4)
      throw new Error(`${manifest.vectorsFile} has the wrong size`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let row = 0;
    const documents = new Map<string, StoredDocument>();
    for (const doc of manifest.documents) {
      const chunks = doc.chunks.map((chunkText) => {
        const vector = new Float32Array(dimension);
        const base = row++ * dimension * 4;
        for (let i = 0; i < dimension; i++) vector[i] = view.getFloat32(base + i * 4, true);
        return { text: chunkText, vector };
      });
      documents.set(doc.id, { ...doc, chunks });
    }
    let graph: Uint8Array | undefined;
    if (manifest.graphFile)
      graph = await readFile(join(dir, manifest.graphFile)).catch(() => undefined);
    return { revision: manifest.revision, meta: manifest.meta, documents, graph };
  }

  async function currentRevision(): Promise<number | undefined> {
    try {
      const parsed = manifestSchema
        .pick({ revision: true })
        .safeParse(JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')));
      return parsed.success ? parsed.data.revision : undefined;
    } catch {
      return undefined;
    }
  }

  async function write(next: State): Promise<void> {
    const { dimension } = next.meta;
    const docs = [...next.documents.values()];
    const rows = docs.flatMap((doc) => doc.chunks);
    const vectors = new Uint8Array(rows.length * dimension * 4);
    const view = new DataView(vectors.buffer);
    rows.forEach((chunk, row) => {
      if (chunk.vector.length !== dimension)
        throw new RangeError(`a vector of ${chunk.vector.length} dimensions, not ${dimension}`);
      chunk.vector.forEach((x, i) => view.setFloat32((row * dimension + i) * 4, x, true));
    });
    const vectorsFile = `vectors-${next.revision}.f32`;
    const graphFile = next.graph ? `graph-${next.revision}.bin` : null;
    await writeDurably(join(dir, vectorsFile), vectors);
    if (graphFile && next.graph) await writeDurably(join(dir, graphFile), next.graph);
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      revision: next.revision,
      meta: next.meta,
      vectorsFile,
      graphFile,
      documents: docs.map(({ chunks, ...doc }) => ({
        ...doc,
        chunks: chunks.map((chunk) => chunk.text),
      })),
    };
    const temporary = join(dir, `${MANIFEST}.${randomBytes(6).toString('hex')}.tmp`);
    await writeDurably(temporary, JSON.stringify(manifest));
    await rename(temporary, join(dir, MANIFEST));
    await removeUnreferenced(dir, [vectorsFile, graphFile]);
  }

  async function withLock<T>(run: () => Promise<T>): Promise<T> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, LOCK);
    const deadline = Date.now() + lockTimeoutMs;
    for (;;) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = await stat(path).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > STALE_LOCK_MS) await rm(path, { force: true });
        else if (Date.now() > deadline)
          throw new Error(`vector store ${dir} is locked by another process`);
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    try {
      return await run();
    } finally {
      await rm(path, { force: true });
    }
  }

  return {
    kind: 'file',
    location: dir,
    async load() {
      state = await withLock(readState);
      if (!state) return undefined;
      return {
        meta: state.meta,
        documents: [...state.documents.values()],
        graph: state.graph,
      } satisfies StoredIndex;
    },
    async commit(change: IndexChange) {
      await withLock(async () => {
        const onDisk = await currentRevision();
        // Another process committed since we last read: apply our change on top of its revision.
        if (onDisk !== state?.revision) state = await readState();
        if (
          state &&
          !change.reset &&
          (state.meta.embedderId !== change.meta.embedderId ||
            state.meta.dimension !== change.meta.dimension)
        ) {
          throw new Error(
            `vector store ${dir} was rebuilt with ${state.meta.embedderId} by another process; restart to use it`,
          );
        }
        const documents =
          change.reset || !state ? new Map<string, StoredDocument>() : new Map(state.documents);
        for (const id of change.delete) documents.delete(id);
        for (const doc of change.upsert) documents.set(doc.id, doc);
        const next: State = {
          revision: (state?.revision ?? 0) + 1,
          meta: change.meta,
          documents,
          graph: change.graph,
        };
        await write(next);
        state = next;
      });
    },
  };
}

class UnsupportedVersionError extends Error {
  constructor(dir: string, version: number) {
    super(`vector store ${dir} has format version ${version}; this build reads ${FORMAT_VERSION}`);
  }
}

/** Writes and fsyncs a file, so a rename that follows never exposes a file with missing bytes. */
async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Deletes data files of older revisions and temporaries left by a crashed commit. */
async function removeUnreferenced(dir: string, keep: ReadonlyArray<string | null>): Promise<void> {
  for (const name of await readdir(dir)) {
    if (DATA_FILE.test(name) && !keep.includes(name)) await rm(join(dir, name), { force: true });
  }
}

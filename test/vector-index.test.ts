import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ErrorCode, isGatewayError } from '../src/errors.js';
import type { Logger } from '../src/logger.js';
import { createSilentLogger } from '../src/logger.js';
import { loadBundledCorpus, type CorpusDocument } from '../src/vector/corpus.js';
import type { IndexMeta, StoredDocument } from '../src/vector/document-store.js';
import type { Embedder } from '../src/vector/embedder.js';
import { createFileDocumentStore } from '../src/vector/file-document-store.js';
import { createHashingEmbedder } from '../src/vector/hashing-embedder.js';
import { createVectorIndex } from '../src/vector/index.js';
import { readDocumentsFromFolder } from '../src/vector/read-folder.js';

const run = promisify(execFile);

/** Counts what an embedder is asked, under an id of the test's choosing. */
function spyEmbedder(id = 'hashing-v3', dimension = 512) {
  const inner = createHashingEmbedder({ dimension });
  const spy = {
    calls: 0,
    texts: 0,
    embedder: {
      id,
      dimension,
      async embed(texts: readonly string[]) {
        spy.calls++;
        spy.texts += texts.length;
        return inner.embed(texts);
      },
    } satisfies Embedder,
  };
  return spy;
}

/** A Logger that keeps the messages of info and warn lines. */
function recordingLogger(lines: Array<{ msg: string; obj: object }>): Logger {
  const keep = (obj: object, msg?: string) => lines.push({ obj, msg: msg ?? '' });
  const logger: Logger = {
    debug: () => {},
    info: keep,
    warn: keep,
    error: keep,
    child: () => logger,
  };
  return logger;
}

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-vector-'));
  tempDirs.push(dir);
  return dir;
}
after(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const vector = (...values: number[]) => Float32Array.from(values);
const doc = (id: string, texts: string[]): StoredDocument => ({
  id,
  title: id.toUpperCase(),
  source: 'test',
  url: null,
  chunks: texts.map((text, i) => ({ text, vector: vector(i, 1, 0) })),
});
const META: IndexMeta = { embedderId: 'test', dimension: 3, corpusHash: 'h1', corpusIds: ['a'] };

describe('file document store', () => {
  it('loads nothing from an empty folder and round-trips commits', async () => {
    const dir = await tempDir();
    const store = createFileDocumentStore({ dir });
    assert.equal(await store.load(), undefined);
    const graph = Uint8Array.from([1, 2, 3]);
    await store.commit({
      meta: META,
      upsert: [doc('a', ['one', 'two']), doc('b', ['three'])],
      delete: [],
      graph,
    });
    await store.commit({ meta: META, upsert: [doc('c', ['four'])], delete: ['b', 'unknown'] });

    const loaded = await createFileDocumentStore({ dir }).load();
    assert.deepEqual(loaded?.meta, META);
    assert.deepEqual(
      loaded?.documents.map((d) => d.id),
      ['a', 'c'],
    );
    assert.deepEqual(loaded?.documents[0], doc('a', ['one', 'two']));
    assert.equal(loaded?.graph, undefined, 'a commit without a graph drops the old one');
    assert.deepEqual((await readdir(dir)).sort(), ['manifest.json', 'vectors-2.f32']);
  });

  it('keeps the previous revision when a commit fails, and ignores a temporary left by a crash', async () => {
    const dir = await tempDir();
    const store = createFileDocumentStore({ dir });
    await store.commit({
      meta: META,
      upsert: [doc('a', ['one'])],
      delete: [],
      graph: Uint8Array.from([9]),
    });
    await writeFile(join(dir, 'manifest.json.0123abcd.tmp'), '{"half": ');
    const bad: StoredDocument = {
      ...doc('b', ['x']),
      chunks: [{ text: 'x', vector: vector(1, 2) }],
    };
    await assert.rejects(store.commit({ meta: META, upsert: [bad], delete: [] }), RangeError);

    const loaded = await createFileDocumentStore({ dir }).load();
    assert.deepEqual(
      loaded?.documents.map((d) => d.id),
      ['a'],
    );
    assert.deepEqual(loaded?.graph && [...loaded.graph], [9]);
    await store.commit({ meta: META, upsert: [doc('c', ['y'])], delete: [] });
    const files = await readdir(dir);
    assert.ok(!files.some((name) => name.endsWith('.tmp') || name === '.lock'), files.join());
  });

  it('applies a commit on top of what another process committed meanwhile', async () => {
    const dir = await tempDir();
    const server = createFileDocumentStore({ dir });
    const cli = createFileDocumentStore({ dir });
    await server.load();
    await cli.load();
    await cli.commit({ meta: META, upsert: [doc('from-cli', ['c'])], delete: [] });
    await server.commit({ meta: META, upsert: [doc('from-server', ['s'])], delete: [] });
    const loaded = await createFileDocumentStore({ dir }).load();
    assert.deepEqual(loaded?.documents.map((d) => d.id).sort(), ['from-cli', 'from-server']);
  });

  it('moves a corrupt store aside and starts empty', async () => {
    const dir = await tempDir();
    await createFileDocumentStore({ dir }).commit({
      meta: META,
      upsert: [doc('a', ['one'])],
      delete: [],
    });
    await writeFile(join(dir, 'vectors-1.f32'), 'short');
    assert.equal(
      await createFileDocumentStore({ dir, logger: createSilentLogger() }).load(),
      undefined,
    );
    const aside = (await readdir(dir)).find((name) => name.startsWith('corrupt-'));
    assert.ok(aside);
    assert.deepEqual((await readdir(join(dir, aside))).sort(), ['manifest.json', 'vectors-1.f32']);
  });
});

describe('vector index', () => {
  let corpus: CorpusDocument[];
  before(async () => {
    corpus = await loadBundledCorpus();
  });
  const open = (
    dir: string,
    embedder: Embedder,
    logger: Logger = createSilentLogger(),
    docs = () => corpus,
  ) =>
    createVectorIndex({
      embedder,
      store: createFileDocumentStore({ dir }),
      logger,
      bundledCorpus: docs,
    });

  it('holds the bundled corpus on first start and answers questions about providers from it', async () => {
    assert.ok(corpus.length >= 8 && corpus.length <= 15, `${corpus.length} corpus documents`);
    const index = open(await tempDir(), createHashingEmbedder());
    await index.ready();
    const stats = index.stats();
    assert.equal(stats.documents, corpus.length);
    assert.equal(stats.searchMethod, 'hnsw');
    const passages = await index.search('NewsAPI rate limit', 3);
    assert.equal(passages.length, 3);
    assert.ok(
      passages.some(
        (p) =>
          p.documentId === 'sluice-docs/providers-news' && /100 requests per 24 hours/.test(p.text),
      ),
      passages.map((p) => p.id).join(),
    );
    const [redis] = await index.search('how do I configure Redis', 1);
    assert.match(redis?.text ?? '', /REDIS_URL/);
    assert.ok(index.stats().lastSearchDistanceComputations > 0);
    const [first] = passages;
    assert.match(first?.id ?? '', /^sluice-docs\/[a-z-]+#\d+$/);
    assert.equal(first?.source, 'sluice-docs');
    assert.ok((first?.score ?? 0) > 0 && (first?.score ?? 2) <= 1);
  });

  it('persists: a second instance loads vectors and graph without embedding anything', async () => {
    const dir = await tempDir();
    const first = spyEmbedder();
    const a = open(dir, first.embedder);
    await a.ready();
    await a.ingest([
      { id: 'mine', title: 'Mine', text: 'Sluice can search my runbook about the blue elephant.' },
    ]);
    assert.ok(first.calls > 0);

    const second = spyEmbedder();
    const lines: Array<{ msg: string; obj: object }> = [];
    const b = open(dir, second.embedder, recordingLogger(lines));
    await b.ready();
    assert.equal(second.calls, 0, 'no embedding on restart');
    assert.deepEqual(b.stats(), { ...a.stats(), lastSearchDistanceComputations: 0 });
    const loaded = lines.find((line) => line.msg === 'vector index loaded')?.obj as {
      graphReused: boolean;
    };
    assert.equal(loaded.graphReused, true);
    const [hit] = await b.search('blue elephant runbook', 1);
    assert.equal(hit?.id, 'mine#0');
    assert.equal(second.texts, 1, 'only the query was embedded');
    assert.deepEqual(
      await b.search('NewsAPI rate limit', 5),
      await a.search('NewsAPI rate limit', 5),
    );
  });

  it('re-embeds every chunk once when the embedder id or dimension changes', async () => {
    const dir = await tempDir();
    const a = open(dir, createHashingEmbedder());
    await a.ready();
    await a.ingest([{ id: 'mine', text: 'A document of my own.' }]);
    const chunks = a.stats().chunks;

    const renamed = spyEmbedder('hashing-v4');
    const lines: Array<{ msg: string; obj: object }> = [];
    const b = open(dir, renamed.embedder, recordingLogger(lines));
    await b.ready();
    assert.equal(renamed.texts, chunks, 'every stored chunk, user documents included');
    assert.ok(lines.some((line) => /embedder changed/.test(line.msg)));
    assert.equal(b.stats().chunks, chunks);

    const again = spyEmbedder('hashing-v4');
    await open(dir, again.embedder).ready();
    assert.equal(again.calls, 0, 'the re-embedded vectors were stored');

    const smaller = spyEmbedder('hashing-v4', 256);
    const c = open(dir, smaller.embedder);
    await c.ready();
    assert.equal(smaller.texts, chunks);
    assert.equal(c.stats().dimension, 256);
    assert.equal((await c.search('my own document', 1))[0]?.documentId, 'mine');
  });

  it('re-ingesting an id replaces the document and all its chunks', async () => {
    const dir = await tempDir();
    const index = open(dir, createHashingEmbedder());
    await index.ready();
    const base = index.stats().chunks;
    const long = Array.from(
      { length: 30 },
      (_, i) => `Paragraph ${i} about zebras and their stripes.`,
    ).join('\n\n');
    const first = await index.ingest([{ id: 'zebra', title: 'Zebras', text: long }]);
    assert.equal(first.documents, 1);
    assert.ok(first.chunks > 1);
    assert.equal(index.stats().chunks, base + first.chunks);

    const second = await index.ingest([
      { id: 'zebra', title: 'Zebras, short', text: 'Zebras have stripes.' },
    ]);
    assert.deepEqual(second, { documents: 1, chunks: 1 });
    assert.equal(index.stats().chunks, base + 1);
    const hits = await index.search('zebras stripes', 10);
    assert.deepEqual(
      hits.filter((hit) => hit.documentId === 'zebra').map((hit) => [hit.id, hit.title]),
      [['zebra#0', 'Zebras, short']],
    );
    const reloaded = open(dir, createHashingEmbedder());
    await reloaded.ready();
    assert.equal(reloaded.stats().chunks, base + 1);
  });

  it('re-ingests the bundled corpus when it changes, keeping user documents', async () => {
    const dir = await tempDir();
    const v1: CorpusDocument[] = [
      {
        id: 'docs/a',
        title: 'A',
        text: 'Alpha text about apples.',
        source: 'sluice-docs',
        url: null,
      },
      {
        id: 'docs/b',
        title: 'B',
        text: 'Beta text about bananas.',
        source: 'sluice-docs',
        url: null,
      },
    ];
    const first = open(dir, createHashingEmbedder(), createSilentLogger(), () => v1);
    await first.ready();
    await first.ingest([{ id: 'user', text: 'User text about cherries.' }]);

    const v2 = [{ ...v1[0], text: 'Alpha text about apricots.' } as CorpusDocument];
    const spy = spyEmbedder();
    const second = open(dir, spy.embedder, createSilentLogger(), () => v2);
    await second.ready();
    assert.equal(spy.texts, 1, 'only the changed document was embedded');
    assert.equal(second.stats().documents, 2);
    assert.equal((await second.search('apricots', 1))[0]?.documentId, 'docs/a');
    assert.ok(!(await second.search('bananas', 5)).some((hit) => hit.documentId === 'docs/b'));
    assert.equal((await second.search('cherries', 1))[0]?.documentId, 'user');

    const third = spyEmbedder();
    await open(dir, third.embedder, createSilentLogger(), () => v2).ready();
    assert.equal(third.calls, 0, 'an unchanged corpus is not re-ingested');
  });

  it('serialises concurrent ingests and persists all of them', async () => {
    const dir = await tempDir();
    const index = open(dir, createHashingEmbedder(), createSilentLogger(), () => []);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        index.ingest([{ id: `doc-${i}`, text: `Document number ${i}.` }]),
      ),
    );
    assert.ok(results.every((result) => result.documents === 1 && result.chunks === 1));
    const reloaded = open(dir, createHashingEmbedder(), createSilentLogger(), () => []);
    await reloaded.ready();
    assert.equal(reloaded.stats().documents, 6);
  });

  it('rejects bad input with BAD_USER_INPUT before embedding', async () => {
    const spy = spyEmbedder();
    const index = open(await tempDir(), spy.embedder, createSilentLogger(), () => []);
    const cases = [
      () => index.ingest([{ id: ' ', text: 'x' }]),
      () => index.ingest([{ id: 'a', text: '  \n ' }]),
      () => index.ingest([{ id: 'a', text: 'x'.repeat(1024 * 1024 + 1) }]),
      () =>
        index.ingest([
          { id: 'a', text: 'x' },
          { id: 'a', text: 'y' },
        ]),
      () => index.ingest(Array.from({ length: 101 }, (_, i) => ({ id: `d${i}`, text: 'x' }))),
      () => index.search('   ', 5),
      () => index.search('redis', 0),
      () => index.search('redis', 51),
      () => index.search('redis', 2.5),
    ];
    for (const attempt of cases) {
      await assert.rejects(
        attempt(),
        (error: unknown) => isGatewayError(error) && error.code === ErrorCode.BAD_USER_INPUT,
      );
    }
    assert.equal(spy.calls, 0);
    assert.deepEqual(await index.ingest([]), { documents: 0, chunks: 0 });
  });
});

describe('ingest from a folder', () => {
  let folder: string;
  before(async () => {
    folder = await tempDir();
    await mkdir(join(folder, 'guides', '.hidden'), { recursive: true });
    await writeFile(
      join(folder, 'readme.md'),
      '# Team handbook\n\nOur on-call rota changes every Monday.',
    );
    await writeFile(
      join(folder, 'guides', 'deploy.txt'),
      'Deploys happen from the main branch with a green build.',
    );
    await writeFile(join(folder, 'guides', 'data.json'), '{"not": "ingested"}');
    await writeFile(join(folder, 'guides', '.hidden', 'secret.md'), 'skipped');
    await writeFile(join(folder, 'empty.md'), '  \n');
  });

  it('reads .md and .txt files recursively with relative ids and titles', async () => {
    const docs = await readDocumentsFromFolder(folder);
    assert.deepEqual(
      docs.map((d) => [d.id, d.title]),
      [
        ['guides/deploy.txt', 'deploy'],
        ['readme.md', 'Team handbook'],
      ],
    );
  });

  it('the CLI ingests into DATA_DIR and a missing folder fails clearly', async () => {
    const dataDir = await tempDir();
    const env = { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const cli = ['--import', 'tsx', 'src/cli/ingest.ts'];
    const { stdout } = await run(process.execPath, [...cli, folder], { env });
    assert.match(
      stdout,
      /^ingested 2 documents \(2 chunks\) .* with hybrid\(glove-sif-v2\*0\.50\+hashing-v3\*0\.50\) \(612 dimensions\)/,
    );

    const index = createVectorIndex({
      embedder: createHashingEmbedder(),
      store: createFileDocumentStore({ dir: join(dataDir, 'vector') }),
      logger: createSilentLogger(),
      bundledCorpus: loadBundledCorpus,
    });
    const [hit] = await index.search('when does the on-call rota change', 1);
    assert.equal(hit?.documentId, 'readme.md');

    await assert.rejects(
      run(process.execPath, [...cli, join(folder, 'nope')], { env }),
      (error: unknown) => {
        const failure = error as { code: number; stderr: string };
        return failure.code === 1 && /error: not a folder/.test(failure.stderr);
      },
    );
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { generate } from '@graphql-codegen/cli';
import { parse, print } from 'graphql';
import { ConfigError, loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import { createProtectionFromConfig } from '../src/protection/index.js';
import {
  documentHash,
  documentIdHash,
  loadPersistedDocuments,
} from '../src/protection/safelist.js';
import * as typedClient from '../src/client/generated/graphql.js';
import { typedClientTexts } from '../src/protection/persisted-documents.js';
import * as operations from '../src/client/index.js';
import { useGateways, type TestGateway } from './support/gateway.js';

const root = new URL('../', import.meta.url);
const dir = join(tmpdir(), `sluice-preset-manifest-${randomUUID()}`);
const presetManifest = join(dir, 'persisted-documents.json');

/**
 * The `persisted-documents.json` GraphQL Code Generator's client preset writes for
 * `operations/*.graphql` with `persistedDocuments: true` (as a frontend's codegen would), generated
 * in memory: `sha256:<hex>` keys over the preset's own normalised print of each operation.
 */
async function generatePresetManifest(): Promise<string> {
  const outputs = (await generate(
    {
      cwd: fileURLToPath(root),
      silent: true,
      schema: './schema.graphql',
      documents: 'operations/*.graphql',
      generates: {
        'frontend/gql/': {
          preset: 'client',
          presetConfig: { persistedDocuments: true, fragmentMasking: false },
          config: { documentMode: 'string' },
        },
      },
    },
    false,
  )) as Array<{ filename: string; content: string }>;
  const manifest = outputs.find((o) => o.filename === 'frontend/gql/persisted-documents.json');
  assert.ok(manifest, 'the client preset wrote a persisted-documents.json');
  return manifest.content;
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function send(gateway: TestGateway, body: unknown) {
  const response = await gateway.post(body);
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

const byHash = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

describe('documentIdHash', () => {
  it('reads bare hex and sha256:<hex>, nothing else', () => {
    const hex = documentHash('{ __typename }');
    assert.equal(documentIdHash(hex), hex);
    assert.equal(documentIdHash(`sha256:${hex}`), hex);
    for (const id of [
      `md5:${hex}`,
      `sha256:${hex.toUpperCase()}`,
      hex.slice(0, 40),
      `${hex}0`,
      '',
    ]) {
      assert.equal(documentIdHash(id), undefined, id);
    }
  });
});

describe('a manifest written by the client preset (persistedDocuments: true)', () => {
  let written: Record<string, string>;
  before(async () => {
    const content = await generatePresetManifest();
    written = JSON.parse(content) as Record<string, string>;
    await mkdir(dir, { recursive: true });
    await writeFile(presetManifest, content);
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const fixture = useGateways({
    env: { OPERATION_SAFELIST: 'true', PERSISTED_QUERIES_MANIFEST: presetManifest },
  });

  /** The preset's document and id for one named operation. */
  const entry = (name: string) => {
    const found = Object.entries(written).find(([, text]) =>
      new RegExp(`\\b(query|mutation) ${name}\\b`).test(text),
    );
    assert.ok(found, name);
    return { id: found[0], text: found[1] };
  };

  it('has sha256: keys over its own print of every operation in operations/', async () => {
    // Ours lists each operation twice: printed, and as the typed client sends it.
    const ours = JSON.parse(await readFile(new URL('persisted-documents.json', root), 'utf8'));
    assert.equal(Object.keys(written).length, Object.keys(ours).length / 2);
    assert.equal(Object.keys(written).length, typedClientTexts(typedClient).length);
    assert.ok(Object.keys(written).every((key) => key.startsWith('sha256:')));
    // Not graphql-js's print (sorted, one line): so a client sends the preset's hash, not the text.
    assert.notEqual(entry('Quote').text, print(parse(String(operations.QuoteDocument))));
  });

  it('is accepted at start-up, keyed by the bare hex of each document', () => {
    const manifest = loadPersistedDocuments(presetManifest);
    assert.equal(manifest.size, Object.keys(written).length);
    for (const [id, text] of Object.entries(written)) {
      assert.equal(manifest.get(id.slice('sha256:'.length)), text, id);
    }
  });

  it('runs its operations under the safelist, by either id form or by their text', async () => {
    const { gateway } = fixture;
    const quote = entry('Quote');
    const variables = { symbol: 'AAPL' };
    const prefixed = await send(gateway, { extensions: byHash(quote.id), variables });
    assert.equal(prefixed.status, 200, JSON.stringify(prefixed.body));
    assert.equal(prefixed.body.errors, undefined);
    assert.equal((prefixed.body.data?.quote as { symbol?: string }).symbol, 'AAPL');
    for (const body of [
      { extensions: byHash(documentIdHash(quote.id) ?? '') }, // Apollo's bare hex
      { query: quote.text },
      { query: quote.text, extensions: byHash(quote.id) }, // what an APQ link sends on a miss
    ]) {
      const answer = await send(gateway, { ...body, variables });
      assert.equal(answer.body.errors, undefined, JSON.stringify(body));
      assert.deepEqual(answer.body.data, prefixed.body.data, JSON.stringify(body));
    }
    const rate = entry('ExchangeRate');
    const exchange = await send(gateway, {
      extensions: byHash(rate.id),
      variables: { base: 'EUR', target: 'USD' },
    });
    assert.equal(exchange.body.errors, undefined);
    assert.equal((exchange.body.data?.exchangeRate as { base?: string }).base, 'EUR');
  });

  it('refuses what it does not hold with 400 PERSISTED_QUERY_NOT_ALLOWED', async () => {
    const { gateway } = fixture;
    const hex = documentIdHash(entry('Quote').id) ?? '';
    for (const body of [
      { query: print(parse(String(operations.QuoteDocument))) }, // Sluice's own print: another text, another hash
      { extensions: byHash(`sha256:${documentHash('{ __typename }')}`) },
      { extensions: byHash(`md5:${hex}`) },
      { extensions: byHash(`sha256:${hex.toUpperCase()}`) },
    ]) {
      const answer = await send(gateway, { ...body, variables: { symbol: 'AAPL' } });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.deepEqual(
        answer.body.errors?.map((e) => e.extensions?.code),
        ['PERSISTED_QUERY_NOT_ALLOWED'],
      );
    }
  });

  describe('a manifest that does not hold up', () => {
    const startWith = async (manifest: Record<string, string>) => {
      const path = join(dir, `${randomUUID()}.json`);
      await writeFile(path, JSON.stringify(manifest, null, 2));
      const config = loadConfig({ OPERATION_SAFELIST: 'true', PERSISTED_QUERIES_MANIFEST: path });
      return () => createProtectionFromConfig(config, { logger: createSilentLogger() });
    };
    const refusal = (pattern: RegExp) => (error: unknown) =>
      error instanceof ConfigError && pattern.test(error.message);

    it('stops the start-up on a tampered key, naming it', async () => {
      const { id, text } = entry('Quote');
      const tampered = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
      const start = await startWith({ ...written, [id]: undefined, [tampered]: text } as never);
      assert.throws(
        start,
        refusal(
          new RegExp(
            `^PERSISTED_QUERIES_MANIFEST: key "${tampered}" is not the SHA-256 of its document$`,
          ),
        ),
      );
    });

    it('stops the start-up on an edited document under its old key', async () => {
      const { id, text } = entry('Quote');
      const start = await startWith({ ...written, [id]: text.replace('price', 'name') });
      assert.throws(start, refusal(new RegExp(`key "${id}" is not the SHA-256 of its document`)));
    });

    it('stops the start-up on a key of another algorithm or form, naming it', async () => {
      const { text } = entry('Quote');
      const hex = documentHash(text);
      for (const key of [
        `md5:${hex}`,
        `sha1:${hex.slice(0, 40)}`,
        hex.slice(0, 40),
        `SHA256:${hex}`,
      ]) {
        const start = await startWith({ [key]: text });
        assert.throws(
          start,
          refusal(
            new RegExp(`^PERSISTED_QUERIES_MANIFEST: key "${key}" is not a SHA-256 document id`),
          ),
          key,
        );
      }
    });
  });
});

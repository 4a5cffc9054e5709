import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildSchema, parse, print, validate } from 'graphql';
import { ConfigError, loadConfig } from '../src/config.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { createArmor } from '../src/protection/armor.js';
import {
  buildPersistedDocuments,
  readOperationFolders,
  serializeManifest,
  typedClientTexts,
} from '../src/protection/persisted-documents.js';
import * as typedClient from '../src/client/generated/graphql.js';
import { documentHash, loadPersistedDocuments } from '../src/protection/safelist.js';
import { typeDefs } from '../src/schema.js';
import * as operations from '../src/client/index.js';
import { sharedRedisEnv, useGateways, type TestGateway } from './support/gateway.js';

const root = new URL('../', import.meta.url);

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function send(
  gateway: TestGateway,
  body: unknown,
): Promise<{ status: number; body: GraphQLBody }> {
  const response = await gateway.post(body);
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

const codes = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);
const aliases = (n: number, field = 'quote(symbol: "AAPL") { price }') =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const weathers = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `w${i}: weather(location: "Paris") { location { name country latitude longitude timezone } current { time temperatureC humidity windSpeedKmh } daily { date minC maxC } }`).join(' ')} }`;
const directives = (n: number) =>
  `{ quote(symbol: "AAPL") { ${[
    'price',
    'symbol',
    'name',
    'currency',
    'change',
    'changePercent',
    'asOf',
  ]
    .slice(0, n)
    .map((field) => `${field} @include(if: true)`)
    .join(' ')} } }`;
const typedDocuments: Array<[string, string]> = Object.entries(operations).flatMap(
  ([name, value]): Array<[string, string]> =>
    name.endsWith('Document') && value instanceof String ? [[name, String(value)]] : [],
);

describe('query limits (graphql-armor and the parser)', () => {
  const fixture = useGateways({
    env: {
      MAX_QUERY_DEPTH: '4',
      MAX_ALIASES: '5',
      MAX_QUERY_COST: '100',
      MAX_QUERY_TOKENS: '400',
      MAX_DIRECTIVES: '5',
      BODY_LIMIT_BYTES: '20000',
    },
  });
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  before(() => ({ emulator, gateway } = fixture));

  const refusals: Array<[string, string, string]> = [
    [
      'depth',
      '{ answer(question: "Weather in Paris?") { trace { spans { attributes { key } } } } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'depth through fragments',
      '{ answer(question: "Weather in Paris?") { ...T } } fragment T on Answer { trace { spans { attributes { key } } } }',
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['aliases', aliases(6), 'GRAPHQL_VALIDATION_FAILED'],
    // armor's cost: 38 per such weather field (objects 2, scalars 1, ×1.5 per level).
    ['cost', weathers(3), 'GRAPHQL_VALIDATION_FAILED'],
    ['tokens', `{ ${'__typename '.repeat(400)} }`, 'GRAPHQL_PARSE_FAILED'],
    ['directives', directives(6), 'GRAPHQL_VALIDATION_FAILED'],
  ];
  for (const [name, query, code] of refusals) {
    it(`refuses a query over the ${name} limit with 400 ${code}, before any upstream call`, async () => {
      emulator.resetCalls();
      const { status, body } = await send(gateway, { query });
      assert.equal(status, 400, JSON.stringify(body));
      assert.ok(codes(body).includes(code), JSON.stringify(body));
      // A limit is not a syntax error (GraphQL Armor's own wording says it is).
      if (code === 'GRAPHQL_VALIDATION_FAILED') {
        for (const { message } of body.errors ?? []) assert.doesNotMatch(message, /Syntax Error/);
      }
      assert.equal(body.data, undefined);
      assert.equal(emulator.calls(), 0);
    });
  }

  it('accepts queries just under each limit', async () => {
    for (const query of [
      '{ answer(question: "Weather in Paris?") { trace { spans { name } } } }',
      aliases(5),
      weathers(2),
      directives(5),
    ]) {
      const { status, body } = await send(gateway, { query });
      assert.equal(status, 200, `${query}: ${JSON.stringify(body.errors)}`);
      assert.equal(body.errors, undefined);
    }
  });

  it('answers 413 with a code for a body over BODY_LIMIT_BYTES', async () => {
    const { status, body } = await send(gateway, {
      query: `{ __typename } # ${'x'.repeat(20_000)}`,
    });
    assert.equal(status, 413);
    assert.deepEqual(codes(body), ['BAD_REQUEST']);
  });

  it('refuses a subscription (the schema has none) as a coded 400, not an internal error', async () => {
    const { status, body } = await send(gateway, {
      query: 'subscription { quote(symbol: "AAPL") { price } }',
    });
    assert.equal(status, 400);
    assert.deepEqual(codes(body), ['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a body that is not valid UTF-8 with 400 BAD_REQUEST', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([
        Buffer.from('{"query":"{ quote(symbol: \\"A'),
        Buffer.from([0xff]),
        Buffer.from('\\") { price } }"}'),
      ]),
    });
    assert.equal(response.status, 400);
    assert.deepEqual(codes((await response.json()) as GraphQLBody), ['BAD_REQUEST']);
  });

  it("codes Apollo's own uncoded 4xx refusals as BAD_REQUEST", async () => {
    const { status, body } = await send(gateway, {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } },
    });
    assert.equal(status, 400);
    assert.deepEqual(codes(body), ['BAD_REQUEST']);
  });

  it('refuses batched arrays with a coded 400 (batching stays off)', async () => {
    const { status, body } = await send(gateway, [
      { query: '{ __typename }' },
      { query: '{ __typename }' },
    ]);
    assert.equal(status, 400);
    assert.deepEqual(codes(body), ['BAD_REQUEST']);
  });
});

describe('default limits admit every operation our clients and tests send', () => {
  it('validates each manifest document under the default armor rules and token limit', () => {
    const config = loadConfig({});
    const armor = createArmor({
      maxDepth: config.MAX_QUERY_DEPTH,
      maxAliases: config.MAX_ALIASES,
      maxCost: config.MAX_QUERY_COST,
      maxTokens: config.MAX_QUERY_TOKENS,
      maxDirectives: config.MAX_DIRECTIVES,
    });
    const schema = buildSchema(typeDefs);
    const manifest = loadPersistedDocuments(new URL('persisted-documents.json', root).pathname);
    assert.ok(manifest.size >= typedDocuments.length);
    for (const document of manifest.values()) {
      const errors = validate(schema, parse(document, armor.parseOptions), armor.validationRules);
      assert.deepEqual(
        errors.map((e) => e.message),
        [],
        document.slice(0, 60),
      );
    }
  });
});

describe('bounded arguments answer BAD_USER_INPUT before any upstream call', () => {
  const fixture = useGateways();
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  before(() => ({ emulator, gateway } = fixture));

  const long = (n: number) => JSON.stringify('w'.repeat(n));
  const cases: Array<[string, string, Record<string, unknown>?]> = [
    ['weather days 0', '{ weather(location: "Paris", days: 0) { provider } }'],
    ['weather days 17', '{ weather(location: "Paris", days: 17) { provider } }'],
    ['weather empty location', '{ weather(location: "  ") { provider } }'],
    ['weather location 201 chars', `{ weather(location: ${long(201)}) { provider } }`],
    ['news limit 0', '{ news(query: "rust", limit: 0) { title } }'],
    ['news limit 51', '{ news(query: "rust", limit: 51) { title } }'],
    ['news query 201 chars', `{ news(query: ${long(201)}) { title } }`],
    [
      'quotes 101 symbols',
      'query Q($s: [String!]!) { quotes(symbols: $s) { price } }',
      { s: Array.from({ length: 101 }, (_, i) => `S${i}`) },
    ],
    ['quote symbol 1,000 chars', `{ quote(symbol: ${long(1000)}) { price } }`],
    ['quote malformed symbol', '{ quote(symbol: "AA PL; DROP") { price } }'],
    ['exchangeRate bad currency', '{ exchangeRate(base: "EURO", target: "USD") { rate } }'],
    ['search k 0', '{ search(query: "cache", k: 0) { id } }'],
    ['search k 51', '{ search(query: "cache", k: 51) { id } }'],
    ['search query 2,001 chars', `{ search(query: ${long(2001)}) { id } }`],
    ['answer question 501 chars', `{ answer(question: ${long(501)}) { text } }`],
    [
      'answer maxSources 0',
      '{ answer(question: "Weather in Paris?", options: { maxSources: 0 }) { text } }',
    ],
    [
      'answer maxSources 99',
      '{ answer(question: "Weather in Paris?", options: { maxSources: 99 }) { text } }',
    ],
    [
      'answer unknown model',
      '{ answer(question: "Weather in Paris?", options: { model: "gpt-9-ultra" }) { text } }',
    ],
    [
      'answer unknown source',
      '{ answer(question: "Weather in Paris?", options: { sources: ["casino"] }) { text } }',
    ],
    [
      'verify 51 context passages',
      'query V($c: [String!]!) { verify(input: { question: "q?", answer: "a", context: $c }) { grounded } }',
      { c: Array.from({ length: 51 }, () => 'passage') },
    ],
    ['semanticMatch 501 chars', `{ semanticMatch(a: ${long(501)}, b: "x") { hit } }`],
    [
      'ingestDocuments 101 documents',
      'mutation I($d: [DocumentInput!]!) { ingestDocuments(documents: $d) { chunks } }',
      { d: Array.from({ length: 101 }, (_, i) => ({ id: `d${i}`, text: 'text' })) },
    ],
    [
      'ingestDocuments empty id',
      'mutation { ingestDocuments(documents: [{ id: " ", text: "text" }]) { chunks } }',
    ],
  ];
  for (const [name, query, variables] of cases) {
    it(name, async () => {
      emulator.resetCalls();
      const { body } = await send(gateway, { query, variables });
      assert.deepEqual(codes(body), ['BAD_USER_INPUT'], JSON.stringify(body.errors));
      assert.equal(emulator.calls(), 0, 'no provider (nor the LLM) was called');
    });
  }
});

describe('automatic persisted queries on the cache stack', () => {
  const fixture = useGateways({ count: 2, env: sharedRedisEnv() });

  it('serves a hash registered on one replica from another (Redis holds the documents)', async () => {
    const [first, second] = fixture.gateways as [TestGateway, TestGateway];
    const query = `{ exchangeRate(base: "EUR", target: "USD") { rate } } # ${randomUUID()}`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: documentHash(query) } };
    const miss = await send(second, { extensions });
    assert.deepEqual(codes(miss.body), ['PERSISTED_QUERY_NOT_FOUND']);
    const registered = await send(first, { query, extensions });
    assert.equal(registered.body.errors, undefined);
    await new Promise((resolve) => setTimeout(resolve, 50)); // Apollo stores without awaiting
    const hit = await send(second, { extensions });
    assert.deepEqual(hit.body.data, registered.body.data);
  });
});

describe('operation safelist (OPERATION_SAFELIST=true)', () => {
  const fixture = useGateways({ env: { OPERATION_SAFELIST: 'true' } });
  let emulator: ProviderEmulator;
  let gateway: TestGateway;
  before(() => ({ emulator, gateway } = fixture));

  const quote = String(operations.QuoteDocument);
  const hashOnly = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

  it('runs a manifest document sent in full, or by its hash alone (POST and GET)', async () => {
    const full = await send(gateway, { query: quote, variables: { symbol: 'AAPL' } });
    assert.equal(full.body.errors, undefined);
    const byHash = await send(gateway, {
      extensions: hashOnly(documentHash(quote)),
      variables: { symbol: 'AAPL' },
    });
    assert.deepEqual(byHash.body.data, full.body.data);
    const params = new URLSearchParams({
      extensions: JSON.stringify(hashOnly(documentHash(quote))),
      variables: JSON.stringify({ symbol: 'AAPL' }),
    });
    const get = await fetch(`${gateway.url}?${params}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    assert.deepEqual(((await get.json()) as GraphQLBody).data, full.body.data);
  });

  it('refuses anything else with 400 PERSISTED_QUERY_NOT_ALLOWED, before any upstream call', async () => {
    const other = '{ quote(symbol: "AAPL") { price } }';
    emulator.resetCalls();
    for (const body of [
      { query: other },
      { query: `${quote} ` }, // not the exact text
      { extensions: hashOnly(documentHash(other)) },
      { query: other, extensions: hashOnly(documentHash(other)) }, // APQ registration
    ]) {
      const { status, body: answer } = await send(gateway, {
        ...body,
        variables: { symbol: 'AAPL' },
      });
      assert.equal(status, 400, JSON.stringify(body));
      assert.deepEqual(codes(answer), ['PERSISTED_QUERY_NOT_ALLOWED']);
    }
    assert.equal(emulator.calls(), 0);
  });
});

describe('the persisted-documents manifest', () => {
  it('is up to date with operations/ (npm run codegen)', async () => {
    const built = buildPersistedDocuments(
      await readOperationFolders(root),
      typedClientTexts(typedClient),
    );
    const committed = await readFile(new URL('persisted-documents.json', root), 'utf8');
    assert.equal(serializeManifest(built), committed);
  });

  it('holds the exact text every typed document prints to, so clients may send the hash alone', () => {
    const manifest = loadPersistedDocuments(new URL('persisted-documents.json', root).pathname);
    for (const [name, document] of typedDocuments) {
      assert.ok(manifest.has(documentHash(print(parse(document)))), name);
    }
  });

  it("holds the typed client's documents as it sends them, so the console passes the safelist", () => {
    const manifest = loadPersistedDocuments(new URL('persisted-documents.json', root).pathname);
    const texts = typedClientTexts(typedClient);
    assert.ok(texts.length >= 15);
    for (const text of texts) assert.ok(manifest.has(documentHash(text)), text.slice(0, 40));
  });

  it('refuses a manifest whose hash does not match its document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-manifest-'));
    try {
      await writeFile(join(dir, 'm.json'), JSON.stringify({ ['0'.repeat(64)]: '{ __typename }' }));
      assert.throws(() => loadPersistedDocuments(join(dir, 'm.json')), ConfigError);
      assert.throws(() => loadPersistedDocuments(join(dir, 'missing.json')), ConfigError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

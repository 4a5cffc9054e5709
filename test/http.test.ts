import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { auditServer } from 'graphql-http';
import { useGateways, type TestGateway } from './support/gateway.js';

describe('real HTTP on port 0', () => {
  const fixture = useGateways();
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('passes the graphql-http GraphQL-over-HTTP audit with no errors', async () => {
    const results = await auditServer({ url: gateway.url });
    const failures = results.filter((r) => r.status === 'error').map((r) => `${r.id} ${r.name}`);
    assert.deepEqual(failures, []);
    // Keep the count honest: the audit really ran.
    assert.ok(results.length > 20, `only ${results.length} audits ran`);
  });

  it('serves a query over POST with partial data and coded errors', async () => {
    const response = await gateway.post({
      query: '{ a: quote(symbol: "AAPL") { symbol } b: quote(symbol: "ZZZZNOTREAL") { symbol } }',
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      data: Record<string, unknown>;
      errors: Array<{ path: string[]; extensions: { code: string } }>;
    };
    assert.deepEqual(body.data.a, { symbol: 'AAPL' });
    assert.equal(body.data.b, null);
    assert.deepEqual(
      body.errors.map((e) => [e.path[0], e.extensions.code]),
      [['b', 'NOT_FOUND']],
    );
  });

  it('fails one slot of `quotes` alone: null there, the error at its own path', async () => {
    const response = await gateway.post({
      query: '{ quotes(symbols: ["AAPL", "ZZZZNOTREAL", "MSFT"]) { symbol } }',
    });
    const body = (await response.json()) as {
      data: { quotes: Array<{ symbol: string } | null> };
      errors: Array<{ path: Array<string | number>; extensions: { code: string } }>;
    };
    assert.deepEqual(body.data.quotes, [{ symbol: 'AAPL' }, null, { symbol: 'MSFT' }]);
    assert.deepEqual(
      body.errors.map((e) => [e.path, e.extensions.code]),
      [[['quotes', 1], 'NOT_FOUND']],
    );
  });

  it('rejects malformed JSON and syntax errors with 400 and a code', async () => {
    const broken = await gateway.post('{"query": "{ quote(symbol: ');
    assert.equal(broken.status, 400);
    const brokenBody = (await broken.json()) as { errors: Array<{ extensions: { code: string } }> };
    assert.equal(brokenBody.errors[0]?.extensions.code, 'BAD_REQUEST');
    const huge = await gateway.post({ query: `{ __typename }#${'x'.repeat(1_100_000)}` });
    assert.equal(huge.status, 413);
    const syntax = await gateway.post({ query: '{ quote(symbol: "AAPL") { symbol ' });
    assert.equal(syntax.status, 400);
    const body = (await syntax.json()) as { errors: Array<{ extensions: { code: string } }> };
    assert.equal(body.errors[0]?.extensions.code, 'GRAPHQL_PARSE_FAILED');
  });

  it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`);
    assert.equal(response.status, 400);
    const allowed = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    assert.equal(allowed.status, 200);
  });

  it('serves Apollo Sandbox as the landing page in development, and introspection', async () => {
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /new window\.EmbeddedSandbox\(/);
    const introspection = await gateway.post({ query: '{ __schema { queryType { name } } }' });
    assert.equal(((await introspection.json()) as { data: unknown }).data !== null, true);
  });

  it('answers /healthz and /readyz', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200);
  });
});

describe('NODE_ENV=production', () => {
  const fixture = useGateways({ env: { NODE_ENV: 'production' } });
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('turns introspection off', async () => {
    const response = await gateway.post({ query: '{ __schema { queryType { name } } }' });
    const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
    assert.equal(body.errors?.[0]?.extensions.code, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('shows the production landing page, not Sandbox', async () => {
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    assert.doesNotMatch(html, /new window\.EmbeddedSandbox\(/);
    assert.match(html, /Welcome to Apollo Server/);
  });
});

import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { before, describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { prefersHtml } from '../src/http/accepts.js';
import { createClientIp } from '../src/protection/client-ip.js';
import { useGateways, type TestGateway } from './support/gateway.js';

/**
 * `/graphql` is served on node:http directly (src/http/graphql.ts) and every other path by
 * express: the routing between them, and the body reader that replaced express.json.
 */

interface Sent {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Sends one request as raw chunks (none: no body), so the test controls framing and encoding. */
function send(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string> },
  chunks: Buffer[] = [],
): Promise<Sent> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname, port, method: options.method ?? 'POST', path: options.path ?? '/graphql' },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    for (const [name, value] of Object.entries(options.headers ?? {})) req.setHeader(name, value);
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const TYPENAME = Buffer.from(JSON.stringify({ query: '{ __typename }' }));
const code = (sent: Sent) =>
  (JSON.parse(sent.body) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]
    ?.extensions?.code;

describe('the /graphql path on node:http', () => {
  const fixture = useGateways({
    env: { BODY_LIMIT_BYTES: '10000', RATE_LIMIT_PER_MINUTE: '100000' },
  });
  let gateway: TestGateway;
  before(() => ({ gateway } = fixture));

  it('serves /graphql with a query string, and leaves /graphqlx and other paths to express', async () => {
    const get = await send(gateway.url, {
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    assert.equal(get.status, 200);
    assert.deepEqual(JSON.parse(get.body), { data: { __typename: 'Query' } });
    for (const path of ['/graphqlx', '/graphql-x?query=x', '/graphqlx?query=x']) {
      const other = await send(gateway.url, { path, headers: JSON_TYPE }, [TYPENAME]);
      assert.equal(other.status, 404, path);
      assert.match(other.body, /Cannot POST/, `${path} is express's 404`);
      assert.match(String(other.headers['x-trace-id']), /^[0-9a-f]{32}$/);
    }
    const health = await send(gateway.url, { method: 'GET', path: '/healthz' });
    assert.equal(health.status, 200);
    assert.deepEqual(JSON.parse(health.body), { status: 'ok' });
  });

  it('gives every response its own trace id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const sent = await send(gateway.url, { headers: JSON_TYPE }, [TYPENAME]);
      ids.add(String(sent.headers['x-trace-id']));
    }
    assert.equal(ids.size, 300);
    for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
  });

  it('answers a preflight itself, before auth and the body', async () => {
    const sent = await send(gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://any.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    assert.equal(sent.status, 204);
    assert.equal(sent.headers['access-control-allow-origin'], '*');
    assert.equal(sent.headers['access-control-allow-headers'], 'content-type,authorization');
    assert.equal(sent.headers['access-control-max-age'], '600');
    assert.equal(sent.headers['content-length'], '0');
  });

  it('holds a chunked body without a length to BODY_LIMIT_BYTES, and reads off the rest', async () => {
    const chunk = Buffer.from(' '.repeat(4000));
    const over = await send(
      gateway.url,
      { headers: { ...JSON_TYPE, 'transfer-encoding': 'chunked' } },
      [TYPENAME, chunk, chunk, chunk],
    );
    assert.equal(over.status, 413);
    assert.equal(code(over), 'BAD_REQUEST');
    const under = await send(
      gateway.url,
      { headers: { ...JSON_TYPE, 'transfer-encoding': 'chunked' } },
      [TYPENAME, chunk],
    );
    assert.equal(under.status, 200);
  });

  it('inflates gzip and br bodies, holding the inflated size to the limit', async () => {
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['br', brotliCompressSync],
    ] as const) {
      const headers = { ...JSON_TYPE, 'content-encoding': encoding };
      const ok = await send(gateway.url, { headers }, [compress(TYPENAME)]);
      assert.equal(ok.status, 200, encoding);
      assert.deepEqual(JSON.parse(ok.body), { data: { __typename: 'Query' } });
      // A few hundred bytes on the wire, 50 kB inflated.
      const bomb = compress(
        Buffer.from(JSON.stringify({ query: `{ __typename } #${'x'.repeat(50_000)}` })),
      );
      assert.ok(bomb.length < 10_000);
      assert.equal((await send(gateway.url, { headers }, [bomb])).status, 413, encoding);
      const broken = await send(gateway.url, { headers }, [TYPENAME]);
      assert.equal(broken.status, 400, `${encoding}: not compressed`);
    }
    const unknown = await send(
      gateway.url,
      { headers: { ...JSON_TYPE, 'content-encoding': 'compress' } },
      [TYPENAME],
    );
    assert.equal(unknown.status, 415);
  });

  it('reads JSON in the UTF charsets: others 415, malformed parameters as UTF-8, a BOM dropped', async () => {
    const latin1 = 'application/json; charset=latin1';
    const refused = await send(gateway.url, { headers: { 'content-type': latin1 } }, [TYPENAME]);
    assert.equal(refused.status, 415);
    assert.equal(code(refused), 'BAD_REQUEST');
    const utf16 = await send(
      gateway.url,
      { headers: { 'content-type': 'application/json; charset=utf-16le' } },
      [Buffer.from(TYPENAME.toString('utf8'), 'utf16le')],
    );
    assert.equal(utf16.status, 200);
    // A parameter list that does not parse is read as UTF-8, never a 500.
    for (const type of ['application/json; charset', 'application/json;']) {
      const sent = await send(gateway.url, { headers: { 'content-type': type } }, [TYPENAME]);
      assert.equal(sent.status, 200, type);
    }
    const quoted = await send(
      gateway.url,
      { headers: { 'content-type': 'Application/JSON; charset="UTF-8"' } },
      [TYPENAME],
    );
    assert.equal(quoted.status, 200);
    const bom = await send(gateway.url, { headers: JSON_TYPE }, [
      Buffer.from([0xef, 0xbb, 0xbf]),
      TYPENAME,
    ]);
    assert.equal(bom.status, 200);
    const scalar = await send(gateway.url, { headers: JSON_TYPE }, [Buffer.from(' "x"')]);
    assert.equal(scalar.status, 400);
  });
});

describe('client address under TRUST_PROXY', () => {
  const request = (socket: string, forwarded?: string) =>
    ({
      socket: { remoteAddress: socket },
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    }) as unknown as IncomingMessage;

  it('believes X-Forwarded-For only through trusted hops', () => {
    const chain = '203.0.113.9, 10.1.2.3';
    assert.equal(createClientIp(false)(request('127.0.0.1', chain)), '127.0.0.1');
    assert.equal(createClientIp(true)(request('127.0.0.1', chain)), '203.0.113.9');
    assert.equal(createClientIp(1)(request('127.0.0.1', chain)), '10.1.2.3');
    assert.equal(createClientIp(5)(request('127.0.0.1', chain)), '203.0.113.9');
    const loopback = createClientIp(['loopback']);
    assert.equal(loopback(request('::ffff:127.0.0.1', chain)), '10.1.2.3');
    assert.equal(loopback(request('198.51.100.1', chain)), '198.51.100.1');
    assert.equal(loopback(request('127.0.0.1')), '127.0.0.1');
    const both = createClientIp(['loopback', '10.0.0.0/8']);
    assert.equal(both(request('127.0.0.1', chain)), '203.0.113.9');
    assert.equal(both(request('127.0.0.1', 'not-an-ip, 10.1.2.3')), 'not-an-ip');
    const netmask = createClientIp(['loopback', '10.0.0.0/255.0.0.0']);
    assert.equal(netmask(request('127.0.0.1', chain)), '203.0.113.9');
  });

  it('refuses an entry that is no address, subnet or preset', () => {
    assert.throws(() => createClientIp(['10.0.0.0/40']), { name: 'ConfigError' });
    assert.throws(() => createClientIp(['proxy.example']), { name: 'ConfigError' });
  });
});

describe('Accept negotiation for the landing page', () => {
  it('prefers HTML only when the header ranks it above JSON', () => {
    assert.equal(prefersHtml(undefined), false);
    assert.equal(prefersHtml('*/*'), false);
    assert.equal(prefersHtml('text/html'), true);
    assert.equal(prefersHtml('text/html,application/xhtml+xml,*/*;q=0.8'), true);
    assert.equal(prefersHtml('application/json, text/html'), false);
    assert.equal(prefersHtml('application/json;q=0.5, text/html'), true);
    assert.equal(prefersHtml('text/html;q=0'), false);
  });
});

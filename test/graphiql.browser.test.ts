import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { hashApiKey } from '../src/protection/api-keys.js';
import { createGraphiqlRouter, GRAPHIQL_CSP } from '../src/web/graphiql.js';
import {
  buildPageIfStale,
  launchChromium,
  openWatchedPage,
  type WatchedPage,
} from './support/browser.js';
import { useGateways, type TestGateway } from './support/gateway.js';

const WEATHER = '{ weather(location: "Paris") { location { name } provider } }';
const KEY = 'graphiql-key-0123456789';

let browser: Browser;
before(async () => {
  await buildPageIfStale('graphiql');
  browser = await launchChromium();
});
after(() => browser?.close());

interface GraphiqlPage extends WatchedPage {
  /** The scripts of the workers the page started. */
  workers: string[];
}

/**
 * Opens `/graphiql<search>` in a fresh watched context (offsite requests aborted and recorded,
 * console and page errors recorded) and waits for the operation editor.
 */
async function openGraphiql(gateway: TestGateway, search = ''): Promise<GraphiqlPage> {
  const watched = await openWatchedPage(browser);
  const workers: string[] = [];
  watched.page.on('worker', (worker) => workers.push(worker.url()));
  await watched.page.goto(`${new URL(gateway.url).origin}/graphiql${search}`);
  // The operation editor is a monaco instance: it exists once the bundle ran and monaco loaded.
  await watched.page.locator('.graphiql-query-editor .monaco-editor').waitFor();
  return { ...watched, workers };
}

/** Clicks the run button and waits for `text` in the response editor. */
async function runAndWaitFor(page: Page, text: string): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  const response = page.locator('.result-window');
  await response.getByText(text).first().waitFor();
  return (await response.textContent()) ?? '';
}

describe('GraphiQL at /graphiql (development)', () => {
  const fixture = useGateways();

  it('serves index.html revalidated and assets immutable, both under the CSP', async () => {
    const origin = new URL(fixture.gateway.url).origin;
    const page = await fetch(`${origin}/graphiql`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.equal(page.headers.get('content-security-policy'), GRAPHIQL_CSP);
    const html = await page.text();
    const script = /src="(\/graphiql\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'index.html loads a hashed script under /graphiql/assets/');
    const asset = await fetch(`${origin}${script}`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    // A worker's policy is its own script's header: assets carry the CSP too.
    assert.equal(asset.headers.get('content-security-policy'), GRAPHIQL_CSP);
    await asset.arrayBuffer();
  });

  it('loads with no network beyond the gateway, introspects, and runs a query', async () => {
    const { page, offsite, problems, workers, close } = await openGraphiql(
      fixture.gateway,
      `?query=${encodeURIComponent(WEATHER)}`,
    );
    try {
      // Introspection filled the schema: the docs explorer lists Query.weather.
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.getByText('Query', { exact: true }).first().click();
      await docs.getByText('weather', { exact: true }).first().waitFor();

      const result = await runAndWaitFor(page, '"open-meteo"');
      assert.match(result, /"name":\s*"Paris"/);

      assert.deepEqual(offsite, [], 'every request stays on this machine');
      assert.deepEqual(problems, [], 'no console errors or page errors');
      // monaco's workers are bundled files on this origin (not blob: URLs, not a CDN).
      const origin = new URL(fixture.gateway.url).origin;
      assert.ok(workers.length > 0, 'monaco started its workers');
      for (const worker of workers) assert.ok(worker.startsWith(`${origin}/graphiql/assets/`));
    } finally {
      await close();
    }
  });

  it('opens on the default query that shows the gateway, when no query is given', async () => {
    const { page, problems, close } = await openGraphiql(fixture.gateway);
    try {
      await page.locator('.graphiql-query-editor').getByText('query Overview').waitFor();
      // monaco renders only the lines in view: the whole result is read from the response itself.
      const response = page.waitForResponse(
        (r) => r.url().endsWith('/graphql') && /Overview/.test(r.request().postData() ?? ''),
      );
      await runAndWaitFor(page, '"weather"');
      const body = (await (await response).json()) as {
        data?: { weather?: unknown; quotes?: unknown[]; answer?: { status: string; gates: [] } };
      };
      assert.ok(body.data?.weather);
      assert.equal(body.data?.quotes?.length, 3);
      assert.match(body.data?.answer?.status ?? '', /^(ANSWERED|DEGRADED)$/);
      assert.ok((body.data?.answer?.gates.length ?? 0) > 0, 'the answer lists its gates');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});

describe('GraphiQL with API keys', () => {
  const fixture = useGateways({ env: { API_KEYS: `reader:${hashApiKey(KEY)}` } });

  it('serves the page without a key; the key typed in Headers loads the schema and runs', async () => {
    const { page, problems, close } = await openGraphiql(
      fixture.gateway,
      `?query=${encodeURIComponent(WEATHER)}`,
    );
    try {
      await runAndWaitFor(page, 'UNAUTHENTICATED');

      await page.locator('.graphiql-editor-tools').getByText('Headers', { exact: true }).click();
      await page.locator('.graphiql-editor-tool .monaco-editor').last().click();
      await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${KEY}` }));
      // The schema is fetched again with the key: the docs explorer lists Query.weather.
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.getByText('Query', { exact: true }).first().click();
      await docs.getByText('weather', { exact: true }).first().waitFor();

      await runAndWaitFor(page, '"open-meteo"');
      // Only the requests sent before the key was typed failed (the browser logs each 401).
      assert.ok(problems.length > 0);
      for (const problem of problems)
        assert.match(problem, /^console: .*status of 401 \(Unauthorized\)/);
    } finally {
      await close();
    }
  });
});

describe('GraphiQL in production', () => {
  const fixture = useGateways({ env: { NODE_ENV: 'production' } });

  it('is a 404 like any unknown path: nothing tells it exists', async () => {
    const origin = new URL(fixture.gateway.url).origin;
    const unknown = await fetch(`${origin}/no-such-page`);
    const unknownBody = (await unknown.text()).replace('/no-such-page', '<path>');
    for (const path of ['/graphiql', '/graphiql/', '/graphiql/index.html']) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 404, path);
      const csp = response.headers.get('content-security-policy');
      assert.equal(csp, unknown.headers.get('content-security-policy'), path);
      assert.equal((await response.text()).replace(path, '<path>'), unknownBody, path);
    }
  });
});

describe('GraphiQL not built', () => {
  it('answers 503 with the command to run, and keeps serving', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'sluice-graphiql-'));
    const app = express().use('/graphiql', createGraphiqlRouter({ nodeEnv: 'test', dir: empty }));
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`http://127.0.0.1:${port}/graphiql`);
        assert.equal(response.status, 503);
        assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
        assert.match(await response.text(), /run `npm run build:web`/);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(empty, { recursive: true, force: true });
    }
  });
});

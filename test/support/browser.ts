import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { webBuildDir, type WebPage } from '../../src/web/static-page.js';

const root = new URL('../../', import.meta.url);

/** Newest modification time of the files under `path` (or of `path` itself), in ms. */
async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const times = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => (await stat(join(entry.parentPath, entry.name))).mtimeMs),
  );
  return Math.max(0, ...times);
}

/** What each page is built from: its sources, and what it bundles that may change under it. */
const PAGE_INPUTS: Record<WebPage, readonly string[]> = {
  console: ['web/console', 'src/client'],
  graphiql: ['web/graphiql', 'node_modules/graphiql/package.json'],
};

/**
 * Builds a page (vite's `build()`, silent) when its build is missing or older than its inputs, so
 * the tests never run against a stale page.
 */
export async function buildPageIfStale(page: WebPage): Promise<void> {
  const built = await stat(join(webBuildDir(page), 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const inputs = PAGE_INPUTS[page].map((path) => fileURLToPath(new URL(path, root)));
  const newest = Math.max(...(await Promise.all(inputs.map(newestMtime))));
  if (built > newest) return;
  await build({
    configFile: fileURLToPath(new URL(`web/${page}/vite.config.ts`, root)),
    logLevel: 'silent',
  });
}

/** Debian's headless Chromium, as `.ci/run` installs it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page whose every problem is recorded: the test asserts the lists are empty. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught page errors and failed requests. */
  problems: string[];
  /** Requests for anything but this machine (each one aborted, so none leaves it). */
  offsite: string[];
  close(): Promise<void>;
}

/**
 * Opens a page in a fresh context (its own storage) that records console errors, page errors,
 * failed requests and any request that is not for localhost, which it also aborts.
 */
export async function openWatchedPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const offsite: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost'].includes(url.hostname)) return route.continue();
    offsite.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return { page, context, problems, offsite, close: () => context.close() };
}

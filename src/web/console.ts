import type { Router } from 'express';
import { createStaticPage, webBuildDir } from './static-page.js';

/**
 * The console's policy: everything from this origin, nothing inline and nothing from a CDN, so a
 * script or font slipping in from elsewhere fails loudly in the browser instead of loading.
 * `style-src 'self'` still lets the page set sizes through the CSSOM (`element.style`), which CSP
 * does not govern; inline `style=` attributes in markup would be refused.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the console is served from; tests point it at a folder without a build. */
export interface ConsoleOptions {
  /** The built console (`vite build` output); defaults to `<repo>/dist/web/console`. */
  dir?: string;
}

/**
 * The web console at `/` (see `createStaticPage`). Needs no API key: the page holds no data; its
 * calls to `/graphql` are authenticated like any other. Its policy is only on its own responses:
 * `/graphql` keeps its landing page's.
 */
export function createConsoleRouter(options: ConsoleOptions = {}): Router {
  return createStaticPage({
    dir: options.dir ?? webBuildDir('console'),
    csp: CONSOLE_CSP,
    name: 'The web console',
  });
}

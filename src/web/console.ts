import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import express, { type Router } from 'express';
import { findProjectRoot } from '../paths.js';

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

/** Where `npm run build:console` writes the console, from `src/` (tsx) and `dist/src/` alike. */
export function defaultConsoleDir(): string {
  return fileURLToPath(new URL('dist/web/console/', findProjectRoot()));
}

/** Only on the console's own responses: `/graphql` keeps its landing page's policy. */
function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * The web console at `/`: `index.html` revalidated on every load (`no-cache`) so a deploy shows at
 * once, hashed files under `assets/` cached for a year as immutable (their names change with their
 * content). The build is looked up per request, so building after start works, and a missing
 * build answers 503 with the command to run instead of failing the server. Needs no API key: the
 * page holds no data; its calls to `/graphql` are authenticated like any other.
 */
export function createConsoleRouter(options: ConsoleOptions = {}): Router {
  const dir = options.dir ?? defaultConsoleDir();
  const index = `${dir.replace(/\/$/, '')}/index.html`;
  const router = express.Router();

  router.get(['/', '/index.html'], function consoleIndex(_req, res) {
    setSecurityHeaders(res);
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .set('Cache-Control', 'no-store')
        .send('The web console is not built: run `npm run build:web`, then reload.\n');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders(res, path) {
        setSecurityHeaders(res);
        if (/[/\\]assets[/\\]/.test(path)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        } else {
          res.setHeader('Cache-Control', 'no-cache');
        }
      },
    }),
  );
  return router;
}

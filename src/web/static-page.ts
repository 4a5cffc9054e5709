import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { findProjectRoot } from '../paths.js';

/** The pages Vite builds (`npm run build:web`), each in its own folder. */
export type WebPage = 'console' | 'graphiql';

/** Where `npm run build:<page>` writes a page: `<repo>/dist/web/<page>`, from `src/` and `dist/src/` alike. */
export function webBuildDir(page: WebPage): string {
  return fileURLToPath(new URL(`dist/web/${page}/`, findProjectRoot()));
}

export interface StaticPageOptions {
  /** The built page (Vite's output: `index.html` and hashed files under `assets/`). */
  dir: string;
  /** Its Content-Security-Policy, sent on every response of the page (a worker's is its own). */
  csp: string;
  /** What the 503 says is not built (`The web console`, `GraphiQL`). */
  name: string;
}

/**
 * A page Vite built, served from `dir`: `index.html` revalidated on every load (`no-cache`) so a
 * deploy shows at once, hashed files under `assets/` cached for a year as immutable (their names
 * change with their content), every response with the page's CSP, `nosniff` and no referrer. The
 * build is looked up per request, so building after start works, and a missing build answers 503
 * with the command to run instead of failing the server.
 */
export function createStaticPage({ dir, csp, name }: StaticPageOptions): Router {
  const index = join(dir, 'index.html');
  const assets = join(dir, 'assets') + sep;
  const secure = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
  };
  const router = express.Router();
  router.get(['/', '/index.html'], function staticPageIndex(_req, res) {
    secure(res);
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .set('Cache-Control', 'no-store')
        .send(`${name} is not built: run \`npm run build:web\`, then reload.\n`);
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders(res, path) {
        secure(res);
        const hashed = path.startsWith(assets);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  return router;
}

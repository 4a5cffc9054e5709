import express, { type Router } from 'express';
import { createStaticPage, webBuildDir } from './static-page.js';

/**
 * GraphiQL's policy: everything from this origin, so the page provably loads nothing from the
 * network but the gateway. Beyond `'self'` it allows only what the page was seen to need (each
 * removal below makes Chromium refuse resources and log errors):
 * - `style-src 'unsafe-inline'`: monaco writes its theme, decorations and metrics into `<style>`
 *   elements and `style` attributes at run time, and monaco 0.52 has no nonce hook (dozens of refusals);
 * - `font-src data:`: graphiql's stylesheet embeds its fonts as `data:` URLs (8 refusals);
 * - `worker-src 'self'`: the editor, JSON and GraphQL workers are bundled files on this origin.
 * Scripts stay `'self'` only: no inline script, no `eval`, no `blob:` workers.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface GraphiqlOptions {
  /** `production` serves nothing: `/graphiql` is a 404 like any unknown path. */
  nodeEnv: 'development' | 'production' | 'test';
  /** The built page (`npm run build:graphiql`); defaults to `<repo>/dist/web/graphiql`. */
  dir?: string;
}

/**
 * GraphiQL 5 at `/graphiql` (mount it there), bundled from npm so it works with no network, in
 * development and test only: production keeps introspection off, so the router is empty there and
 * `/graphiql` is a 404 like any unknown path. Served as `createStaticPage` serves a page. Needs no
 * API key: the page holds no data, and its calls to `/graphql` carry the key typed in its Headers
 * editor.
 */
export function createGraphiqlRouter(options: GraphiqlOptions): Router {
  if (options.nodeEnv === 'production') return express.Router();
  return createStaticPage({
    dir: options.dir ?? webBuildDir('graphiql'),
    csp: GRAPHIQL_CSP,
    name: 'GraphiQL',
  });
}

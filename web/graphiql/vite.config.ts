import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * GraphiQL at `/graphiql/`, bundled whole (React, GraphiQL, monaco and its workers) into
 * dist/web/graphiql so the page loads nothing but the gateway's own origin.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphiql/',
  // The build is one artefact of the repository, not of this folder: no `.env` or `public/` here.
  envDir: false,
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/graphiql', import.meta.url)),
    emptyOutDir: true,
    // Fonts and images as files, never `data:` URLs, so the CSP needs no `data:` for them.
    assetsInlineLimit: 0,
    // monaco is large by nature; the page is a development tool, loaded once and cached.
    chunkSizeWarningLimit: 8192,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React's `"use client"` / `"use no memo"` directives mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});

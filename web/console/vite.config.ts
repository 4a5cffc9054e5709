import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The web console: built to `dist/web/console` (served at `/` by src/web/console.ts) with hashed
 * file names under `assets/`, so the server can cache them as immutable. The typed client is
 * imported from `src/client` outside this root, hence `server.fs.allow`.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: `${repo}dist/web/console`,
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // Only modern browsers load the console; the preload polyfill would be dead weight.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rolldownOptions: {
      // The generated module constructs every operation's document at the top level; marked pure,
      // the ones the console does not import (admin, news, search…) are left out of the bundle.
      treeshake: { manualPureFunctions: ['TypedDocumentString'] },
    },
  },
  server: { fs: { allow: [root, `${repo}src/client`] } },
});

import { existsSync } from 'node:fs';

/**
 * The repository root (the folder holding package.json), found by walking up from this file, so
 * the same code works from `src/` under tsx and from `dist/src/` once compiled.
 */
export function findProjectRoot(from: URL = new URL('.', import.meta.url)): URL {
  let dir = from;
  for (;;) {
    if (existsSync(new URL('package.json', dir))) return dir;
    const parent = new URL('..', dir);
    if (parent.href === dir.href) throw new Error('package.json not found above ' + from.pathname);
    dir = parent;
  }
}

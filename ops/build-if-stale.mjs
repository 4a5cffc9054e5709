// `npm start`'s prestart: compiles src/ with tsc only when a source is newer than the last build,
// so a start with nothing changed skips the ~5 s that even an up-to-date `tsc --incremental` takes.
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// tsc leaves its build info untouched when nothing it emits changed: keep a stamp of our own.
const STAMP = 'dist/.build-stamp';
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

let built = 0;
try {
  built = statSync(STAMP).mtimeMs;
} catch {
  // never built
}
if (INPUTS.some((input) => newest(input) > built)) {
  const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

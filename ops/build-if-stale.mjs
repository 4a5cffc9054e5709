// `npm start`'s prestart, and `npm run demo`'s first step: builds only what is older than its inputs,
// so a start with nothing changed skips the ~5 s that even an up-to-date `tsc --incremental` takes
// and the few seconds of `vite build`.
//
//   node ops/build-if-stale.mjs          the server (tsc) and the web pages (console, GraphiQL)
//   node ops/build-if-stale.mjs web      the web pages only (the demo runs src/ with tsx)
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Each tool leaves its output untouched when nothing changed: keep stamps of our own.
const TARGETS = {
  server: {
    stamp: 'dist/.build-stamp',
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    outputs: [],
    command: ['npx', 'tsc', '-p', 'tsconfig.build.json'],
    // The server cannot start without its build.
    required: true,
  },
  web: {
    stamp: 'dist/.web-build-stamp',
    inputs: ['web', 'src/client', 'package-lock.json'],
    outputs: ['dist/web/console/index.html', 'dist/web/graphiql/index.html'],
    command: ['npm', 'run', '-s', 'build:web'],
    // The API serves without the pages; `/` then answers 503 saying to run `npm run build:web`.
    required: false,
  },
};

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

function stampTime(stamp) {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return 0; // never built
  }
}

function buildIfStale(name) {
  const { stamp, inputs, outputs, command, required } = TARGETS[name];
  const built = stampTime(stamp);
  const stale =
    outputs.some((output) => !existsSync(output)) || inputs.some((input) => newest(input) > built);
  if (!stale) return;
  const [bin, ...args] = command;
  const run = spawnSync(bin, args, { stdio: 'inherit' });
  if (run.status === 0) {
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    return;
  }
  if (required) process.exit(run.status ?? 1);
  process.stderr.write(
    `build-if-stale: \`${command.join(' ')}\` failed; starting without a fresh ${name} build\n`,
  );
}

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(TARGETS)) {
  if (!(name in TARGETS)) {
    process.stderr.write(
      `build-if-stale: unknown target ${name} (known: ${Object.keys(TARGETS).join(', ')})\n`,
    );
    process.exit(2);
  }
  buildIfStale(name);
}

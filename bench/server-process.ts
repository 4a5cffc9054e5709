import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import ts from 'typescript';

/** A bench/server.ts child process. */
export interface ServerProcess {
  url: URL;
  pid: number;
  /** The process's user + system CPU time so far, µs. */
  cpuMicros(): Promise<number>;
  /** Resident set size and heap used, bytes (after a full GC: the child runs with --expose-gc). */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  /** Event-loop delay since the previous call: p99 and max, ms. */
  lag(): Promise<{ p99: number; max: number }>;
  stop(): void;
}

// The gateway target runs tsc's build (bench/server.ts): brought up to date once per bench run.
const build = spawnSync(process.execPath, ['ops/build-if-stale.mjs', 'server'], {
  stdio: 'inherit',
});
if (build.status !== 0) throw new Error('bench: the server build (tsc) failed');

/**
 * A bench module (`./bench/x.ts`) as plain JavaScript beside it (`./bench/.x.mjs`: its relative
 * URLs stay true), so server processes run under plain `node` as `npm start` does: with tsx's
 * loader in the process, every `require` goes through tsx's resolver, and Apollo Server requires
 * `crypto` on every request (`@apollo/utils.createhash`), ~2% of a request's CPU in both Sluice and
 * the bare server. The modules import Sluice from `dist/` and nothing else of the repository's.
 */
function plainJs(path: string, root = '.'): string {
  const key = `${root}\u0000${path}`;
  let out = transpiled.get(key);
  if (out === undefined) {
    const beside = path.replace(/\/([^/]+)\.ts$/, '/.$1.mjs');
    // Relative (`./bench/...`) in this checkout: `--import` takes it as a path, not a package.
    out = root === '.' ? beside : resolve(root, beside);
    const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(out, outputText);
    transpiled.set(key, out);
  }
  return out;
}
/** Each module once per bench run and checkout, however many servers load it. */
const transpiled = new Map<string, string>();
const SERVER_JS = plainJs('./bench/server.ts');

/**
 * Another checkout of Sluice (a `git worktree` of the commit to compare with, its `node_modules`
 * installed or linked) brought up to date like this one: its own `dist/` build, served by this
 * checkout's bench/server.ts written beside it, so both builds run under the same harness.
 */
function serverOf(root: string): string {
  if (!readied.has(root)) {
    if (!existsSync(join(root, 'package.json'))) {
      throw new Error(`bench: ${root} is not a checkout of Sluice (no package.json)`);
    }
    const built = spawnSync(process.execPath, ['ops/build-if-stale.mjs', 'server'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0 || !existsSync(join(root, 'dist/src/app.js'))) {
      throw new Error(`bench: the build of ${root} failed (is its node_modules there?)`);
    }
    readied.add(root);
  }
  return plainJs('./bench/server.ts', root);
}
const readied = new Set<string>();

/**
 * Starts bench/server.ts in its own process (so its CPU and memory are its own) with `env` over
 * this process's environment; `imports` (bench modules, e.g. `./bench/otel-hook.ts` for tracing)
 * are loaded before it.
 */
export async function startServerProcess(
  env: Record<string, string>,
  imports: string[] = [],
  /** The checkout whose build to serve (see `serverOf`); this one by default. */
  root?: string,
): Promise<ServerProcess> {
  const args = [
    process.execPath,
    '--expose-gc',
    // e.g. BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server
    ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
    ...imports.flatMap((path) => ['--import', plainJs(path)]),
    root ? serverOf(root) : SERVER_JS,
  ];
  if (PINNED) pinSelf();
  const [command, ...rest] = PINNED ? ['taskset', '-c', '1', ...args] : args;
  const child = spawn(command as string, rest, { env: { ...process.env, ...env }, stdio: 'pipe' });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<{ resolve(line: string): void; reject(error: Error): void }> = [];
  lines.on('line', (line) => waiting.shift()?.resolve(line));
  // A server that dies (a failed import, a bad variable) fails the bench instead of hanging it.
  let exited: Error | undefined;
  child.once('exit', (code, signal) => {
    exited = new Error(`bench server exited (${signal ?? `code ${code}`})`);
    for (const waiter of waiting.splice(0)) waiter.reject(exited);
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      if (exited) reject(exited);
      else waiting.push({ resolve, reject });
    });
  const ask = async (command: string) => {
    const line = next();
    child.stdin.write(`${command}\n`);
    return (await line).split(' ').slice(1).map(Number);
  };
  const first = await next();
  if (!first.startsWith('url ')) throw new Error(`unexpected server output: ${first}`);
  return {
    url: new URL(first.slice(4)),
    pid: child.pid ?? 0,
    cpuMicros: async () => (await ask('cpu'))[0] ?? NaN,
    async memory() {
      const [rss = NaN, heapUsed = NaN] = await ask('mem');
      return { rss, heapUsed };
    },
    async lag() {
      const [p99 = NaN, max = NaN] = await ask('lag');
      return { p99, max };
    },
    stop: () => child.kill('SIGINT'),
  };
}

/**
 * `BENCH_PIN=1`: the server runs on CPU 1 and this process (the load generator, the emulator, the
 * OTLP sink) on CPU 0 (`taskset`), so the two never take turns on one core. Unpinned, the scheduler
 * moves them about and this 2-core machine's spread between runs of the same code is wider than
 * most effects measured.
 */
const PINNED = process.env.BENCH_PIN === '1';

/** How the processes were placed, for the bench's header line. */
export const placement = PINNED
  ? 'server pinned to CPU 1, load generator to CPU 0'
  : 'processes not pinned (BENCH_PIN=1 pins them)';

let selfPinned = false;
function pinSelf(): void {
  if (selfPinned) return;
  selfPinned = true;
  const result = spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)]);
  if (result.status !== 0) throw new Error(`BENCH_PIN: taskset failed: ${String(result.stderr)}`);
}

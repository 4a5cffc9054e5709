import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startChild, waitFor, type Child } from './children.js';

const run = promisify(execFile);

/** A private server the run starts, stops and restarts (never the machine's shared one). */
export interface Restartable {
  readonly port: number;
  readonly url: string;
  /** Stops it (fast shutdown) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, resolving once it answers. */
  start(): Promise<void>;
}

/** A private `redis-server` without persistence on `port`: a restart empties it. */
export async function startRedis(port: number, dir: string): Promise<Restartable> {
  let child: Child | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const ping = async () => {
    const { stdout } = await run('redis-cli', ['-p', String(port), 'ping']);
    return stdout.trim() === 'PONG';
  };
  const start = async () => {
    child = startChild(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      join(dir, 'redis.log'),
      { cwd: dir },
    );
    await waitFor('redis', ping, 10_000);
  };
  await start();
  return {
    port,
    url,
    start,
    async stop() {
      await child?.stop('SIGTERM');
    },
  };
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * A private PostgreSQL 15 cluster in a temp dir on `port` (initdb, then `postgres` in the
 * foreground as a child, so the run's exit kills it). Run as the `postgres` user when this
 * process is root: PostgreSQL refuses to run as root.
 */
export async function startPostgres(port: number, dir: string): Promise<Restartable> {
  const data = join(dir, 'pgdata');
  await mkdir(data);
  let ids: { uid: number; gid: number } | undefined;
  if (userInfo().uid === 0) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    ids = { uid, gid };
    await chown(dir, uid, gid);
    await chown(data, uid, gid);
  }
  await run(
    join(PG_BIN, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'],
    { ...ids },
  );
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const answers = async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 500 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => {});
    }
  };
  let child: Child | undefined;
  const start = async () => {
    child = startChild(
      join(PG_BIN, 'postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-h', '127.0.0.1', '-c', 'fsync=off'],
      join(dir, 'postgres.log'),
      { ...ids, cwd: dir },
    );
    await waitFor('postgres', answers, 20_000);
  };
  await start();
  return {
    port,
    url,
    start,
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: sessions are closed, not waited for.
      await child?.stop('SIGINT', 10_000);
    },
  };
}

/** What the HAProxy in front of the replicas is told. */
export interface HaproxyOptions {
  port: number;
  replicas: ReadonlyArray<{ name: string; port: number }>;
  /** The health-check path (`/readyz` as the issue asks). */
  checkPath: string;
  /**
   * Panic mode (default on): when no replica passes `checkPath` (a shared dependency is down for
   * all of them), route to every replica that is alive (`/healthz`) rather than answer 503.
   */
  panic?: boolean;
  dir: string;
}

/**
 * HAProxy 2.6 in the foreground (`-db`) with a generated config: round robin, `option httpchk`,
 * L7 retries and redispatch, and each response stamped with the replica that served it. With
 * `panic`, a second backend of the same servers checked on `/healthz` takes the traffic while the
 * first has no server up (`nbsrv`): Envoy's panic threshold, in HAProxy's terms.
 */
export async function startHaproxy(options: HaproxyOptions): Promise<Child> {
  const servers = options.replicas
    .map((r) => `  server ${r.name} 127.0.0.1:${r.port} check inter 500 fall 2 rise 2`)
    .join('\n');
  const backend = (name: string, path: string) => `backend ${name}
  balance roundrobin
  option httpchk GET ${path}
  http-check expect status 200
  http-response set-header x-replica %[srv_name]
${servers}
`;
  const panic = options.panic ?? true;
  const config = `global
  maxconn 4096

defaults
  mode http
  timeout connect 1s
  timeout client 60s
  timeout server 30s
  retries 3
  option redispatch
  retry-on conn-failure empty-response

frontend sluice
  bind 127.0.0.1:${options.port}
${
  panic
    ? `  use_backend replicas if { nbsrv(replicas) gt 0 }
  default_backend live
`
    : `  default_backend replicas
`
}
${backend('replicas', options.checkPath)}${panic ? `\n${backend('live', '/healthz')}` : ''}`;
  const file = join(options.dir, 'haproxy.cfg');
  await writeFile(file, config);
  await run('haproxy', ['-c', '-q', '-f', file]);
  const child = startChild('haproxy', ['-db', '-f', file], join(options.dir, 'haproxy.log'));
  await waitFor('haproxy', async () => {
    const res = await fetch(`http://127.0.0.1:${options.port}/healthz`);
    return res.status === 200;
  });
  return child;
}

/** One gateway process (`src/main.ts`) on a fixed port. */
export interface Gateway {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** Starts it (again) and resolves once `/readyz` answers 200. */
  start(): Promise<number>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A replica: `node --import tsx src/main.ts` with `env`, its own DATA_DIR and its log in `dir`. */
export async function createGateway(
  name: string,
  port: number,
  env: Record<string, string>,
  dir: string,
): Promise<Gateway> {
  const dataDir = await mkdtemp(join(dir, `${name}-data-`));
  let child: Child | undefined;
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    port,
    url,
    async start() {
      child = startChild(
        process.execPath,
        ['--import', 'tsx', 'src/main.ts'],
        join(dir, `${name}.log`),
        {
          env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
        },
      );
      const { exited } = child;
      let gone: string | undefined;
      void exited.then((code) => (gone = code));
      const ms = await waitFor(`${name} ready`, async () => {
        if (gone !== undefined) return true;
        const res = await fetch(`${url}/readyz`);
        return res.status === 200;
      });
      if (gone !== undefined)
        throw new Error(`gateway ${name} exited (${gone}) before it was ready; see ${dir}`);
      return ms;
    },
    async kill(signal) {
      await child?.stop(signal, 15_000);
    },
  };
}

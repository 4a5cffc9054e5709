import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** An in-memory PGlite with pgvector available (not created), reached over the wire protocol. */
export interface PgliteServer {
  db: PGlite;
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, for `pg` or DATABASE_URL. */
  url: string;
  /** Another socket server over the same database (stop it to make the database unreachable). */
  listen(): Promise<{ url: string; stop(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * Starts PGlite with the `vector` extension and a socket server on a free port. Every connection
 * shares PGlite's one session (no per-connection search_path, one transaction at a time), and the
 * server refuses connections past `maxConnections`: set it to at least the sum of the pools.
 */
export async function startPglite(maxConnections = 32): Promise<PgliteServer> {
  const db = await PGlite.create({ extensions: { vector } });
  const servers: PGLiteSocketServer[] = [];
  async function listen() {
    const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections });
    await server.start();
    servers.push(server);
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      stop: () => server.stop(),
    };
  }
  const { url } = await listen();
  return {
    db,
    url,
    listen,
    async close() {
      for (const server of servers) await server.stop();
      await db.close();
    },
  };
}

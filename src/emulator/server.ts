import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { EmulatedProvider, EmulatedResponse, FaultOptions } from './types.js';

export interface ProviderEmulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Base URL of one provider (what its `*_BASE_URL` variable should be set to). */
  baseUrl(provider: string): string;
  /** Calls received by a provider since start or the last reset (every provider when omitted). */
  calls(provider?: string): number;
  /** The URLs a provider received, oldest first (the last 1,000). */
  requests(provider: string): URL[];
  resetCalls(): void;
  /** Sets (or, with an empty object, clears) the fault and latency of a provider. */
  inject(provider: string, options: FaultOptions): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  providers: readonly EmulatedProvider[];
  port?: number;
  host?: string;
}

/** URLs kept per provider for `requests` (counts are kept whole). */
const RECENT_REQUESTS = 1000;

/**
 * A local HTTP server that answers for every emulated provider under `/<provider>/…`, with faults
 * and latency injectable per provider and a log of calls. Tests and `npm run demo` use it.
 */
export async function startEmulator(options: EmulatorOptions): Promise<ProviderEmulator> {
  const providers = new Map(options.providers.map((p) => [p.name, p]));
  // Per provider: how many calls, and the most recent URLs (a long demo must not grow without bound).
  const log = new Map<string, { count: number; recent: URL[] }>();
  const faults = new Map<string, FaultOptions & { remaining?: number }>();
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  function send(res: ServerResponse, response: EmulatedResponse) {
    res.writeHead(response.status, {
      'content-type': response.contentType,
      'content-length': Buffer.byteLength(response.body),
      ...response.headers,
    });
    res.end(response.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const [, name = '', ...rest] = url.pathname.split('/');
    const provider = providers.get(name);
    if (!provider) {
      send(res, { status: 404, body: 'no such emulated provider', contentType: 'text/plain' });
      return;
    }
    const calls = log.get(name) ?? { count: 0, recent: [] };
    calls.count += 1;
    calls.recent.push(url);
    if (calls.recent.length > RECENT_REQUESTS) calls.recent.shift();
    log.set(name, calls);

    const injected = faults.get(name);
    if (injected?.latencyMs) await new Promise((r) => setTimeout(r, injected.latencyMs));
    if (injected?.fault && (injected.remaining === undefined || injected.remaining > 0)) {
      if (injected.remaining !== undefined) injected.remaining -= 1;
      const { fault } = injected;
      switch (fault.kind) {
        case 'respond':
          send(res, fault.response);
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'hang':
          hanging.add(res);
          return;
        default: {
          const never: never = fault;
          throw new Error(`unknown fault ${JSON.stringify(never)}`);
        }
      }
    }
    const path = `/${rest.join('/')}`;
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    const request = { url, path, params: url.searchParams, headers: req.headers, method, body };
    const response = provider.handle(request) ?? provider.notFound();
    send(res, response);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, {
        status: 500,
        body: `emulator error: ${String(error)}`,
        contentType: 'text/plain',
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    baseUrl: (provider) => `${url}/${provider}`,
    calls: (provider) =>
      provider === undefined
        ? [...log.values()].reduce((sum, calls) => sum + calls.count, 0)
        : (log.get(provider)?.count ?? 0),
    requests: (provider) => [...(log.get(provider)?.recent ?? [])],
    resetCalls: () => log.clear(),
    inject(provider, faultOptions) {
      if (!providers.has(provider)) throw new Error(`unknown emulated provider ${provider}`);
      if (!faultOptions.fault && !faultOptions.latencyMs) faults.delete(provider);
      else faults.set(provider, { ...faultOptions, remaining: faultOptions.times });
    },
    clearFaults: () => faults.clear(),
    async close() {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The whole request body as UTF-8 text (POST bodies of emulated APIs are small JSON). */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

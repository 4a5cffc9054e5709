import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { TypedDocumentString } from '../../src/client/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { emulatorEnv } from '../../src/emulator/env.js';
import type { ProviderEmulator } from '../../src/emulator/server.js';
import { startTestEmulator } from './emulator.js';
import { createSilentLogger } from '../../src/logger.js';

export interface TestGateway {
  app: App;
  config: Config;
  /** The GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  url: string;
  /** Runs an operation through Apollo's pipeline (no HTTP), with a fresh request context. */
  execute<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentString<TData, TVars>,
    variables?: TVars,
  ): Promise<{
    data?: TData | null;
    errors?: ReadonlyArray<{
      message: string;
      path?: ReadonlyArray<string | number>;
      extensions?: Record<string, unknown>;
    }>;
  }>;
  /** Posts an operation over real HTTP. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A whole gateway (createApp, as in production) on port 0 with every provider pointed at the
 * emulator, a silent logger and a temporary DATA_DIR.
 */
export async function startTestGateway(
  emulator: ProviderEmulator,
  env: Record<string, string | undefined> = {},
): Promise<TestGateway> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    UPSTREAM_TIMEOUT_MS: '1000',
    ...emulatorEnv(emulator),
    ...env,
  });
  const logger = createSilentLogger();
  const app = await createApp(config, logger);
  const url = await app.gateway.listen(0, '127.0.0.1');
  return {
    app,
    config,
    url,
    async execute(document, variables) {
      const response = await app.gateway.apollo.executeOperation(
        { query: document.toString(), variables },
        { contextValue: createContext(app.contextDeps) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as never;
    },
    post: (body, headers = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Redis settings for gateways that share one Redis: a fresh namespace, so no earlier run leaks in. */
export function sharedRedisEnv(): Record<string, string> {
  return {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_NAMESPACE: `sluice-test-${randomUUID()}`,
  };
}

export interface GatewayFixture {
  emulator: ProviderEmulator;
  /** The first gateway. */
  gateway: TestGateway;
  gateways: TestGateway[];
}

/**
 * Registers the suite's before/after hooks: a provider emulator and `count` gateways on it, all
 * with the same `env`. Read the fixture's fields inside tests (they are set in `before`).
 */
export function useGateways(
  options: { count?: number; env?: Record<string, string | undefined> } = {},
) {
  const fixture = { gateways: [] as TestGateway[] } as GatewayFixture;
  before(async () => {
    fixture.emulator = await startTestEmulator();
    for (let i = 0; i < (options.count ?? 1); i++) {
      fixture.gateways.push(await startTestGateway(fixture.emulator, options.env));
    }
    fixture.gateway = fixture.gateways[0] as TestGateway;
  });
  after(async () => {
    for (const gateway of fixture.gateways) await gateway.close();
    await fixture.emulator.close();
  });
  return fixture;
}

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { IngestDocument, SearchDocument, WeatherDocument } from '../src/client/index.js';
import { startTestEmulator } from './support/emulator.js';
import { startTestGateway, useGateways, type TestGateway } from './support/gateway.js';
import { eventually } from './support/eventually.js';

/**
 * Whole gateways sharing the machine's PostgreSQL 15 (TEST_DATABASE_URL, default the `test`
 * database on 127.0.0.1:5432) as their document store, in a schema of this run's own.
 */
const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `sluice_test_${randomBytes(6).toString('hex')}`;
const admin = new pg.Pool({ connectionString: BASE_URL, max: 1 });
const databaseUrl = (() => {
  const url = new URL(BASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
})();
const env = { DATABASE_URL: databaseUrl };

before(async () => {
  await admin.query(`create schema ${schema}`);
});
after(async () => {
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

async function search(gateway: TestGateway, query: string) {
  const { data, errors } = await gateway.execute(SearchDocument, { query, k: 5 });
  assert.equal(errors, undefined, JSON.stringify(errors));
  return data?.search ?? [];
}
async function ingest(gateway: TestGateway, id: string, text: string) {
  const { errors } = await gateway.execute(IngestDocument, { documents: [{ id, text }] });
  assert.equal(errors, undefined, JSON.stringify(errors));
}
const found = async (gateway: TestGateway, query: string, documentId: string) =>
  (await search(gateway, query)).some((p) => p.documentId === documentId);

describe('gateways sharing one PostgreSQL', () => {
  describe('two replicas', () => {
    const fixture = useGateways({ count: 2, env });

    it('report the store in health and are ready', async () => {
      for (const gateway of fixture.gateways) {
        const response = await gateway.post({ query: '{ health { documentStore } }' });
        const body = (await response.json()) as { data?: { health: { documentStore: string } } };
        assert.equal(body.data?.health.documentStore, 'postgres');
        const ready = await fetch(new URL('/readyz', gateway.url));
        assert.equal(ready.status, 200);
        const { checks } = (await ready.json()) as { checks: Record<string, boolean> };
        assert.equal(checks.documentStore, true);
      }
    });

    it('a document ingested through A is found through B within 2 s', async () => {
      const [a, b] = fixture.gateways as [TestGateway, TestGateway];
      const started = Date.now();
      await ingest(a, 'runbook', 'Restart the quartz turbine by holding the amber lever.');
      await eventually(
        () => found(b, 'quartz turbine amber lever', 'runbook'),
        2000,
        'B finds the runbook',
      );
      assert.ok(Date.now() - started < 2000);
    });

    it('a re-ingest through B replaces the document on A', async () => {
      const [a, b] = fixture.gateways as [TestGateway, TestGateway];
      await ingest(b, 'runbook', 'Restart the basalt pump by turning the copper wheel.');
      await eventually(
        async () =>
          (await search(a, 'basalt pump copper wheel')).some(
            (p) => p.documentId === 'runbook' && /basalt/.test(p.text),
          ) && !(await search(a, 'quartz turbine amber lever')).some((p) => /quartz/.test(p.text)),
        2000,
        'A holds only the new text',
      );
    });

    it('npm run ingest writes to PostgreSQL, and running replicas follow', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'sluice-ingest-'));
      const dataDir = await mkdtemp(join(tmpdir(), 'sluice-data-'));
      try {
        await writeFile(
          join(folder, 'rota.md'),
          '# Rota\n\nThe teal heron rota changes on Mondays.',
        );
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'src/cli/ingest.ts', folder],
          {
            env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
          },
        );
        assert.match(stdout, /^ingested 1 document .* into the postgres store/);
        for (const gateway of fixture.gateways) {
          await eventually(() => found(gateway, 'teal heron rota', 'rota.md'), 2000, 'followed');
        }
      } finally {
        await rm(folder, { recursive: true, force: true });
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('replicas restarted with empty DATA_DIRs', () => {
    let emulator: ProviderEmulator;
    before(async () => {
      emulator = await startTestEmulator();
    });
    after(async () => {
      await emulator.close();
    });

    it('still find every document', async () => {
      const first = [await startTestGateway(emulator, env), await startTestGateway(emulator, env)];
      await ingest(first[0] as TestGateway, 'durable', 'The walnut ledger survives every restart.');
      for (const gateway of first) await gateway.close();
      // startTestGateway gives each gateway a fresh temporary DATA_DIR.
      const second = [await startTestGateway(emulator, env), await startTestGateway(emulator, env)];
      try {
        for (const gateway of second) {
          assert.ok(await found(gateway, 'walnut ledger restart', 'durable'));
          assert.ok(await found(gateway, 'quartz basalt copper wheel pump', 'runbook'));
        }
      } finally {
        for (const gateway of second) await gateway.close();
      }
    });
  });

  describe('PostgreSQL unreachable', () => {
    let closedPort = 0;
    before(async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      closedPort = (server.address() as { port: number }).port;
      await new Promise((resolve) => server.close(resolve));
    });
    const fixture = useGateways({
      env: {
        get DATABASE_URL() {
          return `postgres://postgres:secret@127.0.0.1:${closedPort}/test`;
        },
      },
    });

    it('the gateway starts, data fields work, search is UPSTREAM_UNAVAILABLE, /readyz is 503', async () => {
      const { gateway } = fixture;
      const weather = await gateway.execute(WeatherDocument, { location: 'Berlin', days: 1 });
      assert.equal(weather.errors, undefined, JSON.stringify(weather.errors));
      assert.ok(weather.data?.weather);

      const { errors } = await gateway.execute(SearchDocument, { query: 'redis', k: 3 });
      assert.equal(errors?.[0]?.extensions?.code, 'UPSTREAM_UNAVAILABLE');
      assert.doesNotMatch(JSON.stringify(errors), /secret|ECONNREFUSED/);

      const ready = await fetch(new URL('/readyz', gateway.url));
      assert.equal(ready.status, 503);
      const { checks, reasons } = (await ready.json()) as {
        checks: Record<string, boolean>;
        reasons: Record<string, string>;
      };
      assert.equal(checks.documentStore, false);
      // The reason says what callers see, not a connection string or an error's text.
      assert.match(String(reasons.documentStore), /postgres document store is unreachable/);
      assert.doesNotMatch(JSON.stringify(reasons), /secret|ECONNREFUSED|127\.0\.0\.1/);
    });
  });

  describe('PostgreSQL going away and coming back', () => {
    /** A TCP relay to PostgreSQL that the test cuts (every connection dropped) and restores. */
    const relay = { port: 0, server: undefined as Server | undefined, sockets: new Set<Socket>() };
    const target = new URL(BASE_URL);
    const open = () =>
      new Promise<void>((resolve) => {
        const server = createServer((socket) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          for (const end of [socket, upstream]) {
            relay.sockets.add(end);
            end.on('error', () => end.destroy());
            end.on('close', () => relay.sockets.delete(end));
          }
          socket.pipe(upstream).pipe(socket);
        });
        relay.server = server;
        server.listen(relay.port, '127.0.0.1', () => {
          relay.port = (server.address() as { port: number }).port;
          resolve();
        });
      });
    const cut = async () => {
      const server = relay.server;
      relay.server = undefined;
      for (const socket of relay.sockets) socket.destroy();
      await new Promise((resolve) => server?.close(resolve));
    };
    before(open);
    after(cut);
    const viaRelay = () => {
      const url = new URL(databaseUrl);
      url.port = String(relay.port);
      return url.toString();
    };
    const fixture = useGateways({
      count: 1,
      env: {
        get DATABASE_URL() {
          return viaRelay();
        },
      },
    });

    it('search refuses while it is gone, then catches up on its own', async () => {
      const { gateway, emulator } = fixture;
      await ingest(gateway, 'before', 'The granite owl watches the harbour.');
      await cut();
      await eventually(
        async () => {
          const { errors } = await gateway.execute(SearchDocument, { query: 'granite owl', k: 1 });
          return errors?.[0]?.extensions?.code === 'UPSTREAM_UNAVAILABLE';
        },
        2000,
        'search refuses',
      );
      const ready = await fetch(new URL('/readyz', gateway.url));
      assert.equal(ready.status, 503);
      const weather = await gateway.execute(WeatherDocument, { location: 'Berlin', days: 1 });
      assert.equal(weather.errors, undefined, JSON.stringify(weather.errors));

      // Another replica, still connected, ingests meanwhile: no notification can reach this one.
      const other = await startTestGateway(emulator, env);
      try {
        await ingest(other, 'during', 'The silver marmot sweeps the bridge.');
      } finally {
        await other.close();
      }
      await open();
      await eventually(() => found(gateway, 'silver marmot bridge', 'during'), 5000, 'caught up');
      assert.ok(await found(gateway, 'granite owl harbour', 'before'));
      const readyAgain = await fetch(new URL('/readyz', gateway.url));
      assert.equal(readyAgain.status, 200);
    });
  });
});

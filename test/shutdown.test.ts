import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { emulatorEnv } from '../src/emulator/env.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { startTestEmulator } from './support/emulator.js';

const root = new URL('../', import.meta.url);

describe('graceful shutdown', () => {
  let emulator: ProviderEmulator;
  before(async () => {
    emulator = await startTestEmulator();
  });
  after(() => emulator.close());

  it('on SIGTERM finishes the request in flight, refuses new ones and exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sluice-shutdown-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
        SHUTDOWN_GRACE_MS: '5000',
        ...emulatorEnv(emulator),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('gateway did not start')), 30_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const record = JSON.parse(line) as { msg?: string; url?: string };
        if (record.msg === 'sluice ready' && record.url) {
          clearTimeout(timer);
          resolve(record.url);
        }
      });
    });

    emulator.inject('open-meteo-geocoding', { latencyMs: 800 });
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ weather(location: "Tokyo") { location { name } } }' }),
    });
    await sleep(200);
    child.kill('SIGTERM');
    await sleep(100);

    const response = await inFlight;
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: { weather: { location: { name: string } } } };
    assert.equal(body.data.weather.location.name, 'Tokyo', 'the request in flight completed');
    await assert.rejects(
      fetch(url.replace('/graphql', '/healthz')),
      'no new connections once draining',
    );
    assert.equal(await exited, 0);
    emulator.clearFaults();
    await rm(dataDir, { recursive: true, force: true });
  });
});

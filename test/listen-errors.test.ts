import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

const root = new URL('../', import.meta.url);

function runGateway(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'silent',
      ...env,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('listen failures exit with EX_CONFIG', () => {
  let taken: Server;
  before(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('a PORT already in use exits 78 naming PORT, without a stack trace', () => {
    const { port } = taken.address() as AddressInfo;
    const result = runGateway({ PORT: String(port), HOST: '127.0.0.1' });
    assert.equal(result.status, 78, result.stderr);
    assert.match(result.stderr, new RegExp(`PORT: ${port} is already in use`));
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('an unusable HOST exits 78 naming HOST, without a stack trace', () => {
    const result = runGateway({ PORT: '0', HOST: '256.1.1.1' });
    assert.equal(result.status, 78, result.stderr);
    assert.match(result.stderr, /HOST: cannot listen on 256\.1\.1\.1/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});

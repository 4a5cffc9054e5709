import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { emulatorEnv } from '../src/emulator/env.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { createLogger } from '../src/logger.js';
import { AnswerDocument } from '../src/client/index.js';
import { startTestEmulator } from './support/emulator.js';

/** A pino destination that keeps every line, parsed. */
function memoryDestination() {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { stream, lines, raw };
}

const SECRET = 'sk-live-DO-NOT-LOG-4242';
const QUESTION = 'I am jane.doe@example.com, what is the weather in Osaka right now?';

describe('request logs', () => {
  let emulator: ProviderEmulator;
  let app: App;
  let url: string;
  let dataDir: string;
  const out = memoryDestination();
  before(async () => {
    emulator = await startTestEmulator();
    dataDir = await mkdtemp(join(tmpdir(), 'sluice-logging-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      OPENAI_API_KEY: 'sk-test-logging',
      ...emulatorEnv(emulator),
    });
    app = await createApp(config, createLogger('info', out.stream));
    url = await app.gateway.listen(0, '127.0.0.1');
  });
  after(async () => {
    await app.close();
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const requestLines = () => out.lines.filter((l) => l.msg === 'request');

  it('writes one info line per request with the trace id of the answer and the x-trace-id header, never the key or the question', async () => {
    const before = requestLines().length;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${SECRET}`,
        cookie: `session=${SECRET}`,
      },
      body: JSON.stringify({
        query: String(AnswerDocument),
        operationName: 'Answer',
        variables: { question: QUESTION },
      }),
    });
    const { data } = (await response.json()) as {
      data: { answer: { trace: { traceId: string } } };
    };
    await new Promise((resolve) => setImmediate(resolve));

    const lines = requestLines().slice(before);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    const [line] = lines;
    assert.ok(line);
    assert.equal(line.level, 30, 'info');
    assert.equal(line.method, 'POST');
    assert.equal(line.path, '/graphql');
    assert.equal(line.status, 200);
    assert.equal(line.operation, 'Answer');
    assert.equal(typeof line.durationMs, 'number');
    assert.match(String(line.traceId), /^[0-9a-f]{32}$/);
    assert.match(String(line.caller), /^ip#[0-9a-f]{16}$/, 'the address only as a hash');
    const query = line.query as { length: number; sha256: string };
    assert.equal(query.length, String(AnswerDocument).length);
    assert.match(query.sha256, /^[0-9a-f]{16}$/);
    assert.match(data.answer.trace.traceId, /^[0-9a-f]{32}$/);
    // One id per request: the answer's trace, the log line and the response header agree.
    assert.equal(data.answer.trace.traceId, line.traceId);
    assert.equal(response.headers.get('x-trace-id'), line.traceId);

    const everything = out.raw.join('\n');
    assert.ok(!everything.includes(SECRET), 'no Authorization or cookie value');
    assert.ok(!everything.includes('jane.doe@example.com'), 'no PII');
    assert.ok(!everything.includes('weather in Osaka right now'), 'no raw question');
    assert.ok(!everything.includes('127.0.0.1"'), 'no client address');
  });

  it('logs probes at debug only, and unknown paths with PII redacted', async () => {
    const before = requestLines().length;
    await fetch(url.replace(/\/graphql$/, '/healthz'));
    await fetch(url.replace(/\/graphql$/, '/users/jane.doe@example.com?token=abc'));
    await new Promise((resolve) => setImmediate(resolve));
    const lines = requestLines().slice(before);
    assert.equal(lines.length, 1, 'the probe is below the info level');
    assert.equal(lines[0]?.status, 404);
    assert.equal(lines[0]?.path, '/users/[EMAIL]');
  });

  it('redacts keys and tokens wherever a log call puts them', () => {
    const logger = createLogger('info', out.stream);
    logger.info(
      {
        apiKey: SECRET,
        headers: { authorization: `Bearer ${SECRET}` },
        provider: { token: SECRET, api_key: SECRET },
      },
      'redaction check',
    );
    const line = out.raw.at(-1) ?? '';
    assert.match(line, /redaction check/);
    assert.ok(!line.includes(SECRET), line);
    assert.match(line, /\[Redacted\]/);
  });
});

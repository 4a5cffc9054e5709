import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { emulatorEnv } from '../src/emulator/env.js';
import type { ProviderEmulator } from '../src/emulator/server.js';
import { AnswerDocument, type AnswerQuery } from '../src/client/index.js';
import { startTestEmulator } from './support/emulator.js';

/** One span as received over OTLP/HTTP JSON, flattened. */
interface ReceivedSpan {
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, string | number | boolean>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}

/** A local OTLP/HTTP receiver on port 0 that keeps every span it is sent. */
async function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const { resourceSpans = [] } = JSON.parse(body) as {
        resourceSpans?: Array<{
          scopeSpans: Array<{
            scope: { name: string };
            spans: Array<
              Omit<ReceivedSpan, 'scope' | 'attributes'> & {
                attributes?: Array<{ key: string; value: OtlpValue }>;
              }
            >;
          }>;
        }>;
      };
      for (const { scopeSpans } of resourceSpans) {
        for (const { scope, spans: received } of scopeSpans) {
          for (const span of received) {
            const attributes = Object.fromEntries(
              (span.attributes ?? []).map(({ key, value }) => [
                key,
                value.stringValue ??
                  (value.intValue !== undefined ? Number(value.intValue) : undefined) ??
                  value.doubleValue ??
                  value.boolValue ??
                  '',
              ]),
            );
            spans.push({
              ...span,
              parentSpanId: span.parentSpanId ?? '',
              scope: scope.name,
              attributes,
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

async function waitFor<T>(what: string, fn: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('OpenTelemetry through the --import entry (a real process)', () => {
  let emulator: ProviderEmulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let child: ChildProcess;
  let dataDir: string;
  let url: string;
  let stderr = '';
  const stdout: string[] = [];

  before(async () => {
    emulator = await startTestEmulator();
    receiver = await startReceiver();
    dataDir = await mkdtemp(join(tmpdir(), 'sluice-otel-'));
    // The way `npm start` runs it: the instrumentation hook first, then the app.
    child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './src/instrumentation.ts', './src/main.ts'],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          DATA_DIR: dataDir,
          OPENAI_API_KEY: 'sk-test-otel',
          ...emulatorEnv(emulator),
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_SERVICE_NAME: 'sluice-otel-test',
          OTEL_BSP_SCHEDULE_DELAY: '50',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => stdout.push(line));
    const ready = await waitFor(
      `the gateway to start (stderr: ${stderr.slice(0, 500)})`,
      () => stdout.find((l) => l.includes('sluice ready')),
      30_000,
    );
    url = (JSON.parse(ready) as { url: string }).url;
  });

  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    receiver.server.close();
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exports an http span, a graphql span under it, and the answer pipeline under that', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: String(AnswerDocument),
        operationName: 'Answer',
        variables: { question: 'What is the weather in Osaka right now?' },
      }),
    });
    const { data, errors } = (await response.json()) as { data: AnswerQuery; errors?: unknown };
    assert.equal(errors, undefined, JSON.stringify(errors));
    assert.ok(data.answer);
    const { traceId } = data.answer.trace;
    assert.match(data.answer.model, /^gpt-4o-mini/, 'the LLM wrote it');

    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    // Spans arrive in batches, the http span (which ends last) possibly in a later one than the
    // LLM's: wait for every span asserted on, not only the first.
    const expected = [
      'synthesis llm',
      'query Answer',
      'answer',
      'source weather',
      'gate grounding',
    ];
    await waitFor(`the spans ${expected.join(', ')} and an http span`, () => {
      const names = new Set(inTrace().map((s) => s.name));
      const http = inTrace().some((s) => s.scope === 'sluice.http');
      return http && expected.every((name) => names.has(name)) ? true : undefined;
    });
    const llm = inTrace().find((s) => s.name === 'synthesis llm');
    assert.ok(llm);
    // Answer.trace.traceId is the OpenTelemetry trace id: every span below shares it.
    const spans = inTrace();
    const byId = new Map(spans.map((s) => [s.spanId, s]));

    const http = spans.find((s) => s.scope === 'sluice.http');
    assert.ok(http, 'an http server span');
    assert.equal(http.kind, 2, 'SERVER');
    assert.equal(http.parentSpanId, '');

    const graphql = spans.find((s) => s.name === 'query Answer');
    assert.ok(graphql, `a graphql span in ${spans.map((s) => s.name).join(', ')}`);
    assert.equal(graphql.scope, 'sluice.graphql');
    assert.equal(graphql.attributes['graphql.operation.type'], 'query');
    assert.equal(graphql.parentSpanId, http.spanId, 'the graphql span is a child of the http span');
    assert.equal(graphql.attributes['graphql.operation.name'], 'Answer');
    assert.ok(
      !spans.some((s) => s.name.startsWith('graphql.resolve')),
      'no span per resolved field',
    );

    const answer = spans.find((s) => s.scope === 'sluice' && s.name === 'answer');
    assert.ok(answer, 'the pipeline root span');
    assert.equal(answer.parentSpanId, graphql.spanId);
    const source = spans.find((s) => s.name === 'source weather');
    assert.ok(source, 'a span per source call, named without the user text');
    assert.equal(source.attributes.provider, 'open-meteo');
    assert.ok(
      spans.some((s) => s.name === 'gate grounding'),
      'a span per output gate',
    );
    assert.ok(spans.some((s) => s.name === 'input gates'));

    // The LLM call carries the GenAI semantic conventions, numbers as numbers.
    assert.equal(llm.attributes['gen_ai.request.model'], 'gpt-4o-mini');
    assert.equal(typeof llm.attributes['gen_ai.usage.input_tokens'], 'number');
    assert.ok(Number(llm.attributes['gen_ai.usage.input_tokens']) > 0);
    assert.ok(Number(llm.attributes['gen_ai.usage.output_tokens']) > 0);
    // Its ancestors lead back to the http span.
    let up = llm;
    while (up.parentSpanId) up = byId.get(up.parentSpanId) ?? assert.fail('broken parent chain');
    assert.equal(up.spanId, http.spanId);
  });

  it('does not trace probes, and logs the request with the same trace id', async () => {
    const health = await fetch(url.replace(/\/graphql$/, '/healthz'));
    assert.equal(health.status, 200);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Ping { __typename }', operationName: 'Ping' }),
    });
    assert.equal(response.status, 200);
    const ping = await waitFor('the Ping span', () =>
      receiver.spans.find((s) => s.name === 'query Ping'),
    );
    const line = await waitFor('the request log line', () =>
      stdout.find((l) => l.includes('"operation":"Ping"')),
    );
    assert.equal((JSON.parse(line) as { traceId: string }).traceId, ping.traceId);
    assert.ok(
      !receiver.spans.some(
        (s) =>
          s.attributes['http.target'] === '/healthz' || s.attributes['url.path'] === '/healthz',
      ),
      'probes are not traced',
    );
  });
  it('traces parsing and validation of a new document, and marks an operation that failed by its code', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query BadSymbol { quote(symbol: "no such symbol!") { price } }',
        operationName: 'BadSymbol',
      }),
    });
    const { errors } = (await response.json()) as {
      errors?: Array<{ extensions: { code: string } }>;
    };
    assert.equal(errors?.[0]?.extensions.code, 'BAD_USER_INPUT');
    const traceId = response.headers.get('x-trace-id');
    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const operation = await waitFor('the operation span', () =>
      inTrace().find((s) => s.name === 'query BadSymbol'),
    );
    const http = await waitFor('the http span', () =>
      inTrace().find((s) => s.scope === 'sluice.http'),
    );
    const status = (operation as unknown as { status?: { code?: number; message?: string } })
      .status;
    assert.equal(status?.code, 2, 'ERROR');
    assert.equal(
      status?.message,
      'BAD_USER_INPUT',
      'the code, not the message (which quotes input)',
    );
    for (const name of ['graphql.parse', 'graphql.validate']) {
      const span = await waitFor(name, () => inTrace().find((s) => s.name === name));
      assert.equal(span.parentSpanId, http.spanId, `${name} is a child of the http span`);
    }
    assert.equal(operation.parentSpanId, http.spanId);
  });

  it("continues a caller's W3C trace, with the request's attributes and status", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentSpanId = '00f067aa0ba902b7';
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${parentSpanId}-01`,
        'user-agent': 'otel-test',
      },
      body: JSON.stringify({ query: 'query Traced { __typename }', operationName: 'Traced' }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-trace-id'), traceId, "the caller's trace id is served");
    const http = await waitFor('the http span of the traced request', () =>
      receiver.spans.find((s) => s.traceId === traceId && s.scope === 'sluice.http'),
    );
    assert.equal(http.parentSpanId, parentSpanId);
    assert.equal(http.kind, 2, 'SERVER');
    assert.equal(http.name, 'POST /graphql');
    assert.equal(http.attributes['http.request.method'], 'POST');
    assert.equal(http.attributes['http.route'], '/graphql');
    assert.equal(http.attributes['url.path'], '/graphql');
    assert.equal(http.attributes['http.response.status_code'], 200);
    assert.equal(http.attributes['user_agent.original'], 'otel-test');
    const graphql = await waitFor('its graphql span', () =>
      receiver.spans.find((s) => s.traceId === traceId && s.name === 'query Traced'),
    );
    assert.equal(graphql.parentSpanId, http.spanId);

    // A path nobody routes: the span is named by its method only (no unbounded names).
    const missing = await fetch(url.replace(/\/graphql$/, '/no-such-page'));
    assert.equal(missing.status, 404);
    const missingTrace = missing.headers.get('x-trace-id');
    const span = await waitFor('the 404 span', () =>
      receiver.spans.find((s) => s.traceId === missingTrace && s.scope === 'sluice.http'),
    );
    assert.equal(span.name, 'GET');
    assert.equal(span.attributes['http.response.status_code'], 404);
    assert.equal(span.attributes['http.route'], undefined);
  });
});

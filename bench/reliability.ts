/**
 * `npm run reliability`: two and three gateway processes (`src/main.ts`) behind HAProxy 2.6 (round
 * robin, `option httpchk GET /readyz`, `retries 3`, `option redispatch`, `retry-on conn-failure
 * empty-response`), one private Redis and one private PostgreSQL started here (never the machine's
 * shared servers), the providers emulated on loopback, and CONNECTIONS connections of mixed traffic
 * (the data query, `answer` asked exactly, paraphrased and new, `news`, `search`) while each
 * scenario breaks something:
 *
 * - provider faults: each provider in turn answers 500, hangs, sends a malformed body or 429s;
 * - replica SIGKILL: one replica killed and restarted;
 * - Redis restart: the private Redis stopped and started (empty); shared caching timed back;
 * - PostgreSQL restart: the private cluster stopped and started; `search` timed back;
 * - hot key: 100 concurrent requests for one quote after it was invalidated, then after it expired;
 * - global rate limit: RATE_LIMIT_PER_MINUTE=30 and 60 requests spread over the replicas.
 *
 * Prints one row per scenario and topology, the details below it, and the machine.
 * RELIABILITY_SECONDS (default 60) is each load phase; RELIABILITY_REPLICAS (default `2,3`) the
 * topologies; RELIABILITY_CHECK_PATH (default `/readyz`) HAProxy's health check; RELIABILITY_PANIC
 * (default true) HAProxy's fallback to every live replica when none is ready; RELIABILITY_MODE
 * `throughput` measures steady load only (`npm run reliability:scale`: 1, 2 and 3 replicas).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../src/config.js';
import { emulatorEnv } from '../src/emulator/env.js';
import { allProviders } from '../src/emulator/providers/index.js';
import { startEmulator } from '../src/emulator/server.js';
import type { FaultOptions } from '../src/emulator/types.js';
import { watchBreakers, type BreakerWatch } from './reliability/breakers.js';
import { freePort, killAllChildren, sleep, waitFor, type Child } from './reliability/children.js';
import {
  createGateway,
  startHaproxy,
  startPostgres,
  startRedis,
  type Gateway,
  type Restartable,
} from './reliability/infra.js';
import { graphql, post, traffic, type TrafficResult } from './reliability/traffic.js';
import { machineLine, percentile } from './machine.js';

const SECONDS = Number(process.env.RELIABILITY_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.RELIABILITY_CONNECTIONS ?? 50);
const TOPOLOGIES = (process.env.RELIABILITY_REPLICAS ?? '2,3').split(',').map(Number);
const CHECK_PATH = process.env.RELIABILITY_CHECK_PATH ?? '/readyz';
/** HAProxy's panic backend (every live replica when none is ready): on unless `false`. */
const PANIC = process.env.RELIABILITY_PANIC !== 'false';
/**
 * `throughput` measures steady mixed load only (for docs/SCALING.md, with RELIABILITY_REPLICAS=1,2,3);
 * `faults` (default) runs every failure scenario.
 */
const MODE = process.env.RELIABILITY_MODE ?? 'faults';
const RATE_LIMIT = 30;
const PHASE_MS = SECONDS * 1000;
/** Goal for Redis and PostgreSQL: shared caching and `search` back within this long. */
const RECOVERY_GOAL_MS = 5_000;
/** The replicas' BREAKER_HALF_OPEN_AFTER_MS: breakers cycle within a provider's slot. */
const HALF_OPEN_AFTER_MS = 2_000;
/** How long Redis and PostgreSQL stay down in their restart scenarios. */
const DOWN_MS = 2_000;

/**
 * Providers in the order they fail. A fallback is only called when the providers before it in its
 * chain fail, so those fail with it (500s) for its slot: `with`.
 */
const SLOTS: ReadonlyArray<{ provider: string; with?: readonly string[] }> = [
  { provider: 'open-meteo-geocoding' },
  { provider: 'open-meteo' },
  { provider: 'openweathermap', with: ['open-meteo'] },
  { provider: 'finnhub' },
  { provider: 'yahoo', with: ['finnhub'] },
  { provider: 'stooq', with: ['finnhub', 'yahoo'] },
  { provider: 'coingecko' },
  { provider: 'frankfurter' },
  { provider: 'newsapi' },
  { provider: 'hn-algolia', with: ['newsapi'] },
];
const FAULT_KINDS = ['500', 'hang', 'malformed', '429'] as const;
type FaultKind = (typeof FAULT_KINDS)[number];
const EQUITY_CHAIN = ['finnhub', 'yahoo', 'stooq'];

function fault(kind: FaultKind): FaultOptions {
  const text = (status: number, body: string, headers?: Record<string, string>) => ({
    fault: {
      kind: 'respond' as const,
      response: { status, body, contentType: 'text/plain; charset=utf-8', headers },
    },
  });
  switch (kind) {
    case '500':
      return text(500, 'Internal Server Error');
    case 'hang':
      return { fault: { kind: 'hang' } };
    case 'malformed':
      // Truncated JSON is malformed for every provider, JSON and CSV alike.
      return {
        fault: {
          kind: 'respond',
          response: { status: 200, body: '{"result": [', contentType: 'application/json' },
        },
      };
    case '429':
      return text(429, 'Too Many Requests', { 'retry-after': '2' });
    default: {
      const never: never = kind;
      throw new Error(`unknown fault ${String(never)}`);
    }
  }
}

/** One line of the table. */
interface Row {
  topology: number;
  scenario: string;
  requests: number;
  serverErrors: number;
  failed: number;
  malformed: number;
  breakers: string;
  recovery: string;
  verdict: string;
  details: string[];
}

const apiKey = randomBytes(16).toString('hex');
const headers = { authorization: `Bearer ${apiKey}` };
const adminEntry = `admin:${createHash('sha256').update(apiKey).digest('hex')}`;
const postgresSupported = 'DATABASE_URL' in configSchema.shape;

const root = await mkdtemp(join(tmpdir(), 'sluice-reliability-'));
const emulator = await startEmulator({ providers: allProviders() });
const redis = await startRedis(await freePort(), root);
const postgres: Restartable | undefined = postgresSupported
  ? await startPostgres(await freePort(), await mkdtemp(join(tmpdir(), 'sluice-reliability-pg-')))
  : undefined;

function gatewayEnv(namespace: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...emulatorEnv(emulator),
    NODE_ENV: 'production',
    // Warnings and errors go to each replica's log file in the run's temp dir (findings).
    LOG_LEVEL: 'warn',
    API_KEYS: adminEntry,
    REDIS_URL: redis.url,
    REDIS_NAMESPACE: namespace,
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    EMBEDDER: 'local',
    OPENAI_API_KEY: '',
    // Keyed providers join their chains (the emulator accepts any key but `invalid`).
    NEWSAPI_KEY: 'reliability',
    FINNHUB_API_KEY: 'reliability',
    OPENWEATHERMAP_API_KEY: 'reliability',
    // One caller (this key) sends everything: only the rate-limit scenario limits it.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    DAILY_BUDGET_USD: '1000000',
    // Hangs cost a second, and breakers cycle within a provider's slot of the fault scenario.
    UPSTREAM_TIMEOUT_MS: '1000',
    BREAKER_WINDOW_MS: '10000',
    BREAKER_HALF_OPEN_AFTER_MS: String(HALF_OPEN_AFTER_MS),
    SHUTDOWN_GRACE_MS: '2000',
    ...extra,
  };
}

/** What every scenario of one topology shares. */
interface Topology {
  n: number;
  gateways: Gateway[];
  haproxy: URL;
  dir: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** HAProxy's log lines (server UP/DOWN) written while `during` runs, summarised. */
async function haproxyEvents<T>(top: Topology, during: () => Promise<T>): Promise<[T, string]> {
  const file = join(top.dir, 'haproxy.log');
  const lines = async () => (await readFile(file, 'utf8').catch(() => '')).split('\n');
  const before = (await lines()).length;
  const value = await during();
  const events = (await lines())
    .slice(before - 1)
    .map((line) =>
      /Server replicas\/(\S+) is (UP|DOWN), reason: ([^,]+)(?:, code: (\d+))?/.exec(line),
    )
    .flatMap((m) => (m ? [`${m[1]} ${m[2]}${m[2] === 'DOWN' ? ` (${m[4] ?? m[3]})` : ''}`] : []));
  const none = /no server available/.test((await lines()).slice(before - 1).join('\n'));
  return [
    value,
    `HAProxy: ${events.length > 0 ? events.join(', ') : 'no server went down'}${none ? '; NO SERVER AVAILABLE at some point' : ''}`,
  ];
}

/** Waits until HAProxy routes to each of `names` (GET /healthz through it, read `x-replica`). */
async function routedTo(top: Topology, names: readonly string[], timeoutMs = 30_000) {
  const seen = new Set<string>();
  return waitFor(
    `HAProxy routing to ${names.join(', ')}`,
    async () => {
      const res = await fetch(new URL('/healthz', top.haproxy));
      const replica = res.headers.get('x-replica');
      if (res.status === 200 && replica) seen.add(replica);
      return names.every((name) => seen.has(name));
    },
    timeoutMs,
    50,
  );
}

async function invalidate(gateway: Gateway, source: string) {
  const res = await graphql<{ invalidateCache: number }>(
    new URL(`${gateway.url}/graphql`),
    `mutation { invalidateCache(source: ${JSON.stringify(source)}) }`,
    headers,
  );
  if (res.errors) throw new Error(`invalidateCache(${source}): ${JSON.stringify(res.errors)}`);
}

function mixed(top: Topology, ms: number): Promise<TrafficResult> {
  return traffic({ url: new URL('/graphql', top.haproxy), headers, connections: CONNECTIONS, ms });
}

/** The status, replica and error-code counts of a load phase, for the details below the table. */
function describeTraffic(result: TrafficResult): string {
  const list = <K>(map: Map<K, number>) =>
    [...map].map(([key, count]) => `${String(key)}: ${count}`).join(', ');
  const kinds = [...result.byKind]
    .map(([kind, k]) => `${kind} ${k.requests}/${k.failed} failed/${k.errored} with errors`)
    .join('; ');
  const ms = (p: number) => `${Math.round(percentile(result.latencies, p))}`;
  return [
    `latency ms p50 ${ms(0.5)}, p99 ${ms(0.99)}, max ${ms(1)}`,
    `HTTP status ${list(result.byStatus)}; by replica and status ${list(result.byReplicaStatus)}; ${Math.round((result.requests / result.elapsedMs) * 1000)} req/s`,
    `error codes in 200s: ${list(result.codedErrors) || 'none'}`,
    `by kind (requests/failed/with errors): ${kinds}`,
    ...(result.malformedExamples.length > 0
      ? [`malformed answers, e.g.: ${result.malformedExamples.join('; ')}`]
      : []),
  ].join('\n    ');
}

function row(top: Topology, scenario: string, result: TrafficResult): Row {
  return {
    topology: top.n,
    scenario,
    requests: result.requests,
    serverErrors: result.serverErrors,
    failed: result.failed,
    malformed: result.malformedAnswers,
    breakers: '-',
    recovery: '-',
    verdict: '',
    details: [describeTraffic(result)],
  };
}

function breakerSummary(watch: BreakerWatch): string {
  let opened = 0;
  let closed = 0;
  for (const h of watch.history.values()) {
    opened += h.opened;
    closed += h.closed;
  }
  return `${opened} open / ${closed} close`;
}

/**
 * Lookups that needed each provider, by `<replica>/<provider>`: its cache's misses and stale reads
 * (`sluice_source_cache_total`, from each replica's `/metrics`). A breaker that is not closed and
 * saw none was not needed (it closes on its next call); one that saw some refused them or probed
 * and failed.
 */
async function sourceAttempts(top: Topology): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await Promise.all(
    top.gateways.map(async (g) => {
      const text = await fetch(`${g.url}/metrics`, { headers })
        .then((r) => r.text())
        .catch(() => '');
      for (const m of text.matchAll(/^sluice_source_cache_total\{([^}]*)\} ([0-9.e+]+)$/gm)) {
        const labels = m[1] ?? '';
        const provider = /provider="([^"]+)"/.exec(labels)?.[1];
        if (!provider || /result="hit"/.test(labels)) continue;
        const key = `${g.name}/${provider}`;
        counts.set(key, (counts.get(key) ?? 0) + Number(m[2]));
      }
    }),
  );
  return counts;
}

/** Steady mixed load with nothing failing: requests per second and latency through HAProxy. */
async function throughput(top: Topology): Promise<Row> {
  const result = await mixed(top, PHASE_MS);
  const out = row(top, 'steady mixed load', result);
  const perSecond = result.requests / (result.elapsedMs / 1000);
  const ms = (p: number) => Math.round(percentile(result.latencies, p));
  out.recovery = `${perSecond.toFixed(0)} req/s, p50 ${ms(0.5)} ms, p99 ${ms(0.99)} ms`;
  out.verdict = result.failed === 0 ? 'no failures' : `${result.failed} failed`;
  return out;
}

async function providerFaults(top: Topology): Promise<Row> {
  const slotMs = Math.max(PHASE_MS / SLOTS.length, 6_000);
  const tailMs = 6_000;
  const offset = top.n % FAULT_KINDS.length;
  const watch = watchBreakers(top.gateways, headers);
  const load = mixed(top, slotMs * SLOTS.length + tailMs);
  const plan: Array<{
    provider: string;
    kind: FaultKind;
    also: readonly string[];
    calls: number;
    clearedAt: number;
  }> = [];
  const [admin] = top.gateways as [Gateway];
  for (const [i, { provider, with: also = [] }] of SLOTS.entries()) {
    const kind = FAULT_KINDS[(i + offset) % FAULT_KINDS.length] as FaultKind;
    const before = emulator.calls(provider);
    emulator.inject(provider, fault(kind));
    for (const other of also) emulator.inject(other, fault('500'));
    // Cached values would hide the fault: drop the chain's so the gateway must call it.
    for (const name of [provider, ...also]) await invalidate(admin, name);
    await sleep(slotMs * 0.6);
    // The chain ahead keeps failing, so traffic still reaches the provider and can close its breaker.
    emulator.inject(provider, {});
    const clearedAt = performance.now();
    await invalidate(admin, provider);
    plan.push({ provider, kind, also, calls: emulator.calls(provider) - before, clearedAt });
    await sleep(slotMs * 0.4);
    for (const other of also) emulator.inject(other, {});
  }
  // What each replica needed of each provider in the quiet tail, from the moment the last
  // provider's breaker may probe again (BREAKER_HALF_OPEN_AFTER_MS, 2 s, after its fault ended): a
  // breaker that is not closed at the end either was needed then (stuck) or was not (it closes on
  // its next call).
  await sleep(HALF_OPEN_AFTER_MS + 500);
  const tailStart = await sourceAttempts(top);
  const result = await load;
  const tailEnd = await sourceAttempts(top);
  await watch.stop();
  const out = row(top, 'provider faults', result);
  out.breakers = breakerSummary(watch);
  const problems: string[] = [];
  let slowestClose = 0;
  const needed = (key: string) => (tailEnd.get(key) ?? 0) - (tailStart.get(key) ?? 0);
  const notClosed = [...watch.last].filter(([, state]) => state !== 'closed');
  const lines = plan.map(({ provider, kind, also, calls, clearedAt }) => {
    const h = watch.history.get(provider);
    const closedAfter = h?.closedAt.find((t) => t >= clearedAt);
    if (h && h.opened > 0) {
      // Needed and still not closed is a failure, on any replica; never needed again is a breaker
      // waiting for the call that would close it (a fallback not needed any more, a value other
      // replicas refilled in the shared cache).
      const stuck = notClosed
        .filter(([key]) => key.endsWith(`/${provider}`) && needed(key) > 0)
        .map(([key]) => key.split('/')[0]);
      if (stuck.length > 0)
        problems.push(`${provider} breaker did not close on ${stuck.join(', ')} though needed`);
      if (closedAfter !== undefined) slowestClose = Math.max(slowestClose, closedAfter - clearedAt);
    } else if (calls >= 5 * top.n) {
      // BREAKER_MIN_REQUESTS (5) calls on each replica, on average, and still closed.
      problems.push(`${provider} breaker never opened (${calls} calls)`);
    }
    const close =
      closedAfter === undefined ? '' : `, closed ${seconds(closedAfter - clearedAt)} after`;
    const chain = also.length > 0 ? ` (with ${also.join(', ')} failing too)` : '';
    return `${provider} ${kind}${chain}: ${calls} upstream calls while failing, opened ${h?.opened ?? 0}x${close}`;
  });
  out.recovery = `closed ≤ ${seconds(slowestClose)}`;
  if (result.serverErrors > 0) problems.push(`${result.serverErrors} 5xx`);
  if (result.failed > 0) problems.push(`${result.failed} failed`);
  if (result.malformedAnswers > 0) problems.push(`${result.malformedAnswers} malformed answers`);
  out.verdict = problems.length === 0 ? 'met' : `NOT MET: ${problems.join('; ')}`;
  out.details.push(
    `slots of ${seconds(slotMs)} (fault for 60%), breakers per provider over all replicas:`,
    ...lines.map((line) => `  ${line}`),
    `breakers not closed at the end (${seconds(tailMs)} after the last fault), with the cache misses and stale reads of that provider on that replica in its last ${seconds(tailMs - HALF_OPEN_AFTER_MS - 500)}: ${notClosed.map(([key, state]) => `${key} ${state} (${needed(key)} needed${needed(key) === 0 ? ': closes on its next call' : ''})`).join(', ') || 'none'}`,
  );
  return out;
}

async function replicaKill(top: Topology): Promise<Row> {
  const victim = top.gateways[top.gateways.length - 1] as Gateway;
  const load = mixed(top, PHASE_MS);
  const started = performance.now();
  await sleep(PHASE_MS * 0.25);
  const killedAt = performance.now() - started;
  await victim.kill('SIGKILL');
  await sleep(Math.max(0, PHASE_MS * 0.5 - (performance.now() - started)));
  const restartAt = performance.now();
  const readyMs = await victim.start();
  const routedMs = await routedTo(top, [victim.name]);
  const backAt = performance.now() - started;
  const result = await load;
  const out = row(top, 'replica SIGKILL + restart', result);
  const inFlight = Math.ceil(CONNECTIONS / top.n);
  const near = result.failureTimes.filter((t) => t >= killedAt && t < killedAt + 2_000).length;
  out.recovery = `restart ready ${seconds(readyMs)}, routed +${seconds(routedMs)}`;
  out.verdict =
    result.failed === 0
      ? 'met'
      : result.failed <= inFlight
        ? `met (${result.failed} ≤ ${inFlight} in flight on it)`
        : `NOT MET: ${result.failed} failed, more than the ${inFlight} in flight on it`;
  out.details.push(
    `killed ${victim.name} at ${seconds(killedAt)}, restarted at ${seconds(restartAt - started)}, routed again at ${seconds(backAt)}; failures within 2 s of the kill: ${near}, after the restart: ${result.failureTimes.filter((t) => t >= restartAt - started).length}`,
  );
  return out;
}

/**
 * Whether a value cached through `a` is read by `b` without an upstream call: a news query no one
 * asked before, through `a` (one upstream call), then through `b` (none if the cache is shared).
 */
async function sharedCacheProbe(a: Gateway, b: Gateway, token: string): Promise<boolean> {
  const query = 'query N($q: String!) { news(query: $q, limit: 3) { title } }';
  const upstream = () =>
    ['newsapi', 'hn-algolia']
      .flatMap((p) => emulator.requests(p))
      .filter((url) => url.search.includes(token)).length;
  const first = await graphql(new URL(`${a.url}/graphql`), query, headers, { q: token });
  if (first.status !== 200 || first.errors) return false;
  const afterA = upstream();
  if (afterA === 0) return false;
  const second = await graphql(new URL(`${b.url}/graphql`), query, headers, { q: token });
  if (second.status !== 200 || second.errors) return false;
  return upstream() === afterA;
}

/**
 * Mixed load through HAProxy while `server` is stopped a quarter into the phase and started again
 * DOWN_MS later; then how long until `recovered` holds (undefined: not within 30 s).
 */
async function restartUnderLoad(
  top: Topology,
  server: Restartable,
  what: string,
  recovered: () => Promise<boolean>,
): Promise<{ result: TrafficResult; recoveryMs: number | undefined; timeline: string }> {
  const load = mixed(top, PHASE_MS);
  const started = performance.now();
  await sleep(PHASE_MS * 0.25);
  const stoppedAt = performance.now() - started;
  await server.stop();
  await sleep(DOWN_MS);
  await server.start();
  const upAt = performance.now() - started;
  let recoveryMs: number | undefined;
  try {
    recoveryMs = await waitFor(what, recovered, 30_000, 100);
  } catch {
    recoveryMs = undefined;
  }
  const result = await load;
  const during = result.failureTimes.filter((t) => t >= stoppedAt);
  const span =
    during.length > 0
      ? `${seconds(during[0] ?? 0)} to ${seconds(during[during.length - 1] ?? 0)}`
      : '- to -';
  const timeline = `stopped at ${seconds(stoppedAt)}, started at ${seconds(upAt)}; failures from ${span}`;
  return { result, recoveryMs, timeline };
}

async function redisRestart(top: Topology): Promise<Row> {
  const [a, b] = top.gateways as [Gateway, Gateway];
  let probes = 0;
  const probe = () => sharedCacheProbe(a, b, `probe${Date.now()}x${probes++}`);
  const baseline = await probe();
  const { result, recoveryMs, timeline } = await restartUnderLoad(
    top,
    redis,
    'shared caching',
    probe,
  );
  const out = row(top, 'Redis stop 2 s + restart', result);
  out.recovery =
    recoveryMs === undefined
      ? 'shared cache not back in 30 s'
      : `shared cache +${seconds(recoveryMs)}`;
  const problems: string[] = [];
  if (!baseline) problems.push('the shared-cache probe failed before the restart');
  if (result.failed > 0) problems.push(`${result.failed} failed`);
  if (recoveryMs === undefined || recoveryMs > RECOVERY_GOAL_MS)
    problems.push('shared caching not back within 5 s');
  out.verdict = problems.length === 0 ? 'met' : `NOT MET: ${problems.join('; ')}`;
  out.details.push(
    `Redis ${timeline}; probe before the restart: ${baseline ? 'shared' : 'NOT shared'}`,
  );
  return out;
}

async function postgresRestart(top: Topology): Promise<Row> {
  if (!postgres) {
    return {
      topology: top.n,
      scenario: 'PostgreSQL stop 2 s + restart',
      requests: 0,
      serverErrors: 0,
      failed: 0,
      malformed: 0,
      breakers: '-',
      recovery: '-',
      verdict: 'not run: no DATABASE_URL support yet',
      details: [],
    };
  }
  const searchOk = async () => {
    const res = await graphql<{ search: unknown[] | null }>(
      new URL('/graphql', top.haproxy),
      '{ search(query: "how is the cache invalidated", k: 3) { title } }',
      headers,
    );
    return res.status === 200 && !res.errors && Array.isArray(res.data?.search);
  };
  const { result, recoveryMs, timeline } = await restartUnderLoad(
    top,
    postgres,
    'search',
    searchOk,
  );
  const out = row(top, 'PostgreSQL stop 2 s + restart', result);
  const data = result.byKind.get('data') ?? { requests: 0, failed: 0, errored: 0 };
  out.recovery =
    recoveryMs === undefined ? 'search not back in 30 s' : `search +${seconds(recoveryMs)}`;
  const problems: string[] = [];
  if (data.failed + data.errored > 0)
    problems.push(`data query: ${data.failed} failed, ${data.errored} with errors`);
  if (recoveryMs === undefined || recoveryMs > RECOVERY_GOAL_MS)
    problems.push('search not back within 5 s');
  out.verdict = problems.length === 0 ? 'met' : `NOT MET: ${problems.join('; ')}`;
  out.details.push(`PostgreSQL ${timeline}`);
  return out;
}

/** 100 concurrent requests for one quote through HAProxy; the equity chain's upstream calls. */
async function stampede(top: Topology): Promise<{ calls: number; failed: number; stale: number }> {
  const body = JSON.stringify({ query: '{ quote(symbol: "AAPL") { price provider stale } }' });
  const before = EQUITY_CHAIN.reduce((sum, p) => sum + emulator.calls(p), 0);
  const responses = await Promise.all(
    Array.from({ length: 100 }, () => post(new URL('/graphql', top.haproxy), body, headers)),
  );
  const after = EQUITY_CHAIN.reduce((sum, p) => sum + emulator.calls(p), 0);
  const failed = responses.filter((r) => r.status !== 200 || r.text.includes('"errors"')).length;
  const stale = responses.filter((r) => r.text.includes('"stale":true')).length;
  return { calls: after - before, failed, stale };
}

async function hotKey(top: Topology): Promise<Row> {
  const [admin] = top.gateways as [Gateway];
  await invalidate(admin, 'quote');
  // Pub/sub tells the other replicas to drop their local copies.
  await sleep(200);
  const cold = await stampede(top);
  // Past the equity quote's 15 s TTL (and the 5 s local tier): the hot key has expired.
  await sleep(16_000);
  const expired = await stampede(top);
  const failed = cold.failed + expired.failed;
  const ok = cold.calls === 1 && expired.calls <= 1;
  return {
    topology: top.n,
    scenario: 'hot key (100 concurrent)',
    requests: 200,
    serverErrors: 0,
    failed,
    malformed: 0,
    breakers: '-',
    recovery: '-',
    verdict:
      ok && failed === 0
        ? 'met'
        : `NOT MET: ${cold.calls} upstream calls after invalidation, ${expired.calls} after expiry`,
    details: [
      `upstream calls (equity chain) for 100 concurrent requests: ${cold.calls} after invalidateCache, ${expired.calls} after the TTL passed (${expired.stale} of those 100 served stale); failed or with errors: ${failed}`,
    ],
  };
}

async function rateLimit(top: Topology): Promise<Row> {
  const namespace = `reliability-${process.pid}-${Date.now()}-rl${top.n}`;
  const gateways = await Promise.all(
    top.gateways.map(async (g) =>
      createGateway(
        `${g.name}`,
        g.port,
        gatewayEnv(namespace, { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) }),
        top.dir,
      ),
    ),
  );
  await Promise.all(gateways.map((g) => g.start()));
  try {
    await routedTo(
      top,
      gateways.map((g) => g.name),
    );
    const result = await traffic({
      url: new URL('/graphql', top.haproxy),
      headers,
      connections: 3,
      ms: 50_000,
      maxRequests: RATE_LIMIT * 2,
      body: () => JSON.stringify({ query: '{ quote(symbol: "MSFT") { price } }' }),
      kindOf: () => 'quote',
      intended: new Set([429]),
    });
    const allowed = result.byStatus.get(200) ?? 0;
    const refused = result.byStatus.get(429) ?? 0;
    const out = row(top, `rate limit ${RATE_LIMIT}/min`, result);
    out.recovery = '-';
    out.verdict =
      allowed === RATE_LIMIT && refused === result.requests - allowed
        ? `met (${allowed} allowed, ${refused} refused)`
        : `NOT MET: ${allowed} allowed of a limit of ${RATE_LIMIT}, ${refused} refused`;
    return out;
  } finally {
    await Promise.all(gateways.map((g) => g.kill('SIGTERM')));
  }
}

async function runTopology(n: number): Promise<Row[]> {
  const dir = await mkdtemp(join(root, `replicas-${n}-`));
  const namespace = `reliability-${process.pid}-${Date.now()}-${n}`;
  const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
  const gateways = await Promise.all(
    ports.map((port, i) => createGateway(`r${i + 1}`, port, gatewayEnv(namespace), dir)),
  );
  const rows: Row[] = [];
  let haproxy: Child | undefined;
  try {
    await Promise.all(gateways.map((g) => g.start()));
    const port = await freePort();
    haproxy = await startHaproxy({
      port,
      replicas: gateways.map((g) => ({ name: g.name, port: g.port })),
      checkPath: CHECK_PATH,
      panic: PANIC,
      dir,
    });
    const top: Topology = { n, gateways, haproxy: new URL(`http://127.0.0.1:${port}`), dir };
    await routedTo(
      top,
      gateways.map((g) => g.name),
    );
    // Warm the caches and the index so the first scenario does not measure a cold start.
    await mixed(top, 3_000);
    if (MODE === 'throughput') {
      rows.push(await throughput(top));
      return rows;
    }
    const scenarios: Array<[string, (t: Topology) => Promise<Row>]> = [
      ['provider faults', providerFaults],
      ['replica SIGKILL + restart', replicaKill],
      ['Redis stop 2 s + restart', redisRestart],
      ['PostgreSQL stop 2 s + restart', postgresRestart],
      ['hot key (100 concurrent)', hotKey],
    ];
    for (const [name, scenario] of scenarios) {
      emulator.clearFaults();
      process.stderr.write(`[${new Date().toISOString()}] ${n} replicas: ${name}\n`);
      const [done, events] = await haproxyEvents(top, () =>
        scenario(top).catch((error: unknown) => errorRow(n, name, error)),
      );
      done.details.push(events);
      rows.push(done);
      // Let a restarted replica be routed again before the next scenario.
      await routedTo(
        top,
        gateways.map((g) => g.name),
      ).catch(() => {});
    }
    process.stderr.write(`[${new Date().toISOString()}] ${n} replicas: rate limit\n`);
    await Promise.all(gateways.map((g) => g.kill('SIGTERM')));
    const [limited, events] = await haproxyEvents(top, () =>
      rateLimit(top).catch((error: unknown) => errorRow(n, 'rate limit', error)),
    );
    limited.details.push(events);
    rows.push(limited);
  } finally {
    await Promise.all(gateways.map((g) => g.kill('SIGTERM')));
    await haproxy?.stop();
  }
  return rows;
}

function errorRow(n: number, scenario: string, error: unknown): Row {
  return {
    topology: n,
    scenario,
    requests: 0,
    serverErrors: 0,
    failed: 0,
    malformed: 0,
    breakers: '-',
    recovery: '-',
    verdict: `ERROR: ${error instanceof Error ? error.message : String(error)}`,
    details: [],
  };
}

function printTable(rows: readonly Row[]) {
  const head = [
    'replicas',
    'scenario',
    'requests',
    '5xx',
    'failed',
    'answers malformed',
    'breaker transitions',
    'recovery',
    'verdict',
  ];
  const cells = rows.map((r) => [
    String(r.topology),
    r.scenario,
    String(r.requests),
    String(r.serverErrors),
    String(r.failed),
    String(r.malformed),
    r.breakers,
    r.recovery,
    r.verdict,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  console.log();
  for (const r of rows) {
    if (r.details.length === 0) continue;
    console.log(`${r.topology} replicas, ${r.scenario}:\n    ${r.details.join('\n    ')}`);
  }
}

const rows: Row[] = [];
try {
  for (const n of TOPOLOGIES) rows.push(...(await runTopology(n)));
  console.log(
    `reliability (${MODE}): ${CONNECTIONS} connections, ${SECONDS} s load phases (RELIABILITY_SECONDS), HAProxy check ${CHECK_PATH}${PANIC ? ' with a /healthz panic backend' : ''}, logs in ${root}`,
  );
  printTable(rows);
  console.log(machineLine());
} finally {
  await emulator.close();
  await redis.stop();
  await postgres?.stop();
  killAllChildren();
}

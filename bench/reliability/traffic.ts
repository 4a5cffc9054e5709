import { Agent, request } from 'node:http';

/** The response of one POST: status, body text, and the replica HAProxy stamped on it. */
export interface Posted {
  status: number;
  text: string;
  replica: string | undefined;
}

/** POSTs a GraphQL body; a transport failure is status 0 (never rejects). */
export function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  agent?: Agent,
  timeoutMs = 40_000,
): Promise<Posted> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const replica = res.headers['x-replica'];
          resolve({ status: res.statusCode ?? 0, text, replica: replica as string | undefined });
        });
        res.on('error', () => resolve({ status: 0, text, replica: undefined }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (error) => resolve({ status: 0, text: error.message, replica: undefined }));
    req.end(body);
  });
}

/** A GraphQL operation over `post`, parsed; `data` undefined when the body is not JSON. */
export async function graphql<T>(
  url: URL,
  query: string,
  headers: Record<string, string>,
  variables?: Record<string, unknown>,
): Promise<{ status: number; data?: T; errors?: Array<{ extensions?: { code?: string } }> }> {
  const res = await post(url, JSON.stringify({ query, variables }), headers);
  try {
    return { status: res.status, ...(JSON.parse(res.text) as { data?: T }) };
  } catch {
    return { status: res.status };
  }
}

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'BTC-USD', 'EURUSD=X'];
const PLACES = ['Osaka', 'Berlin', 'Paris', 'London', 'Tokyo', 'Sydney'];
const TOPICS = ['climate', 'markets', 'elections', 'technology', 'energy'];
const SEARCHES = [
  'how do I configure the rate limit',
  'what happens when a provider fails',
  'how is the cache invalidated',
  'which API keys are required',
];
const ANSWER_FIELDS = `id text status model
  sources { name provider status cached error }
  citations { index source }
  gates { name status }`;
const EXACT = 'What is the weather in Osaka and the price of AAPL?';
const PARAPHRASES = [
  "What's the weather like in Osaka, and what is AAPL trading at?",
  'How is the weather in Osaka and what does AAPL cost?',
  'Tell me the weather in Osaka and the AAPL share price',
];
const NEW_SUBJECTS = ['price of MSFT', 'price of NVDA', 'news about energy', 'price of BTC-USD'];

/** The kinds of request in the mix, one each in turn. */
export const KINDS = ['data', 'answer-exact', 'answer-paraphrase', 'answer-new', 'news', 'search'];

/** Request `n` of the mixed traffic: the data query, three kinds of `answer`, `news`, `search`. */
export function mixedBody(n: number): string {
  const kind = KINDS[n % KINDS.length];
  const round = Math.floor(n / KINDS.length);
  const pick = <T>(list: readonly T[]) => list[round % list.length] as T;
  switch (kind) {
    case 'data':
      return JSON.stringify({
        query: `query Data($place: String!) {
          quotes(symbols: ${JSON.stringify(SYMBOLS)}) { symbol price provider stale }
          weather(location: $place, days: 2) { location { name } current { temperatureC } provider stale }
          exchangeRate(base: "EUR", target: "USD") { rate provider }
        }`,
        variables: { place: pick(PLACES) },
      });
    case 'answer-exact':
      return answerBody(EXACT);
    case 'answer-paraphrase':
      return answerBody(pick(PARAPHRASES));
    case 'answer-new':
      // A question not asked before in this run (a place and a subject in a new pairing).
      return answerBody(
        `What is the weather in ${pick(PLACES)} and the ${NEW_SUBJECTS[round % NEW_SUBJECTS.length]} (ask ${round})?`,
      );
    case 'news':
      return JSON.stringify({
        query: `query News($q: String!) { news(query: $q, limit: 3) { title provider } }`,
        variables: { q: pick(TOPICS) },
      });
    default:
      return JSON.stringify({
        query: `query Search($q: String!) { search(query: $q, k: 3) { title score } }`,
        variables: { q: pick(SEARCHES) },
      });
  }
}

function answerBody(question: string): string {
  return JSON.stringify({
    query: `query Answer($q: String!) { answer(question: $q) { ${ANSWER_FIELDS} } }`,
    variables: { q: question },
  });
}

const ANSWER_STATUSES = new Set(['ANSWERED', 'DEGRADED', 'REFUSED']);
const SOURCE_STATUSES = new Set(['OK', 'CACHED', 'STALE', 'FAILED', 'TIMEOUT', 'SKIPPED']);

interface AnswerShape {
  text?: unknown;
  status?: unknown;
  sources?: Array<{ name?: unknown; status?: unknown }>;
}

/**
 * Why an `answer` response is malformed, or undefined when it is well-formed: a non-null answer
 * with text, a known status and, for every source, a name and a known per-source status.
 */
export function answerProblem(text: string): string | undefined {
  let body: { data?: { answer?: AnswerShape | null } | null };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return 'not JSON';
  }
  const answer = body.data?.answer;
  if (!answer) return 'no answer';
  if (typeof answer.text !== 'string') return 'no text';
  if (!ANSWER_STATUSES.has(String(answer.status))) return `status ${String(answer.status)}`;
  if (!Array.isArray(answer.sources)) return 'no sources';
  for (const source of answer.sources) {
    if (typeof source.name !== 'string' || !SOURCE_STATUSES.has(String(source.status)))
      return `source ${String(source.name)} status ${String(source.status)}`;
  }
  return undefined;
}

/** What one load phase saw. */
export interface TrafficResult {
  requests: number;
  byStatus: Map<number, number>;
  byReplica: Map<string, number>;
  /** `<replica> <status>`: how each replica answered. */
  byReplicaStatus: Map<string, number>;
  /** HTTP 500 to 599 (HAProxy's own 503s included). */
  serverErrors: number;
  /** Not a 200 and not an intended 429; transport failures (status 0) included. */
  failed: number;
  /** 200s whose body has `errors`, by code. */
  codedErrors: Map<string, number>;
  answers: number;
  malformedAnswers: number;
  malformedExamples: string[];
  /** Milliseconds into the phase of each failed request (for recovery times). */
  failureTimes: number[];
  /** Latency of each response, ms. */
  latencies: number[];
  /** Per kind of request: how many, how many failed (HTTP), how many had `errors`. */
  byKind: Map<string, { requests: number; failed: number; errored: number }>;
  elapsedMs: number;
}

export interface TrafficOptions {
  url: URL;
  headers: Record<string, string>;
  connections: number;
  ms: number;
  /** Stop after this many requests, if that comes before `ms`. */
  maxRequests?: number;
  body?: (n: number) => string;
  /** The kind of request `n` (for per-kind counts); the mixed traffic's kinds by default. */
  kindOf?: (n: number) => string;
  /** Statuses that are the point of the phase (429 in the rate-limit run) and so not failures. */
  intended?: ReadonlySet<number>;
}

/**
 * Mixed traffic on `connections` keep-alive connections back to back for `ms`, counting every
 * response by status, replica and error code (bench/load.ts's loop, with per-status counts).
 */
export async function traffic(options: TrafficOptions): Promise<TrafficResult> {
  const { url, connections, ms, headers, body = mixedBody, intended = new Set() } = options;
  const kindOf = options.kindOf ?? ((n: number) => KINDS[n % KINDS.length] ?? '?');
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const result: TrafficResult = {
    requests: 0,
    byStatus: new Map(),
    byReplica: new Map(),
    byReplicaStatus: new Map(),
    serverErrors: 0,
    failed: 0,
    codedErrors: new Map(),
    answers: 0,
    malformedAnswers: 0,
    malformedExamples: [],
    failureTimes: [],
    latencies: [],
    byKind: new Map(),
    elapsedMs: 0,
  };
  const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  const started = performance.now();
  const deadline = started + ms;
  let issued = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && issued < (options.maxRequests ?? Infinity)) {
        const n = issued++;
        const text = body(n);
        const sent = performance.now();
        const res = await post(url, text, headers, agent);
        result.latencies.push(performance.now() - sent);
        result.requests++;
        const kind = result.byKind.get(kindOf(n)) ?? { requests: 0, failed: 0, errored: 0 };
        result.byKind.set(kindOf(n), kind);
        kind.requests++;
        bump(result.byStatus, res.status);
        bump(result.byReplica, res.replica ?? '-');
        bump(result.byReplicaStatus, `${res.replica ?? '-'} ${res.status}`);
        if (res.status >= 500) result.serverErrors++;
        if (res.status !== 200 && !intended.has(res.status)) {
          result.failed++;
          kind.failed++;
          result.failureTimes.push(performance.now() - started);
        }
        if (res.status === 200 && res.text.includes('"errors"')) {
          kind.errored++;
          const codes = [...res.text.matchAll(/"code":"([A-Z_]+)"/g)].map((m) => m[1] ?? '?');
          for (const code of new Set(codes.length > 0 ? codes : ['?'])) {
            bump(result.codedErrors, code);
          }
        }
        // A non-200 is already a failure; malformed counts the 200s that are not whole answers.
        if (res.status === 200 && text.includes('answer(question')) {
          result.answers++;
          const problem = answerProblem(res.text);
          if (problem) {
            result.malformedAnswers++;
            if (result.malformedExamples.length < 3) result.malformedExamples.push(problem);
          }
        }
      }
    }),
  );
  agent.destroy();
  result.elapsedMs = performance.now() - started;
  return result;
}

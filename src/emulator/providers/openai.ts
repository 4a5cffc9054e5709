import { createHash } from 'node:crypto';
import { hashingVector } from '../../vector/hashing-embedder.js';
import {
  json,
  type EmulatedProvider,
  type EmulatedRequest,
  type EmulatedResponse,
} from '../types.js';

/** Native vector lengths of the embedding models the emulator knows. */
const MODELS: Record<string, { dimension: number; shortenable: boolean }> = {
  'text-embedding-3-small': { dimension: 1536, shortenable: true },
  'text-embedding-3-large': { dimension: 3072, shortenable: true },
  'text-embedding-ada-002': { dimension: 1536, shortenable: false },
  // An open model an OpenAI-compatible server (Ollama, vLLM) serves at its own length.
  'nomic-embed-text': { dimension: 768, shortenable: false },
};
const MAX_INPUTS = 2048;
const API_REFERENCE =
  'Please check the API reference: https://platform.openai.com/docs/api-reference.';

/** OpenAI's error envelope, as every endpoint sends it. */
const error = (
  status: number,
  message: string,
  code: string | null = null,
  param: string | null = null,
) => json(status, { error: { message, type: 'invalid_request_error', param, code } });

const ROUTES: Record<string, (body: string, requestNumber: number) => EmulatedResponse> = {
  'POST /v1/embeddings': embeddings,
  'POST /v1/chat/completions': chatCompletions,
};

/**
 * The OpenAI embeddings and chat completions APIs (`POST /v1/embeddings`,
 * `POST /v1/chat/completions`). Vectors come from the hashing embedder at the requested length, so
 * they are deterministic and similar texts get similar vectors; chat answers restate the numbered
 * context they are given (see `composeAnswer`). Any bearer key is accepted except one containing
 * `invalid`.
 */
export function openAiProvider(): EmulatedProvider {
  let requests = 0;
  return {
    name: 'openai',
    handle(request) {
      const route = ROUTES[`${request.method ?? 'GET'} ${request.path}`];
      if (!route) return error(404, `Invalid URL (${request.method ?? 'GET'} ${request.path})`);
      const auth = authorise(request);
      if (auth) return auth;
      requests++;
      return route(request.body ?? '', requests);
    },
    notFound: () => error(404, 'Invalid URL'),
  };
}

function authorise(request: EmulatedRequest): EmulatedResponse | undefined {
  const header = request.headers.authorization;
  const key = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  if (!key) {
    return error(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    );
  }
  if (key.includes('invalid')) {
    const masked =
      key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : key;
    return error(
      401,
      `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_api_key',
    );
  }
  return undefined;
}

/** The request body as a JSON object, or OpenAI's 400 for anything else. */
function parseBody(text: string): Record<string, unknown> | EmulatedResponse {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    return error(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    );
  }
}

const isResponse = (value: unknown): value is EmulatedResponse =>
  typeof value === 'object' && value !== null && 'status' in value && 'contentType' in value;

/** The headers OpenAI sends with every successful answer. */
function openAiHeaders(model: string, tokens: number, requestNumber: number, ms: number) {
  return {
    'openai-model': model,
    'openai-organization': 'user-emulated',
    'openai-processing-ms': String(ms),
    'openai-version': '2020-10-01',
    'x-ratelimit-limit-requests': '3000',
    'x-ratelimit-remaining-requests': '2999',
    'x-ratelimit-limit-tokens': '1000000',
    'x-ratelimit-remaining-tokens': String(Math.max(0, 1_000_000 - tokens)),
    'x-request-id': `req_${requestNumber.toString(16).padStart(32, '0')}`,
  };
}

function embeddings(text: string, requestNumber: number): EmulatedResponse {
  const body = parseBody(text);
  if (isResponse(body)) return body;
  const { model, input, dimensions, encoding_format: format = 'float' } = body;
  if (typeof model !== 'string' || model === '')
    return error(400, 'you must provide a model parameter');
  const spec = MODELS[model];
  if (!spec)
    return error(
      404,
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'model_not_found',
    );
  const inputs = typeof input === 'string' ? [input] : input;
  if (
    !Array.isArray(inputs) ||
    inputs.length === 0 ||
    inputs.length > MAX_INPUTS ||
    inputs.some((item) => typeof item !== 'string' || item === '')
  ) {
    return error(400, `'$.input' is invalid. ${API_REFERENCE}`);
  }
  if (format !== 'float' && format !== 'base64')
    return error(400, `'$.encoding_format' is invalid. ${API_REFERENCE}`);
  let dimension = spec.dimension;
  if (dimensions !== undefined) {
    if (!spec.shortenable) return error(400, 'This model does not support specifying dimensions.');
    if (
      !Number.isInteger(dimensions) ||
      (dimensions as number) < 1 ||
      (dimensions as number) > spec.dimension
    ) {
      return error(400, `'$.dimensions' is invalid. ${API_REFERENCE}`);
    }
    dimension = dimensions as number;
  }
  const tokens = (inputs as string[]).reduce(
    (sum, item) => sum + Math.max(1, Math.ceil(item.length / 4)),
    0,
  );
  const data = (inputs as string[]).map((item, index) => {
    const vector = hashingVector(item, dimension);
    const embedding =
      format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const response = json(
    200,
    { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
    openAiHeaders(model, tokens, requestNumber, 20 + inputs.length),
  );
  return { ...response, contentType: 'application/json' };
}

/** Chat models the emulator serves, with the dated snapshot it reports answering (as OpenAI does). */
const CHAT_MODELS: Record<string, string> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
};
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/** A chat message's text: a string, or the text parts of a content array. */
function messageText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts = content.map((part: unknown) =>
    typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'text'
      ? (part as { text?: unknown }).text
      : undefined,
  );
  return parts.every((p) => typeof p === 'string') ? parts.join('\n') : undefined;
}

/**
 * A BPE-like token count (words and punctuation marks). Deliberately not the gateway's chars/4
 * estimate, so tests can tell reported usage from an estimate.
 */
function countTokens(text: string): number {
  return text.match(/[A-Za-z]+|\d|[^\sA-Za-z\d]/g)?.length ?? 0;
}

function chatCompletions(text: string, requestNumber: number): EmulatedResponse {
  const body = parseBody(text);
  if (isResponse(body)) return body;
  const { model, messages, stream } = body;
  if (typeof model !== 'string' || model === '')
    return error(400, 'you must provide a model parameter');
  if (messages === undefined)
    return error(
      400,
      "Missing required parameter: 'messages'.",
      'missing_required_parameter',
      'messages',
    );
  if (!Array.isArray(messages) || messages.length === 0) {
    return error(
      400,
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'empty_array',
      'messages',
    );
  }
  const chat: Array<{ role: string; text: string }> = [];
  for (const [i, message] of messages.entries()) {
    const role: unknown = (message as { role?: unknown } | null)?.role;
    const content = messageText((message as { content?: unknown } | null)?.content);
    if (typeof role !== 'string' || !ROLES.has(role)) {
      return error(
        400,
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        'invalid_value',
        `messages[${i}].role`,
      );
    }
    if (content === undefined) {
      return error(
        400,
        `Invalid type for 'messages[${i}].content'.`,
        'invalid_type',
        `messages[${i}].content`,
      );
    }
    chat.push({ role, text: content });
  }
  if (stream === true) {
    return error(
      400,
      'The emulator does not support streaming: send stream: false.',
      'unsupported_value',
      'stream',
    );
  }
  const limitParam =
    body.max_completion_tokens === undefined ? 'max_tokens' : 'max_completion_tokens';
  const limit = body[limitParam];
  if (limit !== undefined && limit !== null) {
    if (!Number.isInteger(limit)) {
      return error(
        400,
        `Invalid type for '${limitParam}': expected an integer, but got ${typeof limit} instead.`,
        'invalid_type',
        limitParam,
      );
    }
    if ((limit as number) < 1) {
      return error(
        400,
        `Invalid '${limitParam}': integer below minimum value. Expected a value >= 1, but got ${String(limit)} instead.`,
        'integer_below_min_value',
        limitParam,
      );
    }
  }
  const answeredBy = model.startsWith('test-')
    ? model
    : (CHAT_MODELS[model] ?? (Object.values(CHAT_MODELS).includes(model) ? model : undefined));
  if (!answeredBy) {
    return error(
      404,
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'model_not_found',
    );
  }

  const answer = composeAnswer(chat);
  let content = answer.content;
  let finishReason = 'stop';
  if (content !== null && typeof limit === 'number' && countTokens(content) > limit) {
    content = truncateToTokens(content, limit);
    finishReason = 'length';
  }
  // OpenAI's framing: ~3 tokens per message and 3 to prime the reply.
  const promptTokens = chat.reduce((sum, m) => sum + countTokens(m.text) + 3, 3);
  const completionTokens = countTokens(content ?? answer.refusal ?? '');
  const response = json(
    200,
    {
      id: `chatcmpl-${createHash('sha256').update(`${requestNumber}:${text}`).digest('base64url').slice(0, 29)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: answeredBy,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: answer.refusal, annotations: [] },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: 'default',
      system_fingerprint: `fp_${createHash('sha256').update(answeredBy).digest('hex').slice(0, 10)}`,
    },
    openAiHeaders(
      answeredBy,
      promptTokens + completionTokens,
      requestNumber,
      200 + completionTokens * 8,
    ),
  );
  return { ...response, contentType: 'application/json' };
}

/** The longest prefix of whole words within `limit` tokens. */
function truncateToTokens(text: string, limit: number): string {
  const words = text.split(' ');
  let out = '';
  for (const word of words) {
    const next = out ? `${out} ${word}` : word;
    if (countTokens(next) > limit) break;
    out = next;
  }
  return out;
}

const STOP = new Set(
  'the a an and or of to in on at for by with from about what which who whom whose when where why how is are was were be been do does did has have had it its this that these those there their they them i me my you your we our can could would should will shall may might tell give show please much many any some than then into over also not no yes'.split(
    ' ',
  ),
);
const words = (text: string) =>
  new Set(
    (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w)),
  );
/** Shared words, counting a word and its inflection (`forecast`/`forecasts`) as one. */
function overlap(question: ReadonlySet<string>, text: ReadonlySet<string>): number {
  let n = 0;
  for (const q of question) {
    for (const t of text) {
      if (q === t || (q.length >= 4 && t.length >= 4 && (q.startsWith(t) || t.startsWith(q)))) {
        n++;
        break;
      }
    }
  }
  return n;
}
const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)
    .map((s) => s.trim())
    .filter(Boolean);
const cite = (sentence: string, index: number) =>
  `${sentence.replace(/[\s.!?;:,]+$/, '')} [${index}].`;

/**
 * A deterministic stand-in for the model. It reads the numbered context (`[n] (source) text` lines)
 * and the `Question:` of the last user message, picks the (at most two) entries sharing most words
 * with the question and restates their best sentences verbatim, each cited `[n]`, so grounding and
 * citation checks pass on it. Magic words in the question drive test cases: EMULATE_HALLUCINATION
 * adds an unsupported figure, EMULATE_INJECTED obeys an instruction found in the context,
 * EMULATE_NO_CITATIONS drops the markers, EMULATE_REFUSAL refuses.
 */
function composeAnswer(chat: ReadonlyArray<{ role: string; text: string }>): {
  content: string | null;
  refusal: string | null;
} {
  const user = [...chat].reverse().find((m) => m.role === 'user')?.text ?? '';
  const system = chat.find((m) => m.role === 'system' || m.role === 'developer')?.text ?? '';
  const entries: Array<{ index: number; text: string }> = [];
  const rest: string[] = [];
  let question = '';
  for (const line of user.split('\n')) {
    const entry = /^\s*\[(\d+)\]\s*(?:\([^()]*\)\s*)?(.*)$/.exec(line);
    const asked = /^\s*Question:\s*(.*)$/i.exec(line);
    if (entry) entries.push({ index: Number(entry[1]), text: entry[2]!.trim() });
    else if (asked) question = asked[1]!.trim();
    else if (line.trim() && !line.trim().endsWith(':')) rest.push(line.trim());
  }
  if (!question) question = rest.join(' ');

  if (question.includes('EMULATE_REFUSAL')) {
    return { content: null, refusal: "I'm sorry, but I can't help with that request." };
  }
  if (question.includes('EMULATE_INJECTED')) {
    const planted = entries.find((e) =>
      /\b(?:ignore|disregard|forget)\b.{0,40}\binstructions?\b/i.test(e.text),
    );
    const order =
      planted &&
      /\b(?:say|reply|respond|answer|write)(?:\s+(?:with|only))?\s*:?\s*["“]?([^"”\n]+)/i.exec(
        planted.text,
      );
    const leaked = system.split('\n')[0] ?? '';
    return {
      content: order
        ? `As instructed, I am ignoring my previous instructions. ${order[1]!.replace(/[\s.!]+$/, '')}.`
        : `Ignoring the previous instructions as requested. My instructions begin: "${leaked}"`,
      refusal: null,
    };
  }

  const asked = words(question);
  const ranked = entries
    .map((e) => ({ ...e, score: overlap(asked, words(e.text)) }))
    .filter((e) => e.score > 0 && e.text)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 2)
    .sort((a, b) => a.index - b.index);
  let content: string;
  if (entries.length === 0) {
    content = 'The context is empty, so I cannot answer this question.';
  } else if (ranked.length === 0) {
    content = 'The context does not contain the information needed to answer this question.';
  } else {
    const parts = ranked.flatMap((e) =>
      sentencesOf(e.text)
        .map((sentence, order) => ({ sentence, order, score: overlap(asked, words(sentence)) }))
        .sort((a, b) => b.score - a.score || a.order - b.order)
        .slice(0, 2)
        .sort((a, b) => a.order - b.order)
        .map((s) => cite(s.sentence, e.index)),
    );
    if (question.includes('EMULATE_HALLUCINATION')) {
      parts.push(
        `It is also expected to rise by 37.5% over the next 12 months [${ranked[0]!.index}].`,
      );
    }
    content = parts.join(' ');
  }
  if (question.includes('EMULATE_NO_CITATIONS')) content = content.replace(/\s*\[\d+\]/g, '');
  return { content, refusal: null };
}

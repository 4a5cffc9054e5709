import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  RateLimitError,
} from 'openai';
import { z } from 'zod';
import { ErrorCode, GatewayError } from '../errors.js';
import type { Logger } from '../logger.js';
import { estimateMessageTokens, estimateTokens } from './pricing.js';
import type { CompletionRequest, CompletionResult, LlmClient } from './types.js';

const PROVIDER = 'openai';
/** Sent when OPENAI_BASE_URL points at a server that needs no key (Ollama, vLLM): the SDK requires one. */
export const PLACEHOLDER_API_KEY = 'sk-no-key-required';
/** A retry is only worth it if this much time would be left for the new attempt. */
const MIN_ATTEMPT_MS = 1_000;
/** Below this much time left, no retries at all. */
const RETRY_WINDOW_MS = 1_500;
const MAX_RETRIES = 2;

export interface OpenAiLlmClientOptions {
  /** OPENAI_API_KEY; may be absent when `baseURL` is set (a placeholder is sent). */
  apiKey?: string;
  /** OPENAI_BASE_URL including `/v1`; OpenAI's when absent. */
  baseURL?: string;
  fetch?: typeof globalThis.fetch;
  logger: Logger;
  now?: () => number;
  /** Cap on one attempt, however far away the deadline is (default 30 s). */
  attemptTimeoutMs?: number;
}

/** A completion, plus what the OpenAI client knows beyond the LlmClient contract. */
export interface OpenAiCompletionResult extends CompletionResult {
  /** True when the server reported no usage and the token counts are estimates (see below). */
  usageEstimated: boolean;
  /** `stop`, or `length` when max_tokens cut the answer short. */
  finishReason: string;
}

/** The LlmClient with the OpenAI-specific result. */
export interface OpenAiLlmClient extends LlmClient {
  complete(request: CompletionRequest): Promise<OpenAiCompletionResult>;
}

/** Per-call state the call's fetch wrapper reads and counts into. */
interface CallState {
  deadline: number;
  attempts: number;
}

const completionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().nonnegative().optional(),
      completion_tokens: z.number().int().nonnegative().optional(),
    })
    .nullish(),
});

/**
 * The LlmClient over the openai SDK. Each call's attempt timeout and retry count come from the
 * time left before its deadline, and a wrapper around fetch stops the SDK's retries (which honour
 * Retry-After) when the wait would not leave time for another attempt; an abort at the deadline
 * ends whatever is in flight. Failures reject with GatewayError codes, never with the key.
 *
 * A server that reports no `usage` (some OpenAI-compatible ones) does not fail the answer: tokens
 * are estimated from the text, the result says `usageEstimated`, and a warning is logged, because
 * throwing away a good answer over missing accounting would be the worse failure.
 */
export function createOpenAiLlmClient(options: OpenAiLlmClientOptions): OpenAiLlmClient {
  const { logger, now = Date.now, attemptTimeoutMs = 30_000 } = options;
  if (!options.apiKey && !options.baseURL) {
    throw new Error('createOpenAiLlmClient needs an apiKey, or a baseURL for a keyless server');
  }
  const baseFetch = options.fetch ?? globalThis.fetch;

  /** The fetch of one call: counts its attempts and stops retries that would end past its deadline. */
  const fetchFor = (call: CallState): typeof globalThis.fetch =>
    async function deadlineAwareFetch(input, init) {
      call.attempts++;
      const response = await baseFetch(input, init);
      if (retryable(response) && !worthRetrying(response.headers, call, now())) {
        // `x-should-retry: false` is the SDK's own switch; the status and body stay the real ones.
        const headers = new Headers(response.headers);
        headers.set('x-should-retry', 'false');
        const { status, statusText } = response;
        return new Response(response.body, { status, statusText, headers });
      }
      return response;
    };

  const client = new OpenAI({
    apiKey: options.apiKey ?? PLACEHOLDER_API_KEY,
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    fetch: baseFetch,
    maxRetries: 0,
    timeout: attemptTimeoutMs,
    logLevel: 'warn',
    logger: sdkLogger(logger),
  });

  return {
    async complete(request) {
      const remaining = request.deadline - now();
      if (remaining <= 0) {
        const message = 'No time was left to ask the language model';
        throw new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, message, { provider: PROVIDER });
      }
      const state: CallState = { deadline: request.deadline, attempts: 0 };
      const abort = new AbortController();
      // The SDK's sleep between attempts ignores the signal, so the deadline is also raced.
      const deadlinePassed = new Promise<never>((_, reject) => {
        abort.signal.addEventListener('abort', () => reject(new APIUserAbortError()), {
          once: true,
        });
      });
      const timer = setTimeout(() => abort.abort(), remaining);
      try {
        // A client per call (`withOptions` shares the configuration): the SDK gives fetch no
        // per-call context of its own, and this one needs the call's deadline and attempts.
        const created = client.withOptions({ fetch: fetchFor(state) }).chat.completions.create(
          {
            model: request.model,
            messages: request.messages,
            max_tokens: request.maxTokens,
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
            stream: false,
          },
          {
            timeout: Math.max(1, Math.floor(Math.min(attemptTimeoutMs, remaining))),
            maxRetries:
              remaining < RETRY_WINDOW_MS
                ? 0
                : Math.min(MAX_RETRIES, Math.floor(remaining / RETRY_WINDOW_MS)),
            signal: abort.signal,
          },
        );
        created.catch(() => {}); // it may settle after losing the race
        const body = await Promise.race([created, deadlinePassed]);
        return toResult(body, request, state.attempts, logger);
      } catch (error) {
        const mapped = toGatewayError(error);
        logger.warn(
          {
            provider: PROVIDER,
            code: mapped.code,
            status: statusOf(error),
            attempts: state.attempts,
          },
          'llm call failed',
        );
        throw mapped;
      } finally {
        clearTimeout(timer);
        deadlinePassed.catch(() => {});
      }
    },
  };
}

function toResult(
  raw: unknown,
  request: CompletionRequest,
  calls: number,
  logger: Logger,
): OpenAiCompletionResult {
  const parsed = completionSchema.safeParse(raw);
  if (!parsed.success) throw badResponse('an unreadable completion');
  const { choices, usage, model } = parsed.data;
  const choice = choices[0]!;
  const text = choice.message.content?.trim();
  if (!text) throw badResponse(choice.message.refusal ? 'a refusal' : 'an empty completion');
  const reportedIn = usage?.prompt_tokens;
  const reportedOut = usage?.completion_tokens;
  const usageEstimated = reportedIn === undefined || reportedOut === undefined;
  if (usageEstimated)
    logger.warn(
      { provider: PROVIDER, model: request.model },
      'llm reported no usage; tokens estimated',
    );
  return {
    text,
    model: model ?? request.model,
    inputTokens: reportedIn ?? estimateMessageTokens(request.messages),
    outputTokens: reportedOut ?? estimateTokens(text),
    calls,
    usageEstimated,
    finishReason: choice.finish_reason ?? 'stop',
  };
}

function retryable(response: Response): boolean {
  const { status } = response;
  return (
    status === 408 ||
    status === 409 ||
    status === 429 ||
    status >= 500 ||
    response.headers.get('x-should-retry') === 'true'
  );
}

/** Whether the SDK's wait before its next attempt still leaves MIN_ATTEMPT_MS before the deadline. */
function worthRetrying(headers: Headers, call: CallState, at: number): boolean {
  return at + retryWaitMs(headers, call.attempts) + MIN_ATTEMPT_MS <= call.deadline;
}

/** The wait the SDK will make: Retry-After-Ms, Retry-After (seconds or a date), else its backoff's upper bound. */
function retryWaitMs(headers: Headers, attempts: number): number {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number.parseFloat(retryAfter);
    if (Number.isFinite(seconds)) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return date - Date.now();
  }
  return Math.min(500 * 2 ** (attempts - 1), 8_000);
}

function retryAfterSeconds(error: APIError): number | undefined {
  const header = error.headers?.get('retry-after');
  if (!header) return undefined;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

function statusOf(error: unknown): number | undefined {
  return error instanceof APIError ? error.status : undefined;
}

function badResponse(what: string): GatewayError {
  return new GatewayError(ErrorCode.UPSTREAM_BAD_RESPONSE, `The language model sent ${what}`, {
    provider: PROVIDER,
  });
}

/** SDK errors as GatewayErrors; messages are fixed text, never the provider's (it may echo the key). */
function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const cause = error;
  const fail = (code: ErrorCode, message: string, extra: { retryAfterSeconds?: number } = {}) =>
    new GatewayError(code, message, { provider: PROVIDER, cause, ...extra });
  // Only the deadline's abort signal cancels a call, so a user abort is a timeout too.
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
    return fail(ErrorCode.UPSTREAM_TIMEOUT, 'The language model did not answer in time');
  }
  if (error instanceof RateLimitError) {
    return fail(ErrorCode.UPSTREAM_RATE_LIMITED, 'The language model is rate limited', {
      retryAfterSeconds: retryAfterSeconds(error),
    });
  }
  if (error instanceof APIConnectionError) {
    return fail(ErrorCode.UPSTREAM_UNAVAILABLE, 'The language model could not be reached');
  }
  if (error instanceof APIError && error.status !== undefined) {
    return error.status >= 500
      ? fail(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          `The language model is unavailable (HTTP ${error.status})`,
        )
      : fail(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          `The language model rejected the request (HTTP ${error.status})`,
        );
  }
  // A 200 whose body is not JSON, or anything else the SDK could not read.
  return fail(ErrorCode.UPSTREAM_BAD_RESPONSE, 'The language model sent an unreadable answer');
}

/** The SDK's log lines go to our logger (never the console); they carry no key. */
function sdkLogger(logger: Logger) {
  const log =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string): void => {
      logger[level]({ provider: PROVIDER }, `openai sdk: ${message}`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

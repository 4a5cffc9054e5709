import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));
const optionalSecret = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const positiveInt = z.coerce.number().int().positive();
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const providerQuotas = z.record(
  z.string().min(1),
  z.object({
    perMinute: z.number().int().positive().optional(),
    perDay: z.number().int().positive().optional(),
  }),
);
/** A variable holding JSON checked by `schema`; empty means `{}`. The message never echoes the value. */
function jsonVariable<S extends z.ZodType<Record<string, unknown>>>(schema: S, message: string) {
  return z
    .string()
    .default('')
    .transform((text, ctx): z.infer<S> => {
      if (text.trim() === '') return {} as z.infer<S>;
      try {
        return schema.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
    });
}
const modelPrices = z.record(
  z.string().min(1),
  z.object({ input: z.number().min(0), output: z.number().min(0).default(0) }),
);

/**
 * Every environment variable Sluice reads, with its default. Keep in step with `.env.example` and
 * the README's configuration table (a test checks that all three agree).
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  REDIS_NAMESPACE: z.string().min(1).default('sluice'),
  REDIS_OPERATION_TIMEOUT_MS: positiveInt.default(50),
  LOCAL_CACHE_MAX_ENTRIES: positiveInt.default(10_000),
  LOCAL_CACHE_MAX_BYTES: positiveInt.default(64 * 2 ** 20),
  LOCAL_CACHE_TTL_SECONDS: positiveInt.default(5),
  RESPONSE_CACHE: booleanFlag.default(true),
  STALE_GRACE_SECONDS: z.coerce.number().int().min(0).default(3600),

  UPSTREAM_TIMEOUT_MS: positiveInt.default(5000),
  UPSTREAM_CONCURRENCY: positiveInt.default(8),

  OPEN_METEO_BASE_URL: url.default('https://api.open-meteo.com'),
  OPEN_METEO_GEOCODING_BASE_URL: url.default('https://geocoding-api.open-meteo.com'),
  OPEN_METEO_API_KEY: optionalSecret,
  OPENWEATHERMAP_BASE_URL: url.default('https://api.openweathermap.org'),
  OPENWEATHERMAP_API_KEY: optionalSecret,

  HN_ALGOLIA_BASE_URL: url.default('https://hn.algolia.com'),
  NEWSAPI_BASE_URL: url.default('https://newsapi.org'),
  NEWSAPI_KEY: optionalSecret,

  YAHOO_FINANCE_BASE_URL: url.default('https://query1.finance.yahoo.com'),
  STOOQ_BASE_URL: url.default('https://stooq.com'),
  FRANKFURTER_BASE_URL: url.default('https://api.frankfurter.dev'),
  COINGECKO_BASE_URL: url.default('https://api.coingecko.com'),
  COINGECKO_API_KEY: optionalSecret,
  FINNHUB_BASE_URL: url.default('https://finnhub.io'),
  FINNHUB_API_KEY: optionalSecret,

  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL as the shared document store (every replica sees every document); else files under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  OPENAI_API_KEY: optionalSecret,
  OPENAI_BASE_URL: url.optional(),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  /** `local` or `openai`; default `openai` when an embedding key (or OPENAI_API_KEY) is set. */
  EMBEDDER: z.enum(['local', 'openai']).optional(),
  /** Where embeddings are served when not where chat is (default OPENAI_BASE_URL). */
  OPENAI_EMBEDDING_BASE_URL: url.optional(),
  OPENAI_EMBEDDING_API_KEY: optionalSecret,
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  ALLOWED_MODELS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  MODEL_PRICES: jsonVariable(
    modelPrices,
    'must be JSON like {"my-model":{"input":0.5,"output":1.5}} (USD per 1M tokens)',
  ),
  LLM_MAX_TOKENS: positiveInt.max(8192).default(400),
  ANSWER_TIMEOUT_MS: positiveInt.default(10_000),
  ANSWER_SOURCE_TIMEOUT_MS: positiveInt.default(4_000),
  ANSWER_CACHE_TTL_SECONDS: positiveInt.default(600),
  SEMANTIC_CACHE_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  DAILY_BUDGET_USD: z.coerce.number().min(0).default(5),

  // Resilience
  RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(0).max(5).default(2),
  BREAKER_FAILURE_RATIO: z.coerce.number().gt(0).max(1).default(0.5),
  BREAKER_MIN_REQUESTS: positiveInt.default(5),
  BREAKER_WINDOW_MS: positiveInt.default(30_000),
  BREAKER_HALF_OPEN_AFTER_MS: positiveInt.default(15_000),
  PROVIDER_QUOTAS: jsonVariable(
    providerQuotas,
    'must be JSON like {"newsapi":{"perMinute":10,"perDay":100}}',
  ),
  REFRESH_LOCK_MS: positiveInt.default(3_000),

  // Protection
  API_KEYS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  API_KEYS_FILE: z.string().min(1).optional(),
  ALLOW_ANONYMOUS: booleanFlag.default(false),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(120),
  ANSWER_RATE_COST: positiveInt.default(10),
  TRUST_PROXY: z.string().default('false'),
  CORS_ORIGINS: z.string().default('*'),
  BODY_LIMIT_BYTES: positiveInt.default(1_000_000),
  MAX_QUERY_DEPTH: positiveInt.default(12),
  MAX_ALIASES: positiveInt.default(30),
  MAX_QUERY_COST: positiveInt.default(5000),
  MAX_QUERY_TOKENS: positiveInt.default(2000),
  MAX_DIRECTIVES: positiveInt.default(50),
  OPERATION_SAFELIST: booleanFlag.default(false),
  PERSISTED_QUERIES_MANIFEST: z.string().min(1).default('persisted-documents.json'),

  // Observability
  METRICS_TOKEN: optionalSecret,
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('sluice'),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
});

export type Config = z.infer<typeof configSchema>;

/** The embedder the configuration selects, with the endpoint and key an `openai` one uses. */
export function embeddingSettings(config: Config) {
  const apiKey = config.OPENAI_EMBEDDING_API_KEY ?? config.OPENAI_API_KEY;
  return {
    kind: config.EMBEDDER ?? (apiKey ? 'openai' : 'local'),
    apiKey,
    baseUrl:
      config.OPENAI_EMBEDDING_BASE_URL ?? config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
  } as const;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the environment. Throws a ConfigError whose message names each bad variable
 * (never its value: it may be a secret).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    const { kind, apiKey } = embeddingSettings(result.data);
    if (kind === 'openai' && !apiKey) {
      throw new ConfigError(
        'Invalid configuration:\n  EMBEDDER: openai needs OPENAI_EMBEDDING_API_KEY or OPENAI_API_KEY',
      );
    }
    return result.data;
  }
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

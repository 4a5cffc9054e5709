import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));
const optionalSecret = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const positiveInt = z.coerce.number().int().positive();
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
  LOCAL_CACHE_TTL_SECONDS: positiveInt.default(5),
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
  OPENAI_API_KEY: optionalSecret,
  OPENAI_BASE_URL: url.optional(),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
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
  MODEL_PRICES: z
    .string()
    .default('')
    .transform((text, ctx) => {
      if (text.trim() === '') return {};
      try {
        return modelPrices.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be JSON like {"my-model":{"input":0.5,"output":1.5}} (USD per 1M tokens)',
        });
        return z.NEVER;
      }
    }),
  LLM_MAX_TOKENS: positiveInt.max(8192).default(400),
  ANSWER_TIMEOUT_MS: positiveInt.default(10_000),
  ANSWER_SOURCE_TIMEOUT_MS: positiveInt.default(4_000),
  ANSWER_CACHE_TTL_SECONDS: positiveInt.default(600),
  SEMANTIC_CACHE_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  DAILY_BUDGET_USD: z.coerce.number().min(0).default(5),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the environment. Throws a ConfigError whose message names each bad variable
 * (never its value: it may be a secret).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

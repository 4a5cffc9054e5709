import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { WeatherModel as WeatherModelModel, Place as PlaceModel, CurrentConditions as CurrentConditionsModel, DailyForecast as DailyForecastModel, Article as ArticleModel, Quote as QuoteModel, ExchangeRate as ExchangeRateModel, Passage as PassageModel, IngestResult as IngestResultModel } from '../sources/model.js';
import type { AnswerModel as AnswerModelModel } from '../answer/types.js';
import type { GateResult as GateResultModel } from '../gates/types.js';
import type { Context } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, `YYYY-MM-DD`. */
  Date: { input: string; output: string; }
  /** An ISO 8601 instant with offset, e.g. `2026-11-25T09:30:00.000Z`. */
  DateTime: { input: string; output: string | Date; }
};

export type Answer = {
  __typename?: 'Answer';
  cache: CacheInfo;
  citations: Array<Citation>;
  cost: Cost;
  gates: Array<GateResult>;
  id: Scalars['ID']['output'];
  /** The model that wrote `text`, or `extractive` for the local synthesiser. */
  model: Scalars['String']['output'];
  question: Scalars['String']['output'];
  sources: Array<SourceCall>;
  status: AnswerStatus;
  text: Scalars['String']['output'];
  trace: Trace;
};

export type AnswerOptions = {
  /** Spend at most this much on this request; synthesis switches to extractive before crossing it. */
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
  /** At most this many source calls (default 6). */
  maxSources?: InputMaybe<Scalars['Int']['input']>;
  /** A model from the server's allow-list (`ALLOWED_MODELS`); the default is `OPENAI_MODEL`. */
  model?: InputMaybe<Scalars['String']['input']>;
  /** Skip the answer caches for this request (lookup and store). */
  noCache?: InputMaybe<Scalars['Boolean']['input']>;
  /** Restrict routing to these sources: `weather`, `news`, `quote`, `exchangeRate`, `search`. */
  sources?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type AnswerStatus =
  | 'ANSWERED'
  | 'DEGRADED'
  | 'REFUSED';

export type Article = {
  __typename?: 'Article';
  author?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** `newsapi` or `hn-algolia`. */
  provider: Scalars['String']['output'];
  publishedAt: Scalars['DateTime']['output'];
  /** Publication or site name. */
  source: Scalars['String']['output'];
  summary?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  url?: Maybe<Scalars['String']['output']>;
};

export type Attribute = {
  __typename?: 'Attribute';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type CacheHit =
  | 'EXACT'
  | 'NONE'
  | 'SEMANTIC';

export type CacheInfo = {
  __typename?: 'CacheInfo';
  hit: CacheHit;
  matchedQuestion?: Maybe<Scalars['String']['output']>;
  similarity?: Maybe<Scalars['Float']['output']>;
};

export type CacheLayerStats = {
  __typename?: 'CacheLayerStats';
  /** hits / (hits + misses); null before the first lookup. */
  hitRate?: Maybe<Scalars['Float']['output']>;
  hits: Scalars['Int']['output'];
  /** `local`, `redis`, `response` (the whole-response cache's front: byte-identical requests served before execution), `answer-exact` or `answer-semantic`. */
  layer: Scalars['String']['output'];
  misses: Scalars['Int']['output'];
};

export type Citation = {
  __typename?: 'Citation';
  /** The `n` of `[n]` in the text. */
  index: Scalars['Int']['output'];
  snippet?: Maybe<Scalars['String']['output']>;
  /** The source that produced the cited data (`weather`, `quote`, `search`, …). */
  source: Scalars['String']['output'];
  title?: Maybe<Scalars['String']['output']>;
  url?: Maybe<Scalars['String']['output']>;
};

export type Cost = {
  __typename?: 'Cost';
  items: Array<CostItem>;
  /** What a cache hit saved: the cost of the answer it replayed, less the lookup. */
  savedUsd: Scalars['Float']['output'];
  totalUsd: Scalars['Float']['output'];
};

export type CostItem = {
  __typename?: 'CostItem';
  calls: Scalars['Int']['output'];
  inputTokens: Scalars['Int']['output'];
  kind: CostKind;
  model: Scalars['String']['output'];
  outputTokens: Scalars['Int']['output'];
  usd: Scalars['Float']['output'];
};

export type CostKind =
  | 'API'
  | 'EMBEDDING'
  | 'LLM';

export type CostTotals = {
  __typename?: 'CostTotals';
  embeddingUsdTotal: Scalars['Float']['output'];
  /** LLM spend since midnight UTC, in USD. */
  llmUsdToday: Scalars['Float']['output'];
  llmUsdTotal: Scalars['Float']['output'];
  /** LLM prompt tokens. */
  tokensIn: Scalars['Int']['output'];
  /** LLM completion tokens. */
  tokensOut: Scalars['Int']['output'];
};

export type CurrentWeather = {
  __typename?: 'CurrentWeather';
  apparentTemperatureC?: Maybe<Scalars['Float']['output']>;
  /** Plain-English description of `weatherCode`. */
  description?: Maybe<Scalars['String']['output']>;
  /** Relative humidity in percent. */
  humidity?: Maybe<Scalars['Float']['output']>;
  precipitationMm?: Maybe<Scalars['Float']['output']>;
  temperatureC?: Maybe<Scalars['Float']['output']>;
  time: Scalars['DateTime']['output'];
  /** WMO weather interpretation code (0-99), whichever provider served. */
  weatherCode?: Maybe<Scalars['Int']['output']>;
  windSpeedKmh?: Maybe<Scalars['Float']['output']>;
};

export type DailyWeather = {
  __typename?: 'DailyWeather';
  date: Scalars['Date']['output'];
  description?: Maybe<Scalars['String']['output']>;
  maxC?: Maybe<Scalars['Float']['output']>;
  minC?: Maybe<Scalars['Float']['output']>;
  precipitationMm?: Maybe<Scalars['Float']['output']>;
  weatherCode?: Maybe<Scalars['Int']['output']>;
};

export type DocumentInput = {
  id: Scalars['ID']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
  text: Scalars['String']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type ExchangeRate = {
  __typename?: 'ExchangeRate';
  base: Scalars['String']['output'];
  /** Date of the reference rate (FX reference rates are daily). */
  date: Scalars['Date']['output'];
  provider: Scalars['String']['output'];
  rate: Scalars['Float']['output'];
  target: Scalars['String']['output'];
};

export type GateResult = {
  __typename?: 'GateResult';
  message: Scalars['String']['output'];
  name: Scalars['String']['output'];
  score?: Maybe<Scalars['Float']['output']>;
  severity: GateSeverity;
  stage: GateStage;
  status: GateStatus;
};

export type GateSeverity =
  | 'ERROR'
  | 'INFO'
  | 'WARNING';

export type GateStage =
  | 'DATA'
  | 'INPUT'
  | 'OUTPUT'
  | 'RETRIEVAL';

export type GateStatus =
  | 'FAILED'
  | 'PASSED'
  | 'SKIPPED'
  | 'WARNING';

export type Health = {
  __typename?: 'Health';
  cacheHitRates: Array<CacheLayerStats>;
  costs: CostTotals;
  /** Where documents behind `search` are kept: `file` (under DATA_DIR), `postgres` (DATABASE_URL; each replica searches in-process) or `postgres+pgvector` (DATABASE_URL with the `vector` extension; search runs in the database). */
  documentStore: Scalars['String']['output'];
  providers: Array<ProviderHealth>;
  /** `ok`, or `degraded` while any provider's circuit breaker is open. */
  status: Scalars['String']['output'];
  uptimeSeconds: Scalars['Float']['output'];
};

export type IngestResult = {
  __typename?: 'IngestResult';
  /** Chunks embedded and indexed by this call. */
  chunks: Scalars['Int']['output'];
  /** Documents stored by this call. */
  documents: Scalars['Int']['output'];
};

export type Location = {
  __typename?: 'Location';
  country?: Maybe<Scalars['String']['output']>;
  latitude: Scalars['Float']['output'];
  longitude: Scalars['Float']['output'];
  name: Scalars['String']['output'];
  /**
   * First-level administrative area: state, province, prefecture, region (`Texas`, `Ontario`,
   * `Île-de-France`). Null when the geocoder has none. Tells apart places of the same name; ask for
   * one with a qualified location, `weather(location: "Paris, Texas")`.
   */
  region?: Maybe<Scalars['String']['output']>;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timezone: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds documents to the vector index (chunked and embedded). Re-ingesting an `id` replaces the
   * document and all its chunks.
   */
  ingestDocuments: IngestResult;
  /**
   * Admin only. Removes cached entries from every layer: this replica's local tier, Redis, and (told
   * through Redis pub/sub) every other replica's local tier. `source` is a provider (`open-meteo`,
   * `yahoo`, …), a kind of data (`weather`, `geocoding`, `news`, `quote`, `exchangeRate`) or `answer`
   * (the answer caches); all caches when omitted. `pattern` is a glob over the rest of the key
   * (`*paris*`), `olderThanSeconds` keeps entries fetched more recently. Returns how many entries were
   * removed here and in Redis. When any data entry goes, every stored whole response goes with it
   * (responses are kept by query, not by source; they are not counted).
   */
  invalidateCache: Scalars['Int']['output'];
};


export type MutationIngestDocumentsArgs = {
  documents: Array<DocumentInput>;
};


export type MutationInvalidateCacheArgs = {
  olderThanSeconds?: InputMaybe<Scalars['Int']['input']>;
  pattern?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<Scalars['String']['input']>;
};

export type Passage = {
  __typename?: 'Passage';
  documentId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  /** Cosine similarity to the query, higher is closer. */
  score: Scalars['Float']['output'];
  source?: Maybe<Scalars['String']['output']>;
  text: Scalars['String']['output'];
  title?: Maybe<Scalars['String']['output']>;
};

export type ProviderHealth = {
  __typename?: 'ProviderHealth';
  /** `closed`, `half-open` or `open`. */
  breaker: Scalars['String']['output'];
  /** Upstream HTTP calls, retries included. */
  calls: Scalars['Int']['output'];
  /** Calls that failed: timeouts, refused connections, 429s and other 4xx/5xx answers. */
  errors: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** Calls left today under the outbound quota; null when the provider has none. */
  quotaRemainingDay?: Maybe<Scalars['Int']['output']>;
  /** Calls left this minute under the outbound quota; null when the provider has none. */
  quotaRemainingMinute?: Maybe<Scalars['Int']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * Answers a natural-language question from live sources: routes it, fetches the sources in
   * parallel, passes the data through quality gates, and writes a cited answer (with an LLM when one
   * is configured, extractively otherwise). Never fails as a whole for a failing source: `status`
   * says whether the answer is complete (ANSWERED), partial (DEGRADED) or withheld (REFUSED).
   */
  answer?: Maybe<Answer>;
  /** The reference rate from `base` to `target` (ISO 4217 codes, e.g. `EUR`, `USD`). */
  exchangeRate?: Maybe<ExchangeRate>;
  /**
   * Admin only. This replica's state for operators: cache hit rates per layer, each provider's
   * circuit breaker, call counts and quota left, and model spend. Counts are since it started.
   */
  health: Health;
  /** Recent articles matching `query`, newest and most relevant first. `limit` is 1 to 50. */
  news?: Maybe<Array<Article>>;
  /** A quote for an equity (`AAPL`), a crypto pair (`BTC-USD`) or an FX pair (`EURUSD=X`). */
  quote?: Maybe<Quote>;
  /**
   * Quotes in the order asked. A symbol that does not exist (or fails) is `null` in its slot, with an
   * error whose `path` points at that slot; the other symbols are unaffected. At most 100 symbols.
   */
  quotes?: Maybe<Array<Maybe<Quote>>>;
  /**
   * Runs the same input gates `answer` runs, on any text, without answering: at INPUT the question
   * gates (prompt injection, content safety; `answer` refuses exactly the questions blocked here), at
   * RETRIEVAL the gates retrieved passages and headlines pass (prompt injection). `text` is 1 to 8,000
   * characters.
   */
  screen: Screening;
  /** Semantic search over the document index (bundled documentation plus ingested documents). */
  search?: Maybe<Array<Passage>>;
  /** Whether the semantic cache would serve the answer of question `a` for question `b`, and why. */
  semanticMatch: SemanticMatch;
  /**
   * Admin only. Model spend per UTC day, caller and model: every priced LLM and embedding call
   * (`answer`, `search`, `ingestDocuments`) and what cached answers saved. Rows of the UTC days that
   * overlap `[from, to)`, at most 366 days; `caller` (`key:<keyId>`, `ip:<address>`, `local`) narrows
   * to one. Kept in PostgreSQL with DATABASE_URL (every replica's, surviving restarts and a Redis
   * flush); without it, what this replica recorded since it started.
   */
  usage: Array<UsageDay>;
  /** Runs the output gates (grounding, citations, PII, …) on an answer against a given context. */
  verify: Verification;
  /**
   * Current conditions and a daily forecast for a place name (geocoded first). A trailing
   * `, <region or country>` picks among places of the same name: `Paris, Texas`, `Paris, TX`,
   * `Portland, Maine`, `London, Canada`, `Perth, AU` (US state, Canadian province and Australian state
   * codes, country names and ISO codes); NOT_FOUND when no place of that name lies there. `days` is 1
   * to 16; OpenWeatherMap, when it serves, has at most 5.
   */
  weather?: Maybe<Weather>;
};


export type QueryAnswerArgs = {
  options?: InputMaybe<AnswerOptions>;
  question: Scalars['String']['input'];
};


export type QueryExchangeRateArgs = {
  base: Scalars['String']['input'];
  target: Scalars['String']['input'];
};


export type QueryNewsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
};


export type QueryQuoteArgs = {
  symbol: Scalars['String']['input'];
};


export type QueryQuotesArgs = {
  symbols: Array<Scalars['String']['input']>;
};


export type QueryScreenArgs = {
  input: ScreenInput;
};


export type QuerySearchArgs = {
  k?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
};


export type QuerySemanticMatchArgs = {
  a: Scalars['String']['input'];
  b: Scalars['String']['input'];
};


export type QueryUsageArgs = {
  caller?: InputMaybe<Scalars['String']['input']>;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryVerifyArgs = {
  input: VerifyInput;
};


export type QueryWeatherArgs = {
  days?: InputMaybe<Scalars['Int']['input']>;
  location: Scalars['String']['input'];
};

export type Quote = {
  __typename?: 'Quote';
  /** Time of the price at the market. */
  asOf: Scalars['DateTime']['output'];
  change?: Maybe<Scalars['Float']['output']>;
  changePercent?: Maybe<Scalars['Float']['output']>;
  currency?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  previousClose?: Maybe<Scalars['Float']['output']>;
  price: Scalars['Float']['output'];
  provider: Scalars['String']['output'];
  stale: Scalars['Boolean']['output'];
  symbol: Scalars['String']['output'];
};

/** What `screen` checks: a text, and which gates to run on it. */
export type ScreenInput = {
  /**
   * INPUT: the question gates of `answer`. RETRIEVAL: the gates its retrieved passages and headlines
   * pass. Other stages are refused.
   */
  stage?: InputMaybe<GateStage>;
  /** The text to screen: 1 to 8,000 characters. */
  text: Scalars['String']['input'];
};

/** The verdicts of the gates `screen` ran on a text. */
export type Screening = {
  __typename?: 'Screening';
  /**
   * False when a gate of severity ERROR failed: `answer` would refuse this question (INPUT) or drop
   * this passage (RETRIEVAL).
   */
  allowed: Scalars['Boolean']['output'];
  /** Each gate's verdict, as `Answer.gates` reports it. */
  gates: Array<GateResult>;
  /** The text with personal data (emails, phone numbers, card numbers, …) replaced by placeholders. */
  redactedText: Scalars['String']['output'];
};

export type SemanticMatch = {
  __typename?: 'SemanticMatch';
  hit: Scalars['Boolean']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  similarity: Scalars['Float']['output'];
};

export type SourceCall = {
  __typename?: 'SourceCall';
  /** The parameters the router chose for this call (location, symbol, days…). */
  args: Array<Attribute>;
  cached: Scalars['Boolean']['output'];
  error?: Maybe<Scalars['String']['output']>;
  latencyMs: Scalars['Float']['output'];
  name: Scalars['String']['output'];
  provider?: Maybe<Scalars['String']['output']>;
  status: SourceStatus;
};

export type SourceStatus =
  | 'CACHED'
  | 'FAILED'
  | 'OK'
  | 'SKIPPED'
  | 'STALE'
  | 'TIMEOUT';

export type Span = {
  __typename?: 'Span';
  attributes: Array<Attribute>;
  durationMs: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  parentId?: Maybe<Scalars['ID']['output']>;
  /** Milliseconds from the start of the request. */
  startMs: Scalars['Float']['output'];
  status: SpanStatus;
};

export type SpanStatus =
  | 'ERROR'
  | 'OK';

export type Trace = {
  __typename?: 'Trace';
  durationMs: Scalars['Float']['output'];
  spans: Array<Span>;
  traceId: Scalars['ID']['output'];
};

/** One UTC day's spend of one caller on one model (`usage`). */
export type UsageDay = {
  __typename?: 'UsageDay';
  caller: Scalars['String']['output'];
  /** Provider calls, retries included; 0 on a row that only records a cache saving. */
  calls: Scalars['Int']['output'];
  /** `yyyy-mm-dd`, UTC. */
  day: Scalars['String']['output'];
  inputTokens: Scalars['Int']['output'];
  model: Scalars['String']['output'];
  outputTokens: Scalars['Int']['output'];
  /** What cached answers saved: the spend of the calls they replayed. */
  savedUsd: Scalars['Float']['output'];
  usd: Scalars['Float']['output'];
};

export type Verification = {
  __typename?: 'Verification';
  gates: Array<GateResult>;
  grounded: Scalars['Boolean']['output'];
  redactedAnswer: Scalars['String']['output'];
};

export type VerifyInput = {
  answer: Scalars['String']['input'];
  context: Array<Scalars['String']['input']>;
  question: Scalars['String']['input'];
};

export type Weather = {
  __typename?: 'Weather';
  /** Attribution the provider's licence requires; show it next to the data. */
  attribution: Scalars['String']['output'];
  current?: Maybe<CurrentWeather>;
  daily: Array<DailyWeather>;
  /** When the provider answered (kept through the cache). */
  fetchedAt: Scalars['DateTime']['output'];
  location: Location;
  /** The provider that served the forecast, e.g. `open-meteo` or `openweathermap`. */
  provider: Scalars['String']['output'];
  /** True when the data is older than its freshness budget (served from cache after a failure). */
  stale: Scalars['Boolean']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Answer: ResolverTypeWrapper<AnswerModelModel>;
  AnswerOptions: AnswerOptions;
  AnswerStatus: AnswerStatus;
  Article: ResolverTypeWrapper<ArticleModel>;
  Attribute: ResolverTypeWrapper<Attribute>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CacheHit: CacheHit;
  CacheInfo: ResolverTypeWrapper<CacheInfo>;
  CacheLayerStats: ResolverTypeWrapper<CacheLayerStats>;
  Citation: ResolverTypeWrapper<Citation>;
  Cost: ResolverTypeWrapper<Cost>;
  CostItem: ResolverTypeWrapper<CostItem>;
  CostKind: CostKind;
  CostTotals: ResolverTypeWrapper<CostTotals>;
  CurrentWeather: ResolverTypeWrapper<CurrentConditionsModel>;
  DailyWeather: ResolverTypeWrapper<DailyForecastModel>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DocumentInput: DocumentInput;
  ExchangeRate: ResolverTypeWrapper<ExchangeRateModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GateResult: ResolverTypeWrapper<GateResultModel>;
  GateSeverity: GateSeverity;
  GateStage: GateStage;
  GateStatus: GateStatus;
  Health: ResolverTypeWrapper<Health>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IngestResult: ResolverTypeWrapper<IngestResultModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Location: ResolverTypeWrapper<PlaceModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Passage: ResolverTypeWrapper<PassageModel>;
  ProviderHealth: ResolverTypeWrapper<ProviderHealth>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Quote: ResolverTypeWrapper<QuoteModel>;
  ScreenInput: ScreenInput;
  Screening: ResolverTypeWrapper<Omit<Screening, 'gates'> & { gates: Array<ResolversTypes['GateResult']> }>;
  SemanticMatch: ResolverTypeWrapper<SemanticMatch>;
  SourceCall: ResolverTypeWrapper<SourceCall>;
  SourceStatus: SourceStatus;
  Span: ResolverTypeWrapper<Span>;
  SpanStatus: SpanStatus;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Trace: ResolverTypeWrapper<Trace>;
  UsageDay: ResolverTypeWrapper<UsageDay>;
  Verification: ResolverTypeWrapper<Omit<Verification, 'gates'> & { gates: Array<ResolversTypes['GateResult']> }>;
  VerifyInput: VerifyInput;
  Weather: ResolverTypeWrapper<WeatherModelModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Answer: AnswerModelModel;
  AnswerOptions: AnswerOptions;
  Article: ArticleModel;
  Attribute: Attribute;
  Boolean: Scalars['Boolean']['output'];
  CacheInfo: CacheInfo;
  CacheLayerStats: CacheLayerStats;
  Citation: Citation;
  Cost: Cost;
  CostItem: CostItem;
  CostTotals: CostTotals;
  CurrentWeather: CurrentConditionsModel;
  DailyWeather: DailyForecastModel;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DocumentInput: DocumentInput;
  ExchangeRate: ExchangeRateModel;
  Float: Scalars['Float']['output'];
  GateResult: GateResultModel;
  Health: Health;
  ID: Scalars['ID']['output'];
  IngestResult: IngestResultModel;
  Int: Scalars['Int']['output'];
  Location: PlaceModel;
  Mutation: Record<PropertyKey, never>;
  Passage: PassageModel;
  ProviderHealth: ProviderHealth;
  Query: Record<PropertyKey, never>;
  Quote: QuoteModel;
  ScreenInput: ScreenInput;
  Screening: Omit<Screening, 'gates'> & { gates: Array<ResolversParentTypes['GateResult']> };
  SemanticMatch: SemanticMatch;
  SourceCall: SourceCall;
  Span: Span;
  String: Scalars['String']['output'];
  Trace: Trace;
  UsageDay: UsageDay;
  Verification: Omit<Verification, 'gates'> & { gates: Array<ResolversParentTypes['GateResult']> };
  VerifyInput: VerifyInput;
  Weather: WeatherModelModel;
}>;

export type AnswerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Answer'] = ResolversParentTypes['Answer']> = ResolversObject<{
  cache?: Resolver<ResolversTypes['CacheInfo'], ParentType, ContextType>;
  citations?: Resolver<Array<ResolversTypes['Citation']>, ParentType, ContextType>;
  cost?: Resolver<ResolversTypes['Cost'], ParentType, ContextType>;
  gates?: Resolver<Array<ResolversTypes['GateResult']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  question?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['SourceCall']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AnswerStatus'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trace?: Resolver<ResolversTypes['Trace'], ParentType, ContextType>;
}>;

export type ArticleResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Article'] = ResolversParentTypes['Article']> = ResolversObject<{
  author?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AttributeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Attribute'] = ResolversParentTypes['Attribute']> = ResolversObject<{
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CacheInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CacheInfo'] = ResolversParentTypes['CacheInfo']> = ResolversObject<{
  hit?: Resolver<ResolversTypes['CacheHit'], ParentType, ContextType>;
  matchedQuestion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  similarity?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type CacheLayerStatsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CacheLayerStats'] = ResolversParentTypes['CacheLayerStats']> = ResolversObject<{
  hitRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  hits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  layer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  misses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CitationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Citation'] = ResolversParentTypes['Citation']> = ResolversObject<{
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  snippet?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CostResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Cost'] = ResolversParentTypes['Cost']> = ResolversObject<{
  items?: Resolver<Array<ResolversTypes['CostItem']>, ParentType, ContextType>;
  savedUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type CostItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CostItem'] = ResolversParentTypes['CostItem']> = ResolversObject<{
  calls?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CostKind'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  usd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type CostTotalsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CostTotals'] = ResolversParentTypes['CostTotals']> = ResolversObject<{
  embeddingUsdTotal?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  llmUsdToday?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  llmUsdTotal?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tokensIn?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tokensOut?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CurrentWeatherResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CurrentWeather'] = ResolversParentTypes['CurrentWeather']> = ResolversObject<{
  apparentTemperatureC?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  humidity?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  precipitationMm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  temperatureC?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  weatherCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  windSpeedKmh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type DailyWeatherResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DailyWeather'] = ResolversParentTypes['DailyWeather']> = ResolversObject<{
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  maxC?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  minC?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  precipitationMm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  weatherCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ExchangeRateResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ExchangeRate'] = ResolversParentTypes['ExchangeRate']> = ResolversObject<{
  base?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type GateResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GateResult'] = ResolversParentTypes['GateResult']> = ResolversObject<{
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['GateSeverity'], ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['GateStage'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['GateStatus'], ParentType, ContextType>;
}>;

export type HealthResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Health'] = ResolversParentTypes['Health']> = ResolversObject<{
  cacheHitRates?: Resolver<Array<ResolversTypes['CacheLayerStats']>, ParentType, ContextType>;
  costs?: Resolver<ResolversTypes['CostTotals'], ParentType, ContextType>;
  documentStore?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  providers?: Resolver<Array<ResolversTypes['ProviderHealth']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uptimeSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type IngestResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IngestResult'] = ResolversParentTypes['IngestResult']> = ResolversObject<{
  chunks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  documents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type LocationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = ResolversObject<{
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  longitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timezone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  ingestDocuments?: Resolver<ResolversTypes['IngestResult'], ParentType, ContextType, RequireFields<MutationIngestDocumentsArgs, 'documents'>>;
  invalidateCache?: Resolver<ResolversTypes['Int'], ParentType, ContextType, Partial<MutationInvalidateCacheArgs>>;
}>;

export type PassageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Passage'] = ResolversParentTypes['Passage']> = ResolversObject<{
  documentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ProviderHealthResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ProviderHealth'] = ResolversParentTypes['ProviderHealth']> = ResolversObject<{
  breaker?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  calls?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quotaRemainingDay?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  quotaRemainingMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  answer?: Resolver<Maybe<ResolversTypes['Answer']>, ParentType, ContextType, RequireFields<QueryAnswerArgs, 'question'>>;
  exchangeRate?: Resolver<Maybe<ResolversTypes['ExchangeRate']>, ParentType, ContextType, RequireFields<QueryExchangeRateArgs, 'base' | 'target'>>;
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  news?: Resolver<Maybe<Array<ResolversTypes['Article']>>, ParentType, ContextType, RequireFields<QueryNewsArgs, 'limit' | 'query'>>;
  quote?: Resolver<Maybe<ResolversTypes['Quote']>, ParentType, ContextType, RequireFields<QueryQuoteArgs, 'symbol'>>;
  quotes?: Resolver<Maybe<Array<Maybe<ResolversTypes['Quote']>>>, ParentType, ContextType, RequireFields<QueryQuotesArgs, 'symbols'>>;
  screen?: Resolver<ResolversTypes['Screening'], ParentType, ContextType, RequireFields<QueryScreenArgs, 'input'>>;
  search?: Resolver<Maybe<Array<ResolversTypes['Passage']>>, ParentType, ContextType, RequireFields<QuerySearchArgs, 'k' | 'query'>>;
  semanticMatch?: Resolver<ResolversTypes['SemanticMatch'], ParentType, ContextType, RequireFields<QuerySemanticMatchArgs, 'a' | 'b'>>;
  usage?: Resolver<Array<ResolversTypes['UsageDay']>, ParentType, ContextType, RequireFields<QueryUsageArgs, 'from' | 'to'>>;
  verify?: Resolver<ResolversTypes['Verification'], ParentType, ContextType, RequireFields<QueryVerifyArgs, 'input'>>;
  weather?: Resolver<Maybe<ResolversTypes['Weather']>, ParentType, ContextType, RequireFields<QueryWeatherArgs, 'days' | 'location'>>;
}>;

export type QuoteResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Quote'] = ResolversParentTypes['Quote']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  change?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  changePercent?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  previousClose?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ScreeningResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Screening'] = ResolversParentTypes['Screening']> = ResolversObject<{
  allowed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  gates?: Resolver<Array<ResolversTypes['GateResult']>, ParentType, ContextType>;
  redactedText?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SemanticMatchResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SemanticMatch'] = ResolversParentTypes['SemanticMatch']> = ResolversObject<{
  hit?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  similarity?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type SourceCallResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SourceCall'] = ResolversParentTypes['SourceCall']> = ResolversObject<{
  args?: Resolver<Array<ResolversTypes['Attribute']>, ParentType, ContextType>;
  cached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provider?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SourceStatus'], ParentType, ContextType>;
}>;

export type SpanResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Span'] = ResolversParentTypes['Span']> = ResolversObject<{
  attributes?: Resolver<Array<ResolversTypes['Attribute']>, ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  startMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SpanStatus'], ParentType, ContextType>;
}>;

export type TraceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Trace'] = ResolversParentTypes['Trace']> = ResolversObject<{
  durationMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  spans?: Resolver<Array<ResolversTypes['Span']>, ParentType, ContextType>;
  traceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type UsageDayResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UsageDay'] = ResolversParentTypes['UsageDay']> = ResolversObject<{
  caller?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  calls?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  day?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  savedUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  usd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type VerificationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Verification'] = ResolversParentTypes['Verification']> = ResolversObject<{
  gates?: Resolver<Array<ResolversTypes['GateResult']>, ParentType, ContextType>;
  grounded?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  redactedAnswer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WeatherResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Weather'] = ResolversParentTypes['Weather']> = ResolversObject<{
  attribution?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  current?: Resolver<Maybe<ResolversTypes['CurrentWeather']>, ParentType, ContextType>;
  daily?: Resolver<Array<ResolversTypes['DailyWeather']>, ParentType, ContextType>;
  fetchedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Answer?: AnswerResolvers<ContextType>;
  Article?: ArticleResolvers<ContextType>;
  Attribute?: AttributeResolvers<ContextType>;
  CacheInfo?: CacheInfoResolvers<ContextType>;
  CacheLayerStats?: CacheLayerStatsResolvers<ContextType>;
  Citation?: CitationResolvers<ContextType>;
  Cost?: CostResolvers<ContextType>;
  CostItem?: CostItemResolvers<ContextType>;
  CostTotals?: CostTotalsResolvers<ContextType>;
  CurrentWeather?: CurrentWeatherResolvers<ContextType>;
  DailyWeather?: DailyWeatherResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  ExchangeRate?: ExchangeRateResolvers<ContextType>;
  GateResult?: GateResultResolvers<ContextType>;
  Health?: HealthResolvers<ContextType>;
  IngestResult?: IngestResultResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Passage?: PassageResolvers<ContextType>;
  ProviderHealth?: ProviderHealthResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Quote?: QuoteResolvers<ContextType>;
  Screening?: ScreeningResolvers<ContextType>;
  SemanticMatch?: SemanticMatchResolvers<ContextType>;
  SourceCall?: SourceCallResolvers<ContextType>;
  Span?: SpanResolvers<ContextType>;
  Trace?: TraceResolvers<ContextType>;
  UsageDay?: UsageDayResolvers<ContextType>;
  Verification?: VerificationResolvers<ContextType>;
  Weather?: WeatherResolvers<ContextType>;
}>;


/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AnswerOptions = {
  /** Spend at most this much on this request; synthesis switches to extractive before crossing it. */
  maxCostUsd?: number | null | undefined;
  /** At most this many source calls (default 6). */
  maxSources?: number | null | undefined;
  /** A model from the server's allow-list (`ALLOWED_MODELS`); the default is `OPENAI_MODEL`. */
  model?: string | null | undefined;
  /** Skip the answer caches for this request (lookup and store). */
  noCache?: boolean | null | undefined;
  /** Restrict routing to these sources: `weather`, `news`, `quote`, `exchangeRate`, `search`. */
  sources?: Array<string> | null | undefined;
};

export type AnswerStatus = 'ANSWERED' | 'DEGRADED' | 'REFUSED';

export type CacheHit = 'EXACT' | 'NONE' | 'SEMANTIC';

export type CostKind = 'API' | 'EMBEDDING' | 'LLM';

export type DocumentInput = {
  id: string | number;
  source?: string | null | undefined;
  text: string;
  title?: string | null | undefined;
  url?: string | null | undefined;
};

export type GateSeverity = 'ERROR' | 'INFO' | 'WARNING';

export type GateStage = 'DATA' | 'INPUT' | 'OUTPUT' | 'RETRIEVAL';

export type GateStatus = 'FAILED' | 'PASSED' | 'SKIPPED' | 'WARNING';

/** What `screen` checks: a text, and which gates to run on it. */
export type ScreenInput = {
  /**
   * INPUT: the question gates of `answer`. RETRIEVAL: the gates its retrieved passages and headlines
   * pass. Other stages are refused.
   */
  stage?: GateStage | null | undefined;
  /** The text to screen: 1 to 8,000 characters. */
  text: string;
};

export type SourceStatus = 'CACHED' | 'FAILED' | 'OK' | 'SKIPPED' | 'STALE' | 'TIMEOUT';

export type SpanStatus = 'ERROR' | 'OK';

export type VerifyInput = {
  answer: string;
  context: Array<string>;
  question: string;
};

export type InvalidateCacheMutationVariables = Exact<{
  source?: string | null | undefined;
  pattern?: string | null | undefined;
  olderThanSeconds?: number | null | undefined;
}>;

export type InvalidateCacheMutation = { invalidateCache: number };

export type UsageQueryVariables = Exact<{
  from: string;
  to: string;
  caller?: string | null | undefined;
}>;

export type UsageQuery = {
  usage: Array<{
    day: string;
    caller: string;
    model: string;
    calls: number;
    inputTokens: number;
    outputTokens: number;
    usd: number;
    savedUsd: number;
  }>;
};

export type AnswerFieldsFragment = {
  id: string;
  question: string;
  text: string;
  status: AnswerStatus;
  model: string;
  citations: Array<{
    index: number;
    source: string;
    title: string | null;
    url: string | null;
    snippet: string | null;
  }>;
  sources: Array<{
    name: string;
    provider: string | null;
    status: SourceStatus;
    latencyMs: number;
    cached: boolean;
    error: string | null;
    args: Array<{ key: string; value: string }>;
  }>;
  gates: Array<{
    name: string;
    stage: GateStage;
    severity: GateSeverity;
    status: GateStatus;
    score: number | null;
    message: string;
  }>;
  trace: {
    traceId: string;
    durationMs: number;
    spans: Array<{
      id: string;
      parentId: string | null;
      name: string;
      startMs: number;
      durationMs: number;
      status: SpanStatus;
      attributes: Array<{ key: string; value: string }>;
    }>;
  };
  cost: {
    totalUsd: number;
    savedUsd: number;
    items: Array<{
      kind: CostKind;
      model: string;
      calls: number;
      inputTokens: number;
      outputTokens: number;
      usd: number;
    }>;
  };
  cache: { hit: CacheHit; similarity: number | null; matchedQuestion: string | null };
};

export type AnswerQueryVariables = Exact<{
  question: string;
  options?: AnswerOptions | null | undefined;
}>;

export type AnswerQuery = {
  answer: {
    id: string;
    question: string;
    text: string;
    status: AnswerStatus;
    model: string;
    citations: Array<{
      index: number;
      source: string;
      title: string | null;
      url: string | null;
      snippet: string | null;
    }>;
    sources: Array<{
      name: string;
      provider: string | null;
      status: SourceStatus;
      latencyMs: number;
      cached: boolean;
      error: string | null;
      args: Array<{ key: string; value: string }>;
    }>;
    gates: Array<{
      name: string;
      stage: GateStage;
      severity: GateSeverity;
      status: GateStatus;
      score: number | null;
      message: string;
    }>;
    trace: {
      traceId: string;
      durationMs: number;
      spans: Array<{
        id: string;
        parentId: string | null;
        name: string;
        startMs: number;
        durationMs: number;
        status: SpanStatus;
        attributes: Array<{ key: string; value: string }>;
      }>;
    };
    cost: {
      totalUsd: number;
      savedUsd: number;
      items: Array<{
        kind: CostKind;
        model: string;
        calls: number;
        inputTokens: number;
        outputTokens: number;
        usd: number;
      }>;
    };
    cache: { hit: CacheHit; similarity: number | null; matchedQuestion: string | null };
  } | null;
};

export type VerifyQueryVariables = Exact<{
  input: VerifyInput;
}>;

export type VerifyQuery = {
  verify: {
    grounded: boolean;
    redactedAnswer: string;
    gates: Array<{ name: string; status: GateStatus; message: string }>;
  };
};

export type SemanticMatchQueryVariables = Exact<{
  a: string;
  b: string;
}>;

export type SemanticMatchQuery = {
  semanticMatch: { similarity: number; hit: boolean; reason: string | null };
};

export type QuoteFieldsFragment = {
  symbol: string;
  name: string | null;
  price: number;
  currency: string | null;
  change: number | null;
  changePercent: number | null;
  previousClose: number | null;
  asOf: string;
  provider: string;
  stale: boolean;
};

export type QuoteQueryVariables = Exact<{
  symbol: string;
}>;

export type QuoteQuery = {
  quote: {
    symbol: string;
    name: string | null;
    price: number;
    currency: string | null;
    change: number | null;
    changePercent: number | null;
    previousClose: number | null;
    asOf: string;
    provider: string;
    stale: boolean;
  } | null;
};

export type QuotesQueryVariables = Exact<{
  symbols: Array<string> | string;
}>;

export type QuotesQuery = {
  quotes: Array<{
    symbol: string;
    name: string | null;
    price: number;
    currency: string | null;
    change: number | null;
    changePercent: number | null;
    previousClose: number | null;
    asOf: string;
    provider: string;
    stale: boolean;
  } | null> | null;
};

export type ExchangeRateQueryVariables = Exact<{
  base: string;
  target: string;
}>;

export type ExchangeRateQuery = {
  exchangeRate: {
    base: string;
    target: string;
    rate: number;
    date: string;
    provider: string;
  } | null;
};

export type HealthQueryVariables = Exact<{ [key: string]: never }>;

export type HealthQuery = {
  health: {
    status: string;
    uptimeSeconds: number;
    documentStore: string;
    cacheHitRates: Array<{ layer: string; hits: number; misses: number; hitRate: number | null }>;
    providers: Array<{
      name: string;
      breaker: string;
      calls: number;
      errors: number;
      quotaRemainingMinute: number | null;
      quotaRemainingDay: number | null;
    }>;
    costs: {
      llmUsdToday: number;
      llmUsdTotal: number;
      embeddingUsdTotal: number;
      tokensIn: number;
      tokensOut: number;
    };
  };
};

export type DashboardQueryVariables = Exact<{
  location: string;
  symbols: Array<string> | string;
  news: string;
}>;

export type DashboardQuery = {
  weather: {
    provider: string;
    location: { name: string; region: string | null };
    current: { temperatureC: number | null; description: string | null } | null;
  } | null;
  quotes: Array<{ symbol: string; price: number; provider: string } | null> | null;
  news: Array<{ title: string; provider: string }> | null;
  exchangeRate: { rate: number; provider: string } | null;
};

export type NewsQueryVariables = Exact<{
  query: string;
  limit?: number | null | undefined;
}>;

export type NewsQuery = {
  news: Array<{
    id: string;
    title: string;
    url: string | null;
    source: string;
    author: string | null;
    publishedAt: string;
    summary: string | null;
    provider: string;
  }> | null;
};

export type ScreenQueryVariables = Exact<{
  input: ScreenInput;
}>;

export type ScreenQuery = {
  screen: {
    allowed: boolean;
    redactedText: string;
    gates: Array<{
      name: string;
      stage: GateStage;
      severity: GateSeverity;
      status: GateStatus;
      score: number | null;
      message: string;
    }>;
  };
};

export type SearchQueryVariables = Exact<{
  query: string;
  k?: number | null | undefined;
}>;

export type SearchQuery = {
  search: Array<{
    id: string;
    documentId: string;
    title: string | null;
    text: string;
    score: number;
    source: string | null;
  }> | null;
};

export type IngestMutationVariables = Exact<{
  documents: Array<DocumentInput> | DocumentInput;
}>;

export type IngestMutation = { ingestDocuments: { documents: number; chunks: number } };

export type WeatherQueryVariables = Exact<{
  location: string;
  days?: number | null | undefined;
}>;

export type WeatherQuery = {
  weather: {
    provider: string;
    attribution: string;
    fetchedAt: string;
    stale: boolean;
    location: {
      name: string;
      region: string | null;
      country: string | null;
      latitude: number;
      longitude: number;
      timezone: string;
    };
    current: {
      time: string;
      temperatureC: number | null;
      apparentTemperatureC: number | null;
      humidity: number | null;
      windSpeedKmh: number | null;
      precipitationMm: number | null;
      weatherCode: number | null;
      description: string | null;
    } | null;
    daily: Array<{
      date: string;
      minC: number | null;
      maxC: number | null;
      precipitationMm: number | null;
      weatherCode: number | null;
      description: string | null;
    }>;
  } | null;
};

export type WeatherInThreePlacesQueryVariables = Exact<{
  a: string;
  b: string;
  c: string;
}>;

export type WeatherInThreePlacesQuery = {
  a: {
    provider: string;
    location: { name: string; region: string | null };
    current: { temperatureC: number | null } | null;
  } | null;
  b: {
    provider: string;
    location: { name: string; region: string | null };
    current: { temperatureC: number | null } | null;
  } | null;
  c: {
    provider: string;
    location: { name: string; region: string | null };
    current: { temperatureC: number | null } | null;
  } | null;
};

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AnswerFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment AnswerFields on Answer {
  id
  question
  text
  status
  model
  citations {
    index
    source
    title
    url
    snippet
  }
  sources {
    name
    provider
    args {
      key
      value
    }
    status
    latencyMs
    cached
    error
  }
  gates {
    name
    stage
    severity
    status
    score
    message
  }
  trace {
    traceId
    durationMs
    spans {
      id
      parentId
      name
      startMs
      durationMs
      status
      attributes {
        key
        value
      }
    }
  }
  cost {
    totalUsd
    savedUsd
    items {
      kind
      model
      calls
      inputTokens
      outputTokens
      usd
    }
  }
  cache {
    hit
    similarity
    matchedQuestion
  }
}
    `,
  { fragmentName: 'AnswerFields' },
) as unknown as TypedDocumentString<AnswerFieldsFragment, unknown>;
export const QuoteFieldsFragmentDoc = new TypedDocumentString(
  `
    fragment QuoteFields on Quote {
  symbol
  name
  price
  currency
  change
  changePercent
  previousClose
  asOf
  provider
  stale
}
    `,
  { fragmentName: 'QuoteFields' },
) as unknown as TypedDocumentString<QuoteFieldsFragment, unknown>;
export const InvalidateCacheDocument = new TypedDocumentString(`
    mutation InvalidateCache($source: String, $pattern: String, $olderThanSeconds: Int) {
  invalidateCache(
    source: $source
    pattern: $pattern
    olderThanSeconds: $olderThanSeconds
  )
}
    `) as unknown as TypedDocumentString<InvalidateCacheMutation, InvalidateCacheMutationVariables>;
export const UsageDocument = new TypedDocumentString(`
    query Usage($from: DateTime!, $to: DateTime!, $caller: String) {
  usage(from: $from, to: $to, caller: $caller) {
    day
    caller
    model
    calls
    inputTokens
    outputTokens
    usd
    savedUsd
  }
}
    `) as unknown as TypedDocumentString<UsageQuery, UsageQueryVariables>;
export const AnswerDocument = new TypedDocumentString(`
    query Answer($question: String!, $options: AnswerOptions) {
  answer(question: $question, options: $options) {
    ...AnswerFields
  }
}
    fragment AnswerFields on Answer {
  id
  question
  text
  status
  model
  citations {
    index
    source
    title
    url
    snippet
  }
  sources {
    name
    provider
    args {
      key
      value
    }
    status
    latencyMs
    cached
    error
  }
  gates {
    name
    stage
    severity
    status
    score
    message
  }
  trace {
    traceId
    durationMs
    spans {
      id
      parentId
      name
      startMs
      durationMs
      status
      attributes {
        key
        value
      }
    }
  }
  cost {
    totalUsd
    savedUsd
    items {
      kind
      model
      calls
      inputTokens
      outputTokens
      usd
    }
  }
  cache {
    hit
    similarity
    matchedQuestion
  }
}`) as unknown as TypedDocumentString<AnswerQuery, AnswerQueryVariables>;
export const VerifyDocument = new TypedDocumentString(`
    query Verify($input: VerifyInput!) {
  verify(input: $input) {
    grounded
    redactedAnswer
    gates {
      name
      status
      message
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyQuery, VerifyQueryVariables>;
export const SemanticMatchDocument = new TypedDocumentString(`
    query SemanticMatch($a: String!, $b: String!) {
  semanticMatch(a: $a, b: $b) {
    similarity
    hit
    reason
  }
}
    `) as unknown as TypedDocumentString<SemanticMatchQuery, SemanticMatchQueryVariables>;
export const QuoteDocument = new TypedDocumentString(`
    query Quote($symbol: String!) {
  quote(symbol: $symbol) {
    ...QuoteFields
  }
}
    fragment QuoteFields on Quote {
  symbol
  name
  price
  currency
  change
  changePercent
  previousClose
  asOf
  provider
  stale
}`) as unknown as TypedDocumentString<QuoteQuery, QuoteQueryVariables>;
export const QuotesDocument = new TypedDocumentString(`
    query Quotes($symbols: [String!]!) {
  quotes(symbols: $symbols) {
    ...QuoteFields
  }
}
    fragment QuoteFields on Quote {
  symbol
  name
  price
  currency
  change
  changePercent
  previousClose
  asOf
  provider
  stale
}`) as unknown as TypedDocumentString<QuotesQuery, QuotesQueryVariables>;
export const ExchangeRateDocument = new TypedDocumentString(`
    query ExchangeRate($base: String!, $target: String!) {
  exchangeRate(base: $base, target: $target) {
    base
    target
    rate
    date
    provider
  }
}
    `) as unknown as TypedDocumentString<ExchangeRateQuery, ExchangeRateQueryVariables>;
export const HealthDocument = new TypedDocumentString(`
    query Health {
  health {
    status
    uptimeSeconds
    documentStore
    cacheHitRates {
      layer
      hits
      misses
      hitRate
    }
    providers {
      name
      breaker
      calls
      errors
      quotaRemainingMinute
      quotaRemainingDay
    }
    costs {
      llmUsdToday
      llmUsdTotal
      embeddingUsdTotal
      tokensIn
      tokensOut
    }
  }
}
    `) as unknown as TypedDocumentString<HealthQuery, HealthQueryVariables>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard($location: String!, $symbols: [String!]!, $news: String!) {
  weather(location: $location, days: 2) {
    location {
      name
      region
    }
    current {
      temperatureC
      description
    }
    provider
  }
  quotes(symbols: $symbols) {
    symbol
    price
    provider
  }
  news(query: $news, limit: 3) {
    title
    provider
  }
  exchangeRate(base: "EUR", target: "USD") {
    rate
    provider
  }
}
    `) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;
export const NewsDocument = new TypedDocumentString(`
    query News($query: String!, $limit: Int) {
  news(query: $query, limit: $limit) {
    id
    title
    url
    source
    author
    publishedAt
    summary
    provider
  }
}
    `) as unknown as TypedDocumentString<NewsQuery, NewsQueryVariables>;
export const ScreenDocument = new TypedDocumentString(`
    query Screen($input: ScreenInput!) {
  screen(input: $input) {
    allowed
    redactedText
    gates {
      name
      stage
      severity
      status
      score
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ScreenQuery, ScreenQueryVariables>;
export const SearchDocument = new TypedDocumentString(`
    query Search($query: String!, $k: Int) {
  search(query: $query, k: $k) {
    id
    documentId
    title
    text
    score
    source
  }
}
    `) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const IngestDocument = new TypedDocumentString(`
    mutation Ingest($documents: [DocumentInput!]!) {
  ingestDocuments(documents: $documents) {
    documents
    chunks
  }
}
    `) as unknown as TypedDocumentString<IngestMutation, IngestMutationVariables>;
export const WeatherDocument = new TypedDocumentString(`
    query Weather($location: String!, $days: Int) {
  weather(location: $location, days: $days) {
    location {
      name
      region
      country
      latitude
      longitude
      timezone
    }
    current {
      time
      temperatureC
      apparentTemperatureC
      humidity
      windSpeedKmh
      precipitationMm
      weatherCode
      description
    }
    daily {
      date
      minC
      maxC
      precipitationMm
      weatherCode
      description
    }
    provider
    attribution
    fetchedAt
    stale
  }
}
    `) as unknown as TypedDocumentString<WeatherQuery, WeatherQueryVariables>;
export const WeatherInThreePlacesDocument = new TypedDocumentString(`
    query WeatherInThreePlaces($a: String!, $b: String!, $c: String!) {
  a: weather(location: $a) {
    location {
      name
      region
    }
    current {
      temperatureC
    }
    provider
  }
  b: weather(location: $b) {
    location {
      name
      region
    }
    current {
      temperatureC
    }
    provider
  }
  c: weather(location: $c) {
    location {
      name
      region
    }
    current {
      temperatureC
    }
    provider
  }
}
    `) as unknown as TypedDocumentString<
  WeatherInThreePlacesQuery,
  WeatherInThreePlacesQueryVariables
>;

/* eslint-disable */
import * as types from './graphql.js';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  'mutation InvalidateCache($source: String, $pattern: String, $olderThanSeconds: Int) {\n  invalidateCache(\n    source: $source\n    pattern: $pattern\n    olderThanSeconds: $olderThanSeconds\n  )\n}\n\nquery Usage($from: DateTime!, $to: DateTime!, $caller: String) {\n  usage(from: $from, to: $to, caller: $caller) {\n    day\n    caller\n    model\n    calls\n    inputTokens\n    outputTokens\n    usd\n    savedUsd\n  }\n}': typeof types.InvalidateCacheDocument;
  'fragment AnswerFields on Answer {\n  id\n  question\n  text\n  status\n  model\n  citations {\n    index\n    source\n    title\n    url\n    snippet\n  }\n  sources {\n    name\n    provider\n    args {\n      key\n      value\n    }\n    status\n    latencyMs\n    cached\n    error\n  }\n  gates {\n    name\n    stage\n    severity\n    status\n    score\n    message\n  }\n  trace {\n    traceId\n    durationMs\n    spans {\n      id\n      parentId\n      name\n      startMs\n      durationMs\n      status\n      attributes {\n        key\n        value\n      }\n    }\n  }\n  cost {\n    totalUsd\n    savedUsd\n    items {\n      kind\n      model\n      calls\n      inputTokens\n      outputTokens\n      usd\n    }\n  }\n  cache {\n    hit\n    similarity\n    matchedQuestion\n  }\n}\n\nquery Answer($question: String!, $options: AnswerOptions) {\n  answer(question: $question, options: $options) {\n    ...AnswerFields\n  }\n}\n\nquery Verify($input: VerifyInput!) {\n  verify(input: $input) {\n    grounded\n    redactedAnswer\n    gates {\n      name\n      status\n      message\n    }\n  }\n}\n\nquery SemanticMatch($a: String!, $b: String!) {\n  semanticMatch(a: $a, b: $b) {\n    similarity\n    hit\n    reason\n  }\n}': typeof types.AnswerFieldsFragmentDoc;
  'fragment QuoteFields on Quote {\n  symbol\n  name\n  price\n  currency\n  change\n  changePercent\n  previousClose\n  asOf\n  provider\n  stale\n}\n\nquery Quote($symbol: String!) {\n  quote(symbol: $symbol) {\n    ...QuoteFields\n  }\n}\n\nquery Quotes($symbols: [String!]!) {\n  quotes(symbols: $symbols) {\n    ...QuoteFields\n  }\n}\n\nquery ExchangeRate($base: String!, $target: String!) {\n  exchangeRate(base: $base, target: $target) {\n    base\n    target\n    rate\n    date\n    provider\n  }\n}': typeof types.QuoteFieldsFragmentDoc;
  'query Health {\n  health {\n    status\n    uptimeSeconds\n    documentStore\n    cacheHitRates {\n      layer\n      hits\n      misses\n      hitRate\n    }\n    providers {\n      name\n      breaker\n      calls\n      errors\n      quotaRemainingMinute\n      quotaRemainingDay\n    }\n    costs {\n      llmUsdToday\n      llmUsdTotal\n      embeddingUsdTotal\n      tokensIn\n      tokensOut\n    }\n  }\n}': typeof types.HealthDocument;
  'query Dashboard($location: String!, $symbols: [String!]!, $news: String!) {\n  weather(location: $location, days: 2) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n      description\n    }\n    provider\n  }\n  quotes(symbols: $symbols) {\n    symbol\n    price\n    provider\n  }\n  news(query: $news, limit: 3) {\n    title\n    provider\n  }\n  exchangeRate(base: "EUR", target: "USD") {\n    rate\n    provider\n  }\n}': typeof types.DashboardDocument;
  'query News($query: String!, $limit: Int) {\n  news(query: $query, limit: $limit) {\n    id\n    title\n    url\n    source\n    author\n    publishedAt\n    summary\n    provider\n  }\n}': typeof types.NewsDocument;
  'query Screen($input: ScreenInput!) {\n  screen(input: $input) {\n    allowed\n    redactedText\n    gates {\n      name\n      stage\n      severity\n      status\n      score\n      message\n    }\n  }\n}': typeof types.ScreenDocument;
  'query Search($query: String!, $k: Int) {\n  search(query: $query, k: $k) {\n    id\n    documentId\n    title\n    text\n    score\n    source\n  }\n}\n\nmutation Ingest($documents: [DocumentInput!]!) {\n  ingestDocuments(documents: $documents) {\n    documents\n    chunks\n  }\n}': typeof types.SearchDocument;
  'query Weather($location: String!, $days: Int) {\n  weather(location: $location, days: $days) {\n    location {\n      name\n      region\n      country\n      latitude\n      longitude\n      timezone\n    }\n    current {\n      time\n      temperatureC\n      apparentTemperatureC\n      humidity\n      windSpeedKmh\n      precipitationMm\n      weatherCode\n      description\n    }\n    daily {\n      date\n      minC\n      maxC\n      precipitationMm\n      weatherCode\n      description\n    }\n    provider\n    attribution\n    fetchedAt\n    stale\n  }\n}\n\nquery WeatherInThreePlaces($a: String!, $b: String!, $c: String!) {\n  a: weather(location: $a) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n  b: weather(location: $b) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n  c: weather(location: $c) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n}': typeof types.WeatherDocument;
};
const documents: Documents = {
  'mutation InvalidateCache($source: String, $pattern: String, $olderThanSeconds: Int) {\n  invalidateCache(\n    source: $source\n    pattern: $pattern\n    olderThanSeconds: $olderThanSeconds\n  )\n}\n\nquery Usage($from: DateTime!, $to: DateTime!, $caller: String) {\n  usage(from: $from, to: $to, caller: $caller) {\n    day\n    caller\n    model\n    calls\n    inputTokens\n    outputTokens\n    usd\n    savedUsd\n  }\n}':
    types.InvalidateCacheDocument,
  'fragment AnswerFields on Answer {\n  id\n  question\n  text\n  status\n  model\n  citations {\n    index\n    source\n    title\n    url\n    snippet\n  }\n  sources {\n    name\n    provider\n    args {\n      key\n      value\n    }\n    status\n    latencyMs\n    cached\n    error\n  }\n  gates {\n    name\n    stage\n    severity\n    status\n    score\n    message\n  }\n  trace {\n    traceId\n    durationMs\n    spans {\n      id\n      parentId\n      name\n      startMs\n      durationMs\n      status\n      attributes {\n        key\n        value\n      }\n    }\n  }\n  cost {\n    totalUsd\n    savedUsd\n    items {\n      kind\n      model\n      calls\n      inputTokens\n      outputTokens\n      usd\n    }\n  }\n  cache {\n    hit\n    similarity\n    matchedQuestion\n  }\n}\n\nquery Answer($question: String!, $options: AnswerOptions) {\n  answer(question: $question, options: $options) {\n    ...AnswerFields\n  }\n}\n\nquery Verify($input: VerifyInput!) {\n  verify(input: $input) {\n    grounded\n    redactedAnswer\n    gates {\n      name\n      status\n      message\n    }\n  }\n}\n\nquery SemanticMatch($a: String!, $b: String!) {\n  semanticMatch(a: $a, b: $b) {\n    similarity\n    hit\n    reason\n  }\n}':
    types.AnswerFieldsFragmentDoc,
  'fragment QuoteFields on Quote {\n  symbol\n  name\n  price\n  currency\n  change\n  changePercent\n  previousClose\n  asOf\n  provider\n  stale\n}\n\nquery Quote($symbol: String!) {\n  quote(symbol: $symbol) {\n    ...QuoteFields\n  }\n}\n\nquery Quotes($symbols: [String!]!) {\n  quotes(symbols: $symbols) {\n    ...QuoteFields\n  }\n}\n\nquery ExchangeRate($base: String!, $target: String!) {\n  exchangeRate(base: $base, target: $target) {\n    base\n    target\n    rate\n    date\n    provider\n  }\n}':
    types.QuoteFieldsFragmentDoc,
  'query Health {\n  health {\n    status\n    uptimeSeconds\n    documentStore\n    cacheHitRates {\n      layer\n      hits\n      misses\n      hitRate\n    }\n    providers {\n      name\n      breaker\n      calls\n      errors\n      quotaRemainingMinute\n      quotaRemainingDay\n    }\n    costs {\n      llmUsdToday\n      llmUsdTotal\n      embeddingUsdTotal\n      tokensIn\n      tokensOut\n    }\n  }\n}':
    types.HealthDocument,
  'query Dashboard($location: String!, $symbols: [String!]!, $news: String!) {\n  weather(location: $location, days: 2) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n      description\n    }\n    provider\n  }\n  quotes(symbols: $symbols) {\n    symbol\n    price\n    provider\n  }\n  news(query: $news, limit: 3) {\n    title\n    provider\n  }\n  exchangeRate(base: "EUR", target: "USD") {\n    rate\n    provider\n  }\n}':
    types.DashboardDocument,
  'query News($query: String!, $limit: Int) {\n  news(query: $query, limit: $limit) {\n    id\n    title\n    url\n    source\n    author\n    publishedAt\n    summary\n    provider\n  }\n}':
    types.NewsDocument,
  'query Screen($input: ScreenInput!) {\n  screen(input: $input) {\n    allowed\n    redactedText\n    gates {\n      name\n      stage\n      severity\n      status\n      score\n      message\n    }\n  }\n}':
    types.ScreenDocument,
  'query Search($query: String!, $k: Int) {\n  search(query: $query, k: $k) {\n    id\n    documentId\n    title\n    text\n    score\n    source\n  }\n}\n\nmutation Ingest($documents: [DocumentInput!]!) {\n  ingestDocuments(documents: $documents) {\n    documents\n    chunks\n  }\n}':
    types.SearchDocument,
  'query Weather($location: String!, $days: Int) {\n  weather(location: $location, days: $days) {\n    location {\n      name\n      region\n      country\n      latitude\n      longitude\n      timezone\n    }\n    current {\n      time\n      temperatureC\n      apparentTemperatureC\n      humidity\n      windSpeedKmh\n      precipitationMm\n      weatherCode\n      description\n    }\n    daily {\n      date\n      minC\n      maxC\n      precipitationMm\n      weatherCode\n      description\n    }\n    provider\n    attribution\n    fetchedAt\n    stale\n  }\n}\n\nquery WeatherInThreePlaces($a: String!, $b: String!, $c: String!) {\n  a: weather(location: $a) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n  b: weather(location: $b) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n  c: weather(location: $c) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n}':
    types.WeatherDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'mutation InvalidateCache($source: String, $pattern: String, $olderThanSeconds: Int) {\n  invalidateCache(\n    source: $source\n    pattern: $pattern\n    olderThanSeconds: $olderThanSeconds\n  )\n}\n\nquery Usage($from: DateTime!, $to: DateTime!, $caller: String) {\n  usage(from: $from, to: $to, caller: $caller) {\n    day\n    caller\n    model\n    calls\n    inputTokens\n    outputTokens\n    usd\n    savedUsd\n  }\n}',
): typeof import('./graphql.js').InvalidateCacheDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'fragment AnswerFields on Answer {\n  id\n  question\n  text\n  status\n  model\n  citations {\n    index\n    source\n    title\n    url\n    snippet\n  }\n  sources {\n    name\n    provider\n    args {\n      key\n      value\n    }\n    status\n    latencyMs\n    cached\n    error\n  }\n  gates {\n    name\n    stage\n    severity\n    status\n    score\n    message\n  }\n  trace {\n    traceId\n    durationMs\n    spans {\n      id\n      parentId\n      name\n      startMs\n      durationMs\n      status\n      attributes {\n        key\n        value\n      }\n    }\n  }\n  cost {\n    totalUsd\n    savedUsd\n    items {\n      kind\n      model\n      calls\n      inputTokens\n      outputTokens\n      usd\n    }\n  }\n  cache {\n    hit\n    similarity\n    matchedQuestion\n  }\n}\n\nquery Answer($question: String!, $options: AnswerOptions) {\n  answer(question: $question, options: $options) {\n    ...AnswerFields\n  }\n}\n\nquery Verify($input: VerifyInput!) {\n  verify(input: $input) {\n    grounded\n    redactedAnswer\n    gates {\n      name\n      status\n      message\n    }\n  }\n}\n\nquery SemanticMatch($a: String!, $b: String!) {\n  semanticMatch(a: $a, b: $b) {\n    similarity\n    hit\n    reason\n  }\n}',
): typeof import('./graphql.js').AnswerFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'fragment QuoteFields on Quote {\n  symbol\n  name\n  price\n  currency\n  change\n  changePercent\n  previousClose\n  asOf\n  provider\n  stale\n}\n\nquery Quote($symbol: String!) {\n  quote(symbol: $symbol) {\n    ...QuoteFields\n  }\n}\n\nquery Quotes($symbols: [String!]!) {\n  quotes(symbols: $symbols) {\n    ...QuoteFields\n  }\n}\n\nquery ExchangeRate($base: String!, $target: String!) {\n  exchangeRate(base: $base, target: $target) {\n    base\n    target\n    rate\n    date\n    provider\n  }\n}',
): typeof import('./graphql.js').QuoteFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query Health {\n  health {\n    status\n    uptimeSeconds\n    documentStore\n    cacheHitRates {\n      layer\n      hits\n      misses\n      hitRate\n    }\n    providers {\n      name\n      breaker\n      calls\n      errors\n      quotaRemainingMinute\n      quotaRemainingDay\n    }\n    costs {\n      llmUsdToday\n      llmUsdTotal\n      embeddingUsdTotal\n      tokensIn\n      tokensOut\n    }\n  }\n}',
): typeof import('./graphql.js').HealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query Dashboard($location: String!, $symbols: [String!]!, $news: String!) {\n  weather(location: $location, days: 2) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n      description\n    }\n    provider\n  }\n  quotes(symbols: $symbols) {\n    symbol\n    price\n    provider\n  }\n  news(query: $news, limit: 3) {\n    title\n    provider\n  }\n  exchangeRate(base: "EUR", target: "USD") {\n    rate\n    provider\n  }\n}',
): typeof import('./graphql.js').DashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query News($query: String!, $limit: Int) {\n  news(query: $query, limit: $limit) {\n    id\n    title\n    url\n    source\n    author\n    publishedAt\n    summary\n    provider\n  }\n}',
): typeof import('./graphql.js').NewsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query Screen($input: ScreenInput!) {\n  screen(input: $input) {\n    allowed\n    redactedText\n    gates {\n      name\n      stage\n      severity\n      status\n      score\n      message\n    }\n  }\n}',
): typeof import('./graphql.js').ScreenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query Search($query: String!, $k: Int) {\n  search(query: $query, k: $k) {\n    id\n    documentId\n    title\n    text\n    score\n    source\n  }\n}\n\nmutation Ingest($documents: [DocumentInput!]!) {\n  ingestDocuments(documents: $documents) {\n    documents\n    chunks\n  }\n}',
): typeof import('./graphql.js').SearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'query Weather($location: String!, $days: Int) {\n  weather(location: $location, days: $days) {\n    location {\n      name\n      region\n      country\n      latitude\n      longitude\n      timezone\n    }\n    current {\n      time\n      temperatureC\n      apparentTemperatureC\n      humidity\n      windSpeedKmh\n      precipitationMm\n      weatherCode\n      description\n    }\n    daily {\n      date\n      minC\n      maxC\n      precipitationMm\n      weatherCode\n      description\n    }\n    provider\n    attribution\n    fetchedAt\n    stale\n  }\n}\n\nquery WeatherInThreePlaces($a: String!, $b: String!, $c: String!) {\n  a: weather(location: $a) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n  b: weather(location: $b) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n  c: weather(location: $c) {\n    location {\n      name\n      region\n    }\n    current {\n      temperatureC\n    }\n    provider\n  }\n}',
): typeof import('./graphql.js').WeatherDocument;

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

import type { GateResult } from '../gates/types.js';

/** Sources `answer` can route to (also the values of `AnswerOptions.sources`). */
export const SOURCE_NAMES = ['weather', 'news', 'quote', 'exchangeRate', 'search'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export type AnswerStatus = 'ANSWERED' | 'DEGRADED' | 'REFUSED';
export type SourceStatus = 'OK' | 'CACHED' | 'STALE' | 'FAILED' | 'TIMEOUT' | 'SKIPPED';
export type CostKind = 'LLM' | 'EMBEDDING' | 'API';
export type CacheHit = 'NONE' | 'EXACT' | 'SEMANTIC';

export interface Citation {
  index: number;
  source: SourceName;
  title: string | null;
  url: string | null;
  snippet: string | null;
}

export interface SourceCall {
  /** The source (`weather`), with the intent's key: `weather:Osaka`. */
  name: string;
  provider: string | null;
  /** The parameters the router chose for this call (`location`, `symbol`, `days`…). */
  args: Attribute[];
  status: SourceStatus;
  latencyMs: number;
  cached: boolean;
  /** Client-safe message of the failure. */
  error: string | null;
}

export interface Attribute {
  key: string;
  value: string;
}

export interface Span {
  id: string;
  parentId: string | null;
  name: string;
  startMs: number;
  durationMs: number;
  status: 'OK' | 'ERROR';
  attributes: Attribute[];
}

export interface Trace {
  traceId: string;
  durationMs: number;
  spans: Span[];
}

export interface CostItem {
  kind: CostKind;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
}

export interface Cost {
  totalUsd: number;
  savedUsd: number;
  items: CostItem[];
}

export interface CacheInfo {
  hit: CacheHit;
  similarity: number | null;
  matchedQuestion: string | null;
}

/** The `Answer` object, as resolved to clients (the codegen mapper). */
export interface AnswerModel {
  id: string;
  question: string;
  text: string;
  status: AnswerStatus;
  model: string;
  citations: Citation[];
  sources: SourceCall[];
  gates: GateResult[];
  trace: Trace;
  cost: Cost;
  cache: CacheInfo;
}

export interface AnswerOptions {
  sources?: readonly string[] | null;
  maxSources?: number | null;
  model?: string | null;
  noCache?: boolean | null;
  maxCostUsd?: number | null;
}

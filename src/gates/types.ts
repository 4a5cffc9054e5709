/**
 * Quality gates: small checks, pure where possible, composed by the answer pipeline. Names, stages,
 * severities and statuses are the GraphQL contract's (`GateResult`).
 */
export type GateName =
  | 'input_length'
  | 'prompt_injection'
  | 'data_validation'
  | 'freshness'
  | 'relevance'
  | 'context_length'
  | 'grounding'
  | 'citations'
  | 'hallucination_markers'
  | 'pii'
  | 'content_safety'
  | 'format'
  /** Not a check of the text: says whether the configured model wrote it, and why not. */
  | 'synthesis';

export type GateStage = 'INPUT' | 'DATA' | 'RETRIEVAL' | 'OUTPUT';
export type GateSeverity = 'ERROR' | 'WARNING' | 'INFO';
export type GateStatus = 'PASSED' | 'WARNING' | 'FAILED' | 'SKIPPED';

/** One gate's verdict, as returned to clients in `Answer.gates`. */
export interface GateResult {
  name: GateName;
  stage: GateStage;
  severity: GateSeverity;
  status: GateStatus;
  /** The gate's measure in [0, 1] where it has one (support ratio, similarity, risk). */
  score: number | null;
  /** Plain-English reason, safe to show to a client (never echoes secrets or PII). */
  message: string;
}

/** A gate over an input of type I. */
export interface Gate<I> {
  readonly name: GateName;
  readonly stage: GateStage;
  readonly severity: GateSeverity;
  check(input: I): GateResult | Promise<GateResult>;
}

/** Builds a result stamped with a gate's identity. */
export function verdict(
  gate: Pick<Gate<unknown>, 'name' | 'stage' | 'severity'>,
  status: GateStatus,
  message: string,
  score: number | null = null,
): GateResult {
  return { name: gate.name, stage: gate.stage, severity: gate.severity, status, score, message };
}

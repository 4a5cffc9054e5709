/** A label value guard: maps whatever a client sent to a bounded set of label values. */
export type LabelBound = (value: string | null | undefined) => string;

export interface LabelBoundOptions {
  /** Values that do not match become `other`. */
  pattern: RegExp;
  /** Distinct values admitted; later newcomers become `other`. */
  max: number;
  /** The value for null, undefined or an empty string. */
  missing: string;
}

/** GraphQL names: what an operation name must look like to become a label value. */
export const GRAPHQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Bounds a label fed from outside (operation names come from clients): only values matching
 * `pattern` and only the first `max` distinct ones are kept, so a client cannot grow the metric
 * series without limit. The rest is `other`.
 */
export function createLabelBound({ pattern, max, missing }: LabelBoundOptions): LabelBound {
  const admitted = new Set<string>();
  return function boundLabel(value) {
    if (value === null || value === undefined || value === '') return missing;
    if (admitted.has(value)) return value;
    if (!pattern.test(value) || admitted.size >= max) return 'other';
    admitted.add(value);
    return value;
  };
}

import { loadModel, modelDigest } from '../gates/classifier.js';
import { createContentSafetyGate } from '../gates/content-safety.js';
import { assessInjection } from '../gates/guard-model.js';
import { createPromptInjectionGate, passagesVerdict } from '../gates/prompt-injection.js';
import { verdict, type GateResult } from '../gates/types.js';

/**
 * The gates that screen text before the answer pipeline trusts it, built once and shared by
 * `answer` (on its question and on retrieved passages and headlines) and by `screen`, so the API
 * blocks exactly what the pipeline refuses or drops.
 */
export interface Screener {
  /**
   * The question gates (prompt injection, content safety), in the order `answer` reports them.
   * `input_length` is not among them: it is `answer`'s own bound on a question's shape.
   */
  question(text: string): GateResult[];
  /**
   * The retrieval gates over retrieved texts, each screened once: their verdicts, and per text
   * whether it carries injected instructions (the pipeline drops those).
   */
  passages(texts: readonly string[]): { gates: GateResult[]; injected: boolean[] };
  /** The guard models' version (a digest of their files): a verdict kept under another is not served. */
  readonly version: string;
}

/**
 * The first ERROR-severity gate that failed, if any: `answer` refuses its question, and `screen`
 * says `allowed: false`, exactly when there is one.
 */
export function blockedBy(gates: readonly GateResult[]): GateResult | undefined {
  return gates.find((g) => g.severity === 'ERROR' && g.status === 'FAILED');
}

export function createScreener(): Screener {
  // The trained guards' models are read now, at start, not by the first question.
  loadModel('prompt-injection');
  loadModel('content-safety');
  const injectionInput = createPromptInjectionGate({ stage: 'INPUT' });
  const safetyInput = createContentSafetyGate({ stage: 'INPUT' });
  const injectionRetrieval = createPromptInjectionGate({ stage: 'RETRIEVAL' });
  const version = `${modelDigest('prompt-injection')}.${modelDigest('content-safety')}`;
  return {
    version,
    question: (text) => [
      injectionInput.check(text) as GateResult,
      safetyInput.check(text) as GateResult,
    ],
    passages(texts) {
      // Each text screened once, as the RETRIEVAL gate screens it; the verdict and the drops agree.
      const assessments = texts.map((text) => assessInjection(text));
      const injection =
        texts.length > 0
          ? passagesVerdict(assessments)
          : verdict(injectionRetrieval, 'SKIPPED', 'No retrieved text to screen');
      return { gates: [injection], injected: assessments.map((a) => a.injected) };
    },
  };
}

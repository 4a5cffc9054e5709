import { assessInjection, type InjectionVerdict } from './guard-model.js';
import type { Gate, GateResult } from './types.js';
import { verdict } from './types.js';

/**
 * The prompt_injection gate: the question (INPUT) and every retrieved passage (RETRIEVAL), read
 * by the rules and the trained model (src/gates/guard-model.ts).
 */

/** Keeps the items whose text is not an injection; the dropped ones are returned apart. */
export function screenPassages<T>(
  items: readonly T[],
  textOf: (item: T) => string,
): { kept: T[]; dropped: T[] } {
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const item of items) (assessInjection(textOf(item)).injected ? dropped : kept).push(item);
  return { kept, dropped };
}

/** INPUT screens the question; RETRIEVAL screens every passage (the pipeline drops flagged ones). */
export function createPromptInjectionGate(options: { stage: 'INPUT' }): Gate<string>;
export function createPromptInjectionGate(options: { stage: 'RETRIEVAL' }): Gate<readonly string[]>;
export function createPromptInjectionGate(options: {
  stage: 'INPUT' | 'RETRIEVAL';
}): Gate<string> | Gate<readonly string[]> {
  const gate = { name: 'prompt_injection', stage: options.stage, severity: 'ERROR' } as const;
  if (options.stage === 'INPUT')
    return {
      ...gate,
      check: function checkQuestion(question: string): GateResult {
        const r = assessInjection(question);
        return r.injected
          ? verdict(
              gate,
              'FAILED',
              `The question looks like a prompt injection (${r.signals.join(', ')}).`,
              r.score,
            )
          : verdict(gate, 'PASSED', 'No injection found in the question.', r.score);
      },
    };
  return {
    ...gate,
    check: function checkPassages(passages: readonly string[]): GateResult {
      return passagesVerdict(passages.map((p) => assessInjection(p)));
    },
  };
}

/**
 * The RETRIEVAL verdict from passages already screened with `assessInjection`, so a caller
 * that also filters on the same assessments screens each passage once.
 */
export function passagesVerdict(assessments: readonly InjectionVerdict[]): GateResult {
  const gate = { name: 'prompt_injection', stage: 'RETRIEVAL', severity: 'ERROR' } as const;
  const flagged = assessments.filter((s) => s.injected).length;
  const worst = Math.max(0, ...assessments.map((s) => s.score));
  if (flagged === 0)
    return verdict(gate, 'PASSED', `No injection in ${assessments.length} passages.`, worst);
  return verdict(
    gate,
    'FAILED',
    `${flagged} of ${assessments.length} retrieved passages carry injected instructions and were dropped.`,
    worst,
  );
}

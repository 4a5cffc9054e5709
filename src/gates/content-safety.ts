import { assessRequestSafety } from './guard-model.js';
import { assessContentSafety } from './safety-rules.js';
import type { Gate } from './types.js';
import { verdict } from './types.js';

/**
 * The content_safety gate. A question (INPUT) is read by the rules and the trained model of
 * harmful requests; an answer (OUTPUT) by the rules, since the model was trained on requests.
 */

/** INPUT screens the question (refused when unsafe); OUTPUT screens the answer (withheld). */
export function createContentSafetyGate(options: { stage: 'INPUT' | 'OUTPUT' }): Gate<string> {
  const gate = { name: 'content_safety', stage: options.stage, severity: 'ERROR' } as const;
  const what = options.stage === 'INPUT' ? 'question' : 'answer';
  return {
    ...gate,
    check: function checkContentSafety(text: string) {
      const r = options.stage === 'INPUT' ? assessRequestSafety(text) : assessContentSafety(text);
      return r.safe
        ? verdict(gate, 'PASSED', `No unsafe content found in the ${what}.`, r.score)
        : verdict(
            gate,
            'FAILED',
            `The ${what} was flagged as unsafe (${r.categories.join(', ')}).`,
            r.score,
          );
    },
  };
}

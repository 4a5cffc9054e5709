import { createCitationsGate } from '../gates/citations.js';
import { createContentSafetyGate } from '../gates/content-safety.js';
import { createFormatGate } from '../gates/format.js';
import { createGroundingGate } from '../gates/grounding.js';
import { createHallucinationMarkersGate } from '../gates/hallucination-markers.js';
import { createPiiGate, redactPii } from '../gates/pii.js';
import type { GateResult } from '../gates/types.js';
import type { NumberedEvidence } from './extractive.js';
import type { SpanParent } from './trace.js';

export interface OutputCheck {
  /** The text to ship: PII redacted. */
  text: string;
  gates: GateResult[];
  /** True when an ERROR-level gate failed: the text must not ship. */
  blocked: boolean;
}

export interface OutputGates {
  check(input: {
    question: string;
    text: string;
    context: readonly NumberedEvidence[];
    /** When present, each gate is recorded as a span under it. */
    parent?: SpanParent;
    /**
     * The text is a model's paraphrase: a claim needs 80% of its content words in the context
     * instead of all of them (its numbers and names must still all be there).
     */
    paraphrased?: boolean;
  }): Promise<OutputCheck>;
}

/** The output stage: grounding, citations, markers, content safety, format, then PII redaction. */
export function createOutputGates({ maxAnswerChars }: { maxAnswerChars: number }): OutputGates {
  const grounding = createGroundingGate();
  const groundingParaphrase = createGroundingGate({ threshold: 0.8 });
  const citations = createCitationsGate();
  const markers = createHallucinationMarkersGate();
  const safety = createContentSafetyGate({ stage: 'OUTPUT' });
  const format = createFormatGate({ maxChars: maxAnswerChars });
  const pii = createPiiGate();

  return {
    async check({ question, text, context, parent, paraphrased = false }) {
      const run = async (name: string, fn: () => GateResult | Promise<GateResult>) =>
        parent
          ? parent.run(`gate ${name}`, async (span) => {
              const result = await fn();
              span.set('status', result.status);
              if (result.score !== null) span.set('score', result.score.toFixed(3));
              return result;
            })
          : fn();
      const snippets = context.map(({ index, evidence }) => ({ index, snippet: evidence.text }));
      const gates = [
        await run('grounding', () =>
          (paraphrased ? groundingParaphrase : grounding).check({
            question,
            answer: text,
            context: context.map((c) => c.evidence.text),
          }),
        ),
        await run('citations', () => citations.check({ answer: text, citations: snippets })),
        await run('hallucination_markers', () =>
          markers.check({ answer: text, context: context.map((c) => c.evidence.text) }),
        ),
        await run('content_safety', () => safety.check(text)),
        await run('format', () => format.check({ answer: text })),
        await run('pii', () => pii.check(text)),
      ];
      const blocked = gates.some((g) => g.severity === 'ERROR' && g.status === 'FAILED');
      return { text: redactPii(text).text, gates, blocked };
    },
  };
}

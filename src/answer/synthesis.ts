import { describeError } from '../errors.js';
import { checkBudget, type BudgetStore } from '../llm/budget.js';
import type { CostLedger } from '../llm/ledger.js';
import { estimateMessageTokens, lookupPrice, type PriceTable } from '../llm/pricing.js';
import { buildAnswerPrompt, type PromptContext } from '../llm/prompt.js';
import type { LlmClient } from '../llm/types.js';
import { splitChunk } from '../vector/chunker.js';
import type { Evidence } from './evidence.js';
import { synthesiseExtractive, type NumberedEvidence } from './extractive.js';
import type { SpanParent } from './trace.js';

export interface SynthesisDeps {
  llm: LlmClient | null;
  prices: PriceTable;
  budget: BudgetStore;
  dailyBudgetUsd: number;
  maxTokens: number;
}

export interface SynthesisRequest {
  question: string;
  context: readonly NumberedEvidence[];
  /** The model to use; null means extractive only. */
  model: string | null;
  caller: string;
  maxCostUsd: number | null;
  deadline: number;
  ledger: CostLedger;
  /** The span the synthesis span is a child of. */
  parent: SpanParent;
}

export interface Synthesis {
  text: string;
  /** The model that wrote the text, or `extractive`. */
  model: string;
  /** Why an LLM was configured but the extractive synthesiser wrote the text. */
  fallback: 'budget' | 'llm_failed' | null;
  /** That reason in words a client may read (a coded error's message, never a raw one). */
  reason?: string;
}

export const EXTRACTIVE = 'extractive';

/**
 * Writes the answer: with the LLM when one is configured, the model is allowed and the budget
 * holds for this call's worst case (checked before the call, never after); otherwise, or when
 * the call fails, with the local extractive synthesiser.
 */
export async function synthesise(
  deps: SynthesisDeps,
  request: SynthesisRequest,
): Promise<Synthesis> {
  const { question, context, model, parent, ledger } = request;
  const extractive = (fallback: Synthesis['fallback'], reason?: string): Synthesis => ({
    text: synthesiseExtractive(question, context),
    model: EXTRACTIVE,
    fallback,
    reason,
  });
  if (!deps.llm || !model) return parent.run('synthesis extractive', () => extractive(null));
  const llm = deps.llm;

  return parent.run('synthesis llm', async (span) => {
    const messages = buildAnswerPrompt({
      question,
      context: context.map(({ index, evidence }) => promptEntry(index, evidence)),
    });
    const inputTokens = estimateMessageTokens(messages);
    const { price } = lookupPrice(deps.prices, model);
    const decision = checkBudget({
      ledgerTotal: ledger.totalUsd(),
      maxCostUsd: request.maxCostUsd ?? undefined,
      dailyLimit: deps.dailyBudgetUsd,
      spentToday: await deps.budget.spent(request.caller),
      inputTokens,
      maxTokens: deps.maxTokens,
      price,
    });
    span.set('gen_ai.operation.name', 'chat');
    span.set('gen_ai.request.model', model);
    span.set('gen_ai.request.max_tokens', deps.maxTokens);
    span.set('budget.projected_usd', decision.projectedUsd.toFixed(6));
    if (!decision.allowed) {
      span.set('budget.refused', decision.reason);
      return extractive('budget', `the model was not called: ${decision.reason}`);
    }
    try {
      const result = await llm.complete({
        model,
        messages,
        maxTokens: deps.maxTokens,
        deadline: request.deadline,
      });
      const { usd } = ledger.record({
        kind: 'LLM',
        model: result.model,
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
        calls: result.calls,
      });
      await deps.budget.add(request.caller, usd);
      span.set('gen_ai.response.model', result.model);
      span.set('gen_ai.usage.input_tokens', result.inputTokens);
      span.set('gen_ai.usage.output_tokens', result.outputTokens);
      span.set('cost.usd', usd.toFixed(6));
      return { text: result.text.trim(), model: result.model, fallback: null };
    } catch (error) {
      const reason = describeError(error, 'unexpected LLM failure');
      span.fail(reason);
      return extractive('llm_failed', `the model failed (${reason})`);
    }
  });
}

/**
 * How the model sees one context entry: a passage's heading trail goes with its source label, so
 * the model cannot read the heading as the first words of the passage's first sentence.
 */
function promptEntry(index: number, evidence: Evidence): PromptContext {
  const label = (title: string | null) =>
    title ? `${evidence.source}: ${title}` : evidence.source;
  if (evidence.kind !== 'search')
    return { index, source: label(evidence.title), text: evidence.text };
  const { heading, body } = splitChunk(evidence.text);
  return { index, source: label(heading ?? evidence.title), text: body };
}

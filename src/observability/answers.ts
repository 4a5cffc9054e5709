import type { AnswerServices } from '../answer/create.js';
import type { AnswerService } from '../answer/pipeline.js';
import type { AnswerModel } from '../answer/types.js';
import type { Metrics } from './metrics.js';

/** The part of Metrics the answer pipeline reports to. */
export type AnswerObserver = Pick<
  Metrics,
  'recordGate' | 'recordLlm' | 'recordEmbedding' | 'recordAnswer' | 'recordCacheLayer'
>;

/** Records one finished answer: its gates, model spend, status and which answer cache served it. */
export function recordAnswer(
  observer: AnswerObserver,
  answer: AnswerModel,
  noCache: boolean,
): void {
  const replayed = answer.cache.hit !== 'NONE';
  for (const gate of answer.gates) {
    // A replayed answer carries the original's data and output gates: only its input gates ran now.
    if (!replayed || gate.stage === 'INPUT') observer.recordGate(gate.name, gate.status);
  }
  for (const item of answer.cost.items) {
    if (item.kind === 'LLM') {
      observer.recordLlm(item.model, item.inputTokens, item.outputTokens, item.usd);
    } else if (item.kind === 'EMBEDDING') {
      observer.recordEmbedding(item.model, item.inputTokens, item.usd);
    }
  }
  observer.recordAnswer(answer.status, answer.cache.hit);
  // Refused input never reaches the caches; noCache skips them.
  const looked =
    !noCache && answer.gates.every((g) => g.stage !== 'INPUT' || g.status !== 'FAILED');
  if (!looked) return;
  observer.recordCacheLayer('answer-exact', answer.cache.hit === 'EXACT');
  if (answer.cache.hit !== 'EXACT') {
    observer.recordCacheLayer('answer-semantic', answer.cache.hit === 'SEMANTIC');
  }
}

/** The answer service with every answer recorded in the metrics; same interface. */
export function observeAnswers(service: AnswerService, observer: AnswerObserver): AnswerService {
  return {
    async answer(request) {
      const answer = await service.answer(request);
      recordAnswer(observer, answer, Boolean(request.options.noCache));
      return answer;
    },
  };
}

/** The answer services with `answers` observed (the other services are unchanged). */
export function observeAnswerServices(
  services: AnswerServices,
  observer?: AnswerObserver,
): AnswerServices {
  return observer ? { ...services, answers: observeAnswers(services.answers, observer) } : services;
}

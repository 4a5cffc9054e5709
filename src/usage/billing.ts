import type { AnswerService } from '../answer/pipeline.js';
import { createCostLedger, embeddingUsageInto } from '../llm/ledger.js';
import type { PriceTable } from '../llm/pricing.js';
import type { UsageSink } from '../vector/embedder.js';
import { usageRecords, type UsageLog } from './usage-log.js';

/** The usage log and the prices its records are priced with: what resolvers bill through. */
export interface Billing {
  log: UsageLog;
  prices: PriceTable;
}

/**
 * Where a request's embedding usage outside `answer` goes (a `search`'s query embedding, an
 * ingest's chunks): priced and recorded in the usage log for `caller` as each call reports it.
 */
export function billTo(billing: Billing, caller: string): UsageSink {
  return (usage) => {
    const ledger = createCostLedger(billing.prices);
    embeddingUsageInto(ledger)(usage);
    billing.log.record(usageRecords({ at: Date.now(), caller, items: ledger.items() }));
  };
}

/**
 * The answer service with every answer's spend recorded in the usage log: its ledger's items, and
 * what a cached answer saved, on the answering model. Same interface.
 */
export function logAnswerUsage(service: AnswerService, log: UsageLog): AnswerService {
  return {
    async answer(request) {
      const answer = await service.answer(request);
      log.record(
        usageRecords({
          at: Date.now(),
          caller: request.caller,
          items: answer.cost.items,
          savedUsd: answer.cost.savedUsd,
          savedModel: answer.model,
        }),
      );
      return answer;
    },
  };
}

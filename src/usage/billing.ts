import type { AnswerService } from '../answer/pipeline.js';
import { createCostLedger } from '../llm/ledger.js';
import type { PriceTable } from '../llm/pricing.js';
import { withLedger } from '../llm/usage-scope.js';
import { usageRecords, type UsageLog } from './usage-log.js';

/** The usage log and the prices its records are priced with: what resolvers bill through. */
export interface Billing {
  log: UsageLog;
  prices: PriceTable;
}

/**
 * Runs `work` (a `search`, an ingest) with a ledger of its own, so the embedding calls made below it
 * are priced and recorded in the usage log for `caller`, whether `work` succeeds or fails.
 */
export async function billed<T>(
  billing: Billing,
  caller: string,
  work: () => Promise<T>,
): Promise<T> {
  const ledger = createCostLedger(billing.prices);
  try {
    return await withLedger(ledger, work);
  } finally {
    billing.log.record(usageRecords({ at: Date.now(), caller, items: ledger.items() }));
  }
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

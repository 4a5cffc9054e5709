/** `answer` with every one of its typed fields, as a frontend showing all of it asks. */
export const ANSWER_QUERY = `query Answer($question: String!) {
  answer(question: $question) {
    id question text status model
    citations { index source title url snippet }
    sources { name provider status latencyMs cached error }
    gates { name stage severity status score message }
    trace { traceId durationMs spans { id parentId name startMs durationMs status attributes { key value } } }
    cost { totalUsd savedUsd items { kind model calls inputTokens outputTokens usd } }
    cache { hit similarity matchedQuestion }
  }
}`;

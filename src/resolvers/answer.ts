import { blockedBy } from '../answer/screening.js';
import type { Resolvers } from '../generated/graphql.js';
import { assessGrounding } from '../gates/grounding.js';
import { redactPii } from '../gates/pii.js';
import { badInput } from '../errors.js';
import { requireRole } from '../protection/principal.js';
import { requireText } from './validate.js';

const MAX_VERIFY_CONTEXT = 50;
const MAX_VERIFY_CHARS = 20_000;
/** `screen` takes longer texts than `answer` (a passage, a document chunk), up to this. */
const MAX_SCREEN_CHARS = 8000;

/** `answer`, `verify`, `screen` and `semanticMatch`: thin translations onto the answer services. */
export const answerResolvers: Resolvers = {
  Query: {
    answer: (_, { question, options }, { answers, sources, caller, traceId, otel }) =>
      answers.answers.answer({ question, options: options ?? {}, sources, caller, traceId, otel }),
    async verify(_, { input }, { answers }) {
      const question = requireText('question', input.question, 500);
      const answer = requireText('answer', input.answer, MAX_VERIFY_CHARS);
      if (input.context.length > MAX_VERIFY_CONTEXT)
        throw badInput(`at most ${MAX_VERIFY_CONTEXT} context passages`);
      const context = input.context.map((text, i) => ({
        index: i + 1,
        text: requireText(`context[${i}]`, text, MAX_VERIFY_CHARS),
      }));
      const { gates } = await answers.outputGates.check({
        question,
        text: answer,
        context: context.map(({ index, text }) => ({
          index,
          evidence: {
            kind: 'search',
            source: 'search',
            provider: 'verify',
            title: null,
            url: null,
            text,
            fetchedAt: null,
            ttlSeconds: null,
            passage: {
              id: `verify#${index}`,
              documentId: 'verify',
              title: null,
              text,
              score: 1,
              source: null,
              url: null,
            },
            query: question,
          },
        })),
      });
      const grounded = assessGrounding({
        question,
        answer,
        context: context.map((c) => c.text),
      }).grounded;
      return { grounded, gates, redactedAnswer: redactPii(answer).text };
    },
    screen(_, { input }, { answers }) {
      const { text } = input;
      const stage = input.stage ?? 'INPUT';
      if (text.trim() === '') throw badInput('`text` must not be empty');
      const length = [...text].length;
      if (length > MAX_SCREEN_CHARS)
        throw badInput(
          `\`text\` must be at most ${MAX_SCREEN_CHARS} characters (it has ${length})`,
        );
      if (stage !== 'INPUT' && stage !== 'RETRIEVAL')
        throw badInput(
          `\`stage\` ${stage} has no gates that screen text: use INPUT (the question gates) or RETRIEVAL (the passage gates)`,
        );
      const gates =
        stage === 'INPUT'
          ? answers.screener.question(text)
          : answers.screener.passages([text]).gates;
      return { allowed: blockedBy(gates) === undefined, gates, redactedText: redactPii(text).text };
    },
    async semanticMatch(_, { a, b }, context) {
      requireRole(context, 'admin');
      const result = await context.answers.matcher.match(
        requireText('a', a, 500),
        requireText('b', b, 500),
      );
      return { similarity: result.similarity, hit: result.hit, reason: result.reason };
    },
  },
};

import type { AnswerQuery, QuotesQuery, WeatherQuery } from '../../../src/client/index.js';

/** The answer as `operations/answer.graphql` selects it. */
export type Answer = NonNullable<AnswerQuery['answer']>;
/** The parts the renderers take, named after their GraphQL types. */
export type Citation = Answer['citations'][number];
export type SourceCall = Answer['sources'][number];
export type Gate = Answer['gates'][number];
export type Span = Answer['trace']['spans'][number];
export type Weather = NonNullable<WeatherQuery['weather']>;
export type Quote = NonNullable<NonNullable<QuotesQuery['quotes']>[number]>;

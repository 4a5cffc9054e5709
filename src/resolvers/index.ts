import type { Resolvers } from '../generated/graphql.js';
import { adminResolvers } from './admin.js';
import { answerResolvers } from './answer.js';
import { financeResolvers } from './finance.js';
import { healthResolvers } from './health.js';
import { newsResolvers } from './news.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { searchResolvers } from './search.js';
import { usageResolvers } from './usage.js';
import { weatherResolvers } from './weather.js';

/**
 * Root fields whose resolvers restrict `freshness` by the values they serve: an operation made of
 * these only may be cached whole. Every other field (`answer`, `search`, `health`…) makes it
 * uncacheable.
 */
export const cacheableRootFields: ReadonlySet<string> = new Set([
  'weather',
  'news',
  'quote',
  'quotes',
  'exchangeRate',
]);

/** Every resolver map, merged. Resolvers translate shapes and call loaders, nothing more. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query: {
    ...weatherResolvers.Query,
    ...newsResolvers.Query,
    ...financeResolvers.Query,
    ...searchResolvers.Query,
    ...answerResolvers.Query,
    ...healthResolvers.Query,
    ...usageResolvers.Query,
  },
  Mutation: { ...searchResolvers.Mutation, ...adminResolvers.Mutation },
  Weather: weatherResolvers.Weather,
  Location: weatherResolvers.Location,
  CurrentWeather: weatherResolvers.CurrentWeather,
  DailyWeather: weatherResolvers.DailyWeather,
  Quote: financeResolvers.Quote,
};

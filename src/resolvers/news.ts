import { freshForSeconds } from '../sources/cached.js';
import type { Resolvers } from '../generated/graphql.js';
import { limits, requireRange, requireText } from './validate.js';

/** `news`: one page from the news chain (NewsAPI when keyed, else Hacker News). */
export const newsResolvers: Resolvers = {
  Query: {
    async news(_, args, { loaders, freshness }) {
      const query = requireText('query', args.query);
      const limit = requireRange('limit', args.limit ?? 10, 1, limits.maxNewsLimit);
      const page = await loaders.news.load({ query, limit });
      freshness.restrict(freshForSeconds(page));
      return page.articles;
    },
  },
};

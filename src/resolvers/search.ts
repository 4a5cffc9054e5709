import type { Resolvers } from '../generated/graphql.js';
import { requireRole } from '../protection/principal.js';
import { billTo } from '../usage/billing.js';
import { limits, requireRange, requireText } from './validate.js';

/** Semantic search over the vector index, and ingestion into it. */
export const searchResolvers: Resolvers = {
  Query: {
    search(_, args, { loaders }) {
      const query = requireText('query', args.query, 2000);
      const k = requireRange('k', args.k ?? 5, 1, limits.maxSearchK);
      // The query's embedding (OpenAI embedder) is billed to the caller: the request's loaders
      // carry its billing (see createContext).
      return loaders.search.load({ query, k });
    },
  },
  Mutation: {
    ingestDocuments(_, { documents }, context) {
      requireRole(context, 'admin');
      return context.sources.vectorIndex.ingest(documents, billTo(context.billing, context.caller));
    },
  },
};

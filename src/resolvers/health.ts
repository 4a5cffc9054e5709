import { ErrorCode, GatewayError } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { requireRole } from '../protection/principal.js';

/** `health`: operators only (it shows spend and quotas). */
export const healthResolvers: Resolvers = {
  Query: {
    async health(_, __, ctx) {
      requireRole(ctx, 'admin');
      if (!ctx.health) {
        throw new GatewayError(
          ErrorCode.INTERNAL_SERVER_ERROR,
          'health is not wired in this server',
        );
      }
      const snapshot = await ctx.health.snapshot();
      // The store belongs to the vector index, not to the metrics `snapshot` is built from.
      return { ...snapshot, documentStore: ctx.sources.vectorIndex.stats().documentStore };
    },
  },
};

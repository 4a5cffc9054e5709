import { badInput } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { requireRole } from '../protection/principal.js';

const MAX_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;

/** `usage`: model spend per day, caller and model, for operators only. */
export const usageResolvers: Resolvers = {
  Query: {
    usage(_, args, ctx) {
      requireRole(ctx, 'admin');
      // graphql-scalars' DateTime parses to a Date; a string arrives from default values only.
      const from = new Date(args.from as string | Date).getTime();
      const to = new Date(args.to as string | Date).getTime();
      if (!(to > from)) throw badInput('`to` must be after `from`');
      if (to - from > MAX_DAYS * DAY_MS) throw badInput(`at most ${MAX_DAYS} days per query`);
      const caller = args.caller ?? undefined;
      if (caller !== undefined && (caller.length === 0 || caller.length > 200))
        throw badInput('`caller` must be 1 to 200 characters');
      return ctx.billing.log.report({ from, to, caller });
    },
  },
};

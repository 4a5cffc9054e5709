import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import { KnownOperationTypesRule } from './operation-types.js';

/** Query limits (MAX_QUERY_DEPTH, MAX_ALIASES, MAX_QUERY_COST, MAX_QUERY_TOKENS, MAX_DIRECTIVES). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxDirectives: number;
}

/** What createArmor gives the ApolloServer constructor. */
export interface ArmorProtection {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** Apollo's `parseOptions`: graphql-js stops parsing past `maxTokens`. */
  parseOptions: { maxTokens: number };
}

/**
 * graphql-armor's depth, alias, cost and directive limits as validation rules (refused with
 * GRAPHQL_VALIDATION_FAILED, HTTP 400), and field suggestions masked when `blockFieldSuggestions`.
 * The token limit is graphql-js's own `maxTokens` parse option (GRAPHQL_PARSE_FAILED, HTTP 400):
 * armor's token plugin throws from a parsing hook, which Apollo 5 answers with a 500 and which
 * would also rewrite every other plugin's request-level error.
 */
export function createArmor(
  limits: QueryLimits,
  options: { blockFieldSuggestions?: boolean } = {},
): ArmorProtection {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    // armor exempts `__typename` by default; 1,000 aliases of anything are refused here.
    maxAliases: { n: limits.maxAliases, allowList: [] },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions ?? true },
  }).protect();
  return {
    // armor's typings resolve @apollo/server's CommonJS declarations; the plugin objects are the same.
    plugins: plugins as unknown as ApolloServerPlugin[],
    validationRules: [KnownOperationTypesRule, ...validationRules],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

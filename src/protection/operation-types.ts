import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses an operation whose root type the schema lacks (`subscription` here). graphql-js 16
 * only notices at execution, with an uncoded error that would surface as INTERNAL_SERVER_ERROR;
 * as a validation error it is GRAPHQL_VALIDATION_FAILED, HTTP 400 (graphql-js 17 adds this rule).
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(
        new GraphQLError(`The schema does not support ${node.operation} operations`, {
          nodes: node,
        }),
      );
    }
  },
});

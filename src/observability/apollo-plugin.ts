import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Metrics, RequestStatus } from './metrics.js';

/** Codes that are the gateway's or a provider's fault; every other code is the caller's. */
const SERVER_FAULTS = new Set([
  'INTERNAL_SERVER_ERROR',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_BAD_RESPONSE',
]);

/** `error` when any error is a server fault, `client_error` when there are only the caller's. */
export function requestStatus(codes: readonly (string | undefined)[]): RequestStatus {
  if (codes.length === 0) return 'ok';
  return codes.some((code) => code === undefined || SERVER_FAULTS.has(code))
    ? 'error'
    : 'client_error';
}

/**
 * Records each GraphQL request's duration by operation name (bounded), type and status, and
 * counts its errors by code (after formatError: the codes clients see).
 */
export function ApolloServerPluginMetrics(metrics: Metrics): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, request, response }) {
          const errors =
            response.body.kind === 'single'
              ? (response.body.singleResult.errors ?? [])
              : (response.body.initialResult.errors ?? []);
          const codes = errors.map((e) => {
            const code = e.extensions?.code;
            return typeof code === 'string' ? code : undefined;
          });
          for (const code of codes) metrics.recordGraphqlError(code ?? 'INTERNAL_SERVER_ERROR');
          metrics.recordRequest(
            operationName ?? request.operationName,
            operation?.operation,
            requestStatus(codes),
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}

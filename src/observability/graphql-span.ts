import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import {
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Context as OtelContext,
  type Span,
} from '@opentelemetry/api';
import { tracesGraphQL } from './http-span.js';

const tracer = trace.getTracer('sluice.graphql');

/** A GraphQL context that carries where the request's spans go (src/context.ts has it). */
export interface TracedContext extends BaseContext {
  /** The request's OpenTelemetry context: its server span's, then its operation span's. */
  otel?: OtelContext;
}

/** Milliseconds since the epoch, with the fraction: a span's end taken now, ended later. */
const now = () => performance.timeOrigin + performance.now();

/**
 * An operation's OpenTelemetry spans, from Apollo's own hooks: `graphql.parse` and
 * `graphql.validate` when Apollo's document cache misses, and one span for the execution, named
 * by the operation (`query Dashboard`, as `@opentelemetry/instrumentation-graphql` names it), with
 * `graphql.operation.type` and `graphql.operation.name`, marked an error with the first error's
 * code (as the caller sees it) when the response has errors; a parse or validation span that
 * failed is marked `GRAPHQL_PARSE_FAILED` or `GRAPHQL_VALIDATION_FAILED`. Each is a child of the
 * request's server span, passed in the context (`otel`), and the execution span replaces it there,
 * so what resolvers trace (the answer pipeline) goes under it. No span per resolved field. No
 * document text or variable values, which can hold user text.
 *
 * Why not `@opentelemetry/instrumentation-graphql`: it finds its parent in the active context,
 * which needs an async context manager, and on Node 20 that manager (an `AsyncLocalStorage`) taxes
 * every promise of the process: a traced warm request cost 77–90 µs more with it and the
 * instrumentation than with this (docs/BENCHMARKS.md, "Tracing").
 * Apollo already hands each hook the request's context, so the parent is passed, not looked up.
 */
export function ApolloServerPluginGraphQLSpans<
  TContext extends TracedContext,
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!tracesGraphQL()) return;
      const parent = contextValue.otel ?? ROOT_CONTEXT;
      let execution: Span | undefined;
      let executionEnded: number | undefined;
      return {
        async parsingDidStart() {
          const span = tracer.startSpan('graphql.parse', undefined, parent);
          return async (error) => end(span, error && 'GRAPHQL_PARSE_FAILED');
        },
        async validationDidStart() {
          const span = tracer.startSpan('graphql.validate', undefined, parent);
          return async (errors) =>
            end(span, errors?.length ? 'GRAPHQL_VALIDATION_FAILED' : undefined);
        },
        async executionDidStart({ operation, operationName }) {
          const type = operation.operation;
          const name = operationName ?? undefined;
          execution = tracer.startSpan(
            name ? `${type} ${name}` : type,
            {
              attributes: {
                'graphql.operation.type': type,
                ...(name ? { 'graphql.operation.name': name } : {}),
              },
            },
            parent,
          );
          contextValue.otel = trace.setSpan(parent, execution);
          return {
            async executionDidEnd() {
              executionEnded = now();
            },
          };
        },
        async willSendResponse({ response }) {
          // Ended here, at the time execution ended: the codes of its errors are known only now,
          // once the gateway's formatError has given them (as the caller sees them).
          if (!execution) return;
          const { body } = response;
          const errors =
            body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          end(execution, errors?.[0] && codeOf(errors[0]), executionEnded);
        },
      };
    },
  };
}

function end(span: Span, failure: string | undefined, at?: number): void {
  if (failure) span.setStatus({ code: SpanStatusCode.ERROR, message: failure });
  span.end(at);
}

/** An error as a span's status message: its code, never its message (which may quote input). */
function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

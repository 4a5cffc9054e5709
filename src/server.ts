import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import { loadConfig } from './config.js';
import type { CacheInvalidator } from './cache/invalidation.js';
import { responseCachePlugins } from './cache/response-cache.js';
import { createResponseFront } from './cache/response-front.js';
import type { Cache } from './cache/types.js';
import { createContext, type Context } from './context.js';
import { ErrorCode, GatewayError, toGraphQLError } from './errors.js';
import { createFormatError } from './format-error.js';
import { createGraphQLHandler, type StatefulHandler } from './http/graphql.js';
import { isGraphQLPath } from './http/url.js';
import type { RequestState } from './http/request-state.js';
import { createHttpErrorHandler } from './http-errors.js';
import type { Logger } from './logger.js';
import {
  ApolloServerPluginMetrics,
  createRequestObserver,
  mountMetrics,
  type Observability,
} from './observability/index.js';
import { ApolloServerPluginGraphQLSpans } from './observability/graphql-span.js';
import { traceRequest } from './observability/http-span.js';
import { requestTraceId } from './observability/trace-id.js';
import {
  ApolloServerPluginOperationSafelist,
  createProtectionFromConfig,
  type Protection,
} from './protection/index.js';
import { cacheableRootFields, resolvers } from './resolvers/index.js';
import { typeDefs } from './schema.js';
import type { Sources } from './sources/index.js';
import type { AnswerServices } from './answer/create.js';
import type { Billing } from './usage/billing.js';
import { createConsoleRouter, type ConsoleOptions } from './web/console.js';
import { createGraphiqlRouter } from './web/graphiql.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
  /** What a failed check means for callers, shown in `/readyz`'s `reasons`. */
  reason: string;
}

export interface ServerDeps {
  /** How long `stop()` lets in-flight requests finish before closing their connections. */
  shutdownGraceMs?: number;
  /** Cache invalidation for `invalidateCache`. */
  invalidator: CacheInvalidator;
  /** The usage log `answer`, `search` and ingest record their model spend in (`usage`). */
  billing: Billing;
  sources: Sources;
  answers: AnswerServices;
  logger: Logger;
  /** `production` turns introspection off and Sandbox into the production landing page. */
  nodeEnv: 'development' | 'production' | 'test';
  /** Checks `/readyz` runs (Redis reachable, index loaded). */
  readiness?: ReadinessCheck[];
  /**
   * CORS, auth, rate limits, query limits, APQ and safelist (`createProtectionFromConfig`).
   * Defaults to the config defaults: no keys (open), in-memory limits.
   */
  protection?: Protection;
  /** Request logs, `/metrics`, the metrics plugin and `health` (src/observability). */
  observability?: Observability;
  /** Where whole query responses are kept (`RESPONSE_CACHE`); none without it. */
  responseCache?: Cache;
  /**
   * This replica's local tier, where the response cache's front keeps exact copies of what went
   * out (served before Apollo runs); none without `responseCache`.
   */
  responseFront?: Cache;
  /** The web console at `/` (src/web/console.ts); where its build is. */
  console?: ConsoleOptions;
}

export interface Gateway {
  apollo: ApolloServer<Context>;
  app: express.Express;
  httpServer: Server;
  /** Starts Apollo and listens; resolves to the GraphQL endpoint URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting requests and drains the ones in flight. */
  stop(): Promise<void>;
}

/** Builds the GraphQL server, its HTTP app and routes from injected dependencies. */
export function createGateway(deps: ServerDeps): Gateway {
  const { logger, nodeEnv } = deps;
  const production = nodeEnv === 'production';
  const protection =
    deps.protection ?? createProtectionFromConfig(loadConfig({ NODE_ENV: nodeEnv }), { logger });
  const { armor, safelist } = protection;
  // Everything but `/graphql`: the console, GraphiQL, probes and `/metrics`.
  const app = express();
  app.disable('x-powered-by');
  if (deps.observability) mountMetrics(app, deps.observability);
  const observe = deps.observability && createRequestObserver(deps.observability, logger);
  // Set by `listen`, once Apollo has started; until then `/graphql` is express's 404.
  let graphql: StatefulHandler | undefined;
  // `/graphql` runs on node's request and response directly (src/http/graphql.ts): express's
  // router and `res.send` are off the data path (a tenth of a cached response's CPU with them).
  const httpServer = createHttpServer(function gatewayListener(req, res) {
    traceRequest(req, res, (otel) => {
      const state: RequestState = { traceId: requestTraceId(otel), otel };
      // Every response carries its trace id, so a caller can quote it in a report.
      res.setHeader('x-trace-id', state.traceId);
      observe?.(req, res, state);
      if (graphql && isGraphQLPath(req.url)) graphql(req, res, state);
      else app(req, res);
    });
  });
  const apollo = new ApolloServer<Context>({
    schema: makeExecutableSchema({ typeDefs, resolvers }),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default pretty-prints every response (`JSON.stringify(v, null, 2)`):
    // indentation on the wire that no client reads.
    stringifyResult: (result) => JSON.stringify(result),
    formatError: createFormatError(logger),
    // Batched arrays stay refused (Apollo's default), with a coded 400.
    allowBatchedHttpRequests: false,
    persistedQueries: protection.apqCache ? { cache: protection.apqCache } : undefined,
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: deps.shutdownGraceMs ?? 10_000,
      }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
      ...armor.plugins,
      ...(safelist ? [ApolloServerPluginOperationSafelist({ manifest: safelist })] : []),
      // Cache-Control from the data's freshness, and the whole-response cache (src/cache).
      ApolloServerPluginCacheControlDisabled(),
      ...responseCachePlugins<Context>({
        cacheableFields: cacheableRootFields,
        cache: deps.responseCache,
      }),
      ...(deps.observability ? [ApolloServerPluginMetrics(deps.observability.metrics)] : []),
      // An operation's spans, when tracing (src/observability/otel.ts).
      ApolloServerPluginGraphQLSpans<Context>(),
    ],
    logger: {
      debug: (message) => logger.debug({}, String(message)),
      info: (message) => logger.info({}, String(message)),
      warn: (message) => logger.warn({}, String(message)),
      error: (message) => logger.error({}, String(message)),
    },
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready means every dependency answers. A shared one (Redis, PostgreSQL) fails on every replica
  // at once: a load balancer should then route to the live ones anyway (see docs/SCALING.md).
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      (deps.readiness ?? []).map(
        async (readiness) => [readiness, await readiness.check().catch(() => false)] as const,
      ),
    );
    const ready = results.every(([, ok]) => ok);
    const reasons = results.filter(([, ok]) => !ok).map(([r]) => [r.name, r.reason] as const);
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      checks: Object.fromEntries(results.map(([r, ok]) => [r.name, ok])),
      ...(ready ? {} : { reasons: Object.fromEntries(reasons) }),
    });
  });
  // GraphiQL, offline (bundled), development only: production keeps introspection off.
  app.use('/graphiql', createGraphiqlRouter({ nodeEnv }));
  // The console at `/`; it answers only its own paths and needs no key.
  app.use(createConsoleRouter(deps.console));
  app.use(createHttpErrorHandler(logger));

  let started = false;
  return {
    apollo,
    app,
    httpServer,
    async listen(port, host) {
      await apollo.start();
      started = true;
      const { sources, answers, invalidator, billing } = deps;
      const shared = {
        sources,
        answers,
        logger,
        health: deps.observability?.health,
        invalidator,
        billing,
      };
      graphql = createGraphQLHandler({
        apollo,
        protection,
        front:
          deps.responseFront && deps.responseCache
            ? createResponseFront({
                local: deps.responseFront,
                onLookup(hit, operationName, seconds) {
                  const metrics = deps.observability?.metrics;
                  metrics?.recordCacheLayer('response', hit);
                  // Apollo's metrics plugin counts the others; a front hit never reaches it.
                  if (hit) metrics?.recordRequest(operationName, 'query', 'ok', seconds);
                },
              })
            : undefined,
        async context({ principal, traceId, otel }) {
          // Only the landing page passes auth without a principal; an operation never does.
          if (!principal) throw unauthenticated();
          return createContext(shared, principal, traceId, otel);
        },
        logger,
      });
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const { port: bound } = httpServer.address() as AddressInfo;
      const shownHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shownHost}:${bound}/graphql`;
    },
    async stop() {
      // Apollo may have been started by `listen` or directly (operations run in-process): stopped
      // either way, so its signal handlers go with it. Never started, it refuses to stop.
      await apollo.stop().catch((error: unknown) => {
        if (started) throw error;
      });
      if (!started && httpServer.listening) {
        await new Promise((resolve) => httpServer.close(resolve));
      }
    },
  };
}

/** UNAUTHENTICATED with HTTP 401, raised from context creation (Apollo honours `extensions.http`). */
function unauthenticated() {
  return toGraphQLError(
    new GatewayError(
      ErrorCode.UNAUTHENTICATED,
      'An API key is required: send Authorization: Bearer <key>',
    ),
    { http: true },
  );
}

import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import cors from 'cors';
import express from 'express';
import { createContext, type Context } from './context.js';
import { createFormatError } from './format-error.js';
import { createHttpErrorHandler } from './http-errors.js';
import type { Logger } from './logger.js';
import { resolvers } from './resolvers/index.js';
import { typeDefs } from './schema.js';
import type { Sources } from './sources/index.js';
import type { AnswerServices } from './answer/create.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

export interface ServerDeps {
  sources: Sources;
  answers: AnswerServices;
  logger: Logger;
  /** `production` turns introspection off and Sandbox into the production landing page. */
  nodeEnv: 'development' | 'production' | 'test';
  /** Checks `/readyz` runs (Redis reachable, index loaded). */
  readiness?: ReadinessCheck[];
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes?: number;
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
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<Context>({
    schema: makeExecutableSchema({ typeDefs, resolvers }),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
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
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      (deps.readiness ?? []).map(
        async ({ name, check }) => [name, await check().catch(() => false)] as const,
      ),
    );
    const ready = results.every(([, ok]) => ok);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });

  let started = false;
  return {
    apollo,
    app,
    httpServer,
    async listen(port, host) {
      await apollo.start();
      started = true;
      app.use(
        '/graphql',
        cors(),
        express.json({ limit: deps.bodyLimitBytes ?? 1_000_000 }),
        expressMiddleware(apollo, {
          context: async ({ req }) => createContext(deps, `ip:${req.ip ?? 'unknown'}`),
        }),
      );
      app.use(createHttpErrorHandler(logger));
      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      const { port: bound } = httpServer.address() as AddressInfo;
      const shownHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shownHost}:${bound}/graphql`;
    },
    async stop() {
      if (started) await apollo.stop();
      else if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { shutdownTelemetry } from './observability/otel.js';
import { assertAuthConfigured } from './protection/index.js';

/** Entry point: read config, wire, listen, and drain on SIGTERM/SIGINT. */
async function main() {
  let config;
  try {
    config = loadConfig();
    assertAuthConfigured(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const app = await createApp(config, logger);
  let url;
  try {
    url = await app.gateway.listen(config.PORT, config.HOST);
  } catch (error) {
    throw listenError(error, config.PORT, config.HOST);
  }
  logger.info(
    { url, redis: Boolean(config.REDIS_URL), chains: app.sources.chains },
    'sluice ready',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Past the grace period plus a margin, stop anyway: a hung close must not block a deploy.
    setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 5_000).unref();
    app
      .close()
      .then(() => shutdownTelemetry())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** A bind failure is a configuration error: name the variable and the value that failed. */
function listenError(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new ConfigError(`PORT: ${port} is already in use on ${host}`);
  if (code === 'EACCES') return new ConfigError(`PORT: no permission to listen on ${port}`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EINVAL')
    return new ConfigError(`HOST: cannot listen on ${host} (${code})`);
  return error;
}

main().catch((error: unknown) => {
  // Config checked while wiring (API keys, safelist manifest) also exits with EX_CONFIG.
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});

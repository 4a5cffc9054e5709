/**
 * The `node --import` entry that starts OpenTelemetry before the app loads:
 * `node --import ./dist/src/instrumentation.js dist/src/main.js`. Under ESM the instrumentations
 * can only patch modules imported after this loader hook is registered, so it must come first;
 * the SDK is imported dynamically for the same reason.
 */
import { register } from 'node:module';
import { configSchema } from './config.js';

const otel = configSchema
  .pick({ OTEL_EXPORTER_OTLP_ENDPOINT: true, OTEL_SERVICE_NAME: true })
  .safeParse(process.env);

// A bad value is reported by main.ts with the rest of the config; here it just means no tracing.
if (otel.success && otel.data.OTEL_EXPORTER_OTLP_ENDPOINT) {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const { startTelemetry } = await import('./observability/otel.js');
  startTelemetry({
    serviceName: otel.data.OTEL_SERVICE_NAME,
    endpoint: otel.data.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
}

/**
 * The `node --import` entry that starts OpenTelemetry before the app loads:
 * `node --import ./dist/src/instrumentation.js dist/src/main.js`, so tracing is on from the first
 * request. It patches nothing (src/observability/otel.ts: Sluice's spans are its own), so it needs
 * no ESM loader hook.
 */
import { configSchema } from './config.js';

const otel = configSchema
  .pick({ OTEL_EXPORTER_OTLP_ENDPOINT: true, OTEL_SERVICE_NAME: true })
  .safeParse(process.env);

// A bad value is reported by main.ts with the rest of the config; here it just means no tracing.
if (otel.success && otel.data.OTEL_EXPORTER_OTLP_ENDPOINT) {
  const { startTelemetry } = await import('./observability/otel.js');
  startTelemetry({
    serviceName: otel.data.OTEL_SERVICE_NAME,
    endpoint: otel.data.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
}

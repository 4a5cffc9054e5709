import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';

export interface MetricsHandlerOptions {
  registry: Registry;
  /** When set (METRICS_TOKEN), scrapes must send `Authorization: Bearer <token>`. */
  token?: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The `/metrics` route: the registry in Prometheus' text format, behind the token if one is set. */
export function createMetricsHandler({ registry, token }: MetricsHandlerOptions): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async function metricsHandler(req, res) {
    if (expected) {
      const header = req.headers.authorization ?? '';
      const sent = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
      // Digests have one length, so the comparison takes the same time whatever was sent.
      if (!timingSafeEqual(digest(sent), expected)) {
        res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain');
        res.send('metrics need Authorization: Bearer <METRICS_TOKEN>\n');
        return;
      }
    }
    const body = await registry.metrics();
    res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(body);
  };
}

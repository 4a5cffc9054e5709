import type { Request } from 'express';

/** An express `trust proxy` setting: off, on, a hop count, or trusted addresses and subnets. */
export type TrustProxy = boolean | number | string[];

/**
 * Parses TRUST_PROXY for `app.set('trust proxy', …)`: `false`/`true`, a number of hops in front of
 * the gateway, or a comma list of addresses, subnets or express presets (`loopback`, `uniquelocal`).
 * `X-Forwarded-For` is honoured only as far as this says.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The client address express derived under the trust-proxy setting (`unknown` if the socket is gone). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

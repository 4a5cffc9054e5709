import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { ConfigError } from '../config.js';

/** Which proxies in front of the gateway to believe: off, on, a hop count, or trusted addresses and subnets. */
export type TrustProxy = boolean | number | string[];

/**
 * Parses TRUST_PROXY: `false`/`true`, a number of hops in front of the gateway, or a comma list of
 * addresses, subnets or presets (`loopback`, `linklocal`, `uniquelocal`), as express's
 * `trust proxy` took them. `X-Forwarded-For` is honoured only as far as this says.
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

/**
 * The client address of a request under a trust setting, by `proxy-addr` (what express's `req.ip`
 * used): walking `X-Forwarded-For` from the socket outwards, each hop is believed while the
 * address that handed it on is trusted. `unknown` if the socket is gone. Throws a ConfigError for
 * an entry that is neither a preset (`loopback`, `linklocal`, `uniquelocal`), an address nor a
 * subnet (`10.0.0.0/8` or `10.0.0.0/255.0.0.0`).
 */
export function createClientIp(trust: TrustProxy): (req: IncomingMessage) => string {
  const trusted = trustFunction(trust);
  return function clientIp(req) {
    if (req.socket.remoteAddress === undefined) return 'unknown';
    return proxyaddr(req, trusted);
  };
}

function trustFunction(trust: TrustProxy): (address: string, hop: number) => boolean {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_, hop) => hop < trust;
  try {
    return proxyaddr.compile(trust);
  } catch (error) {
    throw new ConfigError(
      `TRUST_PROXY: each entry must be an address, a subnet or a preset (${(error as Error).message})`,
    );
  }
}

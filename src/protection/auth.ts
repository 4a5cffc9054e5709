import type { Request, RequestHandler, Response } from 'express';
import { ConfigError, type Config } from '../config.js';
import { ErrorCode } from '../errors.js';
import type { ApiKeyStore } from './api-keys.js';
import { clientIp } from './client-ip.js';
import { ipPrincipal, keyPrincipal, type Principal } from './principal.js';
import { sendGraphQLError } from './respond.js';

export interface AuthOptions {
  keys: ApiKeyStore;
  /** With keys configured, admit callers without a key as anonymous readers (per-IP limits). */
  allowAnonymous: boolean;
}

const BEARER = /^Bearer +(\S+) *$/i;

/** The principal the auth middleware put on this response, if any. */
export function principalOf(res: Response): Principal | undefined {
  return (res.locals as { principal?: Principal }).principal;
}

/**
 * Express middleware that authenticates `Authorization: Bearer <key>` and puts the principal on
 * `res.locals`. With no keys configured everything is open (every caller is an admin, known by IP).
 * With keys, a missing, malformed or unknown key is HTTP 401 UNAUTHENTICATED — except that
 * ALLOW_ANONYMOUS admits callers sending no key at all as anonymous readers.
 */
export function createAuthMiddleware({ keys, allowAnonymous }: AuthOptions): RequestHandler {
  return async function authenticate(req, res, next) {
    const ip = clientIp(req);
    const setPrincipal = (principal: Principal) => {
      (res.locals as { principal?: Principal }).principal = principal;
      next();
    };
    if (!keys.enforced) return setPrincipal(ipPrincipal(ip, 'admin'));
    const header = req.headers.authorization;
    if (header === undefined) {
      if (allowAnonymous) return setPrincipal(ipPrincipal(ip, 'anonymous'));
      // The landing page carries no data; GraphQL context creation still refuses any operation.
      if (wantsLandingPage(req)) return next();
      return refuse(res, 'An API key is required: send Authorization: Bearer <key>');
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) return refuse(res, 'The Authorization header must be Bearer <key>');
    const entry = await keys.lookup(token);
    if (!entry) return refuse(res, 'Unknown API key');
    return setPrincipal(keyPrincipal(entry.keyId, entry.role));
  };
}

/** `NODE_ENV=production` refuses to start without API keys (a ConfigError: exit code 78). */
export function assertAuthConfigured(
  config: Pick<Config, 'NODE_ENV' | 'API_KEYS' | 'API_KEYS_FILE'>,
): void {
  const configured = config.API_KEYS.length > 0 || config.API_KEYS_FILE !== undefined;
  if (config.NODE_ENV === 'production' && !configured) {
    throw new ConfigError('API_KEYS: NODE_ENV=production needs API_KEYS or API_KEYS_FILE');
  }
}

function refuse(res: Response, message: string): void {
  sendGraphQLError(res, 401, ErrorCode.UNAUTHENTICATED, message, {
    headers: { 'www-authenticate': 'Bearer realm="sluice"' },
  });
}

function wantsLandingPage(req: Request): boolean {
  return (
    req.method === 'GET' &&
    req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) ===
      'text/html'
  );
}

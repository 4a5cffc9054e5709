import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError, type Config } from '../config.js';
import { ErrorCode } from '../errors.js';
import { prefersHtml } from '../http/accepts.js';
import type { GraphQLStep } from '../http/request-state.js';
import type { ApiKeyStore } from './api-keys.js';
import { ipPrincipal, keyPrincipal } from './principal.js';
import { sendGraphQLError } from './respond.js';

export interface AuthOptions {
  keys: ApiKeyStore;
  /** With keys configured, admit callers without a key as anonymous readers (per-IP limits). */
  allowAnonymous: boolean;
  /** The client address under TRUST_PROXY (`createClientIp`). */
  clientIp(req: IncomingMessage): string;
}

/** Puts the caller's principal on `state` (true), or answers 401 itself (false). */
export type Authenticate = GraphQLStep;

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Authenticates `Authorization: Bearer <key>`, before the body is read. With no keys configured
 * everything is open (every caller is an admin, known by IP). With keys, a missing, malformed or
 * unknown key is HTTP 401 UNAUTHENTICATED — except that ALLOW_ANONYMOUS admits callers sending no
 * key at all as anonymous readers.
 */
export function createAuthenticator({ keys, allowAnonymous, clientIp }: AuthOptions): Authenticate {
  return async function authenticate(req, res, state) {
    if (!keys.enforced) {
      state.principal = ipPrincipal(clientIp(req), 'admin');
      return true;
    }
    const header = req.headers.authorization;
    if (header === undefined) {
      if (allowAnonymous) {
        state.principal = ipPrincipal(clientIp(req), 'anonymous');
        return true;
      }
      // The landing page carries no data; GraphQL context creation still refuses any operation.
      if (req.method === 'GET' && prefersHtml(req.headers.accept)) return true;
      return refuse(res, 'An API key is required: send Authorization: Bearer <key>');
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) return refuse(res, 'The Authorization header must be Bearer <key>');
    const entry = await keys.lookup(token);
    if (!entry) return refuse(res, 'Unknown API key');
    state.principal = keyPrincipal(entry.keyId, entry.role);
    return true;
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

function refuse(res: ServerResponse, message: string): false {
  sendGraphQLError(res, 401, ErrorCode.UNAUTHENTICATED, message, {
    headers: { 'www-authenticate': 'Bearer realm="sluice"' },
  });
  return false;
}

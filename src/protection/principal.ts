import { ErrorCode, GatewayError } from '../errors.js';

/** What a caller may do: `admin` ⊇ `reader` ⊇ `anonymous`. */
export type Role = 'admin' | 'reader' | 'anonymous';

/** The authenticated caller of one request. */
export interface Principal {
  /** Stable, non-secret id: `key:<keyId>` for an API key, `ip:<address>` otherwise. */
  id: string;
  role: Role;
  /** The API key's id (a prefix of its SHA-256, never the key itself). */
  keyId?: string;
}

const RANK: Readonly<Record<Role, number>> = { anonymous: 0, reader: 1, admin: 2 };

/**
 * Operations run in-process (tests, scripts, `executeOperation`) never crossed HTTP, so nothing
 * authenticated them: they are trusted like an admin.
 */
export const LOCAL_PRINCIPAL: Principal = Object.freeze({ id: 'local', role: 'admin' });

/** The principal of a caller holding the API key `keyId`. */
export function keyPrincipal(keyId: string, role: 'admin' | 'reader'): Principal {
  return { id: `key:${keyId}`, role, keyId };
}

/** The principal of a caller without a key: `role` is `admin` only when no keys are configured. */
export function ipPrincipal(ip: string, role: Role): Principal {
  return { id: `ip:${ip}`, role };
}

/** True when `principal` holds at least `role`. */
export function hasRole(principal: Principal, role: Role): boolean {
  return RANK[principal.role] >= RANK[role];
}

/** Throws FORBIDDEN unless the request's principal holds at least `role`. */
export function requireRole(context: { principal: Principal }, role: Role): void {
  if (!hasRole(context.principal, role)) {
    throw new GatewayError(ErrorCode.FORBIDDEN, `This operation needs the ${role} role`);
  }
}

/** Probes and scrapes: not traced, and logged at `debug` only, or they would drown real requests. */
export const UNTRACED_PATHS: readonly string[] = ['/healthz', '/readyz', '/metrics'];

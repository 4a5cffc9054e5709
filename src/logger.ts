import { pino, type DestinationStream } from 'pino';

/** The logging surface Sluice depends on: a subset of pino's, so tests can pass a silent one. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Where a secret could sit in a logged object: censored whoever logged it. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'authorization',
  'cookie',
  'apiKey',
  'token',
  'password',
  'secret',
  '*.authorization',
  '*.cookie',
  '*.apiKey',
  '*.api_key',
  '*.token',
  '*.accessToken',
  '*.password',
  '*.secret',
];

/** JSON logs on stdout (or `destination`); secrets in well-known places are redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'sluice' }, redact: [...REDACTED_PATHS] };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that drops everything: for tests, which never print. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

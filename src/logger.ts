import { pino } from 'pino';

/** The logging surface Sluice depends on: a subset of pino's, so tests can pass a silent one. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** JSON logs on stdout; secrets in well-known places are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'sluice' },
    redact: ['req.headers.authorization', '*.apiKey', '*.token', '*.password'],
  });
}

/** A logger that drops everything: for tests, which never print. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

import { createLoaders, type Loaders } from './loaders.js';
import type { Logger } from './logger.js';
import type { Sources } from './sources/index.js';

/** What every resolver receives. Built fresh for each request. */
export interface Context {
  /** Per-request DataLoaders: batching and de-duplication within one operation. */
  loaders: Loaders;
  sources: Sources;
  logger: Logger;
}

/** Builds a request's context. Loaders are per request; cross-request caching is Keyv's job. */
export function createContext(sources: Sources, logger: Logger): Context {
  return { loaders: createLoaders(sources), sources, logger };
}

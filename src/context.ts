import type { AnswerServices } from './answer/create.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { Logger } from './logger.js';
import type { Sources } from './sources/index.js';

/** What every resolver receives. Built fresh for each request. */
export interface Context {
  /** Per-request DataLoaders: batching and de-duplication within one operation. */
  loaders: Loaders;
  sources: Sources;
  answers: AnswerServices;
  logger: Logger;
  /** Who is asking, for budgets: an API key's id, or the client IP when anonymous. */
  caller: string;
}

export interface ContextDeps {
  sources: Sources;
  answers: AnswerServices;
  logger: Logger;
}

/** Builds a request's context. Loaders are per request; cross-request caching is Keyv's job. */
export function createContext(deps: ContextDeps, caller = 'anonymous'): Context {
  return { loaders: createLoaders(deps.sources), ...deps, caller };
}

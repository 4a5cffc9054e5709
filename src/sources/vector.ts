import { ErrorCode, GatewayError, isGatewayError } from '../errors.js';
import type { VectorIndex } from '../vector/index.js';
import { validateSearch } from '../vector/validation.js';
import type { Passage, SearchKey } from './model.js';
import type { Source } from './types.js';

/** The index the search source reads. */
export interface VectorSourceParams {
  index: VectorIndex;
}

/**
 * Semantic search as a Source: one index search per distinct (query, k), run concurrently. Not
 * routed through `loadManyCached`: results change with every ingest, so a cached page would hide
 * new documents (query embeddings are cached inside the index instead, see `queryCache`).
 */
export function createVectorSource({ index }: VectorSourceParams): Source<SearchKey, Passage[]> {
  return {
    name: 'vector',
    async loadMany(keys, context) {
      const searches = new Map<string, Promise<Passage[] | Error>>();
      return Promise.all(
        keys.map((key) => {
          let valid: SearchKey;
          try {
            valid = validateSearch(key.query, key.k);
          } catch (error) {
            return error as Error;
          }
          const cacheKey = `${valid.k}:${valid.query}`;
          let search = searches.get(cacheKey);
          if (!search) {
            search = index.search(valid.query, valid.k, context?.onUsage).catch(asError);
            searches.set(cacheKey, search);
          }
          return search;
        }),
      );
    },
  };
}

/** Upstream and input errors pass through; anything else is an internal failure of the index. */
function asError(error: unknown): Error {
  if (isGatewayError(error)) return error;
  return new GatewayError(ErrorCode.INTERNAL_SERVER_ERROR, 'the vector index failed', {
    cause: error,
  });
}

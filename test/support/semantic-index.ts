import type { SemanticIndex } from '../../src/answer/semantic-cache/semantic-index.js';

/** An index that finds a question only by its exact text, so a hit says which entry is listed. */
export function exactTextIndex(): SemanticIndex {
  const ids = new Map<string, string>();
  return {
    get size() {
      return ids.size;
    },
    searchMethod: 'flat',
    add: (id, question) => Promise.resolve(void ids.set(id, question)),
    remove: (id) => ids.delete(id),
    nearest: () => Promise.resolve([]),
    lookup(question) {
      const id = [...ids].find(([, q]) => q === question)?.[0];
      return Promise.resolve(id === undefined ? undefined : { id, question, similarity: 1 });
    },
  };
}

import { LRUCache } from 'lru-cache';
import {
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface OperationCostOptions {
  /** Points one `answer` root field costs (ANSWER_RATE_COST); every other data root field costs 1. */
  answerCost: number;
  /** Documents with more tokens are not parsed here (graphql-armor refuses them): they cost 1. */
  maxTokens?: number;
}

/** Root fields that read no data. */
const FREE_FIELDS = new Set(['__typename', '__schema', '__type']);

/**
 * Rate-limit points of one GraphQL request: 1 per data root field of the operation that will run
 * (aliases count separately), `answerCost` per `answer`, at least 1. A document that does not
 * parse, or whose operation cannot be chosen, costs 1: GraphQL refuses it anyway.
 */
export function operationCost(
  query: string,
  operationName: string | undefined,
  options: OperationCostOptions,
): number {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: options.maxTokens });
  } catch {
    return 1;
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operationName === undefined
      ? operations.length === 1
        ? operations[0]
        : undefined
      : operations.find((op) => op.name?.value === operationName);
  if (!operation) return 1;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return Math.max(1, rootCost(operation.selectionSet, fragments, new Set(), options.answerCost));
}

export interface RequestCostOptions extends OperationCostOptions {
  /** The document of a persisted-query hash (safelist manifest or APQ cache), if known. */
  resolvePersisted?(sha256Hash: string): Promise<string | undefined>;
}

/**
 * The cost of an HTTP GraphQL request from its parameters (the POST body, or the GET query string
 * as a record), resolving a hash-only persisted query so it costs what its document costs.
 * Anything unreadable costs 1.
 */
export function createRequestCost(
  options: RequestCostOptions,
): (params: unknown) => Promise<number> {
  // Clients send the same few documents again and again: each is parsed once, not per request.
  // Bounded by count and by characters (a document may be as large as the body limit).
  const costs = new LRUCache<string, number>({
    max: 1000,
    maxSize: 4 * 2 ** 20,
    sizeCalculation: (_, key) => Math.max(1, key.length),
  });
  const costOf = (query: string, operationName: string | undefined) => {
    const key = `${operationName ?? ''}\n${query}`;
    let cost = costs.get(key);
    if (cost === undefined) {
      cost = operationCost(query, operationName, options);
      costs.set(key, cost);
    }
    return cost;
  };
  return async function requestCost(params) {
    if (!isRecord(params)) return 1;
    let query = typeof params.query === 'string' ? params.query : undefined;
    const operationName =
      typeof params.operationName === 'string' ? params.operationName : undefined;
    if (query === undefined) {
      const hash = persistedHash(params.extensions);
      if (hash && options.resolvePersisted) query = await options.resolvePersisted(hash);
    }
    return query === undefined ? 1 : costOf(query, operationName);
  };
}

function persistedHash(extensions: unknown): string | undefined {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value); // GET sends extensions as JSON text
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value) || !isRecord(value.persistedQuery)) return undefined;
  const hash = value.persistedQuery.sha256Hash;
  return typeof hash === 'string' && /^(?:sha256:)?[0-9a-f]{64}$/i.test(hash) ? hash : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sums the root fields, following fragments spread at the root (each fragment once: no cycles). */
function rootCost(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string>,
  answerCost: number,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        const name = selection.name.value;
        if (!FREE_FIELDS.has(name)) cost += name === 'answer' ? answerCost : 1;
        break;
      }
      case Kind.INLINE_FRAGMENT:
        cost += rootCost(selection.selectionSet, fragments, seen, answerCost);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) break;
        seen.add(fragment.name.value);
        cost += rootCost(fragment.selectionSet, fragments, seen, answerCost);
        break;
      }
      default: {
        const never: never = selection;
        throw new Error(`unknown selection ${JSON.stringify(never)}`);
      }
    }
  }
  return cost;
}

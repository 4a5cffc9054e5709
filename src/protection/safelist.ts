import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { ErrorCode, GatewayError, toGraphQLError } from '../errors.js';

/**
 * The persisted-documents manifest: SHA-256 (bare lower-case hex) of each document → the document.
 * Keys are normalised on load, so a lookup takes either id form through `documentIdHash`.
 */
export type PersistedDocuments = ReadonlyMap<string, string>;

/** The hash APQ and the manifest use: SHA-256 of the exact document text, lower-case hex. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

const SHA256_ID = /^(?:sha256:)?([0-9a-f]{64})$/;

/**
 * The bare hex hash of a document id in either form a client or a manifest uses: Apollo's APQ
 * `sha256Hash` (bare hex) or the GraphQL-over-HTTP `sha256:<hex>` that GraphQL Code Generator's
 * client preset writes. Undefined for anything else (another algorithm, upper case, garbage).
 */
export function documentIdHash(id: string): string | undefined {
  return SHA256_ID.exec(id)?.[1];
}

const manifestSchema = z.record(z.string(), z.string().min(1));

/** A manifest key as it may appear in an error message: quoted, and short. */
const quoteKey = (key: string) => JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key);

/**
 * Reads a persisted-documents manifest: Sluice's own `persisted-documents.json` (`npm run codegen`,
 * bare hex keys) or the one the client preset writes with `persistedDocuments: true`
 * (`sha256:<hex>` keys). Every key must be the SHA-256 of its document, so a hand-edited or
 * tampered file stops the start-up: a ConfigError naming the variable and the offending key.
 */
export function loadPersistedDocuments(path: string): PersistedDocuments {
  let parsed: Record<string, string>;
  try {
    parsed = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new ConfigError(
      'PERSISTED_QUERIES_MANIFEST: not a readable JSON object of {hash: document} entries',
    );
  }
  const manifest = new Map<string, string>();
  for (const [key, document] of Object.entries(parsed)) {
    const hash = documentIdHash(key);
    if (hash === undefined) {
      throw new ConfigError(
        `PERSISTED_QUERIES_MANIFEST: key ${quoteKey(key)} is not a SHA-256 document id ` +
          '(64 lower-case hex digits, optionally prefixed "sha256:"; the client preset\'s hashAlgorithm must be sha256)',
      );
    }
    if (documentHash(document) !== hash) {
      throw new ConfigError(
        `PERSISTED_QUERIES_MANIFEST: key ${quoteKey(key)} is not the SHA-256 of its document`,
      );
    }
    manifest.set(hash, document);
  }
  return manifest;
}

/** Stands in for a refused document so Apollo neither parses nor looks it up (see below). */
const PLACEHOLDER = '{ __typename }';

/**
 * Accepts only operations in the manifest (OPERATION_SAFELIST): a raw `query` whose hash is in it,
 * or `extensions.persistedQuery.sha256Hash` alone (bare hex or `sha256:<hex>`) for one that is
 * (the plugin fills in the document). Anything else is refused with PERSISTED_QUERY_NOT_ALLOWED,
 * HTTP 400.
 *
 * Why a placeholder: Apollo 5 answers errors thrown in `requestDidStart` with a 500, and answers an
 * unknown hash with PERSISTED_QUERY_NOT_FOUND before any later hook runs. So a refused request
 * continues with a trivial document and is refused in `didResolveOperation`, the first hook
 * whose errors Apollo sends with their `extensions.http` status.
 */
export function ApolloServerPluginOperationSafelist(options: {
  manifest: PersistedDocuments;
}): ApolloServerPlugin {
  const { manifest } = options;
  return {
    async requestDidStart({ request }) {
      if (allow(request, manifest)) return {};
      request.query = PLACEHOLDER;
      request.operationName = undefined;
      if (request.extensions) {
        const { persistedQuery: _ignored, ...rest } = request.extensions;
        request.extensions = rest;
      }
      return {
        async didResolveOperation() {
          throw toGraphQLError(
            new GatewayError(
              ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
              'Only operations in the persisted-documents manifest are allowed',
            ),
            { http: true },
          );
        },
      };
    },
  };
}

/**
 * True for an allowed request (filling in a hash-only one); also for one with no operation at all.
 * A `sha256:`-prefixed `sha256Hash` is rewritten to bare hex first: Apollo compares it with the
 * hex SHA-256 of the document and would otherwise refuse the request.
 */
function allow(request: GraphQLRequest, manifest: PersistedDocuments): boolean {
  const persistedQuery = request.extensions?.persistedQuery;
  const id: unknown = persistedQuery?.sha256Hash;
  const hash = typeof id === 'string' ? documentIdHash(id) : undefined;
  if (hash !== undefined && hash !== id) {
    request.extensions = {
      ...request.extensions,
      persistedQuery: { ...persistedQuery, sha256Hash: hash },
    };
  }
  if (typeof request.query === 'string') return manifest.has(documentHash(request.query));
  if (typeof id !== 'string') return true; // Apollo answers BAD_REQUEST for an empty request
  const document = hash === undefined ? undefined : manifest.get(hash);
  if (document === undefined) return false;
  request.query = document;
  return true;
}

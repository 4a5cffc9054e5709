import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { ErrorCode, GatewayError, toGraphQLError } from '../errors.js';

/** The persisted-documents manifest: sha256 hex of each document → the document. */
export type PersistedDocuments = ReadonlyMap<string, string>;

/** The hash APQ and the manifest use: SHA-256 of the exact document text, lower-case hex. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

const manifestSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string().min(1));

/** Reads `persisted-documents.json` (written by `npm run codegen`); a ConfigError if unusable. */
export function loadPersistedDocuments(path: string): PersistedDocuments {
  let parsed: Record<string, string>;
  try {
    parsed = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new ConfigError(
      'PERSISTED_QUERIES_MANIFEST: not a readable {sha256: document} JSON file',
    );
  }
  const entries = Object.entries(parsed);
  if (entries.some(([hash, document]) => documentHash(document) !== hash)) {
    throw new ConfigError('PERSISTED_QUERIES_MANIFEST: a hash does not match its document');
  }
  return new Map(entries);
}

/** Stands in for a refused document so Apollo neither parses nor looks it up (see below). */
const PLACEHOLDER = '{ __typename }';

/**
 * Accepts only operations in the manifest (OPERATION_SAFELIST): a raw `query` whose hash is in it,
 * or `extensions.persistedQuery.sha256Hash` alone for one that is (the plugin fills in the
 * document). Anything else is refused with PERSISTED_QUERY_NOT_ALLOWED, HTTP 400.
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

/** True for an allowed request (filling in a hash-only one); also for one with no operation at all. */
function allow(request: GraphQLRequest, manifest: PersistedDocuments): boolean {
  const hash: unknown = request.extensions?.persistedQuery?.sha256Hash;
  if (typeof request.query === 'string') return manifest.has(documentHash(request.query));
  if (typeof hash !== 'string') return true; // Apollo answers BAD_REQUEST for an empty request
  const document = manifest.get(hash);
  if (document === undefined) return false;
  request.query = document;
  return true;
}

/**
 * `npm run codegen` (after graphql-codegen): writes `persisted-documents.json`, the
 * `{ sha256: document }` manifest of every operation in `operations/*.graphql`, printed, and as the
 * typed client (`src/client`) sends it (what the console, the example and the tests send).
 * OPERATION_SAFELIST accepts only these.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { findProjectRoot } from '../paths.js';
import {
  buildPersistedDocuments,
  readOperationFolders,
  serializeManifest,
  typedClientTexts,
} from '../protection/persisted-documents.js';
import * as typedClient from '../client/generated/graphql.js';

async function main(): Promise<void> {
  const root = findProjectRoot();
  const manifest = buildPersistedDocuments(
    await readOperationFolders(root),
    typedClientTexts(typedClient),
  );
  const out = new URL('persisted-documents.json', root);
  await writeFile(out, serializeManifest(manifest));
  console.log(`wrote ${Object.keys(manifest).length} documents to ${fileURLToPath(out)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

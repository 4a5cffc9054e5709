import { readdir, readFile } from 'node:fs/promises';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { documentHash } from './safelist.js';

/** One folder's `.graphql` files: fragments resolve across the files of the same folder. */
export interface OperationSources {
  folder: string;
  files: ReadonlyArray<{ name: string; text: string }>;
}

/** Where the operations live: the ones our typed clients (and the tests) send. */
export const OPERATION_FOLDERS = ['operations'] as const;

/** Reads the `.graphql` files of each folder under `root` (sorted, so the output is stable). */
export async function readOperationFolders(
  root: URL,
  folders: readonly string[] = OPERATION_FOLDERS,
): Promise<OperationSources[]> {
  return Promise.all(
    folders.map(async (folder) => {
      const dir = new URL(`${folder}/`, root);
      const names = (await readdir(dir)).filter((n) => n.endsWith('.graphql')).sort();
      const files = await Promise.all(
        names.map(async (name) => ({ name, text: await readFile(new URL(name, dir), 'utf8') })),
      );
      return { folder, files };
    }),
  );
}

/** The manifest as written to `persisted-documents.json`. */
export function serializeManifest(manifest: Record<string, string>): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The persisted-documents manifest `{ sha256: document }` for every operation in the folders. A
 * document is the operation followed by the fragments it uses, printed by graphql-js — the same
 * text a typed client sends as `print(SomeDocument)`, so clients may send the hash alone — and
 * each text in `sentVerbatim` as it is (the typed client's string documents, see
 * `typedClientTexts`), since the safelist hashes a query exactly as it arrives.
 */
export function buildPersistedDocuments(
  folders: readonly OperationSources[],
  sentVerbatim: readonly string[] = [],
): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (const text of sentVerbatim) manifest[documentHash(text)] = text;
  for (const { folder, files } of folders) {
    const definitions = files.flatMap(({ name, text }) => {
      try {
        return parse(text, { noLocation: true }).definitions;
      } catch (error) {
        throw new Error(`${folder}/${name}: ${(error as Error).message}`);
      }
    });
    const fragments = new Map(
      definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    );
    for (const operation of definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )) {
      const used = usedFragments(operation, fragments, folder);
      const text = print({ kind: Kind.DOCUMENT, definitions: [operation, ...used] });
      manifest[documentHash(text)] = text;
    }
  }
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
}

/** Fragments an operation spreads, transitively, in order of first use. */
function usedFragments(
  root: DefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  folder: string,
): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (found.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`${folder}: unknown fragment ${name}`);
        found.set(name, fragment);
        walk(fragment);
      },
    });
  walk(root);
  return [...found.values()];
}

/**
 * The operations of a client preset module (`src/client/generated/graphql.ts`) as the typed client
 * sends them: each `…Document` export's text (fragments are in the documents that use them).
 */
export function typedClientTexts(module: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(module)
    .filter(([name, value]) => name.endsWith('Document') && value instanceof String)
    .map(([, value]) => String(value))
    .sort();
}

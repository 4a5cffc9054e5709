import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { DocumentInput } from '../sources/model.js';
import { firstHeading } from './corpus.js';

const EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

/** The ingest folder does not exist or is not a folder. */
export class FolderNotFoundError extends Error {
  override readonly name = 'FolderNotFoundError';
}

/**
 * Every `.md`/`.txt` file under `dir` (recursively, hidden entries skipped) as a document: id the
 * path relative to `dir` with `/` separators, title the first markdown heading or the file name.
 * Sorted by id, so runs are repeatable. Empty files are skipped.
 */
export async function readDocumentsFromFolder(dir: string): Promise<DocumentInput[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new FolderNotFoundError(`not a folder: ${dir}`);
  const files: string[] = [];
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && EXTENSIONS.has(extname(entry.name).toLowerCase()))
        files.push(path);
    }
  }
  await walk(dir);
  const documents = await Promise.all(
    files.map(async (path) => {
      const text = await readFile(path, 'utf8');
      const id = relative(dir, path).split(sep).join('/');
      const title = firstHeading(text) ?? basename(path, extname(path));
      return { id, title, text, source: basename(resolve(dir)) };
    }),
  );
  return documents
    .filter((doc) => doc.text.trim() !== '')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

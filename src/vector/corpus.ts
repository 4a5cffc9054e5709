import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { findProjectRoot } from '../paths.js';

/** A document of the bundled corpus: Sluice's own documentation, indexed on first start. */
export interface CorpusDocument {
  id: string;
  title: string;
  text: string;
  source: string;
  url: string | null;
}

/** Source name of every bundled document, as `Passage.source` shows it. */
export const CORPUS_SOURCE = 'sluice-docs';

/**
 * The folder of the corpus files. Next to this module under tsx; the build copies no markdown, so
 * from `dist/src/vector/` it is found through the repository root instead.
 */
export function corpusDirectory(): URL {
  const beside = new URL('./corpus/', import.meta.url);
  if (existsSync(beside)) return beside;
  return new URL('src/vector/corpus/', findProjectRoot(new URL('.', import.meta.url)));
}

/** Reads every `.md` file of the corpus, sorted by name; id `sluice-docs/<name>`, title its first heading. */
export async function loadBundledCorpus(dir: URL = corpusDirectory()): Promise<CorpusDocument[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(new URL(name, dir), 'utf8');
      const base = name.replace(/\.md$/, '');
      return {
        id: `${CORPUS_SOURCE}/${base}`,
        title: firstHeading(text) ?? base,
        text,
        source: CORPUS_SOURCE,
        url: null,
      };
    }),
  );
}

/** The text of the first markdown heading, if any. */
export function firstHeading(text: string): string | undefined {
  return /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(text)?.[1];
}

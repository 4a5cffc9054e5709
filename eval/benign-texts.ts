import { readFileSync, readdirSync } from 'node:fs';
import { splitSentences } from '../src/language/text.js';
import { chunkText } from '../src/vector/chunker.js';
import { corpusDirectory } from '../src/vector/corpus.js';

/**
 * Benign text the gateway itself handles, which the guards must never flag: read the same way
 * by their training (src/cli/train-guards.ts), their evaluation (eval/guards.ts) and their tests.
 */

const NEWS_SAMPLES = [
  'newsapi-everything.json',
  'newsapi-top-headlines.json',
  'hn-algolia-search.json',
];

/** The news texts (titles, descriptions, contents, story texts) of the vendored provider samples. */
export function providerNewsTexts(): string[] {
  const dir = new URL('../test/fixtures/providers/', import.meta.url);
  const texts: string[] = [];
  for (const name of NEWS_SAMPLES) {
    const body = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as {
      articles?: Array<Record<string, unknown>>;
      hits?: Array<Record<string, unknown>>;
    };
    for (const item of [...(body.articles ?? []), ...(body.hits ?? [])])
      for (const field of ['title', 'description', 'content', 'story_text']) {
        const text = item[field];
        if (typeof text === 'string' && text) texts.push(text);
      }
  }
  return texts;
}

/** Every sentence and every index chunk of the bundled documentation, by file name. */
export function documentationPieces(): Array<{ file: string; text: string }> {
  const dir = corpusDirectory();
  const pieces: Array<{ file: string; text: string }> = [];
  for (const file of readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    for (const piece of [...splitSentences(text), ...chunkText(text)])
      pieces.push({ file, text: piece });
  }
  return pieces;
}

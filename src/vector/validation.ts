import { badInput } from '../errors.js';
import type { DocumentInput } from '../sources/model.js';

/** Bounds on what a client may ingest or ask, checked before any embedding. */
export const vectorLimits = {
  maxDocumentsPerCall: 100,
  /** UTF-8 bytes of one document's text: 1 MiB. */
  maxTextBytes: 1024 * 1024,
  maxIdLength: 256,
  maxTitleLength: 500,
  maxSourceLength: 200,
  maxUrlLength: 2048,
  maxQueryLength: 2000,
  minK: 1,
  maxK: 50,
} as const;

/** A document after validation: trimmed id, absent fields null. */
export interface ValidDocument {
  id: string;
  title: string | null;
  text: string;
  source: string | null;
  url: string | null;
}

/** Checks one ingest call; BAD_USER_INPUT naming the first offending document and field. */
export function validateDocuments(documents: readonly DocumentInput[]): ValidDocument[] {
  const { maxDocumentsPerCall, maxTextBytes, maxIdLength } = vectorLimits;
  if (documents.length > maxDocumentsPerCall) {
    throw badInput(`at most ${maxDocumentsPerCall} documents per call, got ${documents.length}`);
  }
  const seen = new Set<string>();
  return documents.map((doc, i) => {
    const at = `documents[${i}]`;
    const id = typeof doc.id === 'string' ? doc.id.trim() : '';
    if (id === '') throw badInput(`${at}.id must not be empty`);
    if (id.length > maxIdLength)
      throw badInput(`${at}.id must be at most ${maxIdLength} characters`);
    if (seen.has(id)) throw badInput(`${at}.id repeats the id of an earlier document`);
    seen.add(id);
    if (typeof doc.text !== 'string' || doc.text.trim() === '')
      throw badInput(`${at}.text must not be empty`);
    if (Buffer.byteLength(doc.text, 'utf8') > maxTextBytes)
      throw badInput(`${at}.text must be at most 1 MiB`);
    return {
      id,
      text: doc.text,
      title: optional(doc.title, `${at}.title`, vectorLimits.maxTitleLength),
      source: optional(doc.source, `${at}.source`, vectorLimits.maxSourceLength),
      url: optional(doc.url, `${at}.url`, vectorLimits.maxUrlLength),
    };
  });
}

/** A trimmed, bounded query and a k within range, or BAD_USER_INPUT. */
export function validateSearch(query: string, k: number): { query: string; k: number } {
  const { maxQueryLength, minK, maxK } = vectorLimits;
  const text = typeof query === 'string' ? query.trim() : '';
  if (text === '') throw badInput('`query` must not be empty');
  if (text.length > maxQueryLength)
    throw badInput(`\`query\` must be at most ${maxQueryLength} characters`);
  if (!Number.isInteger(k) || k < minK || k > maxK)
    throw badInput(`\`k\` must be an integer from ${minK} to ${maxK}`);
  return { query: text, k };
}

function optional(value: string | null | undefined, name: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (text.length > max) throw badInput(`${name} must be at most ${max} characters`);
  return text === '' ? null : text;
}

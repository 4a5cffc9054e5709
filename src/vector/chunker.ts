/** Chunk size and overlap, in characters. */
export interface ChunkOptions {
  /** Upper bound on a chunk's length in characters, heading included. */
  maxChars?: number;
  /** About this many characters at the end of a chunk are repeated at the start of the next one. */
  overlapChars?: number;
}

/** Bump when chunk boundaries change, so bundled documents are re-chunked. */
export const CHUNKER_VERSION = 1;

interface Section {
  /** Heading trail, e.g. `Providers › NewsAPI`; null before the first heading. */
  heading: string | null;
  paragraphs: string[];
}

/**
 * A chunk split back into its heading trail and its body, the inverse of how `chunkText` writes
 * them (`Page › Section`, a blank line, the body). A chunk of a text without headings has none;
 * a short first line without a sentence end, followed by a blank line, is read as a heading too
 * (a title a user prepended to their text).
 */
export function splitChunk(text: string): { heading: string | null; body: string } {
  const match = /^([^\n]*›[^\n]*|[^\n]{1,200}(?<![.!?:;,]))\n\s*\n/.exec(text);
  if (!match) return { heading: null, body: text.trim() };
  return { heading: (match[1] as string).trim(), body: text.slice(match[0].length).trim() };
}

/** A piece of a section and the whitespace that preceded it in the source. */
interface Unit {
  text: string;
  sep: string;
}

/**
 * Splits a text into overlapping chunks, preferring paragraph, then line and sentence, then word
 * boundaries. A markdown heading starts a new chunk and its trail is repeated at the top of every
 * chunk of its section, so a passage read alone still says what it is about. Deterministic; never
 * returns an empty chunk; overlap does not cross headings.
 */
export function chunkText(
  text: string,
  { maxChars = 800, overlapChars = 150 }: ChunkOptions = {},
): string[] {
  if (!Number.isInteger(maxChars) || maxChars < 50)
    throw new RangeError('maxChars must be an integer >= 50');
  if (!Number.isInteger(overlapChars) || overlapChars < 0 || overlapChars > maxChars / 2) {
    throw new RangeError('overlapChars must be an integer from 0 to maxChars / 2');
  }
  const chunks: string[] = [];
  const headingLimit = Math.floor(maxChars / 4);
  for (const section of splitSections(text)) {
    const heading = section.heading === null ? null : truncate(section.heading, headingLimit);
    const prefix = heading === null ? '' : `${heading}\n\n`;
    const budget = maxChars - prefix.length;
    const units = section.paragraphs.flatMap((paragraph) => splitParagraph(paragraph, budget));
    for (const body of pack(units, budget, Math.min(overlapChars, Math.floor(budget / 2)))) {
      chunks.push(prefix + body);
    }
  }
  const trimmed = text.trim();
  // A text made of headings only still yields something to find.
  if (chunks.length === 0 && trimmed !== '')
    return splitWords(trimmed, maxChars, ' ').map((unit) => unit.text);
  return chunks;
}

function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  const trail: Array<{ level: number; title: string }> = [];
  let current: Section = { heading: null, paragraphs: [] };
  let lines: string[] = [];
  let inFence = false;
  const flush = () => {
    const paragraph = lines.join('\n').trim();
    if (paragraph !== '') current.paragraphs.push(paragraph);
    lines = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      if (current.paragraphs.length > 0) sections.push(current);
      const level = (heading[1] as string).length;
      while (trail.length > 0 && (trail[trail.length - 1] as { level: number }).level >= level)
        trail.pop();
      trail.push({ level, title: heading[2] as string });
      current = { heading: trail.map((h) => h.title).join(' › '), paragraphs: [] };
    } else if (!inFence && line.trim() === '') flush();
    else lines.push(line);
  }
  flush();
  if (current.paragraphs.length > 0) sections.push(current);
  return sections;
}

/** A paragraph as one unit when it fits, else its lines, sentences and finally words. */
function splitParagraph(paragraph: string, budget: number): Unit[] {
  if (paragraph.length <= budget) return [{ text: paragraph, sep: '\n\n' }];
  const units: Unit[] = [];
  paragraph.split('\n').forEach((line, i) => {
    const lineSep = i === 0 ? '\n\n' : '\n';
    const sentences = line.trim().split(/(?<=[.!?:;])\s+/u);
    sentences.forEach((sentence, j) => {
      const sep = j === 0 ? lineSep : ' ';
      if (sentence.length <= budget) units.push({ text: sentence, sep });
      else units.push(...splitWords(sentence, budget, sep));
    });
  });
  return units.filter((unit) => unit.text !== '');
}

function splitWords(text: string, budget: number, sep: string): Unit[] {
  const units: Unit[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    for (let i = 0; i < word.length; i += budget) {
      const piece = word.slice(i, i + budget);
      if (current !== '' && current.length + 1 + piece.length > budget) {
        units.push({ text: current, sep: units.length === 0 ? sep : ' ' });
        current = piece;
      } else current = current === '' ? piece : `${current} ${piece}`;
    }
  }
  if (current !== '') units.push({ text: current, sep: units.length === 0 ? sep : ' ' });
  return units;
}

/** Greedy packing of units into bodies of at most `budget` characters, with a tail overlap. */
function pack(units: readonly Unit[], budget: number, overlapChars: number): string[] {
  const bodies: string[] = [];
  let current: Unit[] = [];
  const length = (list: readonly Unit[]) =>
    list.reduce((sum, u, i) => sum + (i ? u.sep.length : 0) + u.text.length, 0);
  for (const unit of units) {
    if (current.length > 0 && length([...current, unit]) > budget) {
      bodies.push(join(current));
      current = tail(current, overlapChars);
      while (current.length > 0 && length([...current, unit]) > budget) current.shift();
    }
    current.push(unit);
  }
  // The last unit pushed is always new text, so this is never a chunk of overlap alone.
  if (current.length > 0) bodies.push(join(current));
  return bodies;
}

/** The last units of a chunk totalling at most `overlapChars`; a word-cut piece when none fits. */
function tail(units: readonly Unit[], overlapChars: number): Unit[] {
  if (overlapChars === 0) return [];
  const kept: Unit[] = [];
  let total = 0;
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i] as Unit;
    total += unit.text.length + (kept.length > 0 ? (kept[0] as Unit).sep.length : 0);
    if (total > overlapChars) break;
    kept.unshift(unit);
  }
  if (kept.length > 0) return kept;
  const last = (units[units.length - 1] as Unit).text;
  const cut = last.slice(-overlapChars);
  const space = cut.indexOf(' ');
  const piece = space >= 0 ? cut.slice(space + 1) : cut;
  return piece === '' ? [] : [{ text: `…${piece}`, sep: ' ' }];
}

function join(units: readonly Unit[]): string {
  return units.map((unit, i) => (i === 0 ? unit.text : unit.sep + unit.text)).join('');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

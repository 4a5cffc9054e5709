/** Pure text helpers for provider fields that carry HTML (HN `story_text`) or need a short summary. */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes the named entities HN and NewsAPI use plus every decimal and hex numeric entity. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (entity, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      // An out-of-range code point would make fromCodePoint throw: keep the text as it came.
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

/**
 * Plain text of an HTML fragment: tags removed (block-level breaks such as `<p>` become a space),
 * entities decoded, whitespace collapsed. Tags go before entities so `&lt;b&gt;` stays visible text.
 */
export function stripHtml(text: string): string {
  const untagged = text
    .replace(/<\s*\/?\s*(p|br|div|li|ul|ol|pre|blockquote|h[1-6])\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(untagged).replace(/\s+/g, ' ').trim();
}

/**
 * `text` cut to at most `max` characters at a word boundary, with `…` appended when cut. A single
 * word longer than half of `max` is cut mid-word rather than dropping most of the text.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  const room = text.slice(0, max - 1);
  // When the next character is whitespace the room already ends on a whole word.
  const space = /\s/.test(text.charAt(max - 1)) ? room.length : room.search(/\s\S*$/);
  const cut = space > (max - 1) / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s.,;:!?-]+$/, '')}…`;
}
